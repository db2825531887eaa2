import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { LOCAL_PARKING_BUCKET, localReplayDeps } from '../../../cli/local/replayTasks';
import { localPaths } from '../../../scripts/local/paths';
import { readStackFile } from '../../../scripts/local/stackFile';
import type { ReplayDeps } from '../../../tasks/replay/deps';
import type { DlqEnvelope } from '../../../tasks/shared/dlq/schema';
import { withAdmin } from '../../../tasks/shared/kafka/client';
import { localKafka, localKafkaClient } from '../../helpers/localStack';
import { randomName } from '../../helpers/names';
import { listKeys } from '../local/support';

/** The local replay deps (ElasticMQ, S3Mock, the local broker), as `msk-flows replay --local` builds them. */
export function testReplayDeps(overrides: Partial<ReplayDeps> = {}): ReplayDeps {
  return localReplayDeps(readStackFile(), localPaths().stackFile, overrides);
}

/** A fresh queue with a random name; returns its URL. */
export async function createQueue(sqs: SQSClient, prefix = 'replay'): Promise<string> {
  const answer = await sqs.send(new CreateQueueCommand({ QueueName: randomName(prefix) }));
  return answer.QueueUrl as string;
}

export async function deleteQueue(sqs: SQSClient, queueUrl: string): Promise<void> {
  await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
}

/** Sends bodies, 10 per SendMessageBatch, 20 calls in flight. */
export async function sendBodies(sqs: SQSClient, queueUrl: string, bodies: string[]): Promise<void> {
  const batches: string[][] = [];
  for (let i = 0; i < bodies.length; i += 10) batches.push(bodies.slice(i, i + 10));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as string[];
      const answer = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((MessageBody, i) => ({ Id: String(i), MessageBody })),
        }),
      );
      if ((answer.Failed ?? []).length > 0) throw new Error(`send failed: ${JSON.stringify(answer.Failed)}`);
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
}

/** Messages in the queue: visible and in flight. */
export async function queueDepth(
  sqs: SQSClient,
  queueUrl: string,
): Promise<{ visible: number; inFlight: number }> {
  const answer = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    visible: Number(answer.Attributes?.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(answer.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}

/** A Kafka DLQ envelope of record `offset` of `topic`, with the given key, value and headers. */
export function kafkaEnvelope(
  topic: string,
  offset: number,
  fields: {
    key: Buffer | null;
    value: Buffer | null;
    headers?: [string, Buffer][];
    valueRef?: { bucket: string; key: string };
  },
): DlqEnvelope {
  return {
    version: 1,
    source: { kind: 'kafka', topic, partition: offset % 3, offset, timestamp: 1_716_540_000_000 + offset },
    key: fields.key?.toString('base64') ?? null,
    value: fields.valueRef ? null : (fields.value?.toString('base64') ?? null),
    ...(fields.valueRef ? { valueRef: fields.valueRef } : {}),
    headers: (fields.headers ?? []).map(([name, value]) => ({ [name]: value.toString('base64') })),
    error: { name: 'DownstreamTimeout', message: 'the consumer gave up' },
    attempts: 3,
    firstFailedAt: '2026-11-01T10:00:00.000Z',
    lastFailedAt: '2026-11-01T10:05:00.000Z',
  };
}

/** Creates a topic with random name and `partitions` partitions; returns its name. */
export async function createTopic(partitions = 3): Promise<string> {
  const topic = randomName('replay');
  await withAdmin(await localKafkaClient(), (admin) =>
    admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      waitForLeaders: true,
    }),
  );
  return topic;
}

export async function deleteTopics(topics: string[]): Promise<void> {
  await withAdmin(await localKafkaClient(), (admin) => admin.deleteTopics({ topics })).catch(() => undefined);
}

/** Every record of a topic, read from the beginning to its end offsets (no consumer group). */
export async function readTopic(topic: string): Promise<(KafkaMessage & { partition: number })[]> {
  const kafka: Kafka = await localKafkaClient();
  const ends = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
  const total = ends.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  const consumer = kafka.consumer({ groupId: randomName('g') });
  const messages: (KafkaMessage & { partition: number })[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${messages.length}/${total} of ${topic}`)),
        60_000,
      );
      if (total === 0) {
        clearTimeout(timer);
        resolve();
        return;
      }
      consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            messages.push({ ...message, partition });
            if (messages.length >= total) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** The local broker's self-managed cluster, as a replay request names it. */
export async function localCluster(): Promise<{ kind: 'self-managed'; bootstrapServers: string[] }> {
  return { kind: 'self-managed', bootstrapServers: (await localKafka()).brokers };
}

/** The parked documents under a prefix of the local parking bucket. */
export async function parkedDocuments(
  s3: S3Client,
  prefix: string,
): Promise<{ reasons: { reason: string }[]; message: { body: string } }[]> {
  const keys = await listKeys(s3, LOCAL_PARKING_BUCKET, prefix);
  return Promise.all(
    keys.map(async (Key) => {
      const answer = await s3.send(new GetObjectCommand({ Bucket: LOCAL_PARKING_BUCKET, Key }));
      return JSON.parse(await (answer.Body?.transformToString() ?? '{}'));
    }),
  );
}

/** The value of a header (last one of that name) as text. */
export function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  const last = Array.isArray(value) ? value.at(-1) : value;
  return last === undefined ? undefined : Buffer.from(last as Buffer).toString('utf8');
}
