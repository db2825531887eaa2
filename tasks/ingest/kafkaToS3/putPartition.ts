import { PutObjectCommand, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import type { KafkaPartitionBatch } from '../../shared/kafkaEvent/types';
import { PartitionWriteError } from './errors';
import { deterministicGzip } from './gzip';
import { recordLines } from './lines';
import { kafkaObjectKey } from './objectKey';
import type { WriteKafkaBatchToS3Deps, WrittenObject } from './writeKafkaBatchToS3';

function putRequest(
  batch: KafkaPartitionBatch,
  range: { first: number; last: number; key: string },
  body: Buffer,
  deps: WriteKafkaBatchToS3Deps,
): PutObjectCommandInput {
  return {
    Bucket: deps.bucket,
    Key: range.key,
    Body: body,
    ContentType: 'application/x-ndjson',
    ContentEncoding: 'gzip',
    // Deterministic metadata only: a retried batch must produce the very same object.
    Metadata: {
      'record-count': String(batch.records.length),
      'first-offset': String(range.first),
      'last-offset': String(range.last),
      'payload-encoding': deps.encoding,
    },
    ...(deps.kmsKeyArn
      ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: deps.kmsKeyArn, BucketKeyEnabled: true }
      : {}),
  };
}

/** Writes one topic-partition's records as one gzip NDJSON object; a PartitionWriteError when S3 refuses. */
export async function putPartition(
  batch: KafkaPartitionBatch,
  deps: WriteKafkaBatchToS3Deps,
): Promise<WrittenObject> {
  const first = batch.records[0]?.offset ?? 0;
  const last = batch.records.at(-1)?.offset ?? first;
  const key = kafkaObjectKey(deps.prefix, batch.topic, batch.partition, first, last);
  const body = deterministicGzip(recordLines(batch.records, deps.encoding));
  try {
    await deps.s3.send(new PutObjectCommand(putRequest(batch, { first, last, key }, body, deps)));
  } catch (error) {
    throw new PartitionWriteError(batch.key, first, last, { cause: error });
  }
  return {
    bucket: deps.bucket,
    key,
    partition: batch.key,
    firstOffset: first,
    lastOffset: last,
    records: batch.records.length,
    bytes: body.length,
  };
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await fn(items[i] as T) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
