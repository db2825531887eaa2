import { describe, expect, it } from '@jest/globals';
import { earlier, initialProgress, roundRecordTarget, secondsToWait } from '../../../tasks/replay/progress';
import { nextAttempt, type ReplayRecord, replayHeaders } from '../../../tasks/replay/records';

describe('replay pacing', () => {
  it('waits so that the average since the start stays within the rate, never accumulating rounding', () => {
    // Prepare
    const start = 1_000_000;

    // Act / Assess: 2,500 records at 1,000/s may not finish before 2.5 s; whole seconds, rounded up.
    expect(secondsToWait({ startedAt: start, replayed: 2_500 }, 1_000, start + 400)).toBe(3);
    expect(secondsToWait({ startedAt: start, replayed: 2_500 }, 1_000, start + 2_600)).toBe(0);
    expect(secondsToWait({ startedAt: start, replayed: 5_000 }, 1_000, start + 3_100)).toBe(2);
    expect(roundRecordTarget(1)).toBe(10);
    expect(roundRecordTarget(1_000)).toBe(5_000);
    expect(roundRecordTarget(100_000)).toBe(5_000);
    expect(initialProgress(start, 600)).toMatchObject({
      deadline: start + 600_000,
      done: false,
      oldestFailedAt: null,
    });
    expect(earlier('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
    expect(earlier(null, undefined)).toBeNull();
  });
});

describe('replay headers', () => {
  it("keeps the record's headers in order (repeated names too), replaces earlier replay headers and counts attempts", () => {
    // Prepare
    const headers: [string, Buffer][] = [
      ['tag', Buffer.from('a')],
      ['replay-attempt', Buffer.from('2')],
      ['tag', Buffer.from('b')],
      ['replay-id', Buffer.from('old')],
    ];
    const record: ReplayRecord = {
      id: 'kafka:t:0:5',
      origin: { kind: 'kafka', topic: 't', partition: 0, offset: '5' },
      key: null,
      value: Buffer.from('v'),
      headers,
      attempt: nextAttempt(headers),
    };

    // Act
    const out = replayHeaders(record, 'r-1').map(([name, value]) => `${name}=${value}`);

    // Assess
    expect(record.attempt).toBe(3);
    expect(out).toEqual(['tag=a', 'tag=b', 'replay-id=r-1', 'replay-attempt=3', 'replay-source=kafka:t/0@5']);
  });
});
