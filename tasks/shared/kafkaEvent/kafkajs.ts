import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { KafkaTriggerHeader, KafkaTriggerRecord } from './types';

function headerBytes(value: Buffer | string): number[] {
  return [...(typeof value === 'string' ? Buffer.from(value, 'utf8') : value)];
}

/** kafkajs headers (repeated names collapsed into arrays) as the trigger's list of one-entry objects. */
export function toTriggerHeaders(headers: IHeaders | undefined): KafkaTriggerHeader[] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) => {
    if (value === undefined) return [];
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => ({ [name]: headerBytes(v) }));
  });
}

/** A kafkajs message as a Kafka trigger record (key omitted when null, value null for a tombstone). */
export function toTriggerRecord(topic: string, partition: number, message: KafkaMessage): KafkaTriggerRecord {
  // kafkajs keeps the batch's timestamp type on `batchContext` (1 = LOG_APPEND_TIME), not in its types.
  const context = (message as { batchContext?: { timestampType?: number } }).batchContext;
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    timestampType: context?.timestampType === 1 ? 'LOG_APPEND_TIME' : 'CREATE_TIME',
    ...(message.key ? { key: message.key.toString('base64') } : {}),
    value: message.value === null ? null : message.value.toString('base64'),
    headers: toTriggerHeaders(message.headers),
  };
}
