import { type CfnElement, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
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
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, XRAY_WILDCARD } from '../nag';
import { TaskFunction } from './taskFunction';

/**
 * Where the records come from.
 * - `msk`: an MSK cluster. Same account: `clusterArn` only. Cross-account (the cluster lives in the producer
 *   account): also `vpcConnectionArn`, the managed VPC connection of multi-VPC private connectivity in this
 *   account, which the mapping reads through; `clusterArn` still names the cluster for IAM access control.
 *   https://docs.aws.amazon.com/lambda/latest/dg/msk-cross-account.html
 * - `self-managed`: any Apache Kafka reachable at `bootstrapServers` (SASL/SCRAM by default), in `network`
 *   when the brokers are only reachable from a VPC.
 */
export type KafkaToS3Source =
  | {
      kind: 'msk';
      clusterArn: string;
      vpcConnectionArn?: string;
      /** IAM access control, or SASL/SCRAM with an `AmazonMSK_…` secret the cluster has associated. */
      auth: { kind: 'iam' } | { kind: 'scram'; secret: ISecret };
    }
  | {
      kind: 'self-managed';
      bootstrapServers: string[];
      secret: ISecret;
      /** Default SASL/SCRAM-SHA-512. */
      authenticationMethod?: AuthenticationMethod;
      network?: { vpc: IVpc; vpcSubnets: SubnetSelection; securityGroup: ISecurityGroup };
      /** The brokers' private CA certificate, when they use one. */
      rootCaCertificate?: ISecret;
    };

export interface KafkaToS3ConsumerProps {
  source: KafkaToS3Source;
  topic: string;
  /** The mapping's consumer group: 1–200 of `[a-zA-Z0-9-/*:_+=.@]`, and immutable once deployed. */
  consumerGroupId: string;
  /** Records per invocation, 1–10,000 (default 1,000). */
  batchSize?: number;
  /** How long Lambda gathers a batch, ≤ 300 s (default 1 s). */
  maxBatchingWindow?: Duration;
  /** Where a new consumer group starts (default TRIM_HORIZON). */
  startingPosition?: StartingPosition;
  /** Retries of a failing batch before it goes to the on-failure queue (default 10, Lambda's cap with a destination). */
  retryAttempts?: number;
  /** Records older than this go to the on-failure queue unprocessed (default: never). */
  maxRecordAge?: Duration;
  /**
   * Provisioned pollers. Kafka's error handling controls (partial batch response, retries, on-failure
   * destination) need provisioned mode, so the mapping always has them (default 1–2 pollers).
   */
  pollers?: { minimum: number; maximum: number };
  /** `PREFIX` of the objects (default `topics`). */
  prefix?: string;
  /** `PAYLOAD_ENCODING` (default `base64`). */
  payloadEncoding?: 'base64' | 'utf8' | 'json';
  /** What happens to the landing bucket and its key on stack deletion (default RETAIN: it holds data). */
  removalPolicy?: RemovalPolicy;
}

const CONSUMER_GROUP_PATTERN = /^[a-zA-Z0-9\-/*:_+=.@]{1,200}$/;
const PREFIX_PATTERN = /^[A-Za-z0-9!_.*'()\-=]+(\/[A-Za-z0-9!_.*'()\-=]+)*$/;

function validate(props: KafkaToS3ConsumerProps): void {
  const problems: string[] = [];
  if (!Token.isUnresolved(props.consumerGroupId) && !CONSUMER_GROUP_PATTERN.test(props.consumerGroupId)) {
    problems.push('consumerGroupId: 1–200 characters of [a-zA-Z0-9-/*:_+=.@]');
  }
  const batchSize = props.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    problems.push('batchSize: 1–10,000');
  if ((props.maxBatchingWindow?.toSeconds() ?? 1) > 300)
    problems.push('maxBatchingWindow: at most 300 seconds');
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(props.topic)) problems.push('topic: a Kafka topic name');
  if (props.prefix !== undefined && !PREFIX_PATTERN.test(props.prefix))
    problems.push('prefix: an S3 key prefix');
  if (props.source.kind === 'self-managed' && props.source.bootstrapServers.length === 0) {
    problems.push('source.bootstrapServers: at least one host:port');
  }
  if (problems.length > 0) throw new Error(`Invalid KafkaToS3Consumer props: ${problems.join('; ')}`);
}

/** `arn:…:kafka:…:cluster/<name>/<uuid>` → the ARN of a topic or group of that cluster (IAM access control). */
function clusterResourceArn(clusterArn: string, kind: 'topic' | 'group', name: string): string {
  if (!Token.isUnresolved(clusterArn)) return `${clusterArn.replace(':cluster/', `:${kind}/`)}/${name}`;
  const parts = Fn.split(':cluster/', clusterArn, 2);
  return Fn.join('', [Fn.select(0, parts), `:${kind}/`, Fn.select(1, parts), `/${name}`]);
}

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
  readonly mapping: EventSourceMapping;

  constructor(scope: Construct, id: string, props: KafkaToS3ConsumerProps) {
    super(scope, id);
    // Access-log delivery through a bucket policy (not the LogDeliveryWrite ACL, which bucket-owner-enforced
    // ownership forbids); set here, before any child exists, so it holds whatever the app's flags say.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    validate(props);
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
        POWERTOOLS_METRICS_NAMESPACE: 'MskFlows',
      },
    });
    this.grantWrites(prefix);
    this.grantSource(props);
    this.mapping = this.createMapping(props);
    this.acknowledgeFindings(prefix);
  }

  /** PutObject under the prefix only, and GenerateDataKey on the bucket's key for SSE-KMS. */
  private grantWrites(prefix: string): void {
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${prefix}/*`)],
      }),
    );
    this.key.grant(this.function, 'kms:GenerateDataKey');
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
      source.secret.grantRead(role);
      source.rootCaCertificate?.grantRead(role);
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
      source.auth.secret.grantRead(role);
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
  }
}
