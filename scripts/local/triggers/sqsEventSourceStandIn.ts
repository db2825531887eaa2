/**
 * LOCAL STAND-IN for a Lambda SQS event source mapping (nothing here runs in AWS): polls a local SQS queue
 * (ElasticMQ), invokes a handler with SQS events shaped as Lambda delivers them (BatchSize,
 * MaximumBatchingWindowInSeconds), and deletes only the messages the handler did not report in
 * `batchItemFailures` (ReportBatchItemFailures on):
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

// Lambda stops growing an SQS batch before its 6 MB invocation payload limit.
const MAX_EVENT_BYTES = 5 * 1024 * 1024;

/** A Lambda SQS event record for a received message, shaped as the event source mapping delivers it. */
export function toSqsRecord(message: Message, eventSourceARN: string, awsRegion: string): SQSRecord {
  const a = message.Attributes ?? {};
  const body = message.Body ?? '';
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body,
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
}

/** Counters of the poller. */
export interface SqsPollerStats {
  batches: number;
  received: number;
  deleted: number;
  /** Messages left for redelivery: reported failures, or whole batches whose invocation threw. */
  retried: number;
}

/** A running poller. */
export interface SqsPoller {
  stats(): SqsPollerStats;
  /** Stops after the batch in hand (its deletes included). */
  stop(): Promise<void>;
}

/** Options of startSqsPoller (the event source mapping's BatchSize and MaximumBatchingWindowInSeconds). */
export interface SqsPollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;
  /** Messages per invocation, 1–10,000 (default 10). */
  batchSize?: number;
  /** How long to gather a batch after its first message (default 0: invoke with what one poll returned). */
  batchWindowMs?: number;
  /** Visibility timeout for received messages (default: the queue's); failures reappear after it. */
  visibilityTimeoutSec?: number;
  onError?: (error: unknown) => void;
}

async function deleteMessages(sqs: SQSClient, queueUrl: string, messages: Message[]): Promise<number> {
  const chunks: Message[][] = [];
  for (let i = 0; i < messages.length; i += 10) chunks.push(messages.slice(i, i + 10));
  let failed = 0;
  for (let i = 0; i < chunks.length; i += 8) {
    const results = await Promise.all(
      chunks.slice(i, i + 8).map((chunk) =>
        sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle })),
          }),
        ),
      ),
    );
    failed += results.reduce((sum, r) => sum + (r.Failed?.length ?? 0), 0);
  }
  return messages.length - failed;
}

/**
 * Polls the queue and invokes `handler` with Lambda SQS events. As the event source mapping does: an
 * invocation that throws, or reports an itemIdentifier not in the batch, leaves the whole batch for redelivery.
 */
export function startSqsPoller(options: SqsPollerOptions): SqsPoller {
  const stats: SqsPollerStats = { batches: 0, received: 0, deleted: 0, retried: 0 };
  const batchSize = Math.min(Math.max(options.batchSize ?? 10, 1), 10_000);
  const windowMs = options.batchWindowMs ?? 0;
  let stopped = false;

  const collect = async (): Promise<Message[]> => {
    const messages: Message[] = [];
    let bytes = 0;
    let firstAt: number | undefined;
    while (!stopped && messages.length < batchSize && bytes < MAX_EVENT_BYTES) {
      const left = firstAt === undefined ? 1000 : firstAt + windowMs - Date.now();
      if (left <= 0) break;
      const { Messages = [] } = await options.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: Math.min(10, batchSize - messages.length),
          WaitTimeSeconds: Math.min(1, Math.floor(left / 1000)),
          VisibilityTimeout: options.visibilityTimeoutSec,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) {
        // A short poll (or a server ignoring WaitTimeSeconds) answers at once: do not spin.
        await sleep(Math.min(20, left));
        continue;
      }
      firstAt ??= Date.now();
      messages.push(...Messages);
      bytes += Messages.reduce((sum, m) => sum + Buffer.byteLength(m.Body ?? ''), 0);
      if (windowMs === 0) break;
    }
    return messages;
  };

  const loop = async () => {
    const { Attributes } = await options.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['QueueArn'] }),
    );
    const arn = Attributes?.QueueArn ?? options.queueUrl;
    const region = arn.split(':')[3] || 'us-east-1';
    while (!stopped) {
      const messages = await collect();
      if (messages.length === 0) continue;
      stats.batches++;
      stats.received += messages.length;
      let done: Message[] = [];
      try {
        const response = await options.handler({ Records: messages.map((m) => toSqsRecord(m, arn, region)) });
        const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        const known = new Set(messages.map((m) => m.MessageId));
        if ([...failed].every((id) => id && known.has(id)))
          done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
      } catch (error) {
        options.onError?.(error);
      }
      stats.deleted += await deleteMessages(options.sqs, options.queueUrl, done);
      stats.retried += messages.length - done.length;
    }
  };

  const running = loop().catch((error: unknown) => {
    stopped = true;
    options.onError?.(error);
  });
  return {
    stats: () => ({ ...stats }),
    async stop() {
      stopped = true;
      await running;
    },
  };
}
