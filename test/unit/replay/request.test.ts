import { describe, expect, it } from '@jest/globals';
import { ReplayRequestError } from '../../../tasks/replay/errors';
import { parseReplayRequest } from '../../../tasks/replay/request/parse';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/111122223333/msk-flows-dev-dlq';
const valid = {
  replayId: 'orders-dlq-2026-11-28',
  source: { kind: 'sqs', queueUrl },
  target: {
    kind: 'topic',
    topic: 'orders.events.retry',
    cluster: { kind: 'self-managed', bootstrapServers: ['b-1:9096'] },
  },
};

function issuesOf(raw: unknown): string[] {
  try {
    parseReplayRequest(raw);
  } catch (error) {
    if (error instanceof ReplayRequestError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('parseReplayRequest', () => {
  it('applies the defaults of the contract', () => {
    // Act
    const request = parseReplayRequest(valid);

    // Assess
    expect(request).toMatchObject({
      maxMessages: 10_000,
      maxSeconds: 600,
      ratePerSecond: 1_000,
      maxAttempts: 5,
      dryRun: false,
    });
    expect(request.target).toMatchObject({ allowOriginalTopic: false });
  });

  it('names every bad field in one error', () => {
    // Act
    const issues = issuesOf({
      ...valid,
      replayId: 'has spaces',
      source: { kind: 'sqs', queueUrl: 'not a url' },
      target: {
        kind: 'topic',
        topic: '__consumer_offsets',
        cluster: { kind: 'self-managed', bootstrapServers: ['b-1:9096'] },
      },
      maxMessages: 0,
      ratePerSecond: 1.5,
      filter: { failedAfter: '2026-11-02T00:00:00Z', failedBefore: '2026-11-01T00:00:00Z' },
      password: 'hunter2',
    });

    // Assess
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^replayId: /),
        expect.stringMatching(/^source\.queueUrl: must be an SQS queue URL/),
        expect.stringMatching(/^target\.topic: /),
        'maxMessages: must be from 1 to 1000000, got 0',
        'ratePerSecond: must be a whole number, got 1.5',
        'filter.failedBefore: must be after failedAfter',
        'password: unknown field: not part of the replay request contract',
      ]),
    );
    expect(issues.join('\n')).not.toContain('hunter2');
  });

  it('refuses replaying a queue into itself', () => {
    // Act / Assess
    expect(issuesOf({ ...valid, target: { kind: 'sqs', queueUrl } })).toEqual([
      'target.queueUrl: is the source queue: a replay into its own queue would loop',
    ]);
  });
});
