import {
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { awsFailure } from '../awsErrors';

/** One Kinesis record read back from its shard. */
export interface FetchedKinesisRecord {
  sequenceNumber: string;
  partitionKey: string;
  data: Buffer;
  arrivedAt?: string;
}

/** The records of a Kinesis range, or why they can no longer be read. */
export type KinesisRangeRead =
  | { records: FetchedKinesisRecord[]; missing?: undefined }
  | { records: FetchedKinesisRecord[]; missing: string };

// Errors that mean the sequence number is no longer (or never was) in the shard's retention window.
const GONE = new Set(['InvalidArgumentException', 'ResourceNotFoundException', 'ExpiredIteratorException']);

/**
 * Reads the records from `start` to `end` (inclusive) of one shard with GetShardIterator
 * AT_SEQUENCE_NUMBER and GetRecords, while the stream still retains them. A trimmed start comes back as
 * `missing` (the caller parks the on-failure record); throttling is a retriable failure.
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html
 */
export async function readSequenceRange(
  kinesis: KinesisClient,
  range: { streamArn: string; shardId: string; start: string; end: string },
): Promise<KinesisRangeRead> {
  const end = BigInt(range.end);
  let iterator: string | undefined;
  try {
    const answer = await kinesis.send(
      new GetShardIteratorCommand({
        StreamARN: range.streamArn,
        ShardId: range.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        StartingSequenceNumber: range.start,
      }),
    );
    iterator = answer.ShardIterator;
  } catch (error) {
    if (GONE.has((error as Error).name)) {
      return {
        records: [],
        missing: `${(error as Error).name}: sequence ${range.start} of ${range.shardId} is no longer readable`,
      };
    }
    throw awsFailure('GetShardIterator', range.streamArn, error);
  }
  const records: FetchedKinesisRecord[] = [];
  while (iterator) {
    let page: GetRecordsCommandOutput;
    try {
      page = await kinesis.send(
        new GetRecordsCommand({ ShardIterator: iterator, StreamARN: range.streamArn, Limit: 10_000 }),
      );
    } catch (error) {
      throw awsFailure('GetRecords', range.streamArn, error);
    }
    for (const record of page.Records ?? []) {
      if (!record.SequenceNumber || BigInt(record.SequenceNumber) > end) return { records };
      records.push({
        sequenceNumber: record.SequenceNumber,
        partitionKey: record.PartitionKey ?? '',
        data: Buffer.from(record.Data ?? new Uint8Array()),
        arrivedAt: record.ApproximateArrivalTimestamp?.toISOString(),
      });
    }
    if ((page.Records ?? []).length === 0 && (page.MillisBehindLatest ?? 0) === 0) break;
    iterator = page.NextShardIterator;
  }
  const reachedEnd =
    records.length > 0 && BigInt((records.at(-1) as FetchedKinesisRecord).sequenceNumber) >= end;
  return reachedEnd || records.length > 0
    ? { records }
    : { records, missing: `no records from ${range.start} in ${range.shardId}` };
}
