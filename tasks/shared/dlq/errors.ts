import type { DlqSource } from './schema';

/** Base class of the DLQ errors; `name` is what Step Functions and callers match on. */
export class DlqError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'DlqError';
  }
}

/** One envelope that was neither delivered to SQS nor parked: where it came from and why (no payload). */
export interface DlqPublishFailure {
  source: DlqSource;
  code: string;
  message: string;
  /** SQS says the request was wrong (retrying it unchanged fails again). */
  senderFault: boolean;
}

/**
 * Some envelopes were not delivered even after a retry. The caller must not acknowledge those records:
 * they were neither processed nor parked. Retriable (throttling, an unreachable queue) unless every failure
 * is a sender fault.
 */
export class DlqPublishError extends DlqError {
  /** Worth retrying with backoff (SQS refused or failed some entries); an invalid envelope never is. */
  static readonly retriable = true;
  constructor(
    readonly failures: DlqPublishFailure[],
    readonly delivered: number,
    options: { cause?: unknown } = {},
  ) {
    const codes = [...new Set(failures.map((f) => f.code))].join(', ');
    super(
      `${failures.length} of ${failures.length + delivered} DLQ envelopes were not delivered (${codes})`,
      options,
    );
    this.name = 'DlqPublishError';
  }
}

/** An envelope was rejected before sending: invalid, or too big for SQS even with its value in S3. */
export class DlqEnvelopeError extends DlqError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'DlqEnvelopeError';
  }
}
