// zod/mini: the same checks and messages as zod at a fraction of the bundle weight (tasks/shared/zodMiniLocale.ts).
import * as z from 'zod/mini';
import '../../shared/zodMiniLocale';

/**
 * What Lambda sends to an SQS/SNS on-failure destination when it gives up on a batch of an event source
 * mapping: metadata only, never the records. For Kafka (MSK or self-managed) `KafkaBatchInfo.recordsInfo`
 * is keyed `<topic>-<partition>` with the first and last offset (strings); for Kinesis
 * `KinesisBatchInfo` names the shard and the start/end sequence numbers. An S3 destination also carries
 * the whole invocation as `payload` (a JSON string), which we take when present instead of fetching.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html
 * https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
 */

const digits = z.string().check(z.regex(/^\d+$/));
const optionalString = z.optional(z.string());
const optionalNumber = z.optional(z.number());

const requestContextSchema = z.looseObject({
  functionArn: optionalString,
  condition: optionalString,
  approximateInvokeCount: optionalNumber,
});

const responseContextSchema = z.nullable(z.looseObject({ functionError: optionalString }));

export const kafkaOnFailureSchema = z.looseObject({
  requestContext: z.optional(requestContextSchema),
  responseContext: z.optional(responseContextSchema),
  timestamp: optionalString,
  KafkaBatchInfo: z.looseObject({
    batchSize: optionalNumber,
    eventSourceArn: optionalString,
    bootstrapServers: optionalString,
    recordsInfo: z.record(
      z.string().check(z.regex(/^.+-\d+$/, 'keys are <topic>-<partition>')),
      z.looseObject({
        firstRecordOffset: digits,
        lastRecordOffset: digits,
        firstRecordTimestamp: optionalString,
        lastRecordTimestamp: optionalString,
      }),
    ),
  }),
  payload: z.optional(z.unknown()),
});

export const kinesisOnFailureSchema = z.looseObject({
  requestContext: z.optional(requestContextSchema),
  responseContext: z.optional(responseContextSchema),
  timestamp: optionalString,
  KinesisBatchInfo: z.looseObject({
    shardId: z.string().check(z.minLength(1)),
    startSequenceNumber: digits,
    endSequenceNumber: digits,
    batchSize: optionalNumber,
    streamArn: z.string().check(z.regex(/^arn:[a-z-]+:kinesis:[a-z0-9-]+:\d{12}:stream\/.+$/)),
    approximateArrivalOfFirstRecord: optionalString,
  }),
});

export type KafkaOnFailureRecord = z.infer<typeof kafkaOnFailureSchema>;
export type KinesisOnFailureRecord = z.infer<typeof kinesisOnFailureSchema>;

/** One topic-partition offset range of a Kafka on-failure record, inclusive at both ends. */
export interface OffsetRange {
  topic: string;
  partition: number;
  first: bigint;
  last: bigint;
}

/** `orders.events-3` → topic `orders.events`, partition 3 (topics may contain `-`: split at the last one). */
export function splitTopicPartition(key: string): { topic: string; partition: number } {
  const at = key.lastIndexOf('-');
  return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)) };
}

/** The offset ranges of a Kafka on-failure record, in the order Lambda listed them. */
export function offsetRanges(record: KafkaOnFailureRecord): OffsetRange[] {
  return Object.entries(record.KafkaBatchInfo.recordsInfo).map(([key, info]) => ({
    ...splitTopicPartition(key),
    first: BigInt(info.firstRecordOffset),
    last: BigInt(info.lastRecordOffset),
  }));
}
