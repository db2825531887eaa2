import { gunzipSync } from 'node:zlib';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import {
  createKafkaToS3Handler,
  writeKafkaBatchToS3,
} from '../../../../tasks/ingest/kafkaToS3/writeKafkaBatchToS3';
import { InvalidKafkaEventError } from '../../../../tasks/shared/kafkaEvent/errors';
import type { KafkaTriggerEvent } from '../../../../tasks/shared/kafkaEvent/types';
import { loadEvent } from '../../../helpers/loadEvent';
import { lambdaContext, quietObservability, testDeps } from './testDeps';

const s3Mock = mockClient(S3Client);

afterEach(() => {
  s3Mock.reset();
});

describe('writeKafkaBatchToS3', () => {
  it('writes one gzip NDJSON object per topic-partition under its deterministic key', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const event = loadEvent<KafkaTriggerEvent>('msk-orders');

    // Act
    const output = await writeKafkaBatchToS3(event, testDeps(new S3Client({})));

    // Assess
    expect(output.batchItemFailures).toEqual([]);
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 2);
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'landing',
      Key: 'topics/orders.events/partition=0/orders.events+0+0000000015-0000000017.jsonl.gz',
      ContentType: 'application/x-ndjson',
      ContentEncoding: 'gzip',
      Metadata: {
        'record-count': '3',
        'first-offset': '15',
        'last-offset': '17',
        'payload-encoding': 'base64',
      },
    });
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Key: 'topics/orders.events/partition=1/orders.events+1+0000000004-0000000005.jsonl.gz',
    });
    const body = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.Body as Buffer;
    const offsets = gunzipSync(body)
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).offset);
    expect(offsets).toEqual([15, 16, 17]);
    expect(output.objects.map((o) => [o.partition, o.records])).toEqual([
      ['orders.events-0', 3],
      ['orders.events-1', 2],
    ]);
  });

  it('encrypts with the configured KMS key and an S3 Bucket Key', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

    // Act
    await writeKafkaBatchToS3(
      loadEvent('self-managed-kafka-sensors'),
      testDeps(new S3Client({}), { kmsKeyArn }),
    );

    // Assess
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 3);
    for (const call of s3Mock.commandCalls(PutObjectCommand)) {
      expect(call.args[0].input).toMatchObject({
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: kmsKeyArn,
        BucketKeyEnabled: true,
      });
    }
  });

  it('reports only the partition whose PutObject failed, at its first offset, and writes the others', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    s3Mock
      .on(PutObjectCommand, {
        Key: 'topics/orders.events/partition=0/orders.events+0+0000000015-0000000017.jsonl.gz',
      })
      .rejects(Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' }));

    // Act
    const output = await writeKafkaBatchToS3(loadEvent('msk-orders'), testDeps(new S3Client({})));

    // Assess
    expect(output.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders.events-0', offset: 15 } },
    ]);
    expect(output.objects.map((o) => o.partition)).toEqual(['orders.events-1']);
  });

  it('produces byte-identical objects for the same event written twice', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).resolves({});
    const deps = testDeps(new S3Client({}), { encoding: 'json' });

    // Act
    await writeKafkaBatchToS3(loadEvent('msk-orders'), deps);
    await writeKafkaBatchToS3(loadEvent('msk-orders'), deps);

    // Assess
    const calls = s3Mock.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    const [a, b, c, d] = calls.map((call) => ({ key: call.Key, body: call.Body as Buffer }));
    expect(calls).toHaveLength(4);
    expect([c?.key, d?.key]).toEqual([a?.key, b?.key]);
    expect(c?.body.equals(a?.body as Buffer)).toBe(true);
    expect(d?.body.equals(b?.body as Buffer)).toBe(true);
  });
});

describe('kafka-to-s3 handler', () => {
  it('returns only the partial batch response', async () => {
    // Prepare
    s3Mock
      .on(PutObjectCommand)
      .rejects(Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable' }));
    const observability = quietObservability();
    const handler = createKafkaToS3Handler(observability, testDeps(new S3Client({})));

    // Act
    const result = await handler(loadEvent('self-managed-kafka-sensors'), lambdaContext);

    // Assess
    expect(result).toEqual({
      batchItemFailures: [
        { itemIdentifier: { partition: 'sensor.alerts-0', offset: 3 } },
        { itemIdentifier: { partition: 'sensor.readings-0', offset: 100 } },
        { itemIdentifier: { partition: 'sensor.readings-2', offset: 7 } },
      ],
    });
  });

  it('fails the invocation with InvalidKafkaEventError for an event that is not a Kafka batch', async () => {
    // Prepare
    const handler = createKafkaToS3Handler(quietObservability(), testDeps(new S3Client({})));

    // Act
    const act = handler(loadEvent('kinesis-single-record'), lambdaContext);

    // Assess
    await expect(act).rejects.toThrow(InvalidKafkaEventError);
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('builds its deps on the first invocation, so a bad environment fails that invocation by name', async () => {
    // Prepare
    const handler = createKafkaToS3Handler(quietObservability(), () => {
      throw new Error('invalid kafka-to-s3 settings: BUCKET must be an S3 bucket name');
    });

    // Act
    const act = handler(loadEvent('msk-orders'), lambdaContext);

    // Assess
    await expect(act).rejects.toThrow('BUCKET must be an S3 bucket name');
  });
});
