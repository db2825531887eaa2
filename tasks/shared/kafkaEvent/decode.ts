import type {
  KafkaHeader,
  KafkaPartitionBatch,
  KafkaTriggerEvent,
  KafkaTriggerHeader,
  KafkaTriggerRecord,
} from './types';

/** The key Lambda groups a partition's records under, and names in partial batch responses. */
export function topicPartitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** The bytes of a base64 key or value; null when absent (no key, or a tombstone). */
export function decodeBase64(value: string | null | undefined): Buffer | null {
  return value === undefined || value === null ? null : Buffer.from(value, 'base64');
}

/** A record's headers as `{ name, value }` with the value's bytes, in order. */
export function decodeHeaders(headers: readonly KafkaTriggerHeader[]): KafkaHeader[] {
  return headers.flatMap((header) =>
    Object.entries(header).map(([name, bytes]) => ({ name, value: Buffer.from(bytes) })),
  );
}

/** A record's headers as one-entry `{ "<name>": base64 }` objects, in order (the DLQ envelope's shape). */
export function headersToBase64(headers: readonly KafkaTriggerHeader[]): Record<string, string>[] {
  return decodeHeaders(headers).map(({ name, value }) => ({ [name]: value.toString('base64') }));
}

/**
 * The batch's records grouped by topic-partition, each group sorted by offset, groups sorted by key.
 * Groups are rebuilt from the records' own topic/partition (a topic name may itself contain `-`).
 */
export function partitionBatches(event: KafkaTriggerEvent): KafkaPartitionBatch[] {
  const groups = new Map<string, KafkaPartitionBatch>();
  for (const records of Object.values(event.records)) {
    for (const record of records) {
      const key = topicPartitionKey(record.topic, record.partition);
      let group = groups.get(key);
      if (!group) {
        group = { key, topic: record.topic, partition: record.partition, records: [] };
        groups.set(key, group);
      }
      group.records.push(record);
    }
  }
  const batches = [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const batch of batches) batch.records.sort((a, b) => a.offset - b.offset);
  return batches;
}

/** Every record of the batch, partition by partition, in offset order. */
export function kafkaRecords(event: KafkaTriggerEvent): KafkaTriggerRecord[] {
  return partitionBatches(event).flatMap((batch) => batch.records);
}

/** How many records the batch holds. */
export function countKafkaRecords(event: KafkaTriggerEvent): number {
  return Object.values(event.records).reduce((sum, records) => sum + records.length, 0);
}
