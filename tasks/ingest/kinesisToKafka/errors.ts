/** Where a bridge failure happened; never holds record payloads or credentials. */
export interface BridgeErrorContext {
  topic?: string;
  shardId?: string;
  sequenceNumber?: string;
  /** Upper bound of the record's size in a Kafka record batch, in bytes. */
  size?: number;
  /** The topic's `max.message.bytes`. */
  limit?: number;
  /** The Kafka protocol error type, e.g. `MESSAGE_TOO_LARGE`. */
  type?: string;
}

/** Base class of the Kinesis → Kafka bridge's own errors (Kafka client errors are `KafkaError`s). */
export class KinesisToKafkaError extends Error {
  readonly context: BridgeErrorContext;

  constructor(message: string, options: { cause?: unknown; context?: BridgeErrorContext } = {}) {
    super(message, { cause: options.cause });
    this.name = 'KinesisToKafkaError';
    this.context = options.context ?? {};
  }
}

/** One environment variable that is missing or malformed, and why. */
export interface BridgeConfigProblem {
  variable: string;
  reason: string;
}

/** The function's environment is unusable; lists every bad variable in one message. A deployment bug. */
export class BridgeConfigError extends KinesisToKafkaError {
  readonly problems: BridgeConfigProblem[];

  constructor(problems: BridgeConfigProblem[]) {
    super(
      `Invalid kinesis-to-kafka configuration: ${problems.map((p) => `${p.variable} ${p.reason}`).join('; ')}`,
    );
    this.name = 'BridgeConfigError';
    this.problems = problems;
  }
}

/**
 * The record is larger than the topic's `max.message.bytes`: the broker would refuse it on every retry, so
 * it goes to the DLQ. This is the error the DLQ envelope carries.
 */
export class RecordTooLargeError extends KinesisToKafkaError {
  constructor(
    context: Required<Pick<BridgeErrorContext, 'topic' | 'shardId' | 'sequenceNumber' | 'size' | 'limit'>>,
  ) {
    super(
      `Record ${context.sequenceNumber} of ${context.shardId} needs up to ${context.size} bytes in a record batch, ` +
        `over max.message.bytes ${context.limit} of topic ${context.topic}`,
      { context },
    );
    this.name = 'RecordTooLargeError';
  }
}

/** The broker refused this one record with a non-retriable error (`MESSAGE_TOO_LARGE`, `INVALID_RECORD`). */
export class RecordRejectedError extends KinesisToKafkaError {
  constructor(
    context: Required<Pick<BridgeErrorContext, 'topic' | 'shardId' | 'sequenceNumber' | 'type'>>,
    options: { cause?: unknown } = {},
  ) {
    super(
      `Topic ${context.topic} rejected record ${context.sequenceNumber} of ${context.shardId}: ${context.type}`,
      {
        cause: options.cause,
        context,
      },
    );
    this.name = 'RecordRejectedError';
  }
}

/**
 * None of the bridge's own errors is worth retrying: a bad config stays bad and a rejected record goes to
 * the DLQ. Kafka outages surface as `KafkaError`s and as `batchItemFailures`, which Kinesis retries.
 */
export const RETRIABLE_BRIDGE_ERROR_NAMES: readonly string[] = [];
