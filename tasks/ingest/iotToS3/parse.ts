import type { SQSRecord } from 'aws-lambda';
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
  messageId: string;
  /** The body's `topic` when it has one, else the rule's topic filter: the rule output carries no topic. */
  topic: string;
  /** The body's `clientId` when it has one, else '' (none known). */
  clientId: string;
  receivedAt: number;
  payload: Buffer;
  /** SQS ApproximateReceiveCount: how often this message was delivered. */
  attempts: number;
  error: InvalidIotMessageError;
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

function unusable(
  record: SQSRecord,
  reason: InvalidIotMessageReason,
  body?: Record<string, unknown>,
): ParsedIotRecord {
  const receivedAt = isInstant(body?.receivedAt) ? body.receivedAt : sentTimestamp(record);
  return {
    ok: false,
    unusable: {
      messageId: record.messageId,
      topic: typeof body?.topic === 'string' && body.topic ? body.topic : IOT_RULE_TOPIC_FILTER,
      clientId: typeof body?.clientId === 'string' ? body.clientId : '',
      receivedAt,
      payload: Buffer.from(record.body, 'utf8'),
      attempts: Math.max(1, Number(record.attributes?.ApproximateReceiveCount) || 1),
      error: new InvalidIotMessageError(record.messageId, reason),
    },
  };
}

/** Turns one SQS record into an NDJSON line, or into a message to park when it is not the rule's output. */
export function parseIotRecord(record: SQSRecord): ParsedIotRecord {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return unusable(record, 'body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return unusable(record, 'body is not a JSON object');
  }
  const object = body as Record<string, unknown>;
  if (typeof object.clientId !== 'string' || object.clientId === '') {
    return unusable(record, 'clientId is missing', object);
  }
  const line = `${JSON.stringify(object)}\n`;
  const receivedAt = isInstant(object.receivedAt) ? object.receivedAt : sentTimestamp(record);
  return {
    ok: true,
    line: { messageId: record.messageId, line, bytes: Buffer.byteLength(line), receivedAt },
  };
}
