import * as z from 'zod';

/**
 * What Lambda sends to an SQS/SNS on-failure destination when it gives up on a batch of an event source
 * mapping: metadata only, never the records. For Kafka (MSK or self-managed) `KafkaBatchInfo.recordsInfo`
 * is keyed `<topic>-<partition>` with the first and last offset (strings); for Kinesis
 * `KinesisBatchInfo` names the shard and the start/end sequence numbers. An S3 destination also carries
 * the whole invocation as `payload` (a JSON string), which we take when present instead of fetching.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html
 * https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
 */

const digits = z.string().regex(/^\d+$/);

const requestContextSchema = z
  .object({
    functionArn: z.string().optional(),
    condition: z.string().optional(),
    approximateInvokeCount: z.number().optional(),
  })
  .loose();

const responseContextSchema = z.object({ functionError: z.string().optional() }).loose().nullable();

export const kafkaOnFailureSchema = z
  .object({
    requestContext: requestContextSchema.optional(),
    responseContext: responseContextSchema.optional(),
    timestamp: z.string().optional(),
    KafkaBatchInfo: z
      .object({
        batchSize: z.number().optional(),
        eventSourceArn: z.string().optional(),
        bootstrapServers: z.string().optional(),
        recordsInfo: z.record(
          z.string().regex(/^.+-\d+$/, 'keys are <topic>-<partition>'),
          z
            .object({
              firstRecordOffset: digits,
              lastRecordOffset: digits,
              firstRecordTimestamp: z.string().optional(),
              lastRecordTimestamp: z.string().optional(),
            })
            .loose(),
        ),
      })
      .loose(),
    payload: z.unknown().optional(),
  })
  .loose();

export const kinesisOnFailureSchema = z
  .object({
    requestContext: requestContextSchema.optional(),
    responseContext: responseContextSchema.optional(),
    timestamp: z.string().optional(),
    KinesisBatchInfo: z
      .object({
        shardId: z.string().min(1),
        startSequenceNumber: digits,
        endSequenceNumber: digits,
        batchSize: z.number().optional(),
        streamArn: z.string().regex(/^arn:[a-z-]+:kinesis:[a-z0-9-]+:\d{12}:stream\/.+$/),
        approximateArrivalOfFirstRecord: z.string().optional(),
      })
      .loose(),
  })
  .loose();

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
