import type { ReplayRecord } from '../records';
import { replayHeaders } from '../records';

/** Which trigger event a record is delivered in: the shape the function already consumes. */
export type EventShape = 'kafka' | 'kinesis' | 'sqs';

export function eventShapeOf(record: ReplayRecord): EventShape {
  return record.origin.kind === 'kafka' ? 'kafka' : record.origin.kind === 'kinesis' ? 'kinesis' : 'sqs';
}

const b64 = (value: Buffer | null) => (value === null ? null : value.toString('base64'));
const regionOf = (arn: string) => arn.split(':')[3] ?? '';

/**
 * A self-managed Kafka trigger event (records grouped by `<topic>-<partition>`, header values as byte
 * arrays), an Kinesis trigger event, or an SQS event, holding `records` as Lambda would deliver them.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html
 */
export function buildEvent(shape: EventShape, records: ReplayRecord[], replayId: string): unknown {
  if (shape === 'kafka') {
    const grouped: Record<string, unknown[]> = {};
    for (const record of records) {
      if (record.origin.kind !== 'kafka') continue;
      const { topic, partition, offset, timestamp } = record.origin;
      const key = `${topic}-${partition}`;
      grouped[key] ??= [];
      grouped[key].push({
        topic,
        partition,
        offset: Number(offset),
        timestamp: timestamp ?? Date.now(),
        timestampType: 'CREATE_TIME',
        key: b64(record.key),
        value: b64(record.value),
        headers: replayHeaders(record, replayId).map(([name, value]) => ({ [name]: [...value] })),
      });
    }
    return { eventSource: 'SelfManagedKafka', bootstrapServers: '', records: grouped };
  }
  if (shape === 'kinesis') {
    return {
      Records: records.flatMap((record) => {
        if (record.origin.kind !== 'kinesis') return [];
        const { streamArn, shardId, sequenceNumber, arrivedAt } = record.origin;
        return [
          {
            kinesis: {
              kinesisSchemaVersion: '1.0',
              partitionKey: record.key?.toString('utf8') ?? '',
              sequenceNumber,
              data: b64(record.value) ?? '',
              approximateArrivalTimestamp: Date.parse(arrivedAt ?? new Date().toISOString()) / 1000,
            },
            eventSource: 'aws:kinesis',
            eventVersion: '1.0',
            eventID: `${shardId}:${sequenceNumber}`,
            eventName: 'aws:kinesis:record',
            invokeIdentityArn: '',
            awsRegion: regionOf(streamArn),
            eventSourceARN: streamArn,
          },
        ];
      }),
    };
  }
  return {
    Records: records.map((record) => ({
      messageId: record.id,
      receiptHandle: '',
      body: record.value?.toString('utf8') ?? '',
      attributes: {},
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: '',
      awsRegion: '',
    })),
  };
}

/** The records a partial batch response names as failed, by record id. */
export function failedIds(shape: EventShape, records: ReplayRecord[], response: unknown): string[] {
  const failures = (response as { batchItemFailures?: { itemIdentifier?: unknown }[] } | null)
    ?.batchItemFailures;
  if (!Array.isArray(failures)) return [];
  const ids = new Set<string>();
  for (const { itemIdentifier } of failures) {
    for (const record of records) {
      const o = record.origin;
      const match =
        shape === 'kafka' && o.kind === 'kafka'
          ? (itemIdentifier as { partition?: string; offset?: number } | undefined)?.partition ===
              `${o.topic}-${o.partition}` &&
            String((itemIdentifier as { offset?: number }).offset) === o.offset
          : shape === 'kinesis' && o.kind === 'kinesis'
            ? itemIdentifier === o.sequenceNumber
            : itemIdentifier === record.id;
      if (match) ids.add(record.id);
    }
  }
  return [...ids];
}
