import { type Consumer, IS_CONTROL, IS_TRANSACTIONAL } from '@platformatic/kafka';
import type { OffsetRange } from '../messages/onFailureRecords';

/** One record read back from Kafka, as it was produced. */
export interface FetchedKafkaRecord {
  topic: string;
  partition: number;
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer][];
}

/** What was read for one range: the records still there, and the part the log no longer holds. */
export interface RangeRead {
  records: FetchedKafkaRecord[];
  /** Offsets below the log start (deleted by retention) or beyond the end; absent when all are there. */
  missing?: { first: bigint; last: bigint; logStartOffset: bigint; highWatermark: bigint };
}

// READ_COMMITTED: records of aborted transactions are never replayed.
const READ_COMMITTED = 1;
const FETCH_BYTES = 8 * 1024 * 1024;

function toHeaders(headers: [Buffer | null, Buffer | null][]): [string, Buffer][] {
  return headers.map(([name, value]) => [name?.toString('utf8') ?? '', value ?? Buffer.alloc(0)]);
}

async function bounds(consumer: Consumer, topic: string, partition: number) {
  const partitions = { [topic]: [partition] };
  const [earliest, latest] = await Promise.all([
    consumer.listOffsets({ topics: [topic], partitions, timestamp: -2n, isolationLevel: READ_COMMITTED }),
    consumer.listOffsets({ topics: [topic], partitions, timestamp: -1n, isolationLevel: READ_COMMITTED }),
  ]);
  return {
    logStartOffset: earliest.get(topic)?.[partition] ?? 0n,
    highWatermark: latest.get(topic)?.[partition] ?? 0n,
  };
}

/**
 * Reads the records of `range` (first and last offsets inclusive) back from the partition leader with
 * plain Fetch requests: no consumer group, nothing committed. Each offset is returned at most once, in
 * order; control records and records of aborted transactions are left out; offsets the log no longer
 * holds (retention passed) are reported as `missing` rather than silently skipped.
 */
export async function readOffsetRange(consumer: Consumer, range: OffsetRange): Promise<RangeRead> {
  const { topic, partition } = range;
  const { logStartOffset, highWatermark } = await bounds(consumer, topic, partition);
  // biome-ignore lint/complexity/useMathMinMax: bigints; Math.max takes numbers only.
  const from = range.first > logStartOffset ? range.first : logStartOffset;
  const to = range.last < highWatermark - 1n ? range.last : highWatermark - 1n;
  const missing =
    range.first < logStartOffset || range.last >= highWatermark
      ? { first: range.first, last: range.last, logStartOffset, highWatermark }
      : undefined;
  const records: FetchedKafkaRecord[] = [];
  let next = from;
  while (next <= to) {
    const metadata = await consumer.metadata({ topics: [topic] });
    const topicMetadata = metadata.topics.get(topic);
    const leader = topicMetadata?.partitions[partition]?.leader;
    if (!topicMetadata || leader === undefined) throw new Error(`No leader for ${topic}-${partition}`);
    const response = await consumer.fetch({
      node: leader,
      maxWaitTime: 500,
      minBytes: 1,
      maxBytes: FETCH_BYTES,
      isolationLevel: READ_COMMITTED,
      topics: [
        {
          topicId: topicMetadata.id,
          partitions: [
            {
              partition,
              fetchOffset: next,
              partitionMaxBytes: FETCH_BYTES,
              currentLeaderEpoch: -1,
              lastFetchedEpoch: -1,
            },
          ],
        },
      ],
    });
    const answer = response.responses
      .flatMap((t) => t.partitions)
      .find((p) => p.partitionIndex === partition);
    const aborted = new Set((answer?.abortedTransactions ?? []).map((a) => a.producerId));
    let progressed = false;
    for (const batch of answer?.records ?? []) {
      const lastInBatch = batch.firstOffset + BigInt(batch.lastOffsetDelta);
      if (lastInBatch >= next) progressed = true;
      if (lastInBatch + 1n > next) next = lastInBatch + 1n;
      const skip =
        (batch.attributes & IS_CONTROL) !== 0 ||
        ((batch.attributes & IS_TRANSACTIONAL) !== 0 && aborted.has(batch.producerId));
      if (skip) continue;
      for (const record of batch.records) {
        const offset = batch.firstOffset + BigInt(record.offsetDelta);
        // A fetch starts at the batch holding `fetchOffset`: drop what lies before it, or past the range.
        if (
          offset < from ||
          offset > to ||
          (records.length > 0 && offset <= (records.at(-1) as FetchedKafkaRecord).offset)
        )
          continue;
        records.push({
          topic,
          partition,
          offset,
          timestamp: batch.firstTimestamp + record.timestampDelta,
          key: record.key,
          value: record.value,
          headers: toHeaders(record.headers),
        });
      }
    }
    if (!progressed) break;
  }
  return missing ? { records, missing } : { records };
}
