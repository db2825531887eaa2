import type { ReplayFilter } from '../request/schema';
import { offsetRanges } from './onFailureRecords';
import type { DecodedMessage, MessageKind, QueueMessage } from './types';

/** What filters and dry-run counts look at: never the payload. */
export interface MessageFacts {
  kind: MessageKind;
  sourceKind: 'kafka' | 'kinesis' | 'mqtt' | 'sqs';
  /** Kafka or MQTT topics, or the Kinesis stream name. */
  topics: string[];
  errorName?: string;
  /** When the record first failed (envelope), Lambda gave up (on-failure), or the message was sent (plain). */
  failedAt: string;
}

const streamName = (arn: string): string => arn.slice(arn.indexOf(':stream/') + ':stream/'.length);

function sentAt(message: QueueMessage): string {
  const sent = Number(message.attributes.SentTimestamp);
  return new Date(Number.isFinite(sent) && sent > 0 ? sent : Date.now()).toISOString();
}

function validInstant(value: string | undefined, fallback: string): string {
  return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : fallback;
}

/** The facts of one decoded dead letter. */
export function describeMessage(message: QueueMessage, decoded: DecodedMessage): MessageFacts {
  const sent = sentAt(message);
  switch (decoded.kind) {
    case 'envelope': {
      const { source, error, firstFailedAt } = decoded.envelope;
      if (source.kind === 'malformed') {
        // A record its function could not even read, held as received: filtered by the trigger it came from.
        const where = source.topic ?? (source.streamArn ? streamName(source.streamArn) : undefined);
        return {
          kind: decoded.kind,
          sourceKind: source.trigger,
          topics: where ? [where] : [],
          errorName: error.name,
          failedAt: firstFailedAt,
        };
      }
      const topic = source.kind === 'kinesis' ? streamName(source.streamArn) : source.topic;
      return {
        kind: decoded.kind,
        sourceKind: source.kind,
        topics: [topic],
        errorName: error.name,
        failedAt: firstFailedAt,
      };
    }
    case 'kafka-on-failure': {
      const { record } = decoded;
      return {
        kind: decoded.kind,
        sourceKind: 'kafka',
        topics: [...new Set(offsetRanges(record).map((r) => r.topic))],
        errorName: record.responseContext?.functionError ?? record.requestContext?.condition,
        failedAt: validInstant(record.timestamp, sent),
      };
    }
    case 'kinesis-on-failure': {
      const { record } = decoded;
      return {
        kind: decoded.kind,
        sourceKind: 'kinesis',
        topics: [streamName(record.KinesisBatchInfo.streamArn)],
        errorName: record.responseContext?.functionError ?? record.requestContext?.condition,
        failedAt: validInstant(record.timestamp, sent),
      };
    }
    default:
      return { kind: decoded.kind, sourceKind: 'sqs', topics: [], failedAt: sent };
  }
}

/** True when the filter lets this dead letter through (no filter: everything). */
export function passesFilter(facts: MessageFacts, filter: ReplayFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.topics && !facts.topics.some((topic) => filter.topics?.includes(topic))) return false;
  if (filter.errorNames && !(facts.errorName && filter.errorNames.includes(facts.errorName))) return false;
  if (filter.sourceKinds && !filter.sourceKinds.includes(facts.sourceKind)) return false;
  const at = Date.parse(facts.failedAt);
  if (filter.failedAfter && at < Date.parse(filter.failedAfter)) return false;
  if (filter.failedBefore && at >= Date.parse(filter.failedBefore)) return false;
  return true;
}
