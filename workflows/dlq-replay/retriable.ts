import { RETRIABLE_REPLAY_ERROR_NAMES } from '../../tasks/replay/errors';
import { RETRIABLE_KAFKA_ERROR_NAMES } from '../../tasks/shared/kafka/errors';

/** Errors of the AWS services a replay calls that go away by themselves (throttling, 5xx, network). */
export const REPLAY_AWS_RETRIABLE: readonly string[] = RETRIABLE_REPLAY_ERROR_NAMES;

/** What "Replay Batch" may throw and a retry can fix: the services above, and the brokers briefly away. */
export const REPLAY_BATCH_RETRIABLE: readonly string[] = [
  ...RETRIABLE_KAFKA_ERROR_NAMES,
  ...RETRIABLE_REPLAY_ERROR_NAMES,
];
