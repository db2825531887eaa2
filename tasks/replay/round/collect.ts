import type { SQSClient } from '@aws-sdk/client-sqs';
import { decodeMessage } from '../messages/decode';
import { describeMessage, type MessageFacts } from '../messages/describe';
import type { DecodedMessage, QueueMessage } from '../messages/types';
import { receiveWave } from '../queue';

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
  drained = false;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly limits: CollectLimits,
  ) {}

  /** The next wave, or undefined once a limit is reached or the queue looked empty. */
  async next(): Promise<Wave | undefined> {
    const { limits } = this;
    const full =
      this.count >= limits.maxMessages || this.records >= limits.maxRecords || this.bytes >= limits.maxBytes;
    if (this.drained || full || !limits.keepGoing()) return undefined;
    const wave = await receiveWave(this.sqs, this.queueUrl, {
      max: Math.min(WAVE, limits.maxMessages - this.count, Math.max(1, limits.maxRecords - this.records)),
      visibilitySeconds: limits.visibilitySeconds,
      waitSeconds: 1,
    });
    this.drained = wave.drained;
    const collected: Collected[] = [];
    const excess: QueueMessage[] = [];
    for (const message of wave.messages) {
      if (this.count > 0 && this.records >= limits.maxRecords) {
        excess.push(message);
        continue;
      }
      const decoded = decodeMessage(message.body);
      collected.push({ message, decoded, facts: describeMessage(message, decoded) });
      this.records += expectedRecords(decoded);
      this.bytes += message.body.length;
      this.count++;
    }
    if (excess.length > 0) this.drained = false;
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
