import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { type LocalAwsStack, localS3Client, localSqsClient } from '../../scripts/local/awsClients';
import type { StackFile } from '../../scripts/local/stackFile';
import { createKafkaTaskDeps } from '../../tasks/onboarding/kafka/clients';
import { platformaticAdminOptions } from '../../tasks/onboarding/kafka/platformaticAdmin';
import { createAcquireReplayLockHandler } from '../../tasks/replay/acquireReplayLock';
import type { ReplayObservability } from '../../tasks/replay/clients';
import type { ReplayDeps } from '../../tasks/replay/deps';
import { ReplayConfigError } from '../../tasks/replay/errors';
import { createReleaseReplayLockHandler } from '../../tasks/replay/releaseReplayLock';
import { createReplayBatchHandler } from '../../tasks/replay/replayBatch';
import { createSurveyQueueHandler } from '../../tasks/replay/surveyQueue';
import { createValidateReplayRequestHandler } from '../../tasks/replay/validateReplayRequest';
import type { LocalTaskHandler } from '../../workflows/local';
import type { ReplayTaskKey } from '../../workflows/taskRegistry';
import { localReplayObservability } from './localObservability';

/** The local stack's bucket for parked records and replay locks (created at start-up). */
export const LOCAL_PARKING_BUCKET = 'msk-flows-local-dlq';

/** Nothing to call locally: there is no Kinesis or Lambda in the local stack, and tests never call AWS. */
function unavailable(service: string): never {
  throw new ReplayConfigError(
    `${service} is not part of the local stack: this replay needs AWS (--state-machine)`,
  );
}

/**
 * Replay deps for in-process runs against the local stack (ElasticMQ, S3Mock, the local broker), with
 * the same handlers as on Lambda. `overrides` lets tests swap a client (a mocked Kinesis, a clock).
 */
export function localReplayDeps(
  stack: StackFile,
  stackFile: string,
  overrides: Partial<ReplayDeps> = {},
): ReplayDeps {
  const aws = stack as LocalAwsStack;
  const kafka = createKafkaTaskDeps({ localStackFile: stackFile });
  return {
    sqs: localSqsClient(aws),
    s3: localS3Client(aws),
    kinesis: (): KinesisClient => unavailable('Kinesis'),
    lambda: (): LambdaClient => unavailable('Lambda'),
    kafkaConnection: kafka.connect,
    kafkaClientOptions: (connection) => platformaticAdminOptions(connection),
    parking: { bucket: LOCAL_PARKING_BUCKET, prefix: 'parked/' },
    lockBucket: LOCAL_PARKING_BUCKET,
    metrics: { addMetric: () => undefined },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    ...overrides,
  };
}

/**
 * The middy handlers of the replay machine (what Lambda runs) built by their factories over `deps`, keyed
 * like workflows/taskRegistry.ts's REPLAY_TASKS; their logger and metrics `observability` (default: silent,
 * collected in memory).
 */
export function replayTasks(
  deps: ReplayDeps,
  observability: ReplayObservability = localReplayObservability(),
): Record<ReplayTaskKey, LocalTaskHandler> {
  const given = () => deps;
  return {
    validateRequest: createValidateReplayRequestHandler(),
    surveyQueue: createSurveyQueueHandler(given, observability),
    acquireLock: createAcquireReplayLockHandler(given, observability.logger),
    replayBatch: createReplayBatchHandler(given, observability),
    releaseLock: createReleaseReplayLockHandler(given, observability.logger),
  };
}
