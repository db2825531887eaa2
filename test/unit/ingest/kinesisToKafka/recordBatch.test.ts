import { randomBytes } from 'node:crypto';
import {
  createRecordsBatch,
  jsCRC32C,
  type MessageRecord,
  NumericMap,
  Reader,
  readRecordsBatch,
} from '@platformatic/kafka';
import { BRIDGE_COMPRESSIONS, type BridgeCompression } from '../../../../tasks/ingest/kinesisToKafka/config';
import {
  type BatchRecord,
  type BatchWriter,
  encodeRecordBatch,
} from '../../../../tasks/ingest/kinesisToKafka/recordBatch';

const TIMESTAMP = 1_700_000_000_123n;
const WRITER: BatchWriter = { producerId: 4_242_000_000_001n, producerEpoch: 7, baseSequence: 1_000 };
/** The attributes' codec bits (Kafka `CompressionType.id`). */
const CODEC_BITS: Record<BridgeCompression, number> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

const bytes = (text: string): Buffer => Buffer.from(text);
const header = (name: string, value: string): [Buffer, Buffer] => [bytes(name), bytes(value)];

/** Records of varied shapes: empty value, no headers, multi-byte varint lengths, 20 KB values, repeated names. */
const RECORDS: BatchRecord[] = [
  { key: bytes('key-0'), value: Buffer.alloc(0), headers: [] },
  {
    key: bytes('shardId-000000000000'),
    value: randomBytes(200),
    headers: [header('source', 'kinesis'), header('trace', 'a'), header('empty', ''), header('trace', 'b')],
  },
  { key: Buffer.alloc(0), value: bytes('v'), headers: [header('h', '1')] },
  { key: bytes('key-3'), value: randomBytes(20 * 1024), headers: [header('content-type', 'octet-stream')] },
  {
    key: bytes('flight-LH400'),
    value: bytes('{"flight":"LH400","altitude":35000}'.repeat(600)),
    headers: [header('a', 'x'.repeat(300)), header('b', '2'), header('c', '3')],
  },
  { key: bytes('key-5'), value: randomBytes(63), headers: [] },
];

/** The same records as @platformatic/kafka's producer takes them, all with the batch's timestamp. */
function toMessages(records: readonly BatchRecord[]): MessageRecord[] {
  return records.map((record) => ({
    key: record.key,
    value: record.value,
    headers: new Map(record.headers.map(([name, value]) => [name, value])),
    topic: 't',
    partition: 0,
    timestamp: TIMESTAMP,
  }));
}

describe('encodeRecordBatch', () => {
  it.each(BRIDGE_COMPRESSIONS)(
    'writes a batch that @platformatic/kafka reads back field for field with codec %s',
    async (compression) => {
      // Act
      const buffer = await encodeRecordBatch(RECORDS, WRITER, compression, TIMESTAMP);

      // Assess
      const batch = readRecordsBatch(Reader.from(buffer));
      expect(batch).toMatchObject({
        firstOffset: 0n,
        length: buffer.length - 12,
        partitionLeaderEpoch: -1,
        magic: 2,
        attributes: CODEC_BITS[compression],
        lastOffsetDelta: RECORDS.length - 1,
        firstTimestamp: TIMESTAMP,
        maxTimestamp: TIMESTAMP,
        producerId: WRITER.producerId,
        producerEpoch: WRITER.producerEpoch,
        firstSequence: WRITER.baseSequence,
      });
      expect(batch.records).toHaveLength(RECORDS.length);
      batch.records.forEach((record, i) => {
        const input = RECORDS[i] as BatchRecord;
        expect(record.offsetDelta).toBe(i);
        expect(record.timestampDelta).toBe(0n);
        expect(record.attributes).toBe(0);
        expect(record.key).toEqual(input.key);
        expect(record.value).toEqual(input.value);
        expect(record.headers).toEqual(input.headers.map(([name, value]) => [name, value]));
      });
    },
  );

  it.each(BRIDGE_COMPRESSIONS)(
    'stores the CRC-32C of the bytes from the attributes to the end with codec %s',
    async (compression) => {
      // Act
      const buffer = await encodeRecordBatch(RECORDS, WRITER, compression, TIMESTAMP);

      // Assess
      expect(buffer.readUInt32BE(17)).toBe(jsCRC32C(buffer.subarray(21)));
    },
  );

  it.each([
    ['every record shape', RECORDS, WRITER],
    ['a single record', [RECORDS[1] as BatchRecord], WRITER],
    ['a first sequence of 0', RECORDS.slice(0, 3), { producerId: 0n, producerEpoch: 0, baseSequence: 0 }],
  ])(
    'writes the same bytes as @platformatic/kafka for an uncompressed batch of %s',
    async (_name, records, writer) => {
      // Prepare
      const expected = createRecordsBatch(toMessages(records), {
        producerId: writer.producerId,
        producerEpoch: writer.producerEpoch,
        partitionLeaderEpoch: -1,
        sequences: new NumericMap([['t:0', writer.baseSequence]]),
      }).buffer;

      // Act
      const buffer = await encodeRecordBatch(records, writer, 'none', TIMESTAMP);

      // Assess
      expect(buffer.length).toBe(expected.length);
      expect(Buffer.compare(buffer, expected)).toBe(0);
    },
  );

  it('refuses an empty batch with a RangeError', async () => {
    // Act
    const encoding = encodeRecordBatch([], WRITER, 'none', TIMESTAMP);

    // Assess
    await expect(encoding).rejects.toBeInstanceOf(RangeError);
    await expect(encoding).rejects.toThrow('a record batch holds at least one record');
  });
});
