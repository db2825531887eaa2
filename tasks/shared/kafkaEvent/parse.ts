import { z } from 'zod';
import { InvalidKafkaEventError } from './errors';
import type { KafkaTriggerEvent } from './types';

const header = z.record(z.string(), z.array(z.int().min(0).max(255)));

const record = z.object({
  topic: z.string().min(1),
  partition: z.int().nonnegative(),
  offset: z.int().nonnegative(),
  timestamp: z.int(),
  timestampType: z.enum(['CREATE_TIME', 'LOG_APPEND_TIME', 'NO_TIMESTAMP_TYPE']),
  // Strings, not z.base64(): a regex over every payload would cost more than the rest of the handler, and
  // Lambda itself produced the encoding. Buffer.from(…, 'base64') decodes them.
  key: z.string().nullish(),
  value: z.string().nullish(),
  headers: z.array(header).default([]),
});

const base = { bootstrapServers: z.string().optional(), records: z.record(z.string(), z.array(record)) };

/** zod schema of both Kafka trigger events (extra fields such as schema metadata pass through). */
export const kafkaTriggerEventSchema = z.discriminatedUnion('eventSource', [
  z.looseObject({ eventSource: z.literal('aws:kafka'), eventSourceArn: z.string().min(1), ...base }),
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

/**
 * Validates an MSK or self-managed Kafka trigger event; throws InvalidKafkaEventError naming every bad field.
 * Also checks that each record sits under its own `<topic>-<partition>` key.
 */
export function parseKafkaEvent(raw: unknown): KafkaTriggerEvent {
  const result = kafkaTriggerEventSchema.safeParse(raw);
  if (!result.success) {
    // Messages name the field and the rule only: zod never echoes the (base64) payload here.
    throw new InvalidKafkaEventError(
      result.error.issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message })),
    );
  }
  const misplaced = Object.entries(result.data.records).flatMap(([key, records]) =>
    records.flatMap((r, i) =>
      `${r.topic}-${r.partition}` === key
        ? []
        : [
            {
              path: `records.${key}[${i}]`,
              message: `record of ${r.topic}-${r.partition} under the wrong key`,
            },
          ],
    ),
  );
  if (misplaced.length > 0) throw new InvalidKafkaEventError(misplaced);
  return result.data as KafkaTriggerEvent;
}
