import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { awsCall } from './awsErrors';
import type { QueueMessage } from './messages/types';

/** ReceiveMessage takes at most 10; DeleteMessageBatch and ChangeMessageVisibilityBatch too. */
const SQS_BATCH = 10;
/** SQS's longest visibility timeout: 12 hours. */
export const MAX_VISIBILITY_SECONDS = 43_200;

/** One wave of parallel receives: what came back, and whether the queue looked empty to any of them. */
export interface ReceiveWave {
  messages: QueueMessage[];
  drained: boolean;
}

/**
 * Receives up to `max` messages with `ceil(max / 10)` ReceiveMessage calls in parallel, each long-polling
 * `waitSeconds` (long polling asks every SQS server, so an empty answer means no visible message). The
 * messages stay invisible for `visibilitySeconds` unless deleted or released.
 */
export async function receiveWave(
  sqs: SQSClient,
  queueUrl: string,
  options: { max: number; visibilitySeconds: number; waitSeconds: number },
): Promise<ReceiveWave> {
  const calls = Math.max(1, Math.ceil(options.max / SQS_BATCH));
  const answers = await Promise.all(
    Array.from({ length: calls }, (_, i) =>
      awsCall('ReceiveMessage', queueUrl, () =>
        sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(SQS_BATCH, options.max - i * SQS_BATCH),
            VisibilityTimeout: options.visibilitySeconds,
            WaitTimeSeconds: options.waitSeconds,
            MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount', 'MessageGroupId'],
            MessageAttributeNames: ['All'],
          }),
        ),
      ),
    ),
  );
  const seen = new Set<string>();
  const messages: QueueMessage[] = [];
  for (const answer of answers) {
    for (const m of answer.Messages ?? []) {
      if (!m.MessageId || !m.ReceiptHandle || seen.has(m.MessageId)) continue;
      seen.add(m.MessageId);
      messages.push({
        messageId: m.MessageId,
        receiptHandle: m.ReceiptHandle,
        body: m.Body ?? '',
        attributes: { ...(m.Attributes ?? {}) } as Record<string, string>,
        messageAttributes: (m.MessageAttributes ?? {}) as QueueMessage['messageAttributes'],
      });
    }
  }
  return { messages, drained: answers.some((a) => (a.Messages ?? []).length === 0) };
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += SQS_BATCH) out.push(items.slice(i, i + SQS_BATCH));
  return out;
}

/** Deletes messages (10 per call, calls in parallel); returns the ids SQS did not delete. */
export async function deleteMessages(sqs: SQSClient, queueUrl: string, messages: readonly QueueMessage[]) {
  const failed: string[] = [];
  await Promise.all(
    batches(messages).map(async (batch) => {
      const answer = await awsCall('DeleteMessageBatch', queueUrl, () =>
        sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: batch.map((m, i) => ({ Id: String(i), ReceiptHandle: m.receiptHandle })),
          }),
        ),
      );
      for (const f of answer.Failed ?? []) failed.push(batch[Number(f.Id)]?.messageId ?? '?');
    }),
  );
  return failed;
}

/**
 * Sets the messages' visibility timeout: 0 makes them visible again at once (released), more hides them
 * (skipped for the rest of a run). Best effort per entry: a receipt that expired is visible anyway.
 */
export async function changeVisibility(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly QueueMessage[],
  seconds: number,
): Promise<void> {
  const timeout = Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, Math.floor(seconds)));
  await Promise.all(
    batches(messages).map((batch) =>
      awsCall('ChangeMessageVisibilityBatch', queueUrl, () =>
        sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queueUrl,
            Entries: batch.map((m, i) => ({
              Id: String(i),
              ReceiptHandle: m.receiptHandle,
              VisibilityTimeout: timeout,
            })),
          }),
        ),
      ),
    ),
  );
}

/** Messages left in the queue (visible + in flight), as SQS approximates them. */
export async function approximateDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const answer = await awsCall('GetQueueAttributes', queueUrl, () =>
    sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    ),
  );
  const a = answer.Attributes ?? {};
  return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
}
