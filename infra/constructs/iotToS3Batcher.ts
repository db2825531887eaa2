import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { CfnTopicRule } from 'aws-cdk-lib/aws-iot';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, XRAY_WILDCARD } from '../nag';
import { grantCalls } from '../permissions/calls';
import { IOT_TO_S3_CALLS } from '../permissions/ingestCalls';
import { grantSend } from './iotGrants';
import { IotKafkaRule, type IotKafkaRuleOptions } from './iotKafkaRule';
import { iotRole, iotRuleName } from './iotRuleRole';
import { TaskFunction } from './taskFunction';

/** The rule's SQL (the local stand-in in scripts/local/triggers/mqttRuleStandIn.ts applies the same). */
export const IOT_TELEMETRY_SQL =
  "SELECT *, clientid() AS clientId, timestamp() AS receivedAt FROM 'devices/+/telemetry'";

/** Where the batcher parks messages it gives up on (DLQ envelopes), when shared with other functions. */
export interface ParkedMessagesTarget {
  queue: IQueue;
  /** Bucket for claim checks of envelopes too big for SQS (default: the data bucket). */
  claimCheckBucket?: IBucket;
  /** Default `dlq/iot-to-s3/`. */
  claimCheckPrefix?: string;
}

export interface IotToS3BatcherProps {
  /** Short deployment name, used in IoT rule names. */
  stage: string;
  /** `PREFIX` of the object keys (default `iot/telemetry`). */
  prefix?: string;
  /** `MAX_MESSAGES_PER_OBJECT` (default 10,000, one object per batch). */
  maxMessagesPerObject?: number;
  /** `MAX_BYTES_PER_OBJECT`, uncompressed (default 16 MiB; a Lambda SQS batch is at most 6 MB). */
  maxBytesPerObject?: number;
  /** Messages per invocation (default 10,000, SQS's maximum). */
  batchSize?: number;
  /** How long Lambda gathers a batch (default 60 s, at most 300 s): fewer, larger objects. */
  maxBatchingWindow?: Duration;
  /** Upper bound of concurrent invocations (2–1000; default: Lambda's). */
  maxConcurrency?: number;
  /** Shared DLQ for envelopes (default: a queue created here). */
  parkedMessages?: ParkedMessagesTarget;
  /** Bucket receiving the data bucket's server access logs (default: one created here). */
  accessLogsBucket?: IBucket;
  /** Also route the telemetry to Kafka with the seed's IoT Kafka action (a second rule). */
  kafka?: IotKafkaRuleOptions;
}

const FUNCTION_TIMEOUT = Duration.seconds(60);

/**
 * IoT → SQS → Lambda → S3: a topic rule with an SQS action (and an SQS error action) into a KMS-encrypted,
 * SSL-only queue with a redrive DLQ; the batcher function on an SQS event source with a batching window and
 * partial batch responses; a KMS-encrypted, bucket-owner-enforced, private, SSL-only bucket. Optionally a
 * second rule with the Kafka action (IotKafkaRule).
 */
export class IotToS3Batcher extends Construct {
  readonly key: Key;
  readonly bucket: Bucket;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly errorQueue: Queue;
  readonly parkedQueue: IQueue;
  readonly function: TaskFunction;
  readonly sqsRule: CfnTopicRule;
  readonly kafkaRule?: IotKafkaRule;

  constructor(scope: Construct, id: string, props: IotToS3BatcherProps) {
    super(scope, id);
    const batchingWindow = props.maxBatchingWindow ?? Duration.seconds(60);
    this.key = new Key(this, 'Key', {
      description: 'msk-flows: IoT telemetry queues and landing bucket',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const queue = (qid: string, extra: { visibilityTimeout?: Duration; deadLetterQueue?: Queue } = {}) =>
      new Queue(this, qid, {
        encryption: QueueEncryption.KMS,
        encryptionMasterKey: this.key,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        visibilityTimeout: extra.visibilityTimeout,
        deadLetterQueue: extra.deadLetterQueue && { queue: extra.deadLetterQueue, maxReceiveCount: 5 },
      });
    this.deadLetterQueue = queue('DeadLetterQueue');
    // Lambda's guidance: visibility timeout ≥ 6 × the function timeout, plus the batching window.
    this.queue = queue('Queue', {
      visibilityTimeout: FUNCTION_TIMEOUT.plus(batchingWindow).plus(
        Duration.seconds(FUNCTION_TIMEOUT.toSeconds() * 5),
      ),
      deadLetterQueue: this.deadLetterQueue,
    });
    this.errorQueue = queue('RuleErrorQueue');
    this.parkedQueue = props.parkedMessages?.queue ?? queue('ParkedQueue');

    const accessLogs =
      props.accessLogsBucket ??
      new Bucket(this, 'AccessLogs', {
        // S3 server access logs can only be delivered to SSE-S3 buckets.
        encryption: BucketEncryption.S3_MANAGED,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        lifecycleRules: [{ expiration: Duration.days(90) }],
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'iot-telemetry/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const prefix = (props.prefix ?? 'iot/telemetry').replace(/^\/+|\/+$/g, '');
    const claimCheckBucket = props.parkedMessages?.claimCheckBucket ?? this.bucket;
    const claimCheckPrefix = props.parkedMessages?.claimCheckPrefix ?? 'dlq/iot-to-s3/';
    this.function = new TaskFunction(this, 'Function', {
      entry: 'tasks/ingest/iotToS3/writeIotBatchToS3.ts',
      description: 'msk-flows: IoT telemetry from SQS to S3, one gzip NDJSON object per batch',
      timeout: FUNCTION_TIMEOUT,
      memorySize: 1024,
      environment: {
        BUCKET: this.bucket.bucketName,
        PREFIX: prefix,
        MAX_MESSAGES_PER_OBJECT: String(props.maxMessagesPerObject ?? 10_000),
        MAX_BYTES_PER_OBJECT: String(props.maxBytesPerObject ?? 16 * 1024 * 1024),
        DLQ_QUEUE_URL: this.parkedQueue.queueUrl,
        DLQ_CLAIM_CHECK_BUCKET: claimCheckBucket.bucketName,
        DLQ_CLAIM_CHECK_PREFIX: claimCheckPrefix,
        POWERTOOLS_METRICS_NAMESPACE: 'MskFlows',
      },
    });
    const keyOf = (key?: { keyArn: string }) => key && [key.keyArn];
    grantCalls(this, this.function, IOT_TO_S3_CALLS, {
      objects: [this.bucket.arnForObjects(`${prefix}/*`)],
      bucketKey: [this.key.keyArn],
      deadLetterQueue: [this.parkedQueue.queueArn],
      deadLetterQueueKey: keyOf(this.parkedQueue.encryptionMasterKey),
      claimChecks: [claimCheckBucket.arnForObjects(`${claimCheckPrefix}*`)],
      claimCheckKey: keyOf(claimCheckBucket.encryptionKey),
    });
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: props.batchSize ?? 10_000,
        maxBatchingWindow: batchingWindow,
        maxConcurrency: props.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    const ruleName = iotRuleName(props.stage, 'telemetry_sqs');
    const ruleRole = iotRole(
      this,
      'SqsRuleRole',
      'msk-flows IoT telemetry rule: send to its queues',
      ruleName,
    );
    grantSend(ruleRole, this.queue);
    grantSend(ruleRole, this.errorQueue);
    this.sqsRule = new CfnTopicRule(this, 'SqsRule', {
      ruleName,
      topicRulePayload: {
        description: 'msk-flows: device telemetry to SQS for the S3 batcher',
        sql: IOT_TELEMETRY_SQL,
        awsIotSqlVersion: '2016-03-23',
        ruleDisabled: false,
        actions: [{ sqs: { queueUrl: this.queue.queueUrl, roleArn: ruleRole.roleArn, useBase64: false } }],
        errorAction: {
          sqs: { queueUrl: this.errorQueue.queueUrl, roleArn: ruleRole.roleArn, useBase64: false },
        },
      },
    });
    this.sqsRule.node.addDependency(ruleRole);

    if (props.kafka) {
      this.kafkaRule = new IotKafkaRule(this, 'KafkaRule', {
        ...props.kafka,
        stage: props.stage,
        sql: IOT_TELEMETRY_SQL,
        errorQueue: this.errorQueue,
      });
    }
    this.acknowledgeFindings(
      [
        [this.bucket, `${prefix}/`],
        [claimCheckBucket, claimCheckPrefix],
      ],
      props.parkedMessages === undefined,
    );
  }

  /** The cdk-nag findings this construct cannot avoid, each with the reason. */
  private acknowledgeFindings(prefixes: [IBucket, string][], ownParkedQueue: boolean): void {
    // cdk-nag names a resource by its CloudFormation expression: `<LogicalId.Arn>` for one of this stack.
    const nagName = (arn: string) => {
      const resolved = Stack.of(this).resolve(arn) as string | { 'Fn::GetAtt'?: [string, string] };
      return typeof resolved === 'string' ? resolved : `<${resolved['Fn::GetAtt']?.join('.')}>`;
    };
    acknowledge(this.function.role as Role, [
      XRAY_WILDCARD,
      ...prefixes.map(([bucket, prefix]) => ({
        id: `AwsSolutions-IAM5[Resource::${nagName(bucket.bucketArn)}/${prefix}*]`,
        reason: `s3:PutObject only, under ${prefix}: object keys are computed per batch, so they cannot be listed ahead.`,
      })),
    ]);
    acknowledge(this.errorQueue, [
      {
        id: 'AwsSolutions-SQS3',
        reason:
          "The IoT rules' error-action queue is itself a dead end (nothing consumes from it, so nothing can " +
          'fail to process it): messages wait 14 days for inspection and replay.',
      },
    ]);
    if (ownParkedQueue) {
      acknowledge(this.parkedQueue, [
        {
          id: 'AwsSolutions-SQS3',
          reason: "It is a dead-letter queue: the batcher's DLQ envelopes, read by the replay workflow.",
        },
      ]);
    }
  }
}
