import { gunzipSync } from 'node:zlib';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { localS3Client, localSqsClient } from '../../../../scripts/local/awsClients';
import { kafkaToS3Clients } from '../../../../tasks/ingest/kafkaToS3/clients';
import { createKafkaToS3Handler } from '../../../../tasks/ingest/kafkaToS3/writeKafkaBatchToS3';
import { type DlqEnvelope, dlqEnvelopeSchema } from '../../../../tasks/shared/dlq';
import { loadEvent } from '../../../helpers/loadEvent';
import { randomName } from '../../../helpers/names';
import { lambdaContext, quietObservability } from '../../../unit/ingest/kafkaToS3/testDeps';
import { deletePrefix, listKeys, localAwsEntries } from '../../local/support';

const aws = localAwsEntries();
const s3 = localS3Client(aws);
const sqs = localSqsClient(aws);
const BUCKET = 'msk-flows-local';
const DLQ_BUCKET = 'msk-flows-local-dlq';
let prefix = '';
let queueUrl = '';

beforeEach(async () => {
  prefix = randomName('kafka-to-s3');
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: randomName('k2s-dlq') }));
  queueUrl = QueueUrl as string;
});

afterEach(async () => {
  await deletePrefix(s3, BUCKET, `${prefix}/`);
  await deletePrefix(s3, DLQ_BUCKET, `${prefix}/`);
  await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
});

afterAll(() => {
  s3.destroy();
  sqs.destroy();
});

function handler() {
  const env = {
    BUCKET,
    PREFIX: prefix,
    DLQ_QUEUE_URL: queueUrl,
    DLQ_CLAIM_CHECK_BUCKET: DLQ_BUCKET,
    DLQ_CLAIM_CHECK_PREFIX: `${prefix}/`,
  };
  const observability = quietObservability();
  return createKafkaToS3Handler(observability, kafkaToS3Clients(env, observability, s3, sqs));
}

async function envelopes(count: number): Promise<DlqEnvelope[]> {
  const out: DlqEnvelope[] = [];
  const deadline = Date.now() + 10_000;
  while (out.length < count && Date.now() < deadline) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const m of Messages ?? []) out.push(JSON.parse(m.Body ?? '{}') as DlqEnvelope);
  }
  return out;
}

async function objectLines(key: string): Promise<{ offset: number; value: string }[]> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return gunzipSync(Buffer.from(await (object.Body?.transformToByteArray() ?? [])))
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('kafka-to-s3 handler with malformed records (S3Mock, ElasticMQ)', () => {
  it('parks records with undecodable base64 with their topic-partition-offset and writes the rest of the batch', async () => {
    // Prepare: partition 0 offset 16 has a value that is not base64 (300 KiB of it: a claim check),
    // partition 1 offset 5 a key that is not.
    const event = loadEvent<{ records: Record<string, Record<string, unknown>[]> }>('msk-orders');
    const p0 = event.records['orders.events-0'] as Record<string, unknown>[];
    const p1 = event.records['orders.events-1'] as Record<string, unknown>[];
    p0[1] = { ...p0[1], value: `${'A'.repeat(300 * 1024)}*` };
    p1[1] = { ...p1[1], key: 'b3JkZXI_MTAwMg==' };

    // Act
    const result = await handler()(event, lambdaContext);
    const parked = await envelopes(2);

    // Assess: the rest written, undecoded bytes nowhere in the objects
    expect(result).toEqual({ batchItemFailures: [] });
    const keys = await listKeys(s3, BUCKET, `${prefix}/`);
    expect(keys).toEqual([
      `${prefix}/orders.events/partition=0/orders.events+0+0000000015-0000000017.jsonl.gz`,
      `${prefix}/orders.events/partition=1/orders.events+1+0000000004-0000000004.jsonl.gz`,
    ]);
    expect((await objectLines(keys[0] as string)).map((l) => l.offset)).toEqual([15, 17]);
    expect((await objectLines(keys[1] as string)).map((l) => l.offset)).toEqual([4]);
    // Assess: one envelope each, naming the record; the big one's received record in S3
    expect(parked.map((e) => dlqEnvelopeSchema.safeParse(e).success)).toEqual([true, true]);
    const byOffset = new Map(parked.map((e) => [e.source.kind === 'malformed' ? e.source.offset : -1, e]));
    expect(byOffset.get(16)).toMatchObject({
      source: { kind: 'malformed', trigger: 'kafka', topic: 'orders.events', partition: 0, offset: 16 },
      value: null,
      valueRef: { bucket: DLQ_BUCKET },
      error: {
        name: 'MalformedKafkaRecordError',
        message:
          'Kafka record records.orders.events-0[1] (orders.events-0@16) is malformed: value: not valid base64 (RFC 4648, padded)',
      },
    });
    const claim = byOffset.get(16)?.valueRef;
    const stored = await s3.send(new GetObjectCommand({ Bucket: claim?.bucket, Key: claim?.key }));
    expect(JSON.parse(await (stored.Body?.transformToString() ?? '""'))).toEqual(p0[1]);
    expect(byOffset.get(5)?.error.message).toBe(
      'Kafka record records.orders.events-1[1] (orders.events-1@5) is malformed: key: not valid base64 (RFC 4648, padded)',
    );
    expect(JSON.parse(Buffer.from(byOffset.get(5)?.value ?? '', 'base64').toString())).toEqual(p1[1]);
  });
});
