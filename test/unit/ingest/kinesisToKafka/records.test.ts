import type { KinesisStreamEvent } from 'aws-lambda';
import {
  BRIDGE_HEADERS,
  type BridgeMessage,
  recordSizeUpperBound,
  shardIdOf,
  toBridgeRecords,
} from '../../../../tasks/ingest/kinesisToKafka/records';
import { loadEvent } from '../../../helpers/loadEvent';

/** Exact size of a record in a v2 batch (zig-zag varints), with the timestamp delta `tsDelta`. */
function exactRecordSize(message: BridgeMessage, tsDelta: number, offsetDelta: number): number {
  const varint = (n: number) => {
    let z = n >= 0 ? n * 2 : -n * 2 - 1;
    let bytes = 1;
    while (z >= 128) {
      z = Math.floor(z / 128);
      bytes++;
    }
    return bytes;
  };
  const key = Buffer.byteLength(message.key);
  let body = 1 + varint(tsDelta) + varint(offsetDelta) + varint(key) + key;
  body += varint(message.value.length) + message.value.length;
  const headers = Object.entries(message.headers);
  body += varint(headers.length);
  for (const [name, value] of headers) {
    body += varint(Buffer.byteLength(name)) + Buffer.byteLength(name);
    body += varint(Buffer.byteLength(value)) + Buffer.byteLength(value);
  }
  return varint(body) + body;
}

describe('toBridgeRecords', () => {
  it('keys each message by partition key and carries stream, shard, sequence number and arrival time in headers', () => {
    // Prepare
    const event = loadEvent<KinesisStreamEvent>('kinesis-flight-telemetry');

    // Act
    const records = toBridgeRecords(event.Records);

    // Assess
    expect(records).toHaveLength(6);
    const [first] = records;
    expect(first?.message.key).toBe('N12345');
    expect(JSON.parse(first?.message.value.toString() ?? '')).toEqual({
      flight: 'N12345',
      seq: 0,
      altitudeFt: 30000,
    });
    expect(first?.message.headers).toEqual({
      [BRIDGE_HEADERS.streamArn]: 'arn:aws:kinesis:us-east-2:123456789012:stream/flight-telemetry',
      [BRIDGE_HEADERS.shardId]: 'shardId-000000000006',
      [BRIDGE_HEADERS.sequenceNumber]: '49590338271490256608559692538361571095922598849006820962',
      [BRIDGE_HEADERS.arrivalTimestamp]: '1545084650987',
    });
    expect(records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(records.map((r) => r.message.partition)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('returns no records when the event has none', () => {
    // Act
    const records = toBridgeRecords([]);

    // Assess
    expect(records).toEqual([]);
  });
});

describe('shardIdOf', () => {
  it('takes the shard id from the eventID when it is <shardId>:<sequenceNumber>', () => {
    // Prepare
    const [record] = loadEvent<KinesisStreamEvent>('kinesis-single-record').Records;

    // Act
    const shardId = record ? shardIdOf(record) : undefined;

    // Assess
    expect(shardId).toBe('shardId-000000000006');
  });
});

describe('recordSizeUpperBound', () => {
  it('is never below the exact encoded size and at most 40 bytes above it', () => {
    // Prepare
    const messages: BridgeMessage[] = [
      { key: 'k', value: Buffer.alloc(0), headers: {} },
      {
        key: 'N12345',
        value: Buffer.alloc(1024, 65),
        headers: { a: 'b', 'kinesis-shard-id': 'shardId-000000000006' },
      },
      { key: 'ключ', value: Buffer.alloc(300_000, 1), headers: { é: 'ü'.repeat(200) } },
    ];

    // Act
    const pairs = messages.map((m) => [recordSizeUpperBound(m), exactRecordSize(m, 2 ** 40, 9_999)] as const);

    // Assess
    for (const [bound, exact] of pairs) {
      expect(bound).toBeGreaterThanOrEqual(exact);
      expect(bound - exact).toBeLessThanOrEqual(40);
    }
  });
});
