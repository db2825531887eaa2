import type { KinesisStreamRecord } from 'aws-lambda';
import type { MalformedRecord } from '../../shared/dlq/envelope';
import { KINESIS_STREAM_ARN } from '../../shared/dlq/patterns';
import { decodeStrictBase64 } from '../../shared/strictBase64';
import { InvalidKinesisEventError, MalformedKinesisRecordError } from './errors';
import { BRIDGE_HEADERS, type BridgeMessage, type BridgeRecord, recordSizeUpperBound } from './records';

/** A record of the event that cannot be produced: the DLQ gets it as received, with every problem named. */
export interface MalformedKinesisRecord {
  /** Position in the event. */
  index: number;
  /** From `eventID`, when it has one. */
  shardId?: string;
  /** From `kinesis.sequenceNumber` or `eventID`: what a partial batch response can name. */
  sequenceNumber?: string;
  error: MalformedKinesisRecordError;
  dlq: MalformedRecord;
}

/** The event's records, split into those to produce and those to park. */
export interface KinesisRecords {
  records: BridgeRecord[];
  malformed: MalformedKinesisRecord[];
}

const DIGITS = /^\d+$/;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// Every record of an event names the same stream: the last ARN that matched is not matched again.
let lastStreamArn: string | undefined;
const isStreamArn = (arn: string): boolean => {
  if (arn === lastStreamArn) return true;
  if (!KINESIS_STREAM_ARN.test(arn)) return false;
  lastStreamArn = arn;
  return true;
};

/** `<shardId>:<sequenceNumber>`, the shape Lambda gives every record's `eventID`. */
function parseEventId(eventId: unknown): { shardId: string; sequenceNumber: string } | undefined {
  if (typeof eventId !== 'string') return undefined;
  const colon = eventId.lastIndexOf(':');
  const shardId = eventId.slice(0, colon);
  const sequenceNumber = eventId.slice(colon + 1);
  return colon > 0 && DIGITS.test(sequenceNumber) ? { shardId, sequenceNumber } : undefined;
}

function stringProblem(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return `${field} is missing`;
  if (typeof value !== 'string') return `${field} is not a string`;
  return value === '' ? `${field} is empty` : undefined;
}

/** Reads one record; every problem is named (field and why), never its content. */
function readRecord(source: unknown, index: number): BridgeRecord | MalformedKinesisRecord {
  const record = isObject(source) ? source : {};
  const kinesis = isObject(record.kinesis) ? record.kinesis : undefined;
  const problems: string[] = [];
  if (!isObject(source)) problems.push('the record is not an object');
  else if (!kinesis) problems.push('kinesis is missing or not an object');
  const eventId = parseEventId(record.eventID);
  if (!eventId) problems.push('eventID is missing or not <shardId>:<sequenceNumber>');
  const ownSequence = kinesis?.sequenceNumber;
  // Lambda gives both the same number: the one eventID carried is already known to be decimal.
  const ownIsDecimal =
    typeof ownSequence === 'string' && (ownSequence === eventId?.sequenceNumber || DIGITS.test(ownSequence));
  if (kinesis && !ownIsDecimal) {
    problems.push(
      `kinesis.sequenceNumber is ${ownSequence === undefined ? 'missing' : 'not a decimal string'}`,
    );
  } else if (kinesis && eventId && ownSequence !== eventId.sequenceNumber) {
    problems.push("kinesis.sequenceNumber differs from eventID's");
  }
  const streamArn = record.eventSourceARN;
  if (typeof streamArn !== 'string' || !isStreamArn(streamArn)) {
    problems.push('eventSourceARN is missing or not a Kinesis stream ARN');
  }
  const keyProblem = kinesis && stringProblem('kinesis.partitionKey', kinesis.partitionKey);
  if (keyProblem) problems.push(keyProblem);
  const value = decodeStrictBase64(kinesis?.data);
  if (kinesis && !value) {
    const data = kinesis.data;
    if (typeof data === 'string') problems.push('kinesis.data is not valid base64 (RFC 4648, padded)');
    else problems.push(`kinesis.data is ${data === undefined || data === null ? 'missing' : 'not a string'}`);
  }

  const sequenceNumber = ownIsDecimal ? ownSequence : eventId?.sequenceNumber;
  if (problems.length > 0) {
    const path = `Records[${index}]`;
    const id = {
      ...(eventId ? { shardId: eventId.shardId } : {}),
      ...(sequenceNumber ? { sequenceNumber } : {}),
    };
    const arn = typeof streamArn === 'string' && streamArn !== '' ? { streamArn } : {};
    return {
      index,
      ...id,
      error: new MalformedKinesisRecordError({ path, ...id, problems }),
      dlq: { source: { trigger: 'kinesis', path, ...arn, ...id }, received: source },
    };
  }
  const shardId = eventId?.shardId as string;
  const seq = sequenceNumber as string;
  const arrival = kinesis?.approximateArrivalTimestamp;
  const message: BridgeMessage = {
    key: kinesis?.partitionKey as string,
    value: value as Buffer,
    headers: {
      [BRIDGE_HEADERS.streamArn]: streamArn as string,
      [BRIDGE_HEADERS.shardId]: shardId,
      [BRIDGE_HEADERS.sequenceNumber]: seq,
      // Informational only: a record without it is still produced, without the header.
      ...(typeof arrival === 'number' && Number.isFinite(arrival)
        ? { [BRIDGE_HEADERS.arrivalTimestamp]: String(Math.round(arrival * 1000)) }
        : {}),
    },
  };
  const size = recordSizeUpperBound(message);
  return { index, shardId, sequenceNumber: seq, source: source as KinesisStreamRecord, message, size };
}

/**
 * Decodes a trigger batch into Kafka messages: key = partition key (so one key keeps its order), value =
 * the record's bytes as sent to Kinesis (strictly decoded base64), headers = stream ARN, shard id, sequence
 * number, arrival time. A record that is not what Lambda delivers (missing field, undecodable base64) is
 * set aside for the DLQ instead of failing the batch. Throws InvalidKinesisEventError when the event has no
 * `Records` list at all: then it is not a Kinesis trigger event.
 */
export function readKinesisRecords(event: unknown): KinesisRecords {
  const list = isObject(event) ? event.Records : undefined;
  if (!Array.isArray(list)) throw new InvalidKinesisEventError('Records is missing or not a list');
  const out: KinesisRecords = { records: [], malformed: [] };
  list.forEach((source: unknown, index) => {
    const read = readRecord(source, index);
    if ('error' in read) out.malformed.push(read);
    else out.records.push(read);
  });
  return out;
}
