import { gunzipSync } from 'node:zlib';
import { PutObjectCommand, type PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { IotToS3ConfigError } from '../../../../tasks/ingest/iotToS3/errors';
import { createIotToS3Handler, writeIotBatchToS3 } from '../../../../tasks/ingest/iotToS3/writeIotBatchToS3';
import { loadEvent } from '../../../helpers/loadEvent';
import { lambdaContext, quietObservability, sqsRecord, telemetryEvent, testDeps } from './testDeps';

const s3 = mockClient(S3Client);
const big = { maxMessages: 10_000, maxBytes: 16 << 20 };

function putInputs(): PutObjectCommandInput[] {
  return s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
}

function linesOf(input: PutObjectCommandInput): Record<string, unknown>[] {
  return gunzipSync(input.Body as Buffer)
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
}

afterEach(() => {
  s3.reset();
});

describe('writeIotBatchToS3', () => {
  it('writes the recorded SQS event as one gzip NDJSON object and reports no failures', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const event = loadEvent<SQSEvent>('sqs-iot-telemetry');

    // Act
    const output = await writeIotBatchToS3(event, testDeps(big));

    // Assess
    expect(output.batchItemFailures).toEqual([]);
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    const put = putInputs()[0] as PutObjectCommandInput;
    expect(put).toMatchObject({
      Bucket: 'telemetry-bucket',
      ContentType: 'application/gzip',
      Metadata: { records: '3' },
    });
    expect(put.Key).toMatch(/^iot\/telemetry\/dt=2024-05-24\/hour=08\/[0-9a-f]{32}-3\.jsonl\.gz$/);
    expect(linesOf(put)).toEqual(event.Records.map((r) => JSON.parse(r.body)));
    expect(output.written).toEqual([{ key: put.Key, records: 3, bytes: (put.Body as Buffer).length }]);
  });

  it('splits a batch into ceil(n / N) objects only beyond MAX_MESSAGES_PER_OBJECT', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});

    // Act
    const output = await writeIotBatchToS3(
      telemetryEvent(2500),
      testDeps({ maxMessages: 1000, maxBytes: 16 << 20 }),
    );

    // Assess
    expect(output.batchItemFailures).toEqual([]);
    // Objects are written concurrently: put them back in order by their first line.
    const objects = putInputs()
      .map((p) => linesOf(p).map((l) => l.seq as number))
      .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
    expect(objects.map((seqs) => seqs.length)).toEqual([1000, 1000, 500]);
    expect(objects.flat()).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(output.written.map((o) => o.records)).toEqual([1000, 1000, 500]);
  });

  it('writes byte-identical objects under the same keys when the same batch is retried', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const event = telemetryEvent(50);

    // Act
    await writeIotBatchToS3(event, testDeps({ maxMessages: 20, maxBytes: 16 << 20 }));
    await writeIotBatchToS3(event, testDeps({ maxMessages: 20, maxBytes: 16 << 20 }));

    // Assess
    // Objects are written concurrently: compare key → bytes, not call order.
    const objects = (puts: PutObjectCommandInput[]) =>
      Object.fromEntries(puts.map((p) => [p.Key, (p.Body as Buffer).toString('hex')]));
    const puts = putInputs();
    expect(puts).toHaveLength(6);
    expect(Object.keys(objects(puts.slice(0, 3)))).toHaveLength(3);
    expect(objects(puts.slice(3))).toEqual(objects(puts.slice(0, 3)));
  });

  it('reports exactly the messages of the object whose PutObject failed', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    s3.on(PutObjectCommand, { Metadata: { records: '3' } }).rejects(new Error('SlowDown'));
    const event = telemetryEvent(7);

    // Act
    const output = await writeIotBatchToS3(event, testDeps({ maxMessages: 4, maxBytes: 16 << 20 }));

    // Assess
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 2);
    expect(output.batchItemFailures).toEqual([
      { itemIdentifier: 'm-4' },
      { itemIdentifier: 'm-5' },
      { itemIdentifier: 'm-6' },
    ]);
    expect(output.written.map((o) => o.records)).toEqual([4]);
  });

  it('parks invalid JSON and messages without clientId instead of failing the batch', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const deps = testDeps(big);

    // Act
    const output = await writeIotBatchToS3(loadEvent<SQSEvent>('sqs-iot-mixed'), deps);

    // Assess
    expect(output.batchItemFailures).toEqual([]);
    expect(output.parked).toBe(2);
    expect(deps.dlq.parked.map((m) => [m.messageId, m.error.reason, m.attempts])).toEqual([
      ['2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a12', 'body is not valid JSON', 1],
      ['3b4c5d6e-7f80-4910-8b2c-3d4e5f6a7b13', 'clientId is missing', 2],
    ]);
    expect(deps.dlq.parked[0]?.payload.toString()).toBe('temperature=21.4;humidity=40');
    expect(putInputs()[0]?.Metadata).toEqual({ records: '2' });
  });

  it('reports the unusable messages as failures when parking them fails', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const deps = testDeps(big);
    deps.dlq.failWith = new Error('AWS.SimpleQueueService.NonExistentQueue');

    // Act
    const output = await writeIotBatchToS3(loadEvent<SQSEvent>('sqs-iot-mixed'), deps);

    // Assess
    expect(output.batchItemFailures).toEqual([
      { itemIdentifier: '2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a12' },
      { itemIdentifier: '3b4c5d6e-7f80-4910-8b2c-3d4e5f6a7b13' },
    ]);
    expect(output.parked).toBe(0);
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
  });

  it('parks a record without a body as received and writes the rest of the batch', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const deps = testDeps(big);
    const good = sqsRecord('good', JSON.stringify({ clientId: 'sensor-1', receivedAt: 1716540001234 }));
    const bodyless = { ...sqsRecord('bodyless', ''), body: undefined } as unknown as SQSRecord;

    // Act
    const output = await writeIotBatchToS3({ Records: [good, bodyless, { ...good, messageId: 'g2' }] }, deps);

    // Assess
    expect(output).toMatchObject({ batchItemFailures: [], parked: 1 });
    expect(output.written.map((o) => o.records)).toEqual([2]);
    expect(deps.dlq.parked.map((m) => [m.messageId, m.error.message])).toEqual([
      ['bodyless', 'SQS message bodyless: body is missing'],
    ]);
    expect(deps.dlq.parked[0]?.malformed?.received).toEqual(bodyless);
  });

  it('reports a bodyless record by its messageId when the DLQ fails', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const deps = testDeps(big);
    deps.dlq.failWith = new Error('AWS.SimpleQueueService.NonExistentQueue');
    const bodyless = { ...sqsRecord('bodyless', ''), body: 42 } as unknown as SQSRecord;

    // Act
    const output = await writeIotBatchToS3({ Records: [bodyless] }, deps);

    // Assess
    expect(output.batchItemFailures).toEqual([{ itemIdentifier: 'bodyless' }]);
  });

  it('fails the invocation when a record without a messageId cannot be parked', async () => {
    // Prepare
    const deps = testDeps(big);
    deps.dlq.failWith = new Error('AWS.SimpleQueueService.NonExistentQueue');

    // Act
    const act = writeIotBatchToS3({ Records: [null as unknown as SQSRecord] }, deps);

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'UnreportableIotMessageError' });
  });

  it.each([[{}], [{ Records: 'x' }], [null]])('throws InvalidIotEventError for %p', async (event) => {
    // Act
    const act = writeIotBatchToS3(event as unknown as SQSEvent, testDeps(big));

    // Assess
    await expect(act).rejects.toThrow('Not an SQS event: Records is missing or not a list');
  });

  it('writes a message delivered twice in one batch once', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const body = JSON.stringify({ clientId: 'sensor-1', receivedAt: 1716540001234 });
    const event: SQSEvent = {
      Records: [sqsRecord('dup', body), sqsRecord('dup', body), sqsRecord('other', body)],
    };

    // Act
    const output = await writeIotBatchToS3(event, testDeps(big));

    // Assess
    expect(output.written.map((o) => o.records)).toEqual([2]);
  });

  it('writes nothing for a batch of only unusable messages', async () => {
    // Prepare
    const deps = testDeps(big);

    // Act
    const output = await writeIotBatchToS3({ Records: [sqsRecord('bad', 'not json')] }, deps);

    // Assess
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
    expect(output).toEqual({ batchItemFailures: [], written: [], parked: 1 });
  });
});

describe('createIotToS3Handler', () => {
  it('returns only the SQS partial batch response', async () => {
    // Prepare
    s3.on(PutObjectCommand).rejects(new Error('InternalError'));
    const observability = quietObservability();
    const deps = testDeps(big, { logger: observability.logger, metrics: observability.metrics });
    const handler = createIotToS3Handler(observability, deps);

    // Act
    const response = await handler(telemetryEvent(2), lambdaContext);

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-0' }, { itemIdentifier: 'm-1' }] });
  });

  it('fails the invocation with the config error when the deps cannot be built', async () => {
    // Prepare
    const handler = createIotToS3Handler(quietObservability(), () => {
      throw new IotToS3ConfigError([{ variable: 'BUCKET', reason: 'must be an S3 bucket name' }]);
    });

    // Act
    const act = handler(telemetryEvent(1), lambdaContext);

    // Assess
    await expect(act).rejects.toThrow('invalid iot-to-s3 settings: BUCKET must be an S3 bucket name');
  });
});
