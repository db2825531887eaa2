/** Base class of every failure of the IoT → S3 batcher. */
export class IotToS3Error extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IotToS3Error';
  }
}

/** One rejected environment variable and why (never its value: it could be anything). */
export interface SettingProblem {
  variable: string;
  reason: string;
}

/** The function's environment is wrong (a deployment bug); lists every bad variable in one message. */
export class IotToS3ConfigError extends IotToS3Error {
  readonly problems: SettingProblem[];

  constructor(problems: SettingProblem[], options?: { cause?: unknown }) {
    super(
      `invalid iot-to-s3 settings: ${problems.map((p) => `${p.variable} ${p.reason}`).join('; ')}`,
      options,
    );
    this.name = 'IotToS3ConfigError';
    this.problems = problems;
  }
}

/** Why an SQS message cannot become a line of a batch object. */
export type InvalidIotMessageReason =
  | 'the record is not an object'
  | 'messageId is missing'
  | 'body is missing'
  | 'body is not a string'
  | 'body is not valid JSON'
  | 'body is not a JSON object'
  | 'clientId is missing';

/**
 * An SQS message that is not the IoT rule's output (a JSON object with `clientId`), or an SQS record that
 * is not one at all (no string body). It is parked in the DLQ rather than retried: the same bytes would fail
 * the same way forever. Carries no payload. `messageId` is the record's, or `Records[<i>]` when it has none.
 */
export class InvalidIotMessageError extends IotToS3Error {
  readonly messageId: string;
  readonly reason: InvalidIotMessageReason;

  constructor(messageId: string, reason: InvalidIotMessageReason, options?: { cause?: unknown }) {
    super(`SQS message ${messageId}: ${reason}`, options);
    this.name = 'InvalidIotMessageError';
    this.messageId = messageId;
    this.reason = reason;
  }
}

/** PutObject of one batch object failed; its messages are reported as batch item failures and retried. */
export class ObjectWriteError extends IotToS3Error {
  readonly bucket: string;
  readonly key: string;
  readonly records: number;

  constructor(bucket: string, key: string, records: number, options?: { cause?: unknown }) {
    const cause = options?.cause;
    const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : 'unknown error';
    super(`PutObject s3://${bucket}/${key} (${records} records) failed: ${why}`, options);
    this.name = 'ObjectWriteError';
    this.bucket = bucket;
    this.key = key;
    this.records = records;
  }
}

/** Parking unusable messages in the DLQ failed; they are reported as batch item failures and retried. */
export class ParkingError extends IotToS3Error {
  readonly messages: number;

  constructor(messages: number, options?: { cause?: unknown }) {
    const cause = options?.cause;
    const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : 'unknown error';
    super(`parking ${messages} unusable messages in the DLQ failed: ${why}`, options);
    this.name = 'ParkingError';
    this.messages = messages;
  }
}

/** The event has no `Records` list: it is not an SQS event, so there is nothing to write or park. */
export class InvalidIotEventError extends IotToS3Error {
  constructor(reason: string) {
    super(`Not an SQS event: ${reason}`);
    this.name = 'InvalidIotEventError';
  }
}

/**
 * A message without a `messageId` could not be parked: no partial batch response can name it, so the
 * invocation fails and SQS delivers the whole batch again. Retriable.
 */
export class UnreportableIotMessageError extends IotToS3Error {
  constructor(path: string, options?: { cause?: unknown }) {
    super(`SQS record ${path} has no messageId and was not parked in the DLQ; failing the batch`, options);
    this.name = 'UnreportableIotMessageError';
  }
}

/**
 * Errors whose messages SQS should deliver again (reported as `batchItemFailures`, never thrown).
 * Config errors and invalid messages are not retriable: retrying cannot fix them.
 */
export const retriableIotToS3ErrorNames: readonly string[] = [
  'ObjectWriteError',
  'ParkingError',
  'UnreportableIotMessageError',
];
