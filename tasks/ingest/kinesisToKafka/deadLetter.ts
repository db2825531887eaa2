import type { KinesisStreamRecord } from 'aws-lambda';
import type { DlqPublishDeps } from '../../shared/dlq';
import type { MalformedRecord } from '../../shared/dlq/envelope';

/**
 * A record the bridge gives up on, with the reason the DLQ envelope will carry: a well-formed record (its
 * key and data become the envelope's), or a malformed one (parked as received).
 */
export type DeadLetterItem =
  | { record: KinesisStreamRecord; error: Error }
  | { malformed: MalformedRecord; error: Error };

/** Parks records in the DLQ (SQS, claim check in S3 for big ones); rejects if any could not be parked. */
export type DeadLetter = (items: DeadLetterItem[]) => Promise<void>;

/**
 * Dead letters as DLQ envelopes (the public contract a replay reads), one per record, sent together. The
 * record is given up on at its first attempt: nothing the bridge retries could make it fit. `target` is
 * called per use, so the SQS and S3 clients (and their packages) are only loaded when a record is dead-lettered; the DLQ module
 * (its zod schema is most of its weight) is loaded then too, keeping it out of every cold start.
 */
export function dlqDeadLetter(target: () => DlqPublishDeps | Promise<DlqPublishDeps>): DeadLetter {
  return async (items) => {
    const { buildKinesisEnvelope, buildMalformedEnvelope, publishToDlq } = await import('../../shared/dlq');
    const envelopes = items.map((item) =>
      'malformed' in item
        ? buildMalformedEnvelope(item.malformed, item.error, 1)
        : buildKinesisEnvelope(item.record, item.record.eventSourceARN, item.error, 1),
    );
    await publishToDlq(envelopes, await target());
  };
}
