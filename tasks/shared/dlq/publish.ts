import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { packInOrder } from '../packInOrder';
import {
  bodyBytes,
  claimCheckKey,
  envelopeBody,
  fifoFields,
  SQS_MAX_BATCH_ENTRIES,
  SQS_MAX_MESSAGE_BYTES,
} from './claimCheck';
import { DlqEnvelopeError, DlqPublishError, type DlqPublishFailure } from './errors';
import { redactSecrets } from './redact';
import { type DlqEnvelope, dlqEnvelopeSchema } from './schema';

/** Where envelopes go: the SQS dead-letter queue, and the bucket for values too big for a message. */
export interface DlqPublishDeps {
  sqs: SQSClient;
  s3: S3Client;
  queueUrl: string;
  claimCheckBucket: string;
  /** Key prefix of parked values (default `dlq/`). */
  claimCheckPrefix?: string;
}

interface Pending {
  envelope: DlqEnvelope;
  body: string;
  bytes: number;
}

/** Parks the value in S3 when the message would exceed SQS's limit; returns what to send. */
async function prepare(envelope: DlqEnvelope, deps: DlqPublishDeps): Promise<Pending> {
  let body = envelopeBody(envelope);
  if (bodyBytes(body) <= SQS_MAX_MESSAGE_BYTES) return { envelope, body, bytes: bodyBytes(body) };
  if (envelope.value === null) {
    throw new DlqEnvelopeError(
      `DLQ envelope of a ${envelope.source.kind} record exceeds SQS's limit without a value`,
    );
  }
  const key = `${deps.claimCheckPrefix ?? 'dlq/'}${claimCheckKey(envelope)}`;
  // The SDK retries transient S3 errors itself (standard retry mode); a failure here fails this envelope.
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.claimCheckBucket,
      Key: key,
      Body: Buffer.from(envelope.value, 'base64'),
      ContentType: 'application/octet-stream',
    }),
  );
  const { version, source, key: recordKey, headers, error, attempts, firstFailedAt, lastFailedAt } = envelope;
  const valueRef = { bucket: deps.claimCheckBucket, key };
  const parked: DlqEnvelope = {
    ...{ version, source, key: recordKey, value: null, valueRef, headers },
    ...{ error, attempts, firstFailedAt, lastFailedAt },
  };
  body = envelopeBody(parked);
  if (bodyBytes(body) > SQS_MAX_MESSAGE_BYTES) {
    throw new DlqEnvelopeError(
      `DLQ envelope of a ${envelope.source.kind} record exceeds SQS's limit even with its value in S3`,
    );
  }
  return { envelope: parked, body, bytes: bodyBytes(body) };
}

/** Groups messages into SendMessageBatch calls: ≤ 10 entries and ≤ 256 KiB each, in order. */
export function packBatches<T extends { bytes: number }>(items: T[]): T[][] {
  return packInOrder(items, (item) => item.bytes, {
    maxItems: SQS_MAX_BATCH_ENTRIES,
    maxBytes: SQS_MAX_MESSAGE_BYTES,
  });
}

function failureOf(
  pending: Pending,
  code: string,
  message: string,
  senderFault: boolean,
): DlqPublishFailure & { pending: Pending } {
  return { pending, source: pending.envelope.source, code, message: redactSecrets(message), senderFault };
}

/** Sends one batch; returns the entries SQS did not take (all of them when the call itself failed). */
async function sendBatch(
  batch: Pending[],
  deps: DlqPublishDeps,
): Promise<(DlqPublishFailure & { pending: Pending })[]> {
  const fifo = deps.queueUrl.endsWith('.fifo');
  const entries: SendMessageBatchRequestEntry[] = batch.map((p, i) => ({
    Id: `m${i}`,
    MessageBody: p.body,
    ...(fifo ? fifoFields(p.envelope) : {}),
  }));
  try {
    const result = await deps.sqs.send(
      new SendMessageBatchCommand({ QueueUrl: deps.queueUrl, Entries: entries }),
    );
    const ok = new Set((result.Successful ?? []).map((s) => s.Id));
    const failed = new Map((result.Failed ?? []).map((f) => [f.Id, f]));
    return batch.flatMap((p, i) => {
      const id = `m${i}`;
      if (ok.has(id)) return [];
      const f = failed.get(id);
      // An entry SQS reports neither way was not acknowledged: count it as failed.
      return [
        failureOf(
          p,
          f?.Code ?? 'NotAcknowledged',
          f?.Message ?? 'missing from the response',
          f?.SenderFault ?? false,
        ),
      ];
    });
  } catch (error) {
    const name = (error as Error).name ?? 'Error';
    return batch.map((p) => failureOf(p, name, (error as Error).message ?? String(error), false));
  }
}

async function sendAll(
  items: Pending[],
  deps: DlqPublishDeps,
): Promise<(DlqPublishFailure & { pending: Pending })[]> {
  const results = await Promise.all(packBatches(items).map((batch) => sendBatch(batch, deps)));
  return results.flat();
}

/**
 * Publishes DLQ envelopes to SQS with SendMessageBatch (≤ 10 entries, ≤ 256 KiB a call); a value that would
 * push a message over SQS's limit is parked in S3 first (claim check: `valueRef` set, `value` null).
 * Entries SQS rejects are retried once (sender faults are not: they fail again). Throws DlqPublishError
 * naming every envelope that is still neither delivered nor parked, so the caller never acknowledges it.
 */
export async function publishToDlq(envelopes: DlqEnvelope[], deps: DlqPublishDeps): Promise<void> {
  for (const [i, envelope] of envelopes.entries()) {
    const check = dlqEnvelopeSchema.safeParse(envelope);
    if (!check.success) {
      const issues = check.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      throw new DlqEnvelopeError(`DLQ envelope ${i} is invalid: ${issues}`);
    }
  }
  const failures: DlqPublishFailure[] = [];
  const prepared = await Promise.all(
    envelopes.map(async (envelope) => {
      try {
        return await prepare(envelope, deps);
      } catch (error) {
        const senderFault = error instanceof DlqEnvelopeError;
        const code = senderFault ? 'EnvelopeTooLarge' : `ClaimCheck${(error as Error).name ?? 'Error'}`;
        failures.push({
          source: envelope.source,
          code,
          message: redactSecrets((error as Error).message),
          senderFault,
        });
        return undefined;
      }
    }),
  );
  const ready = prepared.filter((p): p is Pending => p !== undefined);
  const firstRound = await sendAll(ready, deps);
  const retriable = firstRound.filter((f) => !f.senderFault);
  const secondRound =
    retriable.length > 0
      ? await sendAll(
          retriable.map((f) => f.pending),
          deps,
        )
      : [];
  for (const f of [...firstRound.filter((x) => x.senderFault), ...secondRound]) {
    failures.push({ source: f.source, code: f.code, message: f.message, senderFault: f.senderFault });
  }
  if (failures.length > 0) throw new DlqPublishError(failures, envelopes.length - failures.length);
}
