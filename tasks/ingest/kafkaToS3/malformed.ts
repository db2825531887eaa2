import type { KafkaRecordRef } from '../../shared/kafkaEvent/batchResponse';
import { type MalformedKafkaRecord, parseGroupKey } from '../../shared/kafkaEvent/parse';
import type { KafkaTriggerEvent } from '../../shared/kafkaEvent/types';
import type { KafkaToS3Dlq } from './dlq';
import { MalformedKafkaRecordError, UnreportableKafkaRecordError } from './errors';

/** A malformed record with the error its envelope carries. */
export interface MalformedItem {
  record: MalformedKafkaRecord;
  error: MalformedKafkaRecordError;
}

/** The error of each malformed record: where it sat, its topic-partition-offset if any, what is wrong. */
export function malformedItems(records: readonly MalformedKafkaRecord[]): MalformedItem[] {
  return records.map((record) => ({
    record,
    error: new MalformedKafkaRecordError({
      path: record.path,
      ...(record.ref ? { ref: record.ref } : {}),
      issues: record.issues,
    }),
  }));
}

/** Parks the items in the DLQ; the reason it could not (no DLQ configured, or the DLQ failed), else undefined. */
export async function parkMalformed(
  items: MalformedItem[],
  dlq: KafkaToS3Dlq | undefined,
): Promise<Error | undefined> {
  if (items.length === 0) return undefined;
  if (!dlq) return new Error('no DLQ is configured (DLQ_QUEUE_URL)');
  try {
    await dlq.park(items);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/**
 * Where each partition must resume when malformed records could not be parked: at the lowest such offset
 * (Lambda re-delivers from there and counts what lies before as done). A record without an offset resumes
 * its partition at the batch's first offset there; with no offset at all in the partition, only failing
 * the invocation brings it back (UnreportableKafkaRecordError).
 */
export function resumeOffsets(
  unparked: readonly MalformedKafkaRecord[],
  event: KafkaTriggerEvent,
  all: readonly MalformedKafkaRecord[],
): Map<string, KafkaRecordRef> {
  const resume = new Map<string, KafkaRecordRef>();
  const lower = (key: string, ref: KafkaRecordRef) => {
    const seen = resume.get(key);
    if (!seen || ref.offset < seen.offset) resume.set(key, ref);
  };
  for (const record of unparked) {
    if (record.ref) {
      lower(record.groupKey, record.ref);
      continue;
    }
    const group = parseGroupKey(record.groupKey);
    const offsets = [
      ...(event.records[record.groupKey] ?? []).map((r) => r.offset),
      ...all.flatMap((m) => (m.groupKey === record.groupKey && m.ref ? [m.ref.offset] : [])),
    ];
    if (!group || offsets.length === 0) throw new UnreportableKafkaRecordError(record.path);
    lower(record.groupKey, { ...group, offset: Math.min(...offsets) });
  }
  return resume;
}
