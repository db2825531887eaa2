import type { CallTable } from './calls';

/** Secrets Manager calls of the shared secret store that only onboarding's writers send. */
const STORE_WRITES =
  'tasks/shared/secrets/secretsManagerStore.ts writes for onboarding; this function only reads';

/** DLQ envelopes: a batch to the queue, values too big for SQS to S3 (tasks/shared/dlq/publish.ts). */
const DLQ_CALLS: CallTable['calls'] = [
  { actions: ['sqs:SendMessage'], on: 'deadLetterQueue', by: { command: 'SendMessageBatchCommand' } },
  {
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    on: 'deadLetterQueueKey',
    by: { dependentOf: 'SendMessageBatch to an SSE-KMS queue' },
    optional: true,
  },
  { actions: ['s3:PutObject'], on: 'claimChecks', by: { command: 'PutObjectCommand' } },
  {
    actions: ['kms:GenerateDataKey'],
    on: 'claimCheckKey',
    by: { dependentOf: 'PutObject into an SSE-KMS bucket' },
    optional: true,
  },
];

/**
 * Kinesis → Kafka bridge. Modes: its Kafka auth (`scram`, `iam`, `tls`). Over MSK IAM the producer's
 * Kafka requests are IAM actions: https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html
 */
export const BRIDGE_CALLS: CallTable = {
  sid: 'BridgeCalls',
  entry: 'tasks/ingest/kinesisToKafka/bridgeKinesisBatch.ts',
  calls: [
    {
      actions: ['secretsmanager:GetSecretValue'],
      on: 'scramSecret',
      by: { command: 'GetSecretValueCommand' },
      when: 'scram',
    },
    {
      actions: ['kms:Decrypt'],
      on: 'scramSecretKey',
      by: { dependentOf: 'GetSecretValue of a secret under a customer-managed key' },
      when: 'scram',
      optional: true,
      via: 'secretsmanager',
    },
    {
      actions: ['kafka-cluster:Connect', 'kafka-cluster:WriteDataIdempotently'],
      on: 'cluster',
      by: { code: /idempotent: true/, what: 'an idempotent producer connects (InitProducerId)' },
      when: 'iam',
    },
    {
      actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
      on: 'topic',
      by: { code: /sender\.send\(/, what: 'Produce to the target topic (after its metadata)' },
      when: 'iam',
    },
    {
      actions: ['kafka-cluster:DescribeTopicDynamicConfiguration'],
      on: 'topic',
      by: { code: /admin\.describeConfigs\(/, what: "DescribeConfigs of the topic's max.message.bytes" },
      when: 'iam',
    },
    ...DLQ_CALLS,
  ],
  neverSent: {
    PutSecretValueCommand: STORE_WRITES,
    DeleteSecretCommand: STORE_WRITES,
    DescribeSecretCommand: STORE_WRITES,
    RestoreSecretCommand: STORE_WRITES,
    CreateSecretCommand: STORE_WRITES,
  },
};

/** Kafka → S3 consumer: one object per partition batch, SSE-KMS with the landing bucket's key. */
export const KAFKA_TO_S3_CALLS: CallTable = {
  sid: 'KafkaToS3Calls',
  entry: 'tasks/ingest/kafkaToS3/writeKafkaBatchToS3.ts',
  calls: [
    { actions: ['s3:PutObject'], on: 'objects', by: { command: 'PutObjectCommand' } },
    {
      actions: ['kms:GenerateDataKey'],
      on: 'bucketKey',
      by: { dependentOf: 'PutObject with SSE-KMS (an S3 Bucket Key)' },
    },
    ...DLQ_CALLS,
  ],
};

/** IoT → S3 batcher: its objects, and unusable messages parked as DLQ envelopes. */
export const IOT_TO_S3_CALLS: CallTable = {
  sid: 'IotToS3Calls',
  entry: 'tasks/ingest/iotToS3/writeIotBatchToS3.ts',
  calls: [
    { actions: ['s3:PutObject'], on: 'objects', by: { command: 'PutObjectCommand' } },
    {
      actions: ['kms:GenerateDataKey'],
      on: 'bucketKey',
      by: { dependentOf: 'PutObject into an SSE-KMS bucket' },
    },
    ...DLQ_CALLS,
  ],
};

/** flightData API: an RDS IAM auth token per new connection through the proxy, as its database user. */
export const FLIGHT_DATA_CALLS: CallTable = {
  sid: 'FlightDataCalls',
  entry: 'tasks/ingest/flightData/queryFlightData.ts',
  calls: [
    {
      actions: ['rds-db:connect'],
      on: 'dbUser',
      by: { code: /signRdsAuthToken\(/, what: 'RDS Proxy IAM auth token' },
    },
  ],
};

/** The workflow API's POST: look at the request's runs, start the next one. */
export const START_WORKFLOW_CALLS: CallTable = {
  sid: 'StartWorkflowCalls',
  entry: 'tasks/workflowApi/startWorkflow.ts',
  calls: [
    { actions: ['states:DescribeExecution'], on: 'executions', by: { command: 'DescribeExecutionCommand' } },
    { actions: ['states:StartExecution'], on: 'stateMachine', by: { command: 'StartExecutionCommand' } },
  ],
};
