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

/** Receives waves of messages until a limit is reached or the queue looks empty; decodes each one. */
export async function collectMessages(
  sqs: SQSClient,
  queueUrl: string,
  limits: CollectLimits,
  /** Where received messages go as they arrive (so a caller can release them even if a later wave fails). */
  collected: Collected[] = [],
): Promise<{ collected: Collected[]; drained: boolean }> {
  let records = 0;
  let bytes = 0;
  let drained = false;
  while (
    !drained &&
    collected.length < limits.maxMessages &&
    records < limits.maxRecords &&
    bytes < limits.maxBytes &&
    limits.keepGoing()
  ) {
    const wave = await receiveWave(sqs, queueUrl, {
      max: Math.min(WAVE, limits.maxMessages - collected.length, Math.max(1, limits.maxRecords - records)),
      visibilitySeconds: limits.visibilitySeconds,
      waitSeconds: 1,
    });
    drained = wave.drained;
    for (const message of wave.messages) {
      const decoded = decodeMessage(message.body);
      collected.push({ message, decoded, facts: describeMessage(message, decoded) });
      records += expectedRecords(decoded);
      bytes += message.body.length;
    }
  }
  return { collected, drained };
}
