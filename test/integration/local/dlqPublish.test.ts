import { GetObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { KinesisStreamEvent } from 'aws-lambda';
import { localS3Client, localSqsClient } from '../../../scripts/local/awsClients';
import {
  buildKafkaEnvelope,
  buildKinesisEnvelope,
  buildMqttEnvelope,
  type DlqEnvelope,
  dlqEnvelopeSchema,
  publishToDlq,
} from '../../../tasks/shared/dlq';
import type { KafkaTriggerEvent } from '../../../tasks/shared/kafkaEvent/types';
import { loadEvent } from '../../helpers/loadEvent';
import { randomName } from '../../helpers/names';
import { deletePrefix, localAwsEntries } from './support';

const aws = localAwsEntries();
const sqs = localSqsClient(aws);
const s3 = localS3Client(aws);
const BUCKET = 'msk-flows-local-dlq';
let queueUrl = '';
let prefix = '';

beforeEach(async () => {
  ({ QueueUrl: queueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: randomName('dlq') })));
  prefix = `${randomName('dlq')}/`;
});

afterEach(async () => {
  await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  await deletePrefix(s3, BUCKET, prefix);
});

afterAll(() => {
  sqs.destroy();
  s3.destroy();
});

async function receiveAll(expected: number): Promise<DlqEnvelope[]> {
  const bodies: DlqEnvelope[] = [];
  for (let i = 0; i < 20 && bodies.length < expected; i++) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    bodies.push(...Messages.map((m) => dlqEnvelopeSchema.parse(JSON.parse(m.Body ?? ''))));
  }
  return bodies;
}

describe('publishToDlq against ElasticMQ and S3Mock', () => {
  it('lands Kafka, Kinesis and MQTT envelopes on the queue, each a valid envelope', async () => {
    // Prepare
    const kafkaRecords = loadEvent<KafkaTriggerEvent>('msk-orders').records['orders.events-0'] ?? [];
    const [kinesis] = loadEvent<KinesisStreamEvent>('kinesis-single-record').Records;
    if (!kinesis) throw new Error('fixture changed');
    const envelopes = [
      ...kafkaRecords.map((r) => buildKafkaEnvelope(r, new Error('poison'))),
      buildKinesisEnvelope(kinesis, kinesis.eventSourceARN, new Error('too large')),
      buildMqttEnvelope(
        {
          topic: 'devices/d1/telemetry',
          clientId: 'd1',
          receivedAt: 1716540000000,
          payload: Buffer.from('{'),
        },
        new Error('bad json'),
      ),
    ];

    // Act
    await publishToDlq(envelopes, { sqs, s3, queueUrl, claimCheckBucket: BUCKET, claimCheckPrefix: prefix });
    const received = await receiveAll(envelopes.length);

    // Assess
    const byId = (e: DlqEnvelope) => JSON.stringify(e.source);
    expect(received.map(byId).sort()).toEqual(envelopes.map(byId).sort());
    expect(received.every((e) => e.valueRef === undefined)).toBe(true);
  });

  it('parks a 300 KiB value in S3 and sends an envelope pointing at it', async () => {
    // Prepare
    const value = Buffer.alloc(300 * 1024);
    for (let i = 0; i < value.length; i++) value[i] = (i * 31) % 251;
    const record = {
      ...(loadEvent<KafkaTriggerEvent>('msk-orders').records['orders.events-0']?.[0] ?? ({} as never)),
      value: value.toString('base64'),
    };
    const envelope = buildKafkaEnvelope(record, new Error('too big to process'));

    // Act
    await publishToDlq([envelope], { sqs, s3, queueUrl, claimCheckBucket: BUCKET, claimCheckPrefix: prefix });
    const [received] = await receiveAll(1);

    // Assess
    expect(received?.value).toBeNull();
    expect(received?.valueRef).toEqual({ bucket: BUCKET, key: `${prefix}kafka/orders.events/0/15.bin` });
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: received?.valueRef?.key }));
    expect(Buffer.from(await (object.Body?.transformToByteArray() ?? [])).equals(value)).toBe(true);
    expect({ ...received, value: envelope.value, valueRef: undefined }).toEqual({
      ...envelope,
      valueRef: undefined,
    });
  });
});
