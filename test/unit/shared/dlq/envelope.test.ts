import { jest } from '@jest/globals';
import type { KinesisStreamEvent } from 'aws-lambda';
import {
  buildKafkaEnvelope,
  buildKinesisEnvelope,
  buildMalformedEnvelope,
  buildMqttEnvelope,
  dlqEnvelopeSchema,
} from '../../../../tasks/shared/dlq';
import type { KafkaTriggerEvent } from '../../../../tasks/shared/kafkaEvent/types';
import { loadEvent } from '../../../helpers/loadEvent';

const NOW = new Date('2024-05-24T08:40:00.000Z');

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('buildKafkaEnvelope', () => {
  it('keeps the record as delivered: coordinates, base64 key and value, headers in order', () => {
    // Prepare
    const record = loadEvent<KafkaTriggerEvent>('msk-orders').records['orders.events-1']?.[1];
    if (!record) throw new Error('fixture changed');

    // Act
    const envelope = buildKafkaEnvelope(record, new Error('boom'), 3);

    // Assess
    expect(envelope).toEqual({
      version: 1,
      source: { kind: 'kafka', topic: 'orders.events', partition: 1, offset: 5, timestamp: 1716540000900 },
      key: record.key,
      value: record.value,
      headers: [
        { source: Buffer.from('mobile').toString('base64') },
        { source: Buffer.from('retry').toString('base64') },
      ],
      error: { name: 'Error', message: 'boom' },
      attempts: 3,
      firstFailedAt: NOW.toISOString(),
      lastFailedAt: NOW.toISOString(),
    });
    expect(dlqEnvelopeSchema.safeParse(envelope).success).toBe(true);
  });

  it('writes null for a missing key and a tombstone value', () => {
    // Prepare
    const [tombstone, keyless] =
      loadEvent<KafkaTriggerEvent>('msk-tombstone-binary').records['customers.compacted-0'] ?? [];
    if (!tombstone || !keyless) throw new Error('fixture changed');

    // Act
    const envelopes = [
      buildKafkaEnvelope(tombstone, new Error('x')),
      buildKafkaEnvelope(keyless, new Error('x')),
    ];

    // Assess
    expect(envelopes.map((e) => [e.key === null, e.value === null, e.attempts])).toEqual([
      [false, true, 1],
      [true, false, 1],
    ]);
  });

  it('refuses an attempt count below one', () => {
    // Prepare
    const record = loadEvent<KafkaTriggerEvent>('msk-orders').records['orders.events-0']?.[0];
    if (!record) throw new Error('fixture changed');

    // Act
    const act = () => buildKafkaEnvelope(record, new Error('x'), 0);

    // Assess
    expect(act).toThrow(RangeError);
  });
});

describe('buildKinesisEnvelope', () => {
  it('takes the shard from eventID, the key from the partition key and the value from data', () => {
    // Prepare
    const [record] = loadEvent<KinesisStreamEvent>('kinesis-single-record').Records;
    if (!record) throw new Error('fixture changed');

    // Act
    const envelope = buildKinesisEnvelope(record, record.eventSourceARN, new TypeError('bad'), 2);

    // Assess
    expect(envelope.source).toEqual({
      kind: 'kinesis',
      streamArn: record.eventSourceARN,
      shardId: 'shardId-000000000006',
      sequenceNumber: record.kinesis.sequenceNumber,
    });
    expect(Buffer.from(envelope.key ?? '', 'base64').toString()).toBe(record.kinesis.partitionKey);
    expect(envelope.value).toBe(record.kinesis.data);
    expect(envelope.error).toEqual({ name: 'TypeError', message: 'bad' });
    expect(dlqEnvelopeSchema.safeParse(envelope).success).toBe(true);
  });
});

describe('buildMalformedEnvelope', () => {
  it('carries the record as received as JSON text, never as record bytes, with the identity it had', () => {
    // Prepare
    const received = { kinesis: { data: 'not*base64', partitionKey: 'k' }, eventID: 'shardId-1:42' };

    // Act
    const envelope = buildMalformedEnvelope(
      {
        source: { trigger: 'kinesis', path: 'Records[3]', shardId: 'shardId-1', sequenceNumber: '42' },
        received,
      },
      new Error('Kinesis record Records[3] (shardId-1:42) is malformed: kinesis.data is not valid base64'),
    );

    // Assess
    expect(envelope).toEqual({
      version: 1,
      source: {
        kind: 'malformed',
        trigger: 'kinesis',
        path: 'Records[3]',
        shardId: 'shardId-1',
        sequenceNumber: '42',
      },
      key: null,
      value: Buffer.from(JSON.stringify(received)).toString('base64'),
      headers: [],
      error: { name: 'Error', message: expect.stringContaining('Records[3]') },
      attempts: 1,
      firstFailedAt: NOW.toISOString(),
      lastFailedAt: NOW.toISOString(),
    });
    expect(dlqEnvelopeSchema.safeParse(envelope).success).toBe(true);
  });

  it('writes a record that was undefined as JSON null', () => {
    // Act
    const envelope = buildMalformedEnvelope(
      { source: { trigger: 'sqs', path: 'Records[0]' }, received: undefined },
      new Error('x'),
    );

    // Assess
    expect(Buffer.from(envelope.value ?? '', 'base64').toString()).toBe('null');
  });
});

describe('buildMqttEnvelope', () => {
  it.each([
    ['epoch milliseconds', 1716540000123],
    ['an ISO string', '2024-05-24T08:40:00.123Z'],
    ['a Date', new Date(1716540000123)],
  ])('normalises receivedAt given as %s to ISO 8601', (_label, receivedAt) => {
    // Prepare
    const message = {
      topic: 'devices/dev-42/telemetry',
      clientId: 'dev-42',
      receivedAt,
      payload: Buffer.from([1, 2, 3]),
    };

    // Act
    const envelope = buildMqttEnvelope(message, new Error('x'));

    // Assess
    expect(envelope.source).toEqual({
      kind: 'mqtt',
      topic: 'devices/dev-42/telemetry',
      clientId: 'dev-42',
      receivedAt: '2024-05-24T08:40:00.123Z',
    });
    expect(envelope.key).toBe(Buffer.from('dev-42').toString('base64'));
    expect(envelope.value).toBe('AQID');
    expect(dlqEnvelopeSchema.safeParse(envelope).success).toBe(true);
  });

  it('refuses a receivedAt that is not a time', () => {
    // Prepare
    const message = { topic: 't', clientId: 'c', receivedAt: 'yesterday', payload: Buffer.alloc(0) };

    // Act
    const act = () => buildMqttEnvelope(message, new Error('x'));

    // Assess
    expect(act).toThrow('receivedAt is not a time');
  });
});

describe('envelope errors', () => {
  it.each([
    ['SASL config', 'login failed: sasl.jaas.config=... username="admin" password="hunter2";', 'hunter2'],
    ['JSON credentials', 'bad secret {"username":"app","password":"s3cr3t!"}', 's3cr3t!'],
    ['a URL with user info', 'cannot reach https://app:p4ss@broker:9096/', 'p4ss'],
    ['an access key id', 'denied for AKIAABCDEFGHIJKLMNOP', 'AKIAABCDEFGHIJKLMNOP'],
    ['a bearer token', 'Authorization failed: Bearer eyJhbGciOi.abc.def', 'eyJhbGciOi'],
  ])('never carry %s', (_label, message, secret) => {
    // Prepare
    const record = loadEvent<KafkaTriggerEvent>('msk-orders').records['orders.events-0']?.[0];
    if (!record) throw new Error('fixture changed');

    // Act
    const envelope = buildKafkaEnvelope(record, new Error(message));

    // Assess
    expect(envelope.error.message).not.toContain(secret);
    expect(envelope.error.message).toContain('***');
  });

  it('cuts very long messages', () => {
    // Prepare
    const record = loadEvent<KafkaTriggerEvent>('msk-orders').records['orders.events-0']?.[0];
    if (!record) throw new Error('fixture changed');

    // Act
    const envelope = buildKafkaEnvelope(record, new Error('x'.repeat(10_000)));

    // Assess
    expect(envelope.error.message.length).toBe(1024);
  });
});
