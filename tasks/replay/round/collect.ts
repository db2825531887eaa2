import type { SQSClient } from '@aws-sdk/client-sqs';
import { decodeMessage } from '../messages/decode';
import { describeMessage, type MessageFacts } from '../messages/describe';
import type { DecodedMessage, QueueMessage } from '../messages/types';
import { type ReceiveWave, receiveWave } from '../queue';

/** A received dead letter, decoded, with its facts. */
export interface Collected {
  message: QueueMessage;
  decoded: DecodedMessage;
  facts: MessageFacts;
}

/** How much one round takes at most. */
export interface CollectLimits {
  maxMessages: number;
  /** Stop once the messages are expected to hold this many records. */
  maxRecords: number;
  /** Stop once the bodies add up to this many bytes (memory). */
  maxBytes: number;
  visibilitySeconds: number;
  /** Stop receiving when this returns false (the invocation's time is running out). */
  keepGoing: () => boolean;
}

/** Receives per wave: ten ReceiveMessage calls of ten messages, in parallel. */
const WAVE = 100;

/** Records a dead letter is expected to hold, before anything is read back. */
export function expectedRecords(decoded: DecodedMessage): number {
  if (decoded.kind === 'kafka-on-failure') return Math.max(1, decoded.record.KafkaBatchInfo.batchSize ?? 1);
  if (decoded.kind === 'kinesis-on-failure')
    return Math.max(1, decoded.record.KinesisBatchInfo.batchSize ?? 1);
  return 1;
}

/** One wave: the messages kept for the round, and those handed back because the round is full. */
export interface Wave {
  collected: Collected[];
  excess: QueueMessage[];
}

/**
 * Receives a round's messages wave by wave (each wave ten ReceiveMessage calls in parallel) until a limit
 * is reached or the queue looks empty, decoding each message. A caller can process one wave while the
 * next is being received. One on-failure record can name thousands of records: once the round's record
 * budget is full, further messages of a wave are handed back (`excess`; the caller makes them visible).
 */
export class WaveCollector {
  records = 0;
  bytes = 0;
  count = 0;
  /** A receive came back empty: the queue looked empty (long polling asks every server). */
  private sawEmpty = false;
  /** Messages were handed back because the round was full: the queue is not drained. */
  private handedBack = false;
  /** Messages asked for by the waves still in flight. */
  private reserved = 0;
  /** The emptiness probe was sent (once per round). */
  private probed = false;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly limits: CollectLimits,
  ) {}

  /** The queue looked empty and nothing was handed back: the replay has seen every message. */
  get drained(): boolean {
    return this.sawEmpty && !this.handedBack;
  }

  private get full(): boolean {
    const { limits } = this;
    return (
      this.count >= limits.maxMessages || this.records >= limits.maxRecords || this.bytes >= limits.maxBytes
    );
  }

  /**
   * Whether another wave may be asked for while `reserved` messages are still in flight: only when, at the
   * records and bytes per message seen so far, the round's budgets hold every message in flight plus a full
   * wave. Messages of envelopes (one record each) are received several waves ahead; on-failure records
   * (hundreds of records each) one wave at a time, so a full round hands back (almost) nothing.
   */
  get canReceiveAhead(): boolean {
    if (this.sawEmpty || this.full || !this.limits.keepGoing()) return false;
    const ahead = this.reserved + WAVE;
    const perMessage = this.count > 0 ? this.records / this.count : Number.POSITIVE_INFINITY;
    const bytesPerMessage = this.count > 0 ? this.bytes / this.count : Number.POSITIVE_INFINITY;
    return (
      this.count + ahead <= this.limits.maxMessages &&
      this.records + ahead * perMessage <= this.limits.maxRecords &&
      this.bytes + ahead * bytesPerMessage <= this.limits.maxBytes
    );
  }

  /** The next wave, or undefined once a limit is reached or the queue looked empty. */
  async next(): Promise<Wave | undefined> {
    const { limits } = this;
    if (this.sawEmpty || this.full || !limits.keepGoing()) return undefined;
    const max = Math.min(
      WAVE,
      limits.maxMessages - this.count - this.reserved,
      Math.max(1, limits.maxRecords - this.records - this.reserved),
    );
    if (max <= 0) return undefined;
    this.reserved += max;
    let wave: ReceiveWave;
    try {
      wave = await receiveWave(this.sqs, this.queueUrl, {
        max,
        visibilitySeconds: limits.visibilitySeconds,
        waitSeconds: 1,
      });
    } finally {
      this.reserved -= max;
    }
    return this.take(
      wave,
      () => this.count > 0 && (this.records >= limits.maxRecords || this.count >= limits.maxMessages),
    );
  }

  /**
   * Whether to send the emptiness probe now: the round's waves filled its record target and every one of
   * them has come back (a probe sent beside a wave still in flight could take a message that wave would
   * have had, and hand it back), the request's message budget has room for one more, and no receive has
   * come back empty yet. Without it a round that fills up ends not knowing whether the queue is empty, and
   * the replay spends one more round, a whole long poll, only to find out.
   */
  get canProbe(): boolean {
    const { limits } = this;
    if (this.probed || this.sawEmpty || this.handedBack || this.reserved > 0 || !limits.keepGoing())
      return false;
    return (
      this.records >= limits.maxRecords &&
      this.count + 1 <= limits.maxMessages &&
      this.bytes < limits.maxBytes
    );
  }

  /**
   * The emptiness probe, sent while the round's last waves are being delivered: one long-polled
   * receive of one message. An empty answer means the queue is drained once this round settles; a message it
   * finds is handed back (visible again at once), so a round never holds more than its budgets allow.
   */
  async probe(): Promise<Wave> {
    this.probed = true;
    this.reserved += 1;
    let wave: ReceiveWave;
    try {
      wave = await receiveWave(this.sqs, this.queueUrl, {
        max: 1,
        visibilitySeconds: this.limits.visibilitySeconds,
        waitSeconds: 1,
      });
    } finally {
      this.reserved -= 1;
    }
    return this.take(wave, () => true);
  }

  /** Decodes a wave's messages into the round, except those `handBack` says the round has no room for. */
  private take(wave: ReceiveWave, handBack: () => boolean): Wave {
    if (wave.drained) this.sawEmpty = true;
    const collected: Collected[] = [];
    const excess: QueueMessage[] = [];
    for (const message of wave.messages) {
      if (handBack()) {
        excess.push(message);
        continue;
      }
      const decoded = decodeMessage(message.body);
      collected.push({ message, decoded, facts: describeMessage(message, decoded) });
      this.records += expectedRecords(decoded);
      this.bytes += message.body.length;
      this.count++;
    }
    if (excess.length > 0) this.handedBack = true;
    return { collected, excess };
  }
}

/** Receives every wave into `collected` (so a caller can release them even if a later wave fails). */
export async function collectMessages(
  sqs: SQSClient,
  queueUrl: string,
  limits: CollectLimits,
  collected: Collected[] = [],
): Promise<{ collected: Collected[]; drained: boolean }> {
  const collector = new WaveCollector(sqs, queueUrl, limits);
  for (let wave = await collector.next(); wave; wave = await collector.next())
    collected.push(...wave.collected);
  return { collected, drained: collector.drained };
}
