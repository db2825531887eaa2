/** A poll's state between two checks, as carried in the execution state (`$.lock`, `$.connectivity` …). */
export interface PollState {
  attempt: number;
  waitSeconds: number;
}

/**
 * The next check's state: attempt + 1 and a growing, capped wait (`first`, doubled each time, at most
 * `max` seconds). The state machine's Wait state reads `waitSeconds`; the task gives up past its own limit.
 */
export function nextPoll(previous: { attempt?: number } | undefined, first: number, max: number): PollState {
  const attempt = (previous?.attempt ?? 0) + 1;
  return { attempt, waitSeconds: Math.min(first * 2 ** (attempt - 1), max) };
}
