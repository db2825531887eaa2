import type { SQSRecord } from 'aws-lambda';
import type { MalformedRecord } from '../../shared/dlq/envelope';
import { InvalidIotMessageError, type InvalidIotMessageReason } from './errors';

/** The topic filter of the IoT rule `SELECT *, clientid() AS clientId, timestamp() AS receivedAt FROM …`. */
export const IOT_RULE_TOPIC_FILTER = 'devices/+/telemetry';

/** One usable message: the rule's JSON output as one NDJSON line. */
export interface IotLine {
  messageId: string;
  /** `JSON.stringify(body)` plus `\n`: re-serialised, so a pretty-printed body still takes one line. */
  line: string;
  /** UTF-8 bytes of `line`. */
  bytes: number;
  /** The rule's `receivedAt` (ms since epoch), else the SQS SentTimestamp. */
  receivedAt: number;
}

/** A message the batcher gives up on, with what the DLQ envelope needs to replay it (the raw body). */
export interface UnusableIotMessage {
  /** The SQS message id; absent only for a record that had none (then it cannot be reported for retry). */
  messageId?: string;
  /** `Records[<i>]`: where it sat in the event. */
  path: string;
  /** The body's `topic` when it has one, else the rule's topic filter: the rule output carries no topic. */
  topic: string;
  /** The body's `clientId` when it has one, else '' (none known). */
  clientId: string;
  receivedAt: number;
  payload: Buffer;
  /** SQS ApproximateReceiveCount: how often this message was delivered. */
  attempts: number;
  error: InvalidIotMessageError;
  /** Set for a record without a string body: parked as received (a `malformed` envelope), not as MQTT. */
  malformed?: MalformedRecord;
}

/** Either a line for an object, or a message to park. */
export type ParsedIotRecord = { ok: true; line: IotLine } | { ok: false; unusable: UnusableIotMessage };

/** True for epoch milliseconds a Date can hold (±8.64e15). */
function isInstant(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && !Number.isNaN(new Date(value).getTime());
}

function sentTimestamp(record: SQSRecord): number {
  const sent = Number(record.attributes?.SentTimestamp);
  return isInstant(sent) ? sent : 0;
}

function attemptsOf(record: SQSRecord): number {
  return Math.max(1, Number(record.attributes?.ApproximateReceiveCount) || 1);
}

function unusable(
  record: SQSRecord,
  path: string,
  reason: InvalidIotMessageReason,
  body?: Record<string, unknown>,
): ParsedIotRecord {
  const receivedAt = isInstant(body?.receivedAt) ? body.receivedAt : sentTimestamp(record);
  return {
    ok: false,
    unusable: {
      messageId: record.messageId,
      path,
      topic: typeof body?.topic === 'string' && body.topic ? body.topic : IOT_RULE_TOPIC_FILTER,
      clientId: typeof body?.clientId === 'string' ? body.clientId : '',
      receivedAt,
      payload: Buffer.from(record.body, 'utf8'),
      attempts: attemptsOf(record),
      error: new InvalidIotMessageError(record.messageId, reason),
    },
  };
}

/** A record without a string body (or not an object at all): parked as received, never as a payload. */
function malformed(raw: unknown, path: string, reason: InvalidIotMessageReason): ParsedIotRecord {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<SQSRecord>;
  const messageId =
    typeof record.messageId === 'string' && record.messageId !== '' ? record.messageId : undefined;
  return {
    ok: false,
    unusable: {
      ...(messageId ? { messageId } : {}),
      path,
      topic: IOT_RULE_TOPIC_FILTER,
      clientId: '',
      receivedAt: sentTimestamp(record as SQSRecord),
      payload: Buffer.alloc(0),
      attempts: attemptsOf(record as SQSRecord),
      error: new InvalidIotMessageError(messageId ?? path, reason),
      malformed: { source: { trigger: 'sqs', path, ...(messageId ? { messageId } : {}) }, received: raw },
    },
  };
}

/**
 * Turns one SQS record (`Records[index]`) into an NDJSON line, or into a message to park when it is not the
 * rule's output (or not an SQS record with a string body at all).
 */
export function parseIotRecord(raw: unknown, index = 0): ParsedIotRecord {
  const path = `Records[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return malformed(raw, path, 'the record is not an object');
  }
  const record = raw as SQSRecord;
  const rawBody = (record as { body?: unknown }).body;
  if (typeof rawBody !== 'string') {
    return malformed(
      raw,
      path,
      rawBody === undefined || rawBody === null ? 'body is missing' : 'body is not a string',
    );
  }
  if (typeof record.messageId !== 'string' || record.messageId === '') {
    // Not from SQS (every SQS record has one); parked as received so nothing is lost.
    return malformed(raw, path, 'messageId is missing');
  }
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return unusable(record, path, 'body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return unusable(record, path, 'body is not a JSON object');
  }
  const object = body as Record<string, unknown>;
  if (typeof object.clientId !== 'string' || object.clientId === '') {
    return unusable(record, path, 'clientId is missing', object);
  }
  const line = `${JSON.stringify(object)}\n`;
  const receivedAt = isInstant(object.receivedAt) ? object.receivedAt : sentTimestamp(record);
  return {
    ok: true,
    line: { messageId: record.messageId, line, bytes: Buffer.byteLength(line), receivedAt },
  };
}
