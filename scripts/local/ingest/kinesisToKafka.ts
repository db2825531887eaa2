import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import {
  type BridgeKinesisBatchInput,
  type BridgeKinesisBatchOutput,
  createBridgeHandler,
} from '../../../tasks/ingest/kinesisToKafka/bridgeKinesisBatch';
import { bridgeObservability, buildBridgeDeps } from '../../../tasks/ingest/kinesisToKafka/clients';
import { type BridgeEnv, readBridgeSettings } from '../../../tasks/ingest/kinesisToKafka/config';
import { localS3Client, localSqsClient } from '../awsClients';
import { readStackFile, type StackFile } from '../stackFile';

/** The DLQ the local stack creates (ElasticMQ queue and S3Mock claim-check bucket share the name). */
export const LOCAL_DLQ_NAME = 'msk-flows-local-dlq';

/**
 * Local defaults, from .local/stack.json: the local broker as its admin over SCRAM without TLS, and the
 * local DLQ queue and bucket. `TARGET_TOPIC` has no default.
 */
export function localBridgeEnv(stack: StackFile): Record<string, string> {
  const env: Record<string, string> = {};
  if (stack.kafka) {
    env.KAFKA_BOOTSTRAP_SERVERS = stack.kafka.bootstrapServers.join(',');
    env.KAFKA_AUTH = 'scram';
    env.KAFKA_SECRET_ARN = stack.kafka.adminSecretFile;
    env.KAFKA_TLS = 'false';
  }
  const queueUrl = stack.sqs?.queues[LOCAL_DLQ_NAME];
  if (queueUrl) env.DLQ_QUEUE_URL = queueUrl;
  if (stack.s3?.buckets.includes(LOCAL_DLQ_NAME)) env.DLQ_BUCKET = LOCAL_DLQ_NAME;
  return env;
}

function localContext(): Context {
  const deadline = Date.now() + 15 * 60_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'kinesis-to-kafka',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'local:kinesis-to-kafka',
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The local bridge: call it with an event; `close()` disconnects its producer so the process can exit. */
export interface LocalBridgeHandler {
  (event: unknown): Promise<BridgeKinesisBatchOutput>;
  close(): Promise<void>;
}

function asKinesisEvent(event: unknown): BridgeKinesisBatchInput {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records))
    throw new TypeError('Not a Kinesis trigger event: expected {"Records": [...]}');
  return event as BridgeKinesisBatchInput;
}

/**
 * The real handler (middy, Powertools, the same environment variables as in Lambda) wired to the local
 * stack: `env` overrides the defaults of `localBridgeEnv`. Throws a BridgeConfigError listing every bad
 * variable before anything connects.
 */
export async function createLocalHandler(
  env: BridgeEnv,
  options: { stack?: StackFile } = {},
): Promise<LocalBridgeHandler> {
  const stack = options.stack ?? readStackFile();
  const settings = readBridgeSettings({ ...localBridgeEnv(stack), ...env });
  const observability = bridgeObservability({ ...process.env, ...env });
  let sqs: ReturnType<typeof localSqsClient> | undefined;
  let s3: ReturnType<typeof localS3Client> | undefined;
  const deps = buildBridgeDeps(settings, {
    observability,
    sqs: () => {
      sqs ??= localSqsClient(stack);
      return sqs;
    },
    s3: () => {
      s3 ??= localS3Client(stack);
      return s3;
    },
  });
  const handler = createBridgeHandler(observability, async () => deps);
  const invoke = async (event: unknown) => handler(asKinesisEvent(event), localContext());
  return Object.assign(invoke, {
    close: async () => {
      await deps.sender.discard();
      sqs?.destroy();
      s3?.destroy();
    },
  });
}
