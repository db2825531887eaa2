import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ReplayDeps } from '../deps';
import { passesFilter } from '../messages/describe';
import type { QueueMessage } from '../messages/types';
import { type ParkedItem, type ParkingLot, parkMessage } from '../parking';
import { earlier, type ReplayProgress, roundRecordTarget, type StopReason, secondsToWait } from '../progress';
import { approximateDepth, changeVisibility, deleteMessages } from '../queue';
import type { ReplayRecord } from '../records';
import type { ReplayRequest } from '../request/schema';
import { type Resolution, resolveMessage } from '../resolve';
import type { ReplayTargetWriter } from '../targets/types';
import { type Collected, type Wave, WaveCollector } from './collect';
import { RoundLedger } from './ledger';
import { createTargetWriter, kafkaSourceFor } from './targets';

/** Bodies one round holds at most (memory: a 1 GiB function keeps room for values read back). */
const ROUND_BYTES = 48 * 1024 * 1024;
const RESOLVE_CONCURRENCY = 16;
/** Waves of receives in flight at most (each ten ReceiveMessage calls). */
const RECEIVES_AHEAD = 4;

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Sorts a message's records: refused by the target, past maxAttempts, or to deliver. When the target
 * refuses any record with `skip` (the original topic without permission), the whole message is skipped:
 * delivering the rest and deleting the message would lose the skipped records.
 */
function triage(records: ReplayRecord[], request: ReplayRequest, target: ReplayTargetWriter) {
  const deliver: ReplayRecord[] = [];
  const parked: ParkedItem[] = [];
  let skip: string | undefined;
  for (const record of records) {
    const refusal = target.refuse(record);
    if (refusal?.action === 'skip') skip ??= refusal.reason;
    else if (refusal) parked.push({ reason: refusal.reason, record });
    else if (record.attempt > request.maxAttempts) {
      parked.push({
        reason: `MaxAttemptsExceeded: this would be replay attempt ${record.attempt} of ${request.maxAttempts}`,
        record,
      });
    } else deliver.push(record);
  }
  return { deliver, parked, skip };
}

/**
 * One round of a replay: receive a batch of dead letters (parallel receives), detect what each one is,
 * read back the records that are not in the message (claim checks, Kafka offsets, Kinesis sequence
 * numbers), deliver them in target-sized chunks and, after every chunk, park what must be parked and
 * delete each message whose records are all acknowledged or parked. A failure releases every message
 * not yet deleted (visible again at once) and throws: nothing unacknowledged leaves the queue, and a rerun
 * repeats at most the chunk that was in flight.
 */
export async function runRound(
  request: ReplayRequest,
  progress: ReplayProgress,
  deps: ReplayDeps,
): Promise<ReplayProgress> {
  const now = deps.now ?? Date.now;
  const queueUrl = request.source.queueUrl;
  const next: ReplayProgress = { ...progress, rounds: progress.rounds + 1, waitSeconds: 0 };
  const stop = async (reason: StopReason): Promise<ReplayProgress> => {
    const remaining = await approximateDepth(deps.sqs, queueUrl);
    const { received, replayed, parked, skipped, oldestFailedAt, rounds } = next;
    return {
      ...next,
      done: true,
      stoppedBy: reason,
      remaining,
      summary: {
        ...{ status: 'SUCCEEDED', dryRun: false, replayId: request.replayId },
        ...{ received, replayed, parked, skipped, remaining, oldestFailedAt, stoppedBy: reason, rounds },
      },
    };
  };
  if (now() >= progress.deadline) return stop('maxSeconds');
  const budget = request.maxMessages - progress.received;
  if (budget <= 0) return stop('maxMessages');

  const collector = new WaveCollector(deps.sqs, queueUrl, {
    maxMessages: budget,
    maxRecords: roundRecordTarget(request.ratePerSecond),
    maxBytes: ROUND_BYTES,
    visibilitySeconds: deps.visibilitySeconds ?? 600,
    keepGoing: () => now() < progress.deadline,
  });
  const target = createTargetWriter(request, deps);
  const kafkaSource = kafkaSourceFor(request, deps);
  const ledger = new RoundLedger();
  const skipped: QueueMessage[] = [];
  const lot: ParkingLot = {
    s3: deps.s3,
    ...(request.parking ?? deps.parking ?? { bucket: deps.lockBucket, prefix: 'parked/' }),
  };
  const received: QueueMessage[] = [];
  const deleted = new Set<string>();
  // Parking and deleting a chunk's messages overlaps the next chunk's delivery; all settle before the round ends.
  const settling: Promise<void>[] = [];
  const resolveDeps = { s3: deps.s3, readKafkaRange: kafkaSource.read, kinesis: deps.kinesis, queueUrl };

  /** One wave: filter, read back, sort out, deliver in chunks, settle what completed. */
  const processWave = async (wave: Collected[]) => {
    const waveSkipped: QueueMessage[] = [];
    const wanted = wave.filter((c) => {
      if (passesFilter(c.facts, request.filter)) return true;
      waveSkipped.push(c.message);
      return false;
    });
    const resolutions = await mapLimited(wanted, RESOLVE_CONCURRENCY, (c: Collected) =>
      resolveMessage(c.message, c.decoded, c.facts, resolveDeps),
    );
    wanted.forEach((c, i) => {
      const resolution = resolutions[i] as Resolution;
      const { deliver, parked, skip } = triage(resolution.records, request, target);
      if (skip) {
        waveSkipped.push(c.message);
        return;
      }
      ledger.add(c.message, deliver, [...resolution.parkReasons.map((reason) => ({ reason })), ...parked]);
    });
    // Skipped messages stay hidden for the rest of this run (so it does not receive them again), then return.
    await changeVisibility(deps.sqs, queueUrl, waveSkipped, (progress.deadline - now()) / 1000 + 60);
    skipped.push(...waveSkipped);
    settling.push(settle(ledger, lot, request, deps, deleted));
    for (const chunk of target.chunk(ledger.takeDeliverable())) {
      const outcome = await target.deliver(chunk, request.replayId);
      ledger.markDelivered(outcome.delivered);
      ledger.park(outcome.parked);
      settling.push(settle(ledger, lot, request, deps, deleted));
    }
  };

  // Later waves are received while this one is delivered: up to RECEIVES_AHEAD waves in flight, as far as
  // the round's budgets hold them (WaveCollector.canReceiveAhead); once they fill the round, the emptiness
  // probe (WaveCollector.canProbe) learns meanwhile whether anything is left for another round.
  const inFlight: Promise<Wave | undefined>[] = [];
  const receive = () => {
    const wave = collector.next();
    wave.catch(() => undefined); // awaited in turn below; a wave failing early must not go unhandled meanwhile
    inFlight.push(wave);
  };
  const topUp = () => {
    while (inFlight.length < RECEIVES_AHEAD && collector.canReceiveAhead) receive();
    if (collector.canProbe) {
      const probe = collector.probe();
      probe.catch(() => undefined);
      inFlight.push(probe);
    }
  };
  receive();
  try {
    for (let pending = inFlight.shift(); pending; pending = inFlight.shift()) {
      const wave = await pending;
      if (!wave) continue;
      received.push(...wave.collected.map((c) => c.message));
      for (const c of wave.collected) next.oldestFailedAt = earlier(next.oldestFailedAt, c.facts.failedAt);
      await changeVisibility(deps.sqs, queueUrl, wave.excess, 0);
      if (inFlight.length === 0) receive();
      topUp();
      await processWave(wave.collected);
      topUp();
    }
    await Promise.all(settling);
  } catch (error) {
    const late = await Promise.all(inFlight.map((p) => p.catch(() => undefined)));
    for (const wave of late) if (wave) received.push(...wave.collected.map((c) => c.message), ...wave.excess);
    await Promise.allSettled(settling);
    const unacknowledged = received.filter((m) => !deleted.has(m.messageId));
    deps.metrics.addMetric('MessagesFailed', MetricUnit.Count, unacknowledged.length);
    deps.logger.error('replay round failed; unacknowledged messages are visible again', {
      error,
      unacknowledged: unacknowledged.length,
      deleted: deleted.size,
    });
    await changeVisibility(deps.sqs, queueUrl, unacknowledged, 0).catch(() => undefined);
    throw error;
  } finally {
    await target.close();
    await kafkaSource.close();
  }
  next.received += received.length;
  next.replayed += ledger.delivered;
  next.parked += ledger.parkedItems;
  next.skipped += skipped.length;
  report(deps, ledger, skipped.length, next.oldestFailedAt, now());
  if (collector.drained) return stop('drained');
  if (next.received >= request.maxMessages) return stop('maxMessages');
  next.waitSeconds = secondsToWait(next, request.ratePerSecond, now());
  if (now() + next.waitSeconds * 1000 >= next.deadline) return stop('maxSeconds');
  return next;
}

/** Parks what must be parked for every completed message, then deletes those messages. */
async function settle(
  ledger: RoundLedger,
  lot: ParkingLot,
  request: ReplayRequest,
  deps: ReplayDeps,
  deleted: Set<string>,
): Promise<void> {
  const complete = ledger.takeComplete();
  if (complete.length === 0) return;
  const queueUrl = request.source.queueUrl;
  await mapLimited(
    complete.filter((c) => c.parked.length > 0),
    RESOLVE_CONCURRENCY,
    (c) => parkMessage(lot, { replayId: request.replayId, queueUrl, message: c.message, items: c.parked }),
  );
  const notDeleted = await deleteMessages(
    deps.sqs,
    queueUrl,
    complete.map((c) => c.message),
  );
  for (const { message } of complete)
    if (!notDeleted.includes(message.messageId)) deleted.add(message.messageId);
  if (notDeleted.length > 0) {
    // Delivered but still in the queue: a later run delivers them again (at-least-once), never loses them.
    deps.logger.warn('some replayed messages could not be deleted; they will be replayed again', {
      count: notDeleted.length,
    });
  }
}

function report(
  deps: ReplayDeps,
  ledger: RoundLedger,
  skipped: number,
  oldest: string | null,
  now: number,
): void {
  deps.metrics.addMetric('RecordsReplayed', MetricUnit.Count, ledger.delivered);
  deps.metrics.addMetric('RecordsParked', MetricUnit.Count, ledger.parkedItems);
  deps.metrics.addMetric('MessagesSkipped', MetricUnit.Count, skipped);
  if (oldest)
    deps.metrics.addMetric(
      'OldestDeadLetterAge',
      MetricUnit.Seconds,
      Math.max(0, (now - Date.parse(oldest)) / 1000),
    );
  deps.logger.info('replay round', { replayed: ledger.delivered, parked: ledger.parkedItems, skipped });
}
