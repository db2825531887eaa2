// zod/mini, not zod: the same checks and messages (the core and its English locale are shared) at a fraction of
// the bundle weight in every function that dead-letters records (issue 12: bundles ≤ 500 KB).
import * as z from 'zod/mini';
import '../zodMiniLocale';
import { KINESIS_STREAM_ARN } from './patterns';

/**
 * The DLQ envelope, version 1 (public contract; a JSON Schema is generated from this file into
 * schemas/dlq-envelope.schema.json). What our ingest functions send to their SQS dead-letter queue for a
 * record they give up on, so a replay can rebuild it with nothing lost. Bytes are base64; a value too big
 * for one SQS message sits in S3 (`valueRef`, claim check) and `value` is null.
 */
const base64 = z.base64().check(z.describe('Bytes, base64 (RFC 4648, padded)'));
const digits = z.string().check(z.regex(/^\d+$/));
const offset = z.int().check(z.nonnegative());
const nonEmpty = z.string().check(z.minLength(1));

export const kafkaSourceSchema = z
  .object({
    kind: z.literal('kafka'),
    topic: z.string().check(z.minLength(1), z.maxLength(249)),
    partition: offset,
    offset,
    timestamp: z.int().check(z.describe('Kafka record timestamp, epoch milliseconds')),
  })
  .check(z.describe('A Kafka record (MSK or self-managed)'));

export const kinesisSourceSchema = z
  .object({
    kind: z.literal('kinesis'),
    streamArn: z.string().check(z.regex(KINESIS_STREAM_ARN)),
    shardId: nonEmpty,
    sequenceNumber: digits,
  })
  .check(z.describe('A Kinesis Data Streams record'));

export const mqttSourceSchema = z
  .object({
    kind: z.literal('mqtt'),
    topic: nonEmpty,
    clientId: z.string(),
    receivedAt: z.iso.datetime().check(z.describe('When AWS IoT received the message (ISO 8601, UTC)')),
  })
  .check(z.describe('An MQTT message received by AWS IoT Core'));

export const malformedSourceSchema = z
  .object({
    kind: z.literal('malformed'),
    trigger: z
      .enum(['kinesis', 'kafka', 'sqs'])
      .check(z.describe('The event source that delivered the record')),
    path: z
      .string()
      .check(
        z.minLength(1),
        z.describe(
          'Where the record sat in the trigger event, e.g. `Records[3]` or `records["orders-0"][2]`',
        ),
      ),
    topic: z.optional(nonEmpty),
    partition: z.optional(offset),
    offset: z.optional(offset),
    streamArn: z.optional(nonEmpty),
    shardId: z.optional(nonEmpty),
    sequenceNumber: z.optional(digits),
    messageId: z.optional(nonEmpty),
  })
  .check(
    z.describe(
      'A record the trigger event delivered in a shape no record can have (undecodable base64, a required field ' +
        'missing or of the wrong type), with whatever identity it had (topic/partition/offset, stream/shard/' +
        'sequence number, SQS message id). Its `value` holds the record exactly as received, JSON text in ' +
        'UTF-8, never record bytes: readers park it, they never replay it.',
    ),
  );

export const dlqSourceSchema = z.discriminatedUnion('kind', [
  kafkaSourceSchema,
  kinesisSourceSchema,
  mqttSourceSchema,
  malformedSourceSchema,
]);

export const dlqEnvelopeSchema = z
  .object({
    version: z.literal(1),
    source: dlqSourceSchema,
    key: z
      .nullable(base64)
      .check(z.describe('Record key (Kinesis partition key, MQTT client id), null when none')),
    value: z
      .nullable(base64)
      .check(
        z.describe(
          'Record value; null for a tombstone or when parked in S3 (see valueRef). For a `malformed` source: ' +
            'the record as received (JSON text, UTF-8).',
        ),
      ),
    valueRef: z
      .optional(z.object({ bucket: z.string().check(z.minLength(3)), key: nonEmpty }))
      .check(
        z.describe('Claim check: the S3 object holding the value bytes when they did not fit in the message'),
      ),
    headers: z
      .array(
        z
          .record(z.string(), base64)
          .check(
            z.refine((h) => Object.keys(h).length === 1, 'each header is an object with exactly one name'),
          ),
      )
      .check(z.describe('Record headers in order, each `{ "<name>": base64 }`; names may repeat')),
    error: z
      .object({ name: nonEmpty, message: z.string() })
      .check(z.describe('Why the record was given up on; never holds secrets or payload')),
    attempts: z.int().check(z.minimum(1), z.describe('Processing attempts before giving up')),
    firstFailedAt: z.iso.datetime(),
    lastFailedAt: z.iso.datetime(),
  })
  .check(
    z.superRefine((envelope, ctx) => {
      if (envelope.valueRef && envelope.value !== null) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be null when valueRef is set' });
      }
      if (envelope.firstFailedAt > envelope.lastFailedAt) {
        ctx.addIssue({ code: 'custom', path: ['lastFailedAt'], message: 'must not be before firstFailedAt' });
      }
    }),
    z.describe('msk-flows DLQ envelope, version 1'),
  );

export type KafkaDlqSource = z.infer<typeof kafkaSourceSchema>;
export type KinesisDlqSource = z.infer<typeof kinesisSourceSchema>;
export type MqttDlqSource = z.infer<typeof mqttSourceSchema>;
export type MalformedDlqSource = z.infer<typeof malformedSourceSchema>;
export type DlqSource = z.infer<typeof dlqSourceSchema>;
export type DlqEnvelope = z.infer<typeof dlqEnvelopeSchema>;
