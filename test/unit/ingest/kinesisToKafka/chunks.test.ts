import { chunkBudget, chunkRecords, exceedsTopicLimit } from '../../../../tasks/ingest/kinesisToKafka/chunks';
import { readKinesisRecords } from '../../../../tasks/ingest/kinesisToKafka/readRecords';
import { type BridgeRecord, RECORD_BATCH_OVERHEAD } from '../../../../tasks/ingest/kinesisToKafka/records';
import { kinesisEvent } from './kinesisEvents';

function recordsOfSizes(sizes: number[]): BridgeRecord[] {
  return readKinesisRecords(kinesisEvent({ count: sizes.length })).records.map((r, i) => ({
    ...r,
    size: sizes[i] ?? 0,
  }));
}

describe('chunkRecords', () => {
  it('splits records into consecutive chunks in event order, none over the budget', () => {
    // Prepare
    const records = recordsOfSizes([400, 400, 300, 500, 100, 100, 900]);

    // Act
    const chunks = chunkRecords(records, 1000);

    // Assess
    expect(chunks.map((c) => c.map((r) => r.index))).toEqual([[0, 1], [2, 3, 4, 5], [6]]);
    expect(chunks.flat().map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const chunk of chunks) expect(chunk.reduce((sum, r) => sum + r.size, 0)).toBeLessThanOrEqual(1000);
  });

  it('sends a record larger than the budget alone', () => {
    // Prepare
    const records = recordsOfSizes([100, 1500, 100]);

    // Act
    const chunks = chunkRecords(records, 1000);

    // Assess
    expect(chunks.map((c) => c.map((r) => r.index))).toEqual([[0], [1], [2]]);
  });

  it('returns no chunk when there is no record', () => {
    // Act
    const chunks = chunkRecords([], 1000);

    // Assess
    expect(chunks).toEqual([]);
  });
});

describe('chunkBudget', () => {
  it('leaves room for the batch header and compression framing, capped by the tuning limit', () => {
    // Act
    const topicOnly = chunkBudget(1_048_588);
    const capped = chunkBudget(1_048_588, 65_536);

    // Assess
    expect(topicOnly).toBe(Math.floor(1_048_588 * 0.99) - RECORD_BATCH_OVERHEAD);
    expect(capped).toBe(65_536);
  });
});

describe('exceedsTopicLimit', () => {
  it('is true only when the record alone in a batch would pass max.message.bytes', () => {
    // Prepare
    const [fits, tooBig] = recordsOfSizes([1000 - RECORD_BATCH_OVERHEAD, 1001 - RECORD_BATCH_OVERHEAD]);

    // Act
    const results = [fits, tooBig].map((r) => (r ? exceedsTopicLimit(r, 1000) : undefined));

    // Assess
    expect(results).toEqual([false, true]);
  });
});
