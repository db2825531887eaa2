import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { type LocalAwsStack, localS3Client, localSqsClient } from '../../scripts/local/awsClients';
import type { StackFile } from '../../scripts/local/stackFile';
import { createKafkaTaskDeps } from '../../tasks/onboarding/kafka/clients';
import { platformaticAdminOptions } from '../../tasks/onboarding/kafka/platformaticAdmin';
import { acquireReplayLock } from '../../tasks/replay/acquireReplayLock';
import type { ReplayDeps } from '../../tasks/replay/deps';
import { ReplayConfigError } from '../../tasks/replay/errors';
import { releaseReplayLock } from '../../tasks/replay/releaseReplayLock';
import { replayBatch } from '../../tasks/replay/replayBatch';
import { surveyQueue } from '../../tasks/replay/surveyQueue';
import { validateReplayRequest } from '../../tasks/replay/validateReplayRequest';
import type { ReplayFunctions } from '../../workflows/dlq-replay/functions';
import type { LocalTaskHandler } from '../../workflows/local';

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
 * the same cores as on Lambda. `overrides` lets tests swap a client (a mocked Kinesis, a clock).
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

/** The task cores of the replay machine bound to `deps`, keyed like ReplayFunctions. */
export function replayTasks(deps: ReplayDeps): Record<keyof ReplayFunctions, LocalTaskHandler> {
  return {
    validateRequest: (input) => validateReplayRequest(input),
    surveyQueue: (input) => surveyQueue(input, deps),
    acquireLock: (input) => acquireReplayLock(input, deps),
    replayBatch: (input) => replayBatch(input, deps),
    releaseLock: (input) => releaseReplayLock(input, deps),
  };
}
