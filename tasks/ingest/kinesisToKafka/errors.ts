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

/** The event has no `Records` list: it is not a Kinesis trigger event, so there is nothing to produce or park. */
export class InvalidKinesisEventError extends KinesisToKafkaError {
  constructor(reason: string) {
    super(`Not a Kinesis trigger event: ${reason}`);
    this.name = 'InvalidKinesisEventError';
  }
}

/** Where a malformed record sat and what is wrong with it (field names and reasons, never content). */
export interface MalformedRecordContext {
  /** `Records[<index>]`. */
  path: string;
  shardId?: string;
  sequenceNumber?: string;
  problems: string[];
}

/**
 * The record is not what Lambda delivers (a required field missing or of the wrong type, data that is not
 * base64): nothing can be produced from it, so the DLQ gets it as received. This is the error its envelope
 * carries.
 */
export class MalformedKinesisRecordError extends KinesisToKafkaError {
  readonly problems: string[];
  readonly path: string;

  constructor(context: MalformedRecordContext) {
    const id = context.sequenceNumber
      ? `${context.shardId ?? 'unknown shard'}:${context.sequenceNumber}`
      : 'no sequence number';
    super(`Kinesis record ${context.path} (${id}) is malformed: ${context.problems.join('; ')}`, {
      context: {
        ...(context.shardId ? { shardId: context.shardId } : {}),
        ...(context.sequenceNumber ? { sequenceNumber: context.sequenceNumber } : {}),
      },
    });
    this.name = 'MalformedKinesisRecordError';
    this.problems = context.problems;
    this.path = context.path;
  }
}

/**
 * A malformed record could be neither parked (the DLQ failed) nor named in a partial batch response (it has
 * no sequence number, and no record before it was reported): the invocation fails so that Lambda delivers
 * the whole batch again. Retriable: the DLQ may be back next time.
 */
export class UnreportableRecordError extends KinesisToKafkaError {
  constructor(path: string, options: { cause?: unknown } = {}) {
    super(
      `Kinesis record ${path} has no sequence number and could not be parked in the DLQ; failing the batch ` +
        'so that Lambda delivers it again',
      options,
    );
    this.name = 'UnreportableRecordError';
  }
}

/**
 * A produce that failed after Kafka took part of it: `cause` is the client's error, `acknowledged` the positions
 * (in the records given to the send) of the records whose partition acknowledged them. Only those are done; the
 * others are sent again or retried by Kinesis, so the partitions that took theirs get no duplicates.
 */
export class PartlyAcknowledgedError extends Error {
  readonly acknowledged: readonly number[];

  constructor(cause: unknown, acknowledged: readonly number[]) {
    super(`Kafka acknowledged ${acknowledged.length} records of a produce that failed`, { cause });
    this.name = 'PartlyAcknowledgedError';
    this.acknowledged = acknowledged;
  }
}
