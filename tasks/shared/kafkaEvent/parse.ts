import * as z from 'zod/mini';
import '../zodMiniLocale';
import type { MalformedRecord } from '../dlq/envelope';
import { decodeStrictBase64 } from '../strictBase64';
import { InvalidKafkaEventError, type KafkaEventIssue } from './errors';
import type { KafkaTriggerEvent, KafkaTriggerRecord } from './types';

const header = z.record(z.string(), z.array(z.int().check(z.minimum(0), z.maximum(255))));

/** Key and value are checked by decodeStrictBase64 (a regex over every payload would cost ~8× more). */
const recordSchema = z.object({
  topic: z.string().check(z.minLength(1)),
  partition: z.int().check(z.nonnegative()),
  offset: z.int().check(z.nonnegative()),
  timestamp: z.int(),
  timestampType: z.enum(['CREATE_TIME', 'LOG_APPEND_TIME', 'NO_TIMESTAMP_TYPE']),
  key: z.nullish(z.string()),
  value: z.nullish(z.string()),
  headers: z._default(z.array(header), []),
});

const base = {
  bootstrapServers: z.optional(z.string()),
  records: z.record(z.string(), z.array(z.unknown())),
};

/** zod schema of both Kafka trigger events' outer shape (extra fields such as schema metadata pass through). */
export const kafkaTriggerEventSchema = z.discriminatedUnion('eventSource', [
  z.looseObject({
    eventSource: z.literal('aws:kafka'),
    eventSourceArn: z.string().check(z.minLength(1)),
    ...base,
  }),
  z.looseObject({ eventSource: z.literal('SelfManagedKafka'), ...base }),
]);

function pathOf(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(event)'
  );
}

/** A record of the event that no Kafka record can look like; the DLQ gets it as received. */
export interface MalformedKafkaRecord {
  /** `records.<key>[<i>]`: where it sat. */
  path: string;
  /** The `<topic>-<partition>` key it sat under. */
  groupKey: string;
  /** What a partial batch response can name it by (its group's topic-partition and its offset), if anything. */
  ref?: { topic: string; partition: number; offset: number };
  /** Field and reason for every problem, never content. */
  issues: KafkaEventIssue[];
  dlq: MalformedRecord;
}

/** The event's well-formed records (as a Kafka trigger event) and the malformed ones. */
export interface KafkaEventRead {
  event: KafkaTriggerEvent;
  malformed: MalformedKafkaRecord[];
}

/** `<topic>-<partition>` back into its parts (topic names may hold `-`; the partition is what follows the last). */
export function parseGroupKey(key: string): { topic: string; partition: number } | undefined {
  const dash = key.lastIndexOf('-');
  const partition = Number(key.slice(dash + 1));
  return dash > 0 && /^\d+$/.test(key.slice(dash + 1)) ? { topic: key.slice(0, dash), partition } : undefined;
}

function recordIssues(
  raw: unknown,
  key: string,
  path: string,
): { issues: KafkaEventIssue[]; record?: KafkaTriggerRecord } {
  const result = recordSchema.safeParse(raw);
  const issues = (result.error?.issues ?? []).map((i) => ({
    path: i.path.length > 0 ? `${path}${pathOf(['', ...i.path])}` : path,
    message: i.message,
  }));
  for (const field of ['key', 'value'] as const) {
    const text = (raw as Record<string, unknown> | null)?.[field];
    if (typeof text === 'string' && !decodeStrictBase64(text)) {
      issues.push({ path: `${path}.${field}`, message: 'not valid base64 (RFC 4648, padded)' });
    }
  }
  if (result.success && `${result.data.topic}-${result.data.partition}` !== key) {
    issues.push({
      path,
      message: `record of ${result.data.topic}-${result.data.partition} under the wrong key`,
    });
  }
  return issues.length === 0 ? { issues, record: result.data as KafkaTriggerRecord } : { issues };
}

function malformedRecord(
  raw: unknown,
  key: string,
  path: string,
  issues: KafkaEventIssue[],
): MalformedKafkaRecord {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const offset = Number.isInteger(r.offset) && (r.offset as number) >= 0 ? (r.offset as number) : undefined;
  const group = parseGroupKey(key);
  const identity = {
    ...(typeof r.topic === 'string' && r.topic !== '' ? { topic: r.topic } : {}),
    ...(Number.isInteger(r.partition) && (r.partition as number) >= 0
      ? { partition: r.partition as number }
      : {}),
    ...(offset !== undefined ? { offset } : {}),
  };
  return {
    path,
    groupKey: key,
    ...(group && offset !== undefined ? { ref: { ...group, offset } } : {}),
    issues,
    dlq: { source: { trigger: 'kafka', path, ...identity }, received: raw },
  };
}

/**
 * Reads an MSK or self-managed Kafka trigger event record by record. The outer shape must hold (else
 * InvalidKafkaEventError: it is not a Kafka trigger event at all); a record that breaks the contract
 * (a field missing or of the wrong type, key or value not strict base64, filed under another
 * `<topic>-<partition>` key) is returned in `malformed` with every problem named, and left out of `event`.
 */
export function readKafkaEvent(raw: unknown): KafkaEventRead {
  const outer = kafkaTriggerEventSchema.safeParse(raw);
  if (!outer.success) {
    // Messages name the field and the rule only: zod never echoes the (base64) payload here.
    throw new InvalidKafkaEventError(
      outer.error.issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message })),
    );
  }
  const records: Record<string, KafkaTriggerRecord[]> = {};
  const malformed: MalformedKafkaRecord[] = [];
  for (const [key, list] of Object.entries(outer.data.records)) {
    list.forEach((record, i) => {
      const path = `records.${key}[${i}]`;
      const read = recordIssues(record, key, path);
      if (!read.record) {
        malformed.push(malformedRecord(record, key, path, read.issues));
        return;
      }
      records[key] ??= [];
      records[key].push(read.record);
    });
  }
  return { event: { ...outer.data, records } as KafkaTriggerEvent, malformed };
}

/**
 * Validates an MSK or self-managed Kafka trigger event as a whole; throws InvalidKafkaEventError naming
 * every bad field of every record. Handlers use readKafkaEvent, which sets bad records aside instead.
 */
export function parseKafkaEvent(raw: unknown): KafkaTriggerEvent {
  const { event, malformed } = readKafkaEvent(raw);
  if (malformed.length > 0) throw new InvalidKafkaEventError(malformed.flatMap((m) => m.issues));
  return event;
}
