import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from '@jest/globals';
import { decodeMessage } from '../../../tasks/replay/messages/decode';
import { describeMessage, passesFilter } from '../../../tasks/replay/messages/describe';
import type { QueueMessage } from '../../../tasks/replay/messages/types';
import { resolveMessage } from '../../../tasks/replay/resolve';

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'dlq-envelope.malformed-kafka.json');

const message = (body: string): QueueMessage => ({
  messageId: 'm-1',
  receiptHandle: 'r-1',
  body,
  attributes: { SentTimestamp: String(Date.parse('2026-11-28T10:00:00Z')) },
  messageAttributes: {},
});

/** Deps that fail the test if resolving a malformed envelope ever reads anything back. */
const noReads = {
  s3: {} as S3Client,
  readKafkaRange: () => Promise.reject(new Error('must not read Kafka')),
  kinesis: () => {
    throw new Error('must not read Kinesis');
  },
  queueUrl: 'http://127.0.0.1:9324/000000000000/dlq',
};

describe('a malformed-record envelope in a DLQ replay', () => {
  it('is parked with the reason its function gave, never replayed, and filtered by its trigger', async () => {
    // Prepare
    const body = readFileSync(EXAMPLE, 'utf8');
    const queued = message(body);
    const decoded = decodeMessage(body);

    // Act
    const facts = describeMessage(queued, decoded);
    const resolution = await resolveMessage(queued, decoded, facts, noReads);

    // Assess
    expect(decoded.kind).toBe('envelope');
    expect(facts.sourceKind).toBe('kafka');
    expect(passesFilter(facts, { sourceKinds: ['kafka'] })).toBe(true);
    expect(passesFilter(facts, { sourceKinds: ['kinesis'] })).toBe(false);
    expect(resolution.records).toEqual([]);
    expect(resolution.parkReasons).toEqual([
      expect.stringMatching(/^MalformedRecord: \w+: .+not replayable/),
    ]);
  });
});
