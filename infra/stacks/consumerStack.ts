import { ArnFormat, CfnOutput, Stack, type StackProps, Token } from 'aws-cdk-lib';
import { SecurityGroup, Subnet, Vpc } from 'aws-cdk-lib/aws-ec2';
import { DatabaseProxy } from 'aws-cdk-lib/aws-rds';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { FlightDataApi } from '../constructs/flightDataApi';
import { FlightDataSite, siteApiOf } from '../constructs/flightDataSite';
import { KafkaToS3Consumer } from '../constructs/kafkaToS3Consumer';
import type { IngestConfig } from '../ingestConfig';

export interface ConsumerStackProps extends StackProps {
  config: IngestConfig;
}

/**
 * Consumer account: lands Kafka records in S3 (MSK cross-account or self-managed trigger) and serves
 * the relational `flightData` table through a read API when its RDS Proxy is configured.
 */
export class ConsumerStack extends Stack {
  readonly consumer: KafkaToS3Consumer;
  readonly flightData?: FlightDataApi;
  readonly flightDataSite?: FlightDataSite;

  constructor(scope: Construct, id: string, props: ConsumerStackProps) {
    super(scope, id, props);
    const { consumer: c, flightData: f } = props.config;
    const secret = Secret.fromSecretNameV2(this, 'ConsumerSecret', c.scramSecretName);
    this.consumer = new KafkaToS3Consumer(this, 'KafkaToS3', {
      source: c.clusterArn
        ? { kind: 'msk', clusterArn: c.clusterArn, auth: { kind: 'scram', secret } }
        : { kind: 'self-managed', bootstrapServers: c.bootstrapServers ?? [], secret },
      topic: c.topic,
      consumerGroupId: c.consumerGroupId,
    });
    if (f) {
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
      this.flightDataSite = new FlightDataSite(this, 'FlightDataSite', { cdn: !china });
      const siteOrigin = this.flightDataSite.origin;
      this.flightData = new FlightDataApi(this, 'FlightDataApi', {
        vpc,
        vpcSubnets: {
          subnets: f.subnetIds.map((id, i) => Subnet.fromSubnetId(this, `FlightDataSubnet${i}`, id)),
        },
        proxy,
        proxySecurityGroup,
        databaseName: f.databaseName,
        dbUser: f.dbUser,
        allowedOrigins: siteOrigin ? [...f.allowedOrigins, siteOrigin] : f.allowedOrigins,
      });
      this.flightDataSite.deployFor(siteApiOf(this.flightData.api, this.flightData.url));
      new CfnOutput(this, 'FlightDataApiUrl', { value: this.flightData.url });
      new CfnOutput(this, 'FlightDataSiteBucket', { value: this.flightDataSite.bucket.bucketName });
      if (siteOrigin) new CfnOutput(this, 'FlightDataSiteUrl', { value: siteOrigin });
    }
  }
}
