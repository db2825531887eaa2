import { Arn, ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import {
  type DlqDestinationConfig,
  type IEventSourceDlq,
  type IEventSourceMapping,
  type IFunction,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type BridgeCompression, DEFAULT_BRIDGE_COMPRESSION } from '../../tasks/ingest/kinesisToKafka/config';
import { acknowledge, XRAY_WILDCARD } from '../nag';
import { grantCalls } from '../permissions/calls';
import { BRIDGE_CALLS } from '../permissions/ingestCalls';
import { type ScramSecretKeyRef, secretPolicyArn } from './scramSecretAccess';
import { tagScramKeyUser } from './scramSecretKey';
import { TaskFunction, type TaskNetwork } from './taskFunction';

/** How the bridge authenticates to the brokers (the bootstrap servers must be that scheme's port). */
export type KinesisToKafkaAuth =
  /** SASL/SCRAM-SHA-512 with the `AmazonMSK_…` secret (port 9096) and its customer-managed key. */
  | { type: 'scram'; secret: ISecret; key?: ScramSecretKeyRef }
  /** MSK IAM access control (port 9098); the cluster's ARN scopes the `kafka-cluster:*` grants. */
  | { type: 'iam'; clusterArn: string }
  /** TLS only (port 9094). */
  | { type: 'tls' };

/** The Kinesis trigger's settings; defaults in brackets. */
export interface KinesisToKafkaTrigger {
  /** Records per invocation [1000]; Lambda caps a batch at 6 MB. */
  batchSize?: number;
  /** How long Lambda gathers records before invoking [1 s]: fewer, fuller produce requests. */
  maxBatchingWindow?: Duration;
  /** Concurrent batches per shard [2]; Lambda keeps each partition key's order across them. */
  parallelizationFactor?: number;
  /** Retries of a failing batch [5] (Lambda's default -1 retries until the record expires, blocking the shard). */
  retryAttempts?: number;
  /** Records older than this go to the on-failure destination [6 h], well within a 24 h stream retention. */
  maxRecordAge?: Duration;
  startingPosition?: StartingPosition;
}

export interface KinesisToKafkaBridgeProps {
  stream: IStream;
  /** `TARGET_TOPIC`. */
  topic: string;
  /** Comma-separated `host:port` bootstrap brokers for the auth scheme. */
  bootstrapServers: string;
  auth: KinesisToKafkaAuth;
  /** The queue of DLQ envelopes (records the bridge gives up on), shared with the replay workflow. */
  deadLetterQueue: IQueue;
  /** Where envelopes too big for SQS park their value (claim check). */
  claimCheckBucket: IBucket;
  /** Key prefix of this function's claim checks [`kinesis-to-kafka/`]. */
  claimCheckPrefix?: string;
  /** VPC placement beside the brokers (MSK). */
  network?: TaskNetwork;
  trigger?: KinesisToKafkaTrigger;
  /** Key of the on-failure queues; a new rotating key when not given. */
  encryptionKey?: IKey;
  /** `KAFKA_COMPRESSION`: the record batches' codec [DEFAULT_BRIDGE_COMPRESSION, chosen by `npm run bench`]. */
  compression?: BridgeCompression;
}

/**
 * An SQS on-failure destination granting what Lambda needs to send to a KMS-encrypted queue
 * (`sqs:SendMessage`, `kms:GenerateDataKey`, `kms:Decrypt`), where CDK's `SqsDlq` grants the key's whole
 * encrypt set (`kms:ReEncrypt*`, `kms:GenerateDataKey*`).
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
class EncryptedQueueDestination implements IEventSourceDlq {
  constructor(private readonly queue: Queue) {}

  bind(_target: IEventSourceMapping, handler: IFunction): DlqDestinationConfig {
    handler.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );
    this.queue.encryptionMasterKey?.grant(handler, 'kms:GenerateDataKey', 'kms:Decrypt');
    return { destination: this.queue.queueArn };
  }
}

/** The ARN of `topic` on the MSK cluster `clusterArn` (MSK IAM access control's topic resource). */
function topicArnOf(clusterArn: string, topic: string): string {
  const cluster = Arn.split(clusterArn, ArnFormat.SLASH_RESOURCE_NAME);
  return Arn.format({
    partition: cluster.partition,
    service: 'kafka',
    region: cluster.region,
    account: cluster.account,
    resource: 'topic',
    resourceName: `${cluster.resourceName}/${topic}`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/** How cdk-nag prints a resource in a finding id: intrinsics flattened to `<Logical.Attr>` / `<Ref>`. */
function nagResourceId(scope: Construct, value: string): string {
  const visit = (node: unknown): string => {
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
    const fn = node as Record<string, unknown>;
    if (Array.isArray(fn['Fn::Join'])) {
      const [delimiter, items] = fn['Fn::Join'] as [string, unknown[]];
      return items.map(visit).join(delimiter);
    }
    if (Array.isArray(fn['Fn::GetAtt'])) {
      const [resource, attribute] = fn['Fn::GetAtt'] as [unknown, unknown];
      return `<${visit(resource)}.${visit(attribute)}>`;
    }
    if ('Ref' in fn) return `<${visit(fn.Ref)}>`;
    return JSON.stringify(node);
  };
  return visit(Stack.of(scope).resolve(value));
}

/**
 * The Kinesis → Kafka bridge: the function (tasks/ingest/kinesisToKafka), its Kinesis trigger (bisect on
 * error, bounded retries and record age, partial batch responses, an SQS on-failure destination that keeps
 * its own dead-letter queue) and exactly the permissions its code uses.
 */
export class KinesisToKafkaBridge extends Construct {
  readonly function: TaskFunction;
  readonly eventSource: KinesisEventSource;
  /** Where Lambda reports batches it gave up on (shard id and sequence number range, no data). */
  readonly onFailureQueue: Queue;
  /** The Kafka topic the bridge produces to. */
  readonly topic: string;

  constructor(scope: Construct, id: string, props: KinesisToKafkaBridgeProps) {
    super(scope, id);
    this.topic = props.topic;
    const prefix = props.claimCheckPrefix ?? 'kinesis-to-kafka/';
    const key =
      props.encryptionKey ??
      new Key(this, 'Key', {
        enableKeyRotation: true,
        description: 'msk-flows: Kinesis → Kafka on-failure queues',
      });
    const failureDlq = new Queue(this, 'OnFailureDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.onFailureQueue = new Queue(this, 'OnFailure', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: failureDlq, maxReceiveCount: 5 },
    });

    this.function = new TaskFunction(this, 'Function', {
      entry: 'tasks/ingest/kinesisToKafka/bridgeKinesisBatch.ts',
      description:
        'msk-flows: Kinesis trigger batches → Kafka topic (idempotent, acks=all, partial failures)',
      timeout: Duration.minutes(2),
      memorySize: 1024,
      network: props.network,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'kinesis-to-kafka',
        POWERTOOLS_METRICS_NAMESPACE: 'MskFlows',
        TARGET_TOPIC: props.topic,
        KAFKA_BOOTSTRAP_SERVERS: props.bootstrapServers,
        KAFKA_AUTH: props.auth.type,
        KAFKA_TLS: 'true',
        ...(props.auth.type === 'scram' ? { KAFKA_SECRET_ARN: props.auth.secret.secretArn } : {}),
        DLQ_QUEUE_URL: props.deadLetterQueue.queueUrl,
        DLQ_BUCKET: props.claimCheckBucket.bucketName,
        DLQ_PREFIX: prefix,
        KAFKA_COMPRESSION: props.compression ?? DEFAULT_BRIDGE_COMPRESSION,
      },
    });

    const trigger = props.trigger ?? {};
    this.eventSource = new KinesisEventSource(props.stream, {
      startingPosition: trigger.startingPosition ?? StartingPosition.TRIM_HORIZON,
      batchSize: trigger.batchSize ?? 1000,
      maxBatchingWindow: trigger.maxBatchingWindow ?? Duration.seconds(1),
      parallelizationFactor: trigger.parallelizationFactor ?? 2,
      retryAttempts: trigger.retryAttempts ?? 5,
      maxRecordAge: trigger.maxRecordAge ?? Duration.hours(6),
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      onFailure: new EncryptedQueueDestination(this.onFailureQueue),
    });
    this.function.addEventSource(this.eventSource);
    this.grant(props, prefix);
  }

  /** Least privilege: BRIDGE_CALLS (what bridgeKinesisBatch, its producer and its DLQ call), on these resources. */
  private grant(props: KinesisToKafkaBridgeProps, prefix: string): void {
    const { auth } = props;
    const scramKey = auth.type === 'scram' ? (auth.key?.key ?? auth.secret.encryptionKey) : undefined;
    const claimChecks = props.claimCheckBucket.arnForObjects(`${prefix}*`);
    grantCalls(
      this,
      this.function,
      BRIDGE_CALLS,
      {
        ...(auth.type === 'scram' ? { scramSecret: [secretPolicyArn(auth.secret)] } : {}),
        scramSecretKey: scramKey && [scramKey.keyArn],
        ...(auth.type === 'iam'
          ? { cluster: [auth.clusterArn], topic: [topicArnOf(auth.clusterArn, props.topic)] }
          : {}),
        deadLetterQueue: [props.deadLetterQueue.queueArn],
        deadLetterQueueKey: props.deadLetterQueue.encryptionMasterKey && [
          props.deadLetterQueue.encryptionMasterKey.keyArn,
        ],
        claimChecks: [claimChecks],
        claimCheckKey: props.claimCheckBucket.encryptionKey && [props.claimCheckBucket.encryptionKey.keyArn],
      },
      auth.type,
    );
    if (auth.type === 'scram' && auth.key?.stage) tagScramKeyUser(this.function, auth.key.stage);

    acknowledge(this, [
      XRAY_WILDCARD,
      {
        // Computed from the bucket as this stack sees it: a bucket of the same stack or one imported by name.
        id: `AwsSolutions-IAM5[Resource::${nagResourceId(this, claimChecks)}]`,
        reason:
          "Claim-check object keys are generated per envelope; PutObject (nothing else) under this function's " +
          'own prefix of the DLQ bucket.',
      },
    ]);
  }
}
