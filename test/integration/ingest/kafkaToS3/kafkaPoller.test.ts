import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Admin, Kafka } from 'kafkajs';
import { localS3Client } from '../../../../scripts/local/awsClients';
import { type KafkaPoller, startKafkaPoller } from '../../../../scripts/local/triggers/kafkaPoller';
import { createKafkaToS3Handler } from '../../../../tasks/ingest/kafkaToS3/writeKafkaBatchToS3';
import { parseKafkaEvent } from '../../../../tasks/shared/kafkaEvent/parse';
import type { SelfManagedKafkaTriggerEvent } from '../../../../tasks/shared/kafkaEvent/types';
import { localKafkaClient } from '../../../helpers/localStack';
import { groupName, randomName, topicName } from '../../../helpers/names';
import { lambdaContext, quietObservability, testDeps } from '../../../unit/ingest/kafkaToS3/testDeps';
import { deletePrefix, listKeys, localAwsEntries } from '../../local/support';

const BUCKET = 'msk-flows-local';
const PARTITIONS = 3;
const PER_PARTITION = 100;

let kafka: Kafka;
let admin: Admin;
let topic = '';
let prefix = '';
let poller: KafkaPoller | undefined;
const s3Clients: S3Client[] = [];

function newS3(): S3Client {
  const s3 = localS3Client(localAwsEntries());
  s3Clients.push(s3);
  return s3;
}

beforeAll(async () => {
  kafka = await localKafkaClient();
  admin = kafka.admin();
  await admin.connect();
});

beforeEach(async () => {
  topic = topicName();
  prefix = randomName('poller');
  await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  const producer = kafka.producer();
  await producer.connect();
  for (let p = 0; p < PARTITIONS; p++) {
    const messages = Array.from({ length: PER_PARTITION }, (_, i) => ({
      partition: p,
      key: `device-${p}`,
      value: JSON.stringify({ p, i }),
      headers: { seq: String(i) },
    }));
    await producer.send({ topic, messages });
  }
  await producer.disconnect();
});

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
  await deletePrefix(newS3(), BUCKET, `${prefix}/`);
  await admin.deleteTopics({ topics: [topic] });
});

afterAll(async () => {
  await admin.disconnect();
  for (const s3 of s3Clients) s3.destroy();
});

/** Waits until the group's committed offset of every partition is the partition's end. */
async function waitForCommitted(groupId: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    if (offsets?.partitions.every((p) => p.offset === String(PER_PARTITION))) return;
    if (Date.now() > deadline) throw new Error(`not committed: ${JSON.stringify(offsets?.partitions)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Landed {
  key: string;
  partition: number;
  first: number;
  last: number;
  offsets: number[];
}

async function landedObjects(s3: S3Client): Promise<Landed[]> {
  const keys = await listKeys(s3, BUCKET, `${prefix}/`);
  return Promise.all(
    keys.map(async (key) => {
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      const text = gunzipSync(Buffer.from(await (object.Body?.transformToByteArray() ?? []))).toString();
      const offsets = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).offset as number);
      const [, partition, first, last] = /\+(\d+)\+(\d+)-(\d+)\.jsonl\.gz$/.exec(key)?.map(Number) ?? [];
      return { key, partition: partition ?? -1, first: first ?? -1, last: last ?? -1, offsets };
    }),
  );
}

/** Every record of every partition exactly once, and no two objects of a partition overlapping. */
function expectEveryRecordOnce(objects: Landed[]): void {
  const seen = objects.flatMap((o) => o.offsets.map((offset) => `${o.partition}@${offset}`));
  const expected = Array.from(
    { length: PARTITIONS * PER_PARTITION },
    (_, n) => `${Math.floor(n / PER_PARTITION)}@${n % PER_PARTITION}`,
  );
  expect(seen.sort()).toEqual(expected.sort());
  for (let p = 0; p < PARTITIONS; p++) {
    const ranges = objects.filter((o) => o.partition === p).sort((a, b) => a.first - b.first);
    ranges.slice(1).forEach((range, i) => {
      expect(range.first).toBeGreaterThan(ranges[i]?.last ?? -1);
    });
  }
}

describe('startKafkaPoller (local stand-in for the Kafka trigger)', () => {
  it('delivers self-managed Kafka events to the real handler, lands every record in S3Mock and commits', async () => {
    // Prepare
    const s3 = newS3();
    const handler = createKafkaToS3Handler(quietObservability(), testDeps(s3, { bucket: BUCKET, prefix }));
    const events: SelfManagedKafkaTriggerEvent[] = [];
    const groupId = groupName();

    // Act
    poller = await startKafkaPoller({
      kafka,
      topics: [topic],
      groupId,
      batchSize: 50,
      maxBatchingWindowMs: 200,
      bootstrapServers: ['127.0.0.1:9096'],
      handler: async (event) => {
        events.push(event);
        return handler(event, lambdaContext);
      },
    });
    await waitForCommitted(groupId);

    // Assess
    expectEveryRecordOnce(await landedObjects(s3));
    expect(events.every((e) => parseKafkaEvent(e) && e.eventSource === 'SelfManagedKafka')).toBe(true);
    expect(Math.max(...events.map((e) => Object.values(e.records).flat().length))).toBeLessThanOrEqual(50);
    const first = Object.values(events[0]?.records ?? {})[0]?.[0];
    expect(first).toMatchObject({
      topic,
      timestampType: 'CREATE_TIME',
      headers: [{ seq: [...Buffer.from('0')] }],
    });
    expect(poller.stats()).toMatchObject({
      delivered: 300,
      committed: 300,
      redelivered: 0,
      failedInvocations: 0,
    });
  });

  it('re-delivers a partition whose PutObject failed from its first offset: nothing lost, no duplicate objects', async () => {
    // Prepare
    const s3 = newS3();
    let failedKey: string | undefined;
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: string }).Key ?? '';
        if (context.commandName === 'PutObjectCommand' && !failedKey && key.includes('/partition=1/')) {
          failedKey = key;
          throw Object.assign(new Error('injected outage'), { name: 'ServiceUnavailable' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectPutObjectFailure' },
    );
    const handler = createKafkaToS3Handler(quietObservability(), testDeps(s3, { bucket: BUCKET, prefix }));
    const responses: { event: SelfManagedKafkaTriggerEvent; result: unknown }[] = [];
    const groupId = groupName();

    // Act
    poller = await startKafkaPoller({
      kafka,
      topics: [topic],
      groupId,
      batchSize: 120,
      maxBatchingWindowMs: 200,
      retryDelayMs: 100,
      handler: async (event) => {
        const result = await handler(event, lambdaContext);
        responses.push({ event, result });
        return result;
      },
    });
    await waitForCommitted(groupId);

    // Assess
    const failedFirst = Number(/\+1\+(\d+)-/.exec(failedKey ?? '')?.[1]);
    const failedAt = responses.findIndex(
      (r) => (r.result as { batchItemFailures: unknown[] }).batchItemFailures.length > 0,
    );
    expect(responses[failedAt]?.result).toEqual({
      batchItemFailures: [{ itemIdentifier: { partition: `${topic}-1`, offset: failedFirst } }],
    });
    const redelivery = responses.slice(failedAt + 1).find((r) => r.event.records[`${topic}-1`]);
    expect(redelivery?.event.records[`${topic}-1`]?.[0]?.offset).toBe(failedFirst);
    // Every record once and no overlapping objects: the failed range was rewritten, never duplicated.
    expectEveryRecordOnce(await landedObjects(s3));
    expect(poller.stats().redelivered).toBeGreaterThan(0);
    expect(poller.stats().committed).toBe(PARTITIONS * PER_PARTITION);
  });
});
