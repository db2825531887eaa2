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

/** Error names worth retrying; a config error is a deployment bug and never is. */
export const RETRIABLE_KAFKA_TO_S3_ERROR_NAMES = ['PartitionWriteError'] as const;
