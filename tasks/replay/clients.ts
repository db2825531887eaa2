import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { createKafkaTaskDeps } from '../onboarding/kafka/clients';
import { platformaticAdminOptions } from '../onboarding/kafka/platformaticAdmin';
import { s3Client, sqsClient } from '../shared/aws/clients';
import type { ReplayDeps } from './deps';
import { replayBuckets } from './lockClients';

/**
 * The replay tasks' environment (set by infra/constructs/replayFunctions.ts):
 * - `PARKING_BUCKET` (required): where parked dead letters go, unless a request names its own bucket;
 *   `PARKING_PREFIX` (default `parked/`).
 * - `LOCK_BUCKET`: where the per-source locks live (default: the parking bucket).
 * - `MSK_FLOWS_LOCAL_STACK`: local runs only (the local broker's stack file).
 * - `POWERTOOLS_METRICS_NAMESPACE` (default `MskFlows`).
 */
export interface ReplayObservability {
  logger: Logger;
  metrics: Metrics;
}

/** Logger and EMF metrics of one replay task (service name = the task). */
export function replayObservability(
  serviceName: string,
  env: NodeJS.ProcessEnv = process.env,
): ReplayObservability {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ serviceName, namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'MskFlows' }),
  };
}

/*
 * Kinesis (on-failure ranges of a stream) and Lambda (a function target) serve some replays only; in a Lambda
 * bundle a client's package loads on its first call (infra/bundling/lazyAwsSdk), so the others never load.
 */
const kinesis = new KinesisClient({});
const lambda = new LambdaClient({});
let deps: ReplayDeps | undefined;

/** This container's deps, built on first use from the environment (a missing variable fails the invocation). */
export function replayDeps(
  observability: ReplayObservability,
  env: NodeJS.ProcessEnv = process.env,
): ReplayDeps {
  if (deps) return deps;
  const { parkingBucket, lockBucket } = replayBuckets(env);
  const kafka = createKafkaTaskDeps({ localStackFile: env.MSK_FLOWS_LOCAL_STACK || undefined });
  deps = {
    sqs: sqsClient(),
    s3: s3Client(),
    kinesis: () => kinesis,
    lambda: () => lambda,
    kafkaConnection: kafka.connect,
    kafkaClientOptions: (connection) => platformaticAdminOptions(connection),
    parking: { bucket: parkingBucket, prefix: env.PARKING_PREFIX?.trim() || 'parked/' },
    lockBucket,
    metrics: observability.metrics,
    logger: observability.logger,
  };
  return deps;
}
