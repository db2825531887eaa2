import { gunzipSync } from 'node:zlib';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import type { KafkaToS3Dlq } from '../../../../tasks/ingest/kafkaToS3/dlq';
import { writeKafkaBatchToS3 } from '../../../../tasks/ingest/kafkaToS3/writeKafkaBatchToS3';
import { loadEvent } from '../../../helpers/loadEvent';
import { testDeps } from './testDeps';

const s3Mock = mockClient(S3Client);

afterEach(() => {
  s3Mock.reset();
});

/** msk-orders with `orders.events-0` record `i` changed by `change`. */
function ordersWith(i: number, change: (r: Record<string, unknown>) => unknown): unknown {
  const raw = loadEvent<{ records: Record<string, unknown[]> }>('msk-orders');
  const group = raw.records['orders.events-0'] as unknown[];
  group[i] = change(group[i] as Record<string, unknown>);
  return JSON.parse(JSON.stringify(raw));
}

const badValue = (r: Record<string, unknown>) => ({ ...r, value: 'not base64!' });

/** The offsets written in the PutObject of `key`'s partition, in order. */
function writtenOffsets(partition: number): number[] {
  const call = s3Mock
    .commandCalls(PutObjectCommand)
    .find((c) => c.args[0].input.Key?.includes(`/partition=${partition}/`));
  if (!call) return [];
  return gunzipSync(call.args[0].input.Body as Buffer)
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).offset as number);
}

function dlqThat(outcome: 'parks' | 'fails') {
  return {
    park: jest.fn<KafkaToS3Dlq['park']>(async () => {
      if (outcome === 'fails')
        throw Object.assign(new Error('queue unavailable'), { name: 'DlqPublishError' });
    }),
  };
}

describe('writeKafkaBatchToS3 with malformed records', () => {
  it('parks a record whose value is not base64 with its topic-partition-offset and writes the rest of its partition', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const dlq = dlqThat('parks');

    // Act
    const output = await writeKafkaBatchToS3(ordersWith(1, badValue), testDeps(new S3Client({}), { dlq }));

    // Assess
    expect(output.batchItemFailures).toEqual([]);
    expect(output.parked).toBe(1);
    expect(writtenOffsets(0)).toEqual([15, 17]);
    expect(writtenOffsets(1)).toEqual([4, 5]);
    const [parked] = dlq.park.mock.calls[0]?.[0] ?? [];
    expect(parked?.record.ref).toEqual({ topic: 'orders.events', partition: 0, offset: 16 });
    expect(parked?.error.name).toBe('MalformedKafkaRecordError');
    expect(parked?.error.message).toBe(
      'Kafka record records.orders.events-0[1] (orders.events-0@16) is malformed: value: not valid base64 (RFC 4648, padded)',
    );
    const lines = s3Mock
      .commandCalls(PutObjectCommand)
      .map((c) => gunzipSync(c.args[0].input.Body as Buffer).toString());
    expect(lines.join('')).not.toContain('not base64!');
  });

  it.each([
    ['the DLQ fails', dlqThat('fails')],
    ['no DLQ is configured', undefined],
  ])(
    'writes the partition up to the malformed record and reports it from there when %s',
    async (_when, dlq) => {
      // Prepare
      s3Mock.on(PutObjectCommand).resolves({});

      // Act
      const output = await writeKafkaBatchToS3(
        ordersWith(1, badValue),
        testDeps(new S3Client({}), dlq ? { dlq } : {}),
      );

      // Assess
      expect(output.batchItemFailures).toEqual([
        { itemIdentifier: { partition: 'orders.events-0', offset: 16 } },
      ]);
      expect(output.parked).toBe(0);
      expect(writtenOffsets(0)).toEqual([15]);
      expect(writtenOffsets(1)).toEqual([4, 5]);
      expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
        Key: 'topics/orders.events/partition=0/orders.events+0+0000000015-0000000015.jsonl.gz',
      });
    },
  );

  it('reports a partition from its first offset when a record without an offset cannot be parked', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const event = ordersWith(2, (r) => ({ ...r, offset: 'seventeen' }));

    // Act
    const output = await writeKafkaBatchToS3(event, testDeps(new S3Client({}), { dlq: dlqThat('fails') }));

    // Assess
    expect(output.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders.events-0', offset: 15 } },
    ]);
    expect(writtenOffsets(0)).toEqual([]);
    expect(writtenOffsets(1)).toEqual([4, 5]);
  });

  it('fails the invocation when a record without an offset cannot be parked and its partition has no other record', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const raw = loadEvent<{ records: Record<string, unknown[]> }>('msk-orders');
    raw.records['orders.events-0'] = [null];

    // Act
    const act = writeKafkaBatchToS3(raw, testDeps(new S3Client({}), { dlq: dlqThat('fails') }));

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'UnreportableKafkaRecordError' });
  });

  it('parks a record without identity and writes every other record', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const dlq = dlqThat('parks');

    // Act
    const output = await writeKafkaBatchToS3(
      ordersWith(0, () => 'garbage'),
      testDeps(new S3Client({}), { dlq }),
    );

    // Assess
    expect(output).toMatchObject({ batchItemFailures: [], parked: 1 });
    expect(writtenOffsets(0)).toEqual([16, 17]);
    expect(dlq.park.mock.calls[0]?.[0][0]?.error.message).toBe(
      'Kafka record records.orders.events-0[0] (no offset) is malformed: (record): Invalid input: expected object, received string',
    );
  });
});
