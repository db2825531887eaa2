import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { S3Client } from '@aws-sdk/client-s3';
import { toKafkaErrorFromPlatformatic } from '../onboarding/kafka/platformaticErrors';
import type { DlqEnvelope } from '../shared/dlq/schema';
import { type OffsetRange, offsetRanges } from './messages/onFailureRecords';
import type { DecodedMessage, QueueMessage } from './messages/types';
import { nextAttempt, REPLAY_HEADERS, type RecordOrigin, type ReplayRecord, recordId } from './records';
import { readClaimCheck } from './sources/claimCheck';
import type { FetchedKafkaRecord, RangeRead } from './sources/kafkaRanges';
import { readSequenceRange } from './sources/kinesisRanges';
import { recordsFromPayload } from './sources/payloadRecords';

/** Where records are read back from; each is created only when a message needs it. */
export interface ResolveDeps {
  s3: S3Client;
  /** Reads an on-failure range back from its cluster (fetches by offset, no group). */
  readKafkaRange: (range: OffsetRange) => Promise<RangeRead>;
  kinesis: () => KinesisClient;
  queueUrl: string;
}

/** The records of one dead letter, and why (part of) it cannot be replayed. */
export interface Resolution {
  records: ReplayRecord[];
  /** Reasons to park: the whole message when `records` is empty, else the parts that were missing. */
  parkReasons: string[];
}

const fromBase64 = (value: string | null): Buffer | null =>
  value === null ? null : Buffer.from(value, 'base64');

/** The sources of records a function could read (every kind but `malformed`). */
type ReadSource = Exclude<DlqEnvelope['source'], { kind: 'malformed' }>;

function envelopeOrigin(source: ReadSource): RecordOrigin {
  switch (source.kind) {
    case 'kafka':
      return {
        kind: 'kafka',
        topic: source.topic,
        partition: source.partition,
        offset: String(source.offset),
        timestamp: source.timestamp,
      };
    case 'kinesis':
      return {
        kind: 'kinesis',
        streamArn: source.streamArn,
        shardId: source.shardId,
        sequenceNumber: source.sequenceNumber,
      };
    case 'mqtt':
      return { kind: 'mqtt', topic: source.topic, clientId: source.clientId, receivedAt: source.receivedAt };
  }
}

async function fromEnvelope(envelope: DlqEnvelope, deps: ResolveDeps): Promise<Resolution> {
  const { source } = envelope;
  if (source.kind === 'malformed') {
    // Its function could not read it (undecodable data, a field missing): there is no record to send.
    const { error } = envelope;
    return {
      records: [],
      parkReasons: [`MalformedRecord: ${error.name}: ${error.message} (kept as received, not replayable)`],
    };
  }
  let value = fromBase64(envelope.value);
  if (envelope.valueRef) {
    const parked = await readClaimCheck(deps.s3, envelope.valueRef);
    if (!parked) {
      return {
        records: [],
        parkReasons: [`ClaimCheckMissing: s3://${envelope.valueRef.bucket}/${envelope.valueRef.key} is gone`],
      };
    }
    value = parked;
  }
  const headers = envelope.headers.flatMap((h) =>
    Object.entries(h).map(([name, v]): [string, Buffer] => [name, Buffer.from(v, 'base64')]),
  );
  const origin = envelopeOrigin(source);
  const record: ReplayRecord = {
    id: recordId(origin),
    origin,
    key: fromBase64(envelope.key),
    value,
    headers,
    attempt: nextAttempt(headers),
    failedAt: envelope.firstFailedAt,
    errorName: envelope.error.name,
  };
  return { records: [record], parkReasons: [] };
}

function fromKafka(
  r: FetchedKafkaRecord,
  failedAt: string | undefined,
  errorName: string | undefined,
): ReplayRecord {
  const origin: RecordOrigin = {
    kind: 'kafka',
    topic: r.topic,
    partition: r.partition,
    offset: r.offset.toString(),
    timestamp: Number(r.timestamp),
  };
  return {
    id: recordId(origin),
    origin,
    key: r.key,
    value: r.value,
    headers: r.headers,
    attempt: nextAttempt(r.headers),
    failedAt,
    errorName,
  };
}

async function fromKafkaOnFailure(
  decoded: Extract<DecodedMessage, { kind: 'kafka-on-failure' }>,
  failedAt: string,
  errorName: string | undefined,
  deps: ResolveDeps,
): Promise<Resolution> {
  const ranges = offsetRanges(decoded.record);
  const inRange = (r: FetchedKafkaRecord) =>
    ranges.some(
      (range) =>
        range.topic === r.topic &&
        range.partition === r.partition &&
        r.offset >= range.first &&
        r.offset <= range.last,
    );
  const carried = recordsFromPayload(decoded.record.payload);
  if (carried)
    return {
      records: carried.filter(inRange).map((r) => fromKafka(r, failedAt, errorName)),
      parkReasons: [],
    };
  const records: ReplayRecord[] = [];
  const parkReasons: string[] = [];
  for (const range of ranges) {
    let read: RangeRead;
    try {
      read = await deps.readKafkaRange(range);
    } catch (error) {
      throw toKafkaErrorFromPlatformatic(error, {
        topic: range.topic,
        partition: range.partition,
        operation: 'Fetch',
      });
    }
    records.push(...read.records.map((r) => fromKafka(r, failedAt, errorName)));
    if (read.missing) {
      parkReasons.push(
        `OffsetsNoLongerRetained: ${range.topic}-${range.partition} offsets ${range.first}..${range.last}, ` +
          `the log holds ${read.missing.logStartOffset}..${read.missing.highWatermark - 1n}`,
      );
    }
  }
  return { records, parkReasons };
}

async function fromKinesisOnFailure(
  decoded: Extract<DecodedMessage, { kind: 'kinesis-on-failure' }>,
  failedAt: string,
  errorName: string | undefined,
  deps: ResolveDeps,
): Promise<Resolution> {
  const info = decoded.record.KinesisBatchInfo;
  const read = await readSequenceRange(deps.kinesis(), {
    streamArn: info.streamArn,
    shardId: info.shardId,
    start: info.startSequenceNumber,
    end: info.endSequenceNumber,
  });
  const records = read.records.map((r): ReplayRecord => {
    const origin: RecordOrigin = {
      kind: 'kinesis',
      streamArn: info.streamArn,
      shardId: info.shardId,
      sequenceNumber: r.sequenceNumber,
      arrivedAt: r.arrivedAt,
    };
    return {
      id: recordId(origin),
      origin,
      key: Buffer.from(r.partitionKey, 'utf8'),
      value: r.data,
      headers: [],
      attempt: 1,
      failedAt,
      errorName,
    };
  });
  return { records, parkReasons: read.missing ? [`SequenceRangeNoLongerRetained: ${read.missing}`] : [] };
}

function fromPlain(message: QueueMessage, queueUrl: string, failedAt: string): Resolution {
  const origin: RecordOrigin = { kind: 'sqs', queueUrl, messageId: message.messageId };
  const { [REPLAY_HEADERS.attempt]: attempt, ...attributes } = message.messageAttributes;
  const headers: [string, Buffer][] = attempt?.StringValue
    ? [[REPLAY_HEADERS.attempt, Buffer.from(attempt.StringValue)]]
    : [];
  const record: ReplayRecord = {
    id: recordId(origin),
    origin,
    key: null,
    value: Buffer.from(message.body, 'utf8'),
    headers,
    attempt: nextAttempt(headers),
    failedAt,
    sqsAttributes: attributes,
  };
  return { records: [record], parkReasons: [] };
}

/** Turns one decoded dead letter into the records to deliver (reading them back where needed). */
export async function resolveMessage(
  message: QueueMessage,
  decoded: DecodedMessage,
  facts: { failedAt: string; errorName?: string },
  deps: ResolveDeps,
): Promise<Resolution> {
  switch (decoded.kind) {
    case 'envelope':
      return fromEnvelope(decoded.envelope, deps);
    case 'kafka-on-failure':
      return fromKafkaOnFailure(decoded, facts.failedAt, facts.errorName, deps);
    case 'kinesis-on-failure':
      return fromKinesisOnFailure(decoded, facts.failedAt, facts.errorName, deps);
    case 'plain':
      return fromPlain(message, deps.queueUrl, facts.failedAt);
    case 'undecodable':
      return { records: [], parkReasons: [`UndecodableMessage: ${decoded.reason}`] };
  }
}
