import type { KinesisStreamRecord } from 'aws-lambda';
import { buildKinesisEnvelope, type DlqPublishDeps, publishToDlq } from '../../shared/dlq';

/** A record the bridge gives up on, with the reason the DLQ envelope will carry. */
export interface DeadLetterItem {
  record: KinesisStreamRecord;
  error: Error;
}

/** Parks records in the DLQ (SQS, claim check in S3 for big ones); rejects if any could not be parked. */
export type DeadLetter = (items: DeadLetterItem[]) => Promise<void>;

/**
 * Dead letters as DLQ envelopes (the public contract a replay reads), one per record, sent together. The
 * record is given up on at its first attempt: nothing the bridge retries could make it fit. `target` is
 * called per use, so the SQS and S3 clients are only created when a record is dead-lettered.
 */
export function dlqDeadLetter(target: () => DlqPublishDeps): DeadLetter {
  return async (items) => {
    const envelopes = items.map((item) =>
      buildKinesisEnvelope(item.record, item.record.eventSourceARN, item.error, 1),
    );
    await publishToDlq(envelopes, target());
  };
}
