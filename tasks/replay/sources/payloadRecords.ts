import type { FetchedKafkaRecord } from './kafkaRanges';

/** A record of a Lambda Kafka event (`records["<topic>-<p>"][i]`): key/value base64, header values as byte arrays. */
interface EventRecord {
  topic?: unknown;
  partition?: unknown;
  offset?: unknown;
  timestamp?: unknown;
  key?: unknown;
  value?: unknown;
  headers?: unknown;
}

function bytes(value: unknown): Buffer | null {
  return typeof value === 'string' ? Buffer.from(value, 'base64') : null;
}

function headersOf(value: unknown): [string, Buffer][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((header) =>
    Object.entries((header ?? {}) as Record<string, unknown>).map(([name, raw]): [string, Buffer] => [
      name,
      Array.isArray(raw) ? Buffer.from(raw as number[]) : Buffer.alloc(0),
    ]),
  );
}

/**
 * The records an on-failure record carries itself: an S3 on-failure destination stores the whole
 * invocation as `payload` (a JSON string of the trigger event), so nothing needs reading back from Kafka.
 * Undefined when there is no usable payload.
 */
export function recordsFromPayload(payload: unknown): FetchedKafkaRecord[] | undefined {
  let event: unknown = payload;
  if (typeof payload === 'string') {
    try {
      event = JSON.parse(payload);
    } catch {
      return undefined;
    }
  }
  const byPartition = (event as { records?: unknown } | null)?.records;
  if (!byPartition || typeof byPartition !== 'object') return undefined;
  return Object.values(byPartition as Record<string, EventRecord[]>)
    .flat()
    .filter((r) => typeof r?.topic === 'string' && Number.isInteger(r.partition) && r.offset !== undefined)
    .map((r) => ({
      topic: r.topic as string,
      partition: r.partition as number,
      offset: BigInt(r.offset as number | string),
      timestamp: BigInt(typeof r.timestamp === 'number' ? r.timestamp : 0),
      key: bytes(r.key),
      value: bytes(r.value),
      headers: headersOf(r.headers),
    }));
}
