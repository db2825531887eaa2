import { setTimeout } from 'node:timers/promises';
import type { Consumer, Producer } from '@platformatic/kafka';
import { readOffsetRange } from '../../replay/sources/kafkaRanges';
import { KafkaConnectionError } from '../../shared/kafka/errors';
import { toKafkaErrorFromPlatformatic } from '../kafka/platformaticErrors';
import { RegistryRecordError } from './errors';
import { recordKey } from './fold';
import { REGISTRY_TOPIC } from './registryTopic';
import type { RegistryLog, RegistryRecord, StoredRecord } from './types';

const PARTITION = 0;

/** Parses a registry record's value; a record that is not ours fails loudly rather than being skipped. */
export function decodeRecord(offset: bigint, value: Buffer | null): RegistryRecord | undefined {
  if (value === null) return undefined; // a tombstone: nothing to fold
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    throw new RegistryRecordError(offset, 'not JSON');
  }
  const r = parsed as Partial<RegistryRecord> | null;
  const valid =
    !!r &&
    typeof r.kind === 'string' &&
    typeof r.id === 'string' &&
    typeof r.run === 'string' &&
    (r.state === 'intent' || r.state === 'owned' || r.state === 'released') &&
    typeof r.owner?.principal === 'string';
  if (!valid) throw new RegistryRecordError(offset, 'missing kind, id, run, state or owner');
  return r as RegistryRecord;
}

/**
 * The registry log on its Kafka topic: reads with plain Fetch requests up to the high watermark, from offset 0
 * the first time and from where it stopped after that (no consumer group, nothing committed), appends with
 * acks=all so a record read back is replicated.
 */
export function kafkaRegistryLog(consumer: Consumer, producer: Producer): RegistryLog {
  // What this session has read so far: a claim reads the log two or three times within one step, and
  // the whole log each time cost ~25 ms per read with ~1,000 things registered. The log only grows, and
  // compaction only drops records a later one of the same key supersedes, so the records read earlier
  // plus the new ones fold to the same view as a fresh read from the start.
  let read: StoredRecord[] = [];
  let next = 0n;
  return {
    async readAll(): Promise<StoredRecord[]> {
      const end = await highWatermark(consumer);
      if (end < next) [read, next] = [[], 0n]; // the topic was recreated: start over
      if (end > next) {
        const { records } = await readOffsetRange(consumer, {
          topic: REGISTRY_TOPIC,
          partition: PARTITION,
          first: next,
          last: end - 1n,
        });
        for (const { offset, value } of records) {
          const record = decodeRecord(offset, value);
          if (record) read.push({ offset, record });
        }
        next = end;
      }
      return [...read];
    },
    async append(records: RegistryRecord[]): Promise<bigint[]> {
      if (records.length === 0) return [];
      const result = await producer.send({
        messages: records.map((record) => ({
          topic: REGISTRY_TOPIC,
          partition: PARTITION,
          key: Buffer.from(recordKey(record)),
          value: Buffer.from(JSON.stringify(record)),
        })),
      });
      const base = result.offsets?.find((o) => o.topic === REGISTRY_TOPIC)?.offset;
      if (base === undefined) throw new Error('registry append returned no offset');
      return records.map((_, i) => BigInt(base) + BigInt(i));
    },
  };
}

/**
 * The partition's high watermark; a just-created topic may not have a leader for a moment, so that is
 * retried here. A cluster that cannot be reached is not: it fails at once (as KafkaConnectionError) and
 * the state machine's Retry, which waits, decides when to try again (20 quick tries took ~22 s each).
 */
async function highWatermark(consumer: Consumer): Promise<bigint> {
  for (let attempt = 1; ; attempt++) {
    try {
      const offsets = await consumer.listOffsets({
        topics: [REGISTRY_TOPIC],
        partitions: { [REGISTRY_TOPIC]: [PARTITION] },
        timestamp: -1n,
      });
      return offsets.get(REGISTRY_TOPIC)?.[PARTITION] ?? 0n;
    } catch (error) {
      if (attempt >= 20 || toKafkaErrorFromPlatformatic(error) instanceof KafkaConnectionError) throw error;
      await setTimeout(100);
    }
  }
}
