import { type CfnElement, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import {
  EventSourceMapping,
  type SourceAccessConfiguration,
  SourceAccessConfigurationType,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import { AuthenticationMethod, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, XRAY_WILDCARD } from '../nag';
import { grantCalls } from '../permissions/calls';
import { KAFKA_TO_S3_CALLS } from '../permissions/ingestCalls';
import {
  clusterResourceArn,
  type KafkaToS3ConsumerProps,
  type KafkaToS3Source,
  validateKafkaToS3ConsumerProps,
} from './kafkaToS3ConsumerProps';
import { grantScramSecretRead } from './scramSecretAccess';
import { TaskFunction } from './taskFunction';

/** Where envelopes too big for SQS go, in the landing bucket (outside the topics prefix). */
const CLAIM_CHECK_PREFIX = 'dlq/kafka-to-s3/';

export type { KafkaToS3ConsumerProps, KafkaToS3Source } from './kafkaToS3ConsumerProps';

/**
 * The consumer-account Kafka → S3 pipeline: the `kafka-to-s3` function, its landing bucket (SSE-KMS with a
 * customer-managed key and an S3 Bucket Key, bucket-owner-enforced, private, TLS-only, versioned, access
 * logged), an event source mapping for MSK (same- or cross-account) or self-managed Kafka with partial
 * batch responses in provisioned mode, and an SQS on-failure destination. IAM is scoped to this topic,
 * group, cluster, bucket prefix and key.
 */
export class KafkaToS3Consumer extends Construct {
  readonly function: TaskFunction;
  readonly bucket: Bucket;
  readonly accessLogsBucket: Bucket;
  readonly key: IKey;
  readonly onFailureQueue: Queue;
  /** Malformed records (e.g. invalid base64 under PAYLOAD_ENCODING=base64) parked as DLQ envelopes. */
  readonly parkedQueue: Queue;
  readonly mapping: EventSourceMapping;

  constructor(scope: Construct, id: string, props: KafkaToS3ConsumerProps) {
    super(scope, id);
    // Access-log delivery through a bucket policy (not the LogDeliveryWrite ACL, which bucket-owner-enforced
    // ownership forbids); set here, before any child exists, so it holds whatever the app's flags say.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    validateKafkaToS3ConsumerProps(props);
    const prefix = props.prefix ?? 'topics';
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.key = new Key(this, 'Key', {
      description: 'msk-flows kafka-to-s3: landing bucket objects (SSE-KMS with an S3 Bucket Key)',
      enableKeyRotation: true,
      removalPolicy,
    });
    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      // Server access logs can only be delivered to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy,
    });
    this.bucket = new Bucket(this, 'Landing', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'landing/',
      removalPolicy,
    });
    // The on-failure records hold batch metadata only (topic-partition, offsets), no payload: SSE-SQS suffices
    // and keeps KMS grants to the landing key out of the function's role.
    this.onFailureQueue = new Queue(this, 'OnFailure', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // Parked records carry their payload: encrypted with the landing key, like the objects they failed to be.
    this.parkedQueue = new Queue(this, 'ParkedQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    // The function only talks to S3: the mapping's pollers, not the function, connect to the brokers.
    this.function = new TaskFunction(this, 'Function', {
      entry: 'tasks/ingest/kafkaToS3/writeKafkaBatchToS3.ts',
      description: 'msk-flows kafka-to-s3: Kafka batches to gzip NDJSON objects with deterministic keys',
      timeout: Duration.minutes(2),
      memorySize: 1024,
      environment: {
        BUCKET: this.bucket.bucketName,
        PREFIX: prefix,
        KMS_KEY_ARN: this.key.keyArn,
        PAYLOAD_ENCODING: props.payloadEncoding ?? 'base64',
        DLQ_QUEUE_URL: this.parkedQueue.queueUrl,
        DLQ_CLAIM_CHECK_BUCKET: this.bucket.bucketName,
        DLQ_CLAIM_CHECK_PREFIX: CLAIM_CHECK_PREFIX,
        POWERTOOLS_METRICS_NAMESPACE: 'MskFlows',
      },
    });
    this.grantWrites(prefix);
    this.grantSource(props);
    this.mapping = this.createMapping(props);
    this.acknowledgeFindings(prefix);
  }

  /**
   * KAFKA_TO_S3_CALLS: PutObject under the prefix only, GenerateDataKey on the bucket's key for SSE-KMS,
   * SendMessage to the parked queue and claim checks under their own prefix.
   */
  private grantWrites(prefix: string): void {
    grantCalls(this, this.function, KAFKA_TO_S3_CALLS, {
      objects: [this.bucket.arnForObjects(`${prefix}/*`)],
      bucketKey: [this.key.keyArn],
      deadLetterQueue: [this.parkedQueue.queueArn],
      deadLetterQueueKey: [this.key.keyArn],
      claimChecks: [this.bucket.arnForObjects(`${CLAIM_CHECK_PREFIX}*`)],
      claimCheckKey: [this.key.keyArn],
    });
  }

  /** What the event source mapping's pollers need from the execution role to reach the brokers. */
  private grantSource(props: KafkaToS3ConsumerProps): void {
    const { source } = props;
    const role = this.function;
    const inVpc = source.kind === 'msk' || source.network !== undefined;
    if (inVpc) {
      // Lambda's pollers attach ENIs in the brokers' subnets (AWSLambdaMSKExecutionRole's EC2 actions);
      // EC2 supports no resource-level permissions for these Describe calls.
      role.addToRolePolicy(
        new PolicyStatement({
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeVpcs',
            'ec2:DeleteNetworkInterface',
            'ec2:DescribeSubnets',
            'ec2:DescribeSecurityGroups',
          ],
          resources: ['*'],
        }),
      );
    }
    if (source.kind === 'self-managed') {
      grantScramSecretRead(role, source.secret, source.key);
      if (source.rootCaCertificate) grantScramSecretRead(role, source.rootCaCertificate);
      return;
    }
    role.addToRolePolicy(
      new PolicyStatement({
        actions: ['kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers'],
        resources: [source.clusterArn],
      }),
    );
    if (source.vpcConnectionArn) {
      role.addToRolePolicy(
        new PolicyStatement({
          actions: ['kafka:DescribeVpcConnection'],
          resources: [source.vpcConnectionArn],
        }),
      );
    }
    if (source.auth.kind === 'scram') {
      grantScramSecretRead(role, source.auth.secret, source.auth.key);
      return;
    }
    // MSK IAM access control: connect, read this topic, manage offsets of this group only.
    role.addToRolePolicy(
      new PolicyStatement({
        actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeClusterDynamicConfiguration'],
        resources: [source.clusterArn],
      }),
    );
    role.addToRolePolicy(
      new PolicyStatement({
        actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
        resources: [clusterResourceArn(source.clusterArn, 'topic', props.topic)],
      }),
    );
    role.addToRolePolicy(
      new PolicyStatement({
        actions: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
        resources: [clusterResourceArn(source.clusterArn, 'group', props.consumerGroupId)],
      }),
    );
  }

  private accessConfigurations(source: KafkaToS3Source): SourceAccessConfiguration[] {
    if (source.kind === 'msk') {
      return source.auth.kind === 'scram'
        ? [{ type: SourceAccessConfigurationType.SASL_SCRAM_512_AUTH, uri: source.auth.secret.secretArn }]
        : [];
    }
    const method = source.authenticationMethod ?? AuthenticationMethod.SASL_SCRAM_512_AUTH;
    const configs: SourceAccessConfiguration[] = [
      { type: SourceAccessConfigurationType.of(method), uri: source.secret.secretArn },
    ];
    if (source.rootCaCertificate) {
      configs.push({
        type: SourceAccessConfigurationType.SERVER_ROOT_CA_CERTIFICATE,
        uri: source.rootCaCertificate.secretArn,
      });
    }
    if (source.network) {
      for (const subnet of source.network.vpc.selectSubnets(source.network.vpcSubnets).subnetIds) {
        configs.push({ type: SourceAccessConfigurationType.VPC_SUBNET, uri: `subnet:${subnet}` });
      }
      configs.push({
        type: SourceAccessConfigurationType.VPC_SECURITY_GROUP,
        uri: `security_group:${source.network.securityGroup.securityGroupId}`,
      });
    }
    return configs;
  }

  private createMapping(props: KafkaToS3ConsumerProps): EventSourceMapping {
    const { source } = props;
    const pollers = props.pollers ?? { minimum: 1, maximum: 2 };
    const access = this.accessConfigurations(source);
    return new EventSourceMapping(this, 'Trigger', {
      target: this.function,
      ...(source.kind === 'msk'
        ? { eventSourceArn: source.vpcConnectionArn ?? source.clusterArn }
        : { kafkaBootstrapServers: source.bootstrapServers }),
      kafkaTopic: props.topic,
      kafkaConsumerGroupId: props.consumerGroupId,
      ...(access.length > 0 ? { sourceAccessConfigurations: access } : {}),
      startingPosition: props.startingPosition ?? StartingPosition.TRIM_HORIZON,
      batchSize: props.batchSize ?? 1000,
      maxBatchingWindow: props.maxBatchingWindow ?? Duration.seconds(1),
      // Partial batch response: a failed partition is retried from its first failed offset, others advance.
      reportBatchItemFailures: true,
      retryAttempts: props.retryAttempts ?? 10,
      ...(props.maxRecordAge ? { maxRecordAge: props.maxRecordAge } : {}),
      onFailure: new SqsDlq(this.onFailureQueue),
      provisionedPollerConfig: { minimumPollers: pollers.minimum, maximumPollers: pollers.maximum },
    });
  }

  /** The findings this construct cannot avoid, each with the reason it cannot be narrowed. */
  private acknowledgeFindings(prefix: string): void {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    acknowledge(this.function.role ?? this.function, [
      XRAY_WILDCARD,
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}/*]`,
        reason:
          'Object keys are derived per batch (topic, partition, offsets); PutObject is limited to the prefix of ' +
          'this one bucket.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${CLAIM_CHECK_PREFIX}*]`,
        reason:
          'Claim-check keys are derived per parked record; PutObject is limited to the claim-check prefix of ' +
          'this one bucket.',
      },
    ]);
    acknowledge(this.accessLogsBucket, [
      {
        id: 'AwsSolutions-S1',
        reason: 'This is the server access log bucket; logging its own access would loop.',
      },
    ]);
    acknowledge(this.onFailureQueue, [
      {
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is the on-failure destination of the Kafka event source mapping: it receives the metadata ' +
          'of batches Lambda gave up on; a dead-letter queue for it would add nothing.',
      },
    ]);
    acknowledge(this.parkedQueue, [
      {
        id: 'AwsSolutions-SQS3',
        reason:
          "It is a dead-letter queue: the consumer's DLQ envelopes of malformed records, read by replay.",
      },
    ]);
  }
}
