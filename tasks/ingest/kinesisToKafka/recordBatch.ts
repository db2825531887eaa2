import { compressionsAlgorithms } from '@platformatic/kafka';
import { crc32c } from '../../shared/kafka/crc32c';
import type { BridgeCompression } from './config';
import { RECORD_BATCH_OVERHEAD } from './records';

/** One record of a batch, as bytes: the key, the value and the headers in order. */
export interface BatchRecord {
  key: Buffer;
  value: Buffer;
  headers: readonly (readonly [Buffer, Buffer])[];
}

/** Who writes the batch (KIP-98): the idempotent producer's id and epoch, and the batch's first sequence. */
export interface BatchWriter {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
}

/** Record batch v2 header, base offset … record count (Kafka `DefaultRecordBatch.RECORD_BATCH_OVERHEAD`). */
const HEADER_BYTES = RECORD_BATCH_OVERHEAD;
/** The CRC covers the batch from its attributes to the end. */
const CRC_OFFSET = 17;
const ATTRIBUTES_OFFSET = 21;
const MAGIC = 2;
/** Kafka's `RecordBatch.NO_PARTITION_LEADER_EPOCH`: the broker sets it. */
const NO_PARTITION_LEADER_EPOCH = -1;
const COMPRESSION_BITS: Record<BridgeCompression, number> = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 };

const zigZag = (value: number): number => ((value << 1) ^ (value >> 31)) >>> 0;

/** Bytes of a signed varint (zigzag, as record fields are) of an int32. */
export function varIntBytes(value: number): number {
  let v = zigZag(value);
  let bytes = 1;
  while (v >= 0x80) {
    v >>>= 7;
    bytes++;
  }
  return bytes;
}

function writeVarInt(buffer: Buffer, offset: number, value: number): number {
  let v = zigZag(value);
  let at = offset;
  while (v >= 0x80) {
    buffer[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buffer[at++] = v;
  return at;
}

function writeBytes(buffer: Buffer, offset: number, bytes: Buffer): number {
  const at = writeVarInt(buffer, offset, bytes.length);
  buffer.set(bytes, at);
  return at + bytes.length;
}

/** A record's bytes after its length: attributes, timestamp delta (0), offset delta, key, value, headers. */
function recordBodyBytes(record: BatchRecord, offsetDelta: number): number {
  let size = 1 + 1 + varIntBytes(offsetDelta);
  size += varIntBytes(record.key.length) + record.key.length;
  size += varIntBytes(record.value.length) + record.value.length;
  size += varIntBytes(record.headers.length);
  for (const [name, value] of record.headers)
    size += varIntBytes(name.length) + name.length + varIntBytes(value.length) + value.length;
  return size;
}

/** Writes the records, each with its length, from `offset`; returns where they end. */
function writeRecords(buffer: Buffer, offset: number, records: readonly BatchRecord[], bodies: Int32Array) {
  let at = offset;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as BatchRecord;
    at = writeVarInt(buffer, at, bodies[i] as number);
    buffer[at++] = 0; // attributes: unused
    buffer[at++] = 0; // timestamp delta: every record has the batch's timestamp
    at = writeVarInt(buffer, at, i);
    at = writeBytes(buffer, at, record.key);
    at = writeBytes(buffer, at, record.value);
    at = writeVarInt(buffer, at, record.headers.length);
    for (const [name, value] of record.headers) {
      at = writeBytes(buffer, at, name);
      at = writeBytes(buffer, at, value);
    }
  }
  return at;
}

function writeHeader(
  batch: Buffer,
  count: number,
  attributes: number,
  timestamp: bigint,
  writer: BatchWriter,
) {
  batch.writeBigInt64BE(0n, 0); // base offset: the broker assigns it
  batch.writeInt32BE(batch.length - 12, 8); // length: from the partition leader epoch on
  batch.writeInt32BE(NO_PARTITION_LEADER_EPOCH, 12);
  batch.writeInt8(MAGIC, 16);
  batch.writeInt16BE(attributes, ATTRIBUTES_OFFSET);
  batch.writeInt32BE(count - 1, 23); // last offset delta
  batch.writeBigInt64BE(timestamp, 27); // first timestamp
  batch.writeBigInt64BE(timestamp, 35); // max timestamp
  batch.writeBigInt64BE(writer.producerId, 43);
  batch.writeInt16BE(writer.producerEpoch, 51);
  batch.writeInt32BE(writer.baseSequence, 53);
  batch.writeInt32BE(count, 57);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
}

/**
 * Encodes `records` as one Kafka record batch (magic 2, KIP-98) in a single buffer: CreateTime `timestamp` for
 * every record, written by `writer`, the records section compressed with `compression`. The same bytes Kafka's
 * Java producer would write for these records, and the same the broker checks against `max.message.bytes`.
 */
export async function encodeRecordBatch(
  records: readonly BatchRecord[],
  writer: BatchWriter,
  compression: BridgeCompression,
  timestamp: bigint,
): Promise<Buffer> {
  if (records.length === 0) throw new RangeError('a record batch holds at least one record');
  const bodies = new Int32Array(records.length);
  let recordsBytes = 0;
  for (let i = 0; i < records.length; i++) {
    const body = recordBodyBytes(records[i] as BatchRecord, i);
    bodies[i] = body;
    recordsBytes += varIntBytes(body) + body;
  }
  const attributes = COMPRESSION_BITS[compression];
  let batch: Buffer;
  if (attributes === 0) {
    batch = Buffer.allocUnsafe(HEADER_BYTES + recordsBytes);
    writeRecords(batch, HEADER_BYTES, records, bodies);
  } else {
    const plain = Buffer.allocUnsafe(recordsBytes);
    writeRecords(plain, 0, records, bodies);
    const algorithm = compressionsAlgorithms[compression];
    // gzip off the main thread (zlib's pool), as @platformatic/kafka does; the others are fast enough inline.
    const compressed =
      'compress' in algorithm ? await algorithm.compress(plain) : algorithm.compressSync(plain);
    batch = Buffer.allocUnsafe(HEADER_BYTES + compressed.length);
    compressed.copy(batch, HEADER_BYTES);
  }
  writeHeader(batch, records.length, attributes, timestamp, writer);
  return batch;
}
