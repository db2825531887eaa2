import type { KinesisStreamRecord } from 'aws-lambda';
import { headersToBase64 } from '../kafkaEvent/decode';
import type { KafkaTriggerRecord } from '../kafkaEvent/types';
import { describeError } from './redact';
import type { DlqEnvelope, DlqSource, MalformedDlqSource } from './schema';

/** An MQTT message as the IoT rule hands it over (`SELECT *, clientid() AS clientId, timestamp() AS receivedAt`). */
export interface MqttMessage {
  topic: string;
  clientId: string;
  /** When IoT Core received it: epoch milliseconds (IoT's `timestamp()`), an ISO string or a Date. */
  receivedAt: number | string | Date;
  payload: Buffer;
}

function envelope(
  source: DlqSource,
  fields: Pick<DlqEnvelope, 'key' | 'value' | 'headers'>,
  error: Error,
  attempts: number,
): DlqEnvelope {
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new RangeError(`attempts must be ≥ 1, got ${attempts}`);
  const now = new Date().toISOString();
  return {
    version: 1,
    source,
    ...fields,
    error: describeError(error),
    attempts,
    firstFailedAt: now,
    lastFailedAt: now,
  };
}

/** The DLQ envelope of a record from a Kafka trigger event (MSK or self-managed); key/value stay base64. */
export function buildKafkaEnvelope(record: KafkaTriggerRecord, error: Error, attempts = 1): DlqEnvelope {
  const source: DlqSource = {
    kind: 'kafka',
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
  };
  const fields = {
    key: record.key ?? null,
    value: record.value ?? null,
    headers: headersToBase64(record.headers),
  };
  return envelope(source, fields, error, attempts);
}

/**
 * The DLQ envelope of a Kinesis trigger record: key = the partition key's UTF-8 bytes, value = the data;
 * the shard id comes from `eventID` (`<shardId>:<sequenceNumber>`).
 */
export function buildKinesisEnvelope(
  record: KinesisStreamRecord,
  streamArn: string,
  error: Error,
  attempts = 1,
): DlqEnvelope {
  const shardId = record.eventID.slice(0, record.eventID.lastIndexOf(':')) || record.eventID;
  const source: DlqSource = {
    kind: 'kinesis',
    streamArn,
    shardId,
    sequenceNumber: record.kinesis.sequenceNumber,
  };
  const key = Buffer.from(record.kinesis.partitionKey, 'utf8').toString('base64');
  return envelope(source, { key, value: record.kinesis.data, headers: [] }, error, attempts);
}

function isoInstant(value: number | string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`receivedAt is not a time: ${String(value)}`);
  return date.toISOString();
}

/**
 * The DLQ envelope of an MQTT message: key = the client id's UTF-8 bytes (the key the IoT rule's Kafka
 * action uses, so a replay keeps per-device order), value = the payload.
 */
export function buildMqttEnvelope(message: MqttMessage, error: Error, attempts = 1): DlqEnvelope {
  const source: DlqSource = {
    kind: 'mqtt',
    topic: message.topic,
    clientId: message.clientId,
    receivedAt: isoInstant(message.receivedAt),
  };
  const fields = {
    key: Buffer.from(message.clientId, 'utf8').toString('base64'),
    value: message.payload.toString('base64'),
    headers: [],
  };
  return envelope(source, fields, error, attempts);
}

/** A record that could not be read, as the ingest function found it in its trigger event. */
export interface MalformedRecord {
  /** Where it sat, and whatever identity it had (see the `malformed` source of the envelope schema). */
  source: Omit<MalformedDlqSource, 'kind'>;
  /** The record exactly as the event held it (any JSON value). */
  received: unknown;
}

/**
 * The DLQ envelope of a malformed record: the `malformed` source with the identity it had, and the record
 * as received (JSON text, UTF-8, base64) as the value, never as record bytes: nothing is lost and nothing
 * can be replayed as if it were the record.
 */
export function buildMalformedEnvelope(record: MalformedRecord, error: Error, attempts = 1): DlqEnvelope {
  const text = JSON.stringify(record.received) ?? 'null';
  const value = Buffer.from(text, 'utf8').toString('base64');
  return envelope(
    { kind: 'malformed', ...record.source },
    { key: null, value, headers: [] },
    error,
    attempts,
  );
}
