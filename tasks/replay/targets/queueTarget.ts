import { createHash } from 'node:crypto';
import { type MessageAttributeValue, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SQS_MAX_BATCH_ENTRIES, SQS_MAX_MESSAGE_BYTES } from '../../shared/dlq/claimCheck';
import { packInOrder } from '../../shared/packInOrder';
import { awsCall } from '../awsErrors';
import { ReplayServiceUnavailableError } from '../errors';
import { REPLAY_HEADERS, type ReplayRecord } from '../records';
import type { DeliveryOutcome, Refusal, ReplayTargetWriter } from './types';

// Characters an SQS message body may hold (https://www.w3.org/TR/REC-xml/#charsets, as SQS documents).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the allowed controls are exactly what is listed.
const SQS_TEXT = /^[\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const MAX_ATTRIBUTES = 10;

function bodyOf(record: ReplayRecord): string | undefined {
  if (!record.value) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(record.value);
  return Buffer.from(text, 'utf8').equals(record.value) && SQS_TEXT.test(text) ? text : undefined;
}

function attributesOf(record: ReplayRecord, replayId: string): Record<string, MessageAttributeValue> {
  const own = { ...(record.sqsAttributes ?? {}) } as Record<string, MessageAttributeValue>;
  const ours: Record<string, MessageAttributeValue> = {
    [REPLAY_HEADERS.id]: { DataType: 'String', StringValue: replayId },
    [REPLAY_HEADERS.attempt]: { DataType: 'Number', StringValue: String(record.attempt) },
  };
  // SQS allows 10 attributes: the message's own come first; ours only where there is room.
  for (const [name, value] of Object.entries(ours)) {
    if (Object.keys(own).length < MAX_ATTRIBUTES) own[name] = value;
  }
  return own;
}

/**
 * Re-sends records to an SQS queue: a plain message (e.g. from the IoT batcher's SQS-native DLQ) as it
 * was, body and attributes; an envelope's or a read-back record's value as the body when it is text SQS
 * accepts (else it is parked). SQS's own refusals of an entry (sender faults) park that entry.
 */
export class QueueTargetWriter implements ReplayTargetWriter {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  refuse(record: ReplayRecord): Refusal | undefined {
    if (bodyOf(record) === undefined) {
      return {
        action: 'park',
        reason: 'ValueNotSqsText: the value is empty or not text an SQS message can carry',
      };
    }
    return undefined;
  }

  chunk(records: ReplayRecord[]): ReplayRecord[][] {
    return packInOrder(records, (r) => (r.value?.length ?? 0) + 512, {
      maxItems: SQS_MAX_BATCH_ENTRIES,
      maxBytes: SQS_MAX_MESSAGE_BYTES,
    });
  }

  async deliver(records: ReplayRecord[], replayId: string): Promise<DeliveryOutcome> {
    const outcome: DeliveryOutcome = { delivered: [], parked: [] };
    let pending = records;
    for (let round = 0; round < 2 && pending.length > 0; round++) {
      const fifo = this.queueUrl.endsWith('.fifo');
      const answer = await awsCall('SendMessageBatch', this.queueUrl, () =>
        this.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: pending.map((record, i) => ({
              Id: String(i),
              MessageBody: bodyOf(record) ?? '',
              MessageAttributes: attributesOf(record, replayId),
              ...(fifo
                ? {
                    MessageGroupId: 'msk-flows-replay',
                    MessageDeduplicationId: createHash('sha256').update(record.id).digest('hex'),
                  }
                : {}),
            })),
          }),
        ),
      );
      const ok = new Set((answer.Successful ?? []).map((s) => s.Id));
      const failed = new Map((answer.Failed ?? []).map((f) => [f.Id, f]));
      const again: ReplayRecord[] = [];
      pending.forEach((record, i) => {
        const id = String(i);
        if (ok.has(id)) outcome.delivered.push(record.id);
        else if (failed.get(id)?.SenderFault) {
          outcome.parked.push({ id: record.id, reason: `QueueRefusedMessage: ${failed.get(id)?.Code}` });
        } else again.push(record);
      });
      pending = again;
    }
    if (pending.length > 0) {
      throw new ReplayServiceUnavailableError('SendMessageBatch', {
        cause: new Error(`${pending.length} entries not sent`),
      });
    }
    return outcome;
  }

  async close(): Promise<void> {}
}
