/** One bad field of a Kafka trigger event. */
export interface KafkaEventIssue {
  path: string;
  message: string;
}

/** Base class of the Kafka trigger event errors. None is retriable: the same event fails the same way. */
export class KafkaEventError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'KafkaEventError';
  }
}

/** The event is not a Kafka trigger event; the message lists every bad field (never a record's payload). */
export class InvalidKafkaEventError extends KafkaEventError {
  constructor(readonly issues: KafkaEventIssue[]) {
    super(`Not a Kafka trigger event: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidKafkaEventError';
  }
}

/**
 * A partial batch response would name a record that is not in the batch. Lambda treats such a response as
 * a failure of the whole batch, so we refuse to build it.
 */
export class KafkaBatchResponseError extends KafkaEventError {
  constructor(readonly identifiers: string[]) {
    super(`Partial batch response names records that are not in the batch: ${identifiers.join(', ')}`);
    this.name = 'KafkaBatchResponseError';
  }
}
