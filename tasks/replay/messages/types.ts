import type { DlqEnvelope } from '../../shared/dlq/schema';
import type { KafkaOnFailureRecord, KinesisOnFailureRecord } from './onFailureRecords';

/** An SQS message as a replay received it (only what it needs). */
export interface QueueMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  /** `SentTimestamp` (epoch ms), `ApproximateReceiveCount`, `MessageGroupId` … as SQS returns them. */
  attributes: Record<string, string>;
  messageAttributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>;
}

/** What a dead-letter message is, detected per message (one queue may hold several kinds). */
export type DecodedMessage =
  | { kind: 'envelope'; envelope: DlqEnvelope }
  | { kind: 'kafka-on-failure'; record: KafkaOnFailureRecord }
  | { kind: 'kinesis-on-failure'; record: KinesisOnFailureRecord }
  | { kind: 'plain' }
  | { kind: 'undecodable'; reason: string };

/** The kinds a dry run counts by. */
export type MessageKind = DecodedMessage['kind'];
