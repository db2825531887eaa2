import { type BridgeMessage, recordSizeUpperBound } from '../../../../tasks/ingest/kinesisToKafka/records';

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
