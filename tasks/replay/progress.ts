/** Why a replay stopped taking messages. */
export type StopReason = 'drained' | 'maxMessages' | 'maxSeconds';

/**
 * The state a replay carries from round to round (`$.progress`): counters, the time budget, and what the
 * state machine does next (`done`, or wait `waitSeconds` before the next round).
 */
export interface ReplayProgress {
  /** When the lock was taken (epoch ms): the rate and the time budget count from here. */
  startedAt: number;
  /** No round starts at or after this instant (epoch ms). */
  deadline: number;
  rounds: number;
  /** Dead-letter messages received. */
  received: number;
  /** Records the target acknowledged. */
  replayed: number;
  /** Records (or whole messages) parked in S3 with a reason. */
  parked: number;
  /** Messages left in the queue for another replay (filtered out, or not for this target). */
  skipped: number;
  /** The earliest failure among the dead letters received (null until one is). */
  oldestFailedAt: string | null;
  done: boolean;
  stoppedBy?: StopReason;
  /** Seconds the Wait state pauses before the next round (0: go on at once). */
  waitSeconds: number;
  /** Messages still in the queue when the replay stopped (SQS's approximation). */
  remaining?: number;
  /** Set by the last round: the execution's output. */
  summary?: ReplaySummary;
}

/** What a replay reports when it ends (the state machine's output). */
export interface ReplaySummary {
  status: 'SUCCEEDED';
  dryRun: false;
  replayId: string;
  received: number;
  replayed: number;
  parked: number;
  skipped: number;
  remaining: number;
  oldestFailedAt: string | null;
  stoppedBy: StopReason;
  rounds: number;
}

/** The progress before the first round. */
export function initialProgress(startedAt: number, maxSeconds: number): ReplayProgress {
  return {
    startedAt,
    deadline: startedAt + maxSeconds * 1000,
    rounds: 0,
    received: 0,
    replayed: 0,
    parked: 0,
    skipped: 0,
    oldestFailedAt: null,
    done: false,
    waitSeconds: 0,
  };
}

/**
 * Seconds to wait so that the records delivered since `startedAt` stay within `ratePerSecond` on
 * average: the pause is computed from the totals, so rounding never accumulates (a Wait state takes whole
 * seconds; the next round simply starts a little early or late and the average still holds).
 */
export function secondsToWait(
  progress: Pick<ReplayProgress, 'startedAt' | 'replayed'>,
  ratePerSecond: number,
  now: number,
): number {
  const earliest = progress.startedAt + (progress.replayed / ratePerSecond) * 1000;
  return Math.max(0, Math.ceil((earliest - now) / 1000));
}

/** Records a round aims at: about five seconds' worth at the rate, at least 10, at most 5,000. */
export function roundRecordTarget(ratePerSecond: number): number {
  return Math.min(5_000, Math.max(10, ratePerSecond * 5));
}

/** The earlier of two ISO instants (either may be missing). */
export function earlier(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}
