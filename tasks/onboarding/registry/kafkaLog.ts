import { setTimeout } from 'node:timers/promises';
import type { Consumer, Producer } from '@platformatic/kafka';
import { readOffsetRange } from '../../replay/sources/kafkaRanges';
import { KafkaConnectionError } from '../../shared/kafka/errors';
import { toKafkaErrorFromPlatformatic } from '../kafka/platformaticErrors';
import { RegistryReadOnlyError, RegistryRecordError } from './errors';
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

/** What a process has read of a cluster's registry log: records in offset order, and the next offset. */
interface ReadSoFar {
  /** The registry topic's id: a topic deleted and created again is another log. */
  topicId?: string;
  read: StoredRecord[];
  next: bigint;
}

/**
 * Per process (a Lambda container, the local runner): what has been read of each cluster's registry, so a
 * step reads only what was appended since the last step instead of the whole log (~6,000 records took
 * 70–180 ms to read and fold per step). The log only grows, and compaction only drops records a later
 * record of the same key supersedes, so the records read earlier plus the new ones fold to the same view
 * as a fresh read from the start. msk-flows never writes tombstones; one seen (someone else deleting a
 * key) drops this cache and the log is read again from the start.
 */
const readSoFar = new Map<string, ReadSoFar>();

/**
 * The registry log on its Kafka topic: reads with plain Fetch requests up to the high watermark, from offset 0
 * the first time and from where this process stopped after that (no consumer group, nothing committed),
 * appends with acks=all so a record read back is replicated. `cacheKey` names the cluster (see readSoFar).
 * Without a producer the log is read-only (a planner's): appending fails with RegistryReadOnlyError.
 */
export function kafkaRegistryLog(
  consumer: Consumer,
  producer: Pick<Producer, 'send'> | undefined,
  cacheKey?: string,
): RegistryLog {
  const fresh = (topicId?: string): ReadSoFar => ({ topicId, read: [], next: 0n });
  let state = (cacheKey && readSoFar.get(cacheKey)) || fresh();
  const remember = (next: ReadSoFar) => {
    state = next;
    if (cacheKey) readSoFar.set(cacheKey, next);
  };
  return {
    async readAll(): Promise<StoredRecord[]> {
      const end = await highWatermark(consumer);
      const topicId = (await consumer.metadata({ topics: [REGISTRY_TOPIC] })).topics.get(REGISTRY_TOPIC)?.id;
      // Another topic of the same name (deleted and created again): start over.
      const same = state.topicId === topicId && end >= state.next;
      const read = await readOn(consumer, same ? state : fresh(topicId), end, 'stop');
      // A tombstone (someone deleted a key): what this process read before may hold what it deleted.
      const next = read === 'tombstone' ? await readOn(consumer, fresh(topicId), end, 'skip') : read;
      remember(next);
      return [...next.read];
    },
    async append(records: RegistryRecord[]): Promise<bigint[]> {
      if (records.length === 0) return [];
      if (!producer) throw new RegistryReadOnlyError(records.length);
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
 * `from` plus the records from `from.next` up to `end`. A tombstone either stops the read (`'stop'`: the
 * caller starts over) or is skipped, as a reader without any cache folds it (`'skip'`).
 */
async function readOn(
  consumer: Consumer,
  from: ReadSoFar,
  end: bigint,
  tombstones: 'skip',
): Promise<ReadSoFar>;
async function readOn(
  consumer: Consumer,
  from: ReadSoFar,
  end: bigint,
  tombstones: 'stop',
): Promise<ReadSoFar | 'tombstone'>;
async function readOn(
  consumer: Consumer,
  from: ReadSoFar,
  end: bigint,
  tombstones: 'stop' | 'skip',
): Promise<ReadSoFar | 'tombstone'> {
  if (end <= from.next) return from;
  const { records } = await readOffsetRange(consumer, {
    topic: REGISTRY_TOPIC,
    partition: PARTITION,
    first: from.next,
    last: end - 1n,
  });
  const read = [...from.read];
  for (const { offset, value } of records) {
    if (value === null && tombstones === 'stop') return 'tombstone';
    const record = decodeRecord(offset, value);
    if (record) read.push({ offset, record });
  }
  return { topicId: from.topicId, read, next: end };
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
