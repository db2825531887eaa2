/** Base class of every failure of the Kafka → S3 consumer. */
export class KafkaToS3Error extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KafkaToS3Error';
  }
}

/** One rejected environment variable and why (never its value). */
export interface SettingProblem {
  variable: string;
  reason: string;
}

/** The function's environment is wrong (a deployment bug); lists every bad variable in one message. */
export class KafkaToS3ConfigError extends KafkaToS3Error {
  constructor(readonly problems: SettingProblem[]) {
    super(`invalid kafka-to-s3 settings: ${problems.map((p) => `${p.variable} ${p.reason}`).join('; ')}`);
    this.name = 'KafkaToS3ConfigError';
  }
}

/**
 * Writing one topic-partition's object failed (S3 throttling, an outage, KMS). The partition is reported
 * in the partial batch response and re-delivered; the other partitions advance. Retriable.
 */
export class PartitionWriteError extends KafkaToS3Error {
  static readonly retriable = true;
  constructor(
    readonly partition: string,
    readonly firstOffset: number,
    readonly lastOffset: number,
    options: { cause?: unknown } = {},
  ) {
    super(`writing ${partition} offsets ${firstOffset}-${lastOffset} to S3 failed`, options);
    this.name = 'PartitionWriteError';
  }
}

/** Where a malformed record sat and what a partial batch response could name it by. */
export interface MalformedKafkaRecordContext {
  /** `records.<topic-partition>[<i>]`. */
  path: string;
  ref?: { topic: string; partition: number; offset: number };
  /** Each bad field (path within the event) and why, never content. */
  issues: { path: string; message: string }[];
}

/**
 * The record is not what Lambda delivers (key or value not base64, a field missing or of the wrong type):
 * no line can be written for it, so the DLQ gets it as received and the rest of its partition is written.
 * This is the error its envelope carries.
 */
export class MalformedKafkaRecordError extends KafkaToS3Error {
  readonly path: string;
  readonly issues: { path: string; message: string }[];

  constructor(context: MalformedKafkaRecordContext) {
    const id = context.ref
      ? `${context.ref.topic}-${context.ref.partition}@${context.ref.offset}`
      : 'no offset';
    const problems = context.issues.map((i) => {
      const field = i.path.startsWith(`${context.path}.`)
        ? i.path.slice(context.path.length + 1)
        : '(record)';
      return `${field}: ${i.message}`;
    });
    super(`Kafka record ${context.path} (${id}) is malformed: ${problems.join('; ')}`);
    this.name = 'MalformedKafkaRecordError';
    this.path = context.path;
    this.issues = context.issues;
  }
}

/**
 * A malformed record could be neither parked nor named in a partial batch response (it has no offset and
 * its partition no other record to resume from): the invocation fails, so Lambda delivers the batch again.
 */
export class UnreportableKafkaRecordError extends KafkaToS3Error {
  static readonly retriable = true;
  constructor(path: string, options?: { cause?: unknown }) {
    super(
      `Kafka record ${path} has no offset and was not parked in the DLQ; failing the batch so that Lambda ` +
        'delivers it again',
      options,
    );
    this.name = 'UnreportableKafkaRecordError';
  }
}
