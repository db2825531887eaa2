import { Annotations, ArnFormat, CfnOutput, Stack, type StackProps, Token } from 'aws-cdk-lib';
import { SecurityGroup, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Key } from 'aws-cdk-lib/aws-kms';
import { DatabaseProxy } from 'aws-cdk-lib/aws-rds';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { IngestConfig } from '../config';
import { FlightDataApi } from '../constructs/flightDataApi';
import { FlightDataSite, siteApiOf } from '../constructs/flightDataSite';
import { KafkaToS3Consumer, type KafkaToS3Source } from '../constructs/kafkaToS3Consumer';
import { Monitoring } from '../constructs/monitoring';
import type { ScramSecretKeyRef } from '../constructs/scramSecretAccess';
import { ROUTE_TABLES_UNUSED } from '../network';

export interface ConsumerStackProps extends StackProps {
  config: IngestConfig;
  /** The platform key of `AmazonMSK_…` secrets, when this stack shares the producer's account. */
  scramSecretKey?: ScramSecretKeyRef;
  /** SNS topic (of this stack's account) the alarms notify. */
  alarmTopicArn?: string;
}

type ConsumerConfig = NonNullable<IngestConfig['consumer']>;
type FlightDataConfig = NonNullable<IngestConfig['flightData']>;

/**
 * Consumer account: lands Kafka records in S3 (MSK same- or cross-account, or self-managed) when
 * `msk-flows:ingest.consumer` is set, and serves the relational `flightData` table through a read API
 * when `msk-flows:ingest.flightData` names its RDS Proxy.
 */
export class ConsumerStack extends Stack {
  readonly consumer?: KafkaToS3Consumer;
  readonly flightData?: FlightDataApi;
  readonly flightDataSite?: FlightDataSite;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: ConsumerStackProps) {
    super(scope, id, props);
    Annotations.of(this).acknowledgeWarning('@aws-cdk/aws-ec2:noSubnetRouteTableId', ROUTE_TABLES_UNUSED);
    const { consumer: c, flightData: f } = props.config;
    if (c) {
      this.consumer = new KafkaToS3Consumer(this, 'KafkaToS3', {
        source: this.source(c, props.scramSecretKey),
        topic: c.topic,
        consumerGroupId: c.consumerGroupId,
      });
      new CfnOutput(this, 'LandingBucketName', {
        value: this.consumer.bucket.bucketName,
        description: 'Where the Kafka → S3 consumer writes',
      });
    }
    if (f) {
      const { api, site } = this.flightDataApi(f);
      this.flightData = api;
      this.flightDataSite = site;
    }
    this.monitoring = new Monitoring(this, 'Monitoring', {
      dashboardName: id,
      alarmTopicArn: props.alarmTopicArn,
    });
    if (this.consumer) {
      this.monitoring.addFunction('Kafka → S3 consumer', this.consumer.function);
      this.monitoring.addKafkaTrigger('Kafka → S3 consumer', this.consumer.function);
      this.monitoring.addDeadLetterQueue('Kafka batches given up', this.consumer.onFailureQueue);
    }
    if (this.flightData) {
      this.monitoring.addFunction('flightData API function', this.flightData.function);
      this.monitoring.addApi('flightData API', this.flightData.api);
    }
  }

  private source(c: ConsumerConfig, platformKey?: ScramSecretKeyRef): KafkaToS3Source {
    const key = c.scramSecretKeyArn
      ? { key: Key.fromKeyArn(this, 'ConsumerSecretKey', c.scramSecretKeyArn) }
      : platformKey;
    const secret = () => Secret.fromSecretNameV2(this, 'ConsumerSecret', c.scramSecretName as string);
    if (c.clusterArn) {
      return {
        kind: 'msk',
        clusterArn: c.clusterArn,
        vpcConnectionArn: c.vpcConnectionArn,
        auth: c.auth === 'iam' ? { kind: 'iam' } : { kind: 'scram', secret: secret(), key },
      };
    }
    const n = c.network;
    return {
      kind: 'self-managed',
      bootstrapServers: c.bootstrapServers ?? [],
      secret: secret(),
      key: c.scramSecretKeyArn ? key : undefined,
      rootCaCertificate: c.rootCaSecretName
        ? Secret.fromSecretNameV2(this, 'BrokerRootCa', c.rootCaSecretName)
        : undefined,
      network: n && {
        vpc: Vpc.fromVpcAttributes(this, 'BrokerVpc', {
          vpcId: n.vpcId,
          availabilityZones: n.availabilityZones,
          privateSubnetIds: n.subnetIds,
        }),
        vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
        securityGroup: SecurityGroup.fromSecurityGroupId(this, 'BrokerClientSg', n.securityGroupId),
      },
    };
  }

  private flightDataApi(f: FlightDataConfig): { api: FlightDataApi; site: FlightDataSite } {
    const vpc = Vpc.fromVpcAttributes(this, 'FlightDataVpc', {
      vpcId: f.vpcId,
      availabilityZones: f.availabilityZones,
      privateSubnetIds: f.subnetIds,
    });
    const proxySecurityGroup = SecurityGroup.fromSecurityGroupId(this, 'ProxySg', f.proxySecurityGroupId);
    const proxy = DatabaseProxy.fromDatabaseProxyAttributes(this, 'Proxy', {
      dbProxyName: f.proxyName,
      dbProxyArn: this.formatArn({
        service: 'rds',
        resource: 'db-proxy',
        resourceName: f.proxyResourceId,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
      endpoint: f.proxyEndpoint,
      securityGroups: [proxySecurityGroup],
    });
    // CloudFront serves anyone in `aws`; in China it needs an ICP-licensed domain (README: hosting the page).
    const china = !Token.isUnresolved(this.region) && this.region.startsWith('cn-');
    const site = new FlightDataSite(this, 'FlightDataSite', { cdn: !china });
    const siteOrigin = site.origin;
    const api = new FlightDataApi(this, 'FlightDataApi', {
      vpc,
      vpcSubnets: { subnets: vpc.privateSubnets },
      proxy,
      proxySecurityGroup,
      databaseName: f.databaseName,
      dbUser: f.dbUser,
      allowedOrigins: siteOrigin ? [...f.allowedOrigins, siteOrigin] : f.allowedOrigins,
    });
    site.deployFor(siteApiOf(api.api, api.url));
    new CfnOutput(this, 'FlightDataSiteBucket', { value: site.bucket.bucketName });
    if (siteOrigin) new CfnOutput(this, 'FlightDataSiteUrl', { value: siteOrigin });
    new CfnOutput(this, 'FlightDataApiUrl', {
      value: api.url,
      description: 'GET /flightData (API key required)',
    });
    new CfnOutput(this, 'FlightDataApiKeyId', {
      value: api.apiKey.keyId,
      description: 'aws apigateway get-api-key --include-value --api-key <id> gives the web app its key',
    });
    return { api, site };
  }
}
