import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { localS3Client } from '../../../../scripts/local/awsClients';
import { createKafkaToS3Handler } from '../../../../tasks/ingest/kafkaToS3/writeKafkaBatchToS3';
import { kafkaRecords } from '../../../../tasks/shared/kafkaEvent/decode';
import type { KafkaTriggerEvent } from '../../../../tasks/shared/kafkaEvent/types';
import { loadEvent } from '../../../helpers/loadEvent';
import { randomName } from '../../../helpers/names';
import { lambdaContext, quietObservability, testDeps } from '../../../unit/ingest/kafkaToS3/testDeps';
import { deletePrefix, listKeys, localAwsEntries } from '../../local/support';

const s3 = localS3Client(localAwsEntries());
const BUCKET = 'msk-flows-local';
let prefix = '';

beforeEach(() => {
  prefix = randomName('kafka-to-s3');
});

afterEach(async () => {
  await deletePrefix(s3, BUCKET, `${prefix}/`);
});

afterAll(() => {
  s3.destroy();
});

async function objectBytes(key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await (object.Body?.transformToByteArray() ?? []));
}

describe('kafka-to-s3 handler against S3Mock', () => {
  it.each(['msk-orders', 'self-managed-kafka-sensors'])(
    'writes the same %s event twice as one object per partition batch, byte-identical',
    async (name) => {
      // Prepare
      const event = loadEvent<KafkaTriggerEvent>(name);
      const handler = createKafkaToS3Handler(quietObservability(), testDeps(s3, { bucket: BUCKET, prefix }));
      const partitions = Object.keys(event.records).length;

      // Act
      const first = await handler(event, lambdaContext);
      const keys = await listKeys(s3, BUCKET, `${prefix}/`);
      const before = await Promise.all(keys.map(objectBytes));
      const second = await handler(loadEvent(name), lambdaContext);
      const after = await Promise.all(keys.map(objectBytes));

      // Assess
      expect(first).toEqual({ batchItemFailures: [] });
      expect(second).toEqual({ batchItemFailures: [] });
      expect(keys).toHaveLength(partitions);
      expect(await listKeys(s3, BUCKET, `${prefix}/`)).toEqual(keys);
      after.forEach((bytes, i) => {
        expect(bytes.equals(before[i] as Buffer)).toBe(true);
      });
    },
  );

  it('lands every record once, decodable, with the object metadata of its range', async () => {
    // Prepare
    const event = loadEvent<KafkaTriggerEvent>('msk-orders');
    const handler = createKafkaToS3Handler(
      quietObservability(),
      testDeps(s3, { bucket: BUCKET, prefix, encoding: 'json' }),
    );

    // Act
    await handler(event, lambdaContext);

    // Assess
    const keys = await listKeys(s3, BUCKET, `${prefix}/`);
    expect(keys).toEqual([
      `${prefix}/orders.events/partition=0/orders.events+0+0000000015-0000000017.jsonl.gz`,
      `${prefix}/orders.events/partition=1/orders.events+1+0000000004-0000000005.jsonl.gz`,
    ]);
    const lines = (await Promise.all(keys.map(objectBytes))).flatMap((gz) =>
      gunzipSync(gz)
        .toString()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    );
    expect(lines.map((l) => [l.partition, l.offset, l.key])).toEqual(
      kafkaRecords(event).map((r) => [r.partition, r.offset, Buffer.from(r.key ?? '', 'base64').toString()]),
    );
    expect(lines[0].value).toEqual({ orderId: '1001', status: 'created', amount: 42.5 });
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: keys[0] }));
    expect(head.Metadata).toEqual({
      'record-count': '3',
      'first-offset': '15',
      'last-offset': '17',
      'payload-encoding': 'json',
    });
    expect(head.ContentType).toBe('application/x-ndjson');
  });
});
