import { createHash } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsFailure } from '../awsErrors';

/**
 * One replay per source at a time, with S3 conditional writes (the same on AWS and on the local S3Mock):
 * the lock is an object per source queue, created with `If-None-Match: *` (only one writer can create
 * it), taken over from a crashed run only after it expired with `If-Match: <etag>` (only one writer can
 * replace that version), and released with a conditional delete (`If-Match`), so a run never removes a
 * lock someone else holds. Why not a FIFO queue or the registry topic: neither gives compare-and-set on
 * one key, and S3 is already where parked records go.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html
 */

/** What a lock object says. */
export interface LockRecord {
  queueUrl: string;
  replayId: string;
  execution: string;
  acquiredAt: number;
  expiresAt: number;
}

/** A held lock: what release needs. */
export interface HeldLock {
  acquired: true;
  bucket: string;
  key: string;
  etag: string;
  acquiredAt: number;
  /** When the run's time budget ends (acquiredAt + maxSeconds): no round starts after it. */
  deadline: number;
}

/** Another run holds the lock. */
export interface RefusedLock {
  acquired: false;
  holder: Omit<LockRecord, 'queueUrl'>;
}

/** A lock outlives the run's own time budget by this much (the last round and its Lambda timeout). */
export const LOCK_GRACE_SECONDS = 15 * 60;

/** The lock object of a source queue. */
export function lockKey(queueUrl: string): string {
  return `locks/${createHash('sha256').update(queueUrl).digest('hex').slice(0, 40)}.json`;
}

const status = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
/** 412: the condition failed; 409: a concurrent conditional write won (S3 asks to retry). */
const lostRace = (error: unknown) =>
  status(error) === 412 || status(error) === 409 || (error as Error).name === 'PreconditionFailed';

async function read(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ record: LockRecord; etag: string } | undefined> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const record = JSON.parse((await answer.Body?.transformToString()) ?? '{}') as LockRecord;
    return { record, etag: answer.ETag ?? '' };
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return undefined;
    throw awsFailure('GetObject', `s3://${bucket}/${key}`, error);
  }
}

async function put(
  s3: S3Client,
  bucket: string,
  key: string,
  record: LockRecord,
  condition: { IfNoneMatch: '*' } | { IfMatch: string },
) {
  const answer = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(record),
      ContentType: 'application/json',
      ...condition,
    }),
  );
  return answer.ETag ?? '';
}

const refused = ({ replayId, execution, acquiredAt, expiresAt }: LockRecord): RefusedLock => ({
  acquired: false,
  holder: { replayId, execution, acquiredAt, expiresAt },
});

/** Takes the source's lock, or reports who holds it. */
export async function acquireLock(
  s3: S3Client,
  bucket: string,
  request: { queueUrl: string; replayId: string; execution: string; maxSeconds: number },
  now: number,
): Promise<HeldLock | RefusedLock> {
  const key = lockKey(request.queueUrl);
  const record: LockRecord = {
    queueUrl: request.queueUrl,
    replayId: request.replayId,
    execution: request.execution,
    acquiredAt: now,
    expiresAt: now + (request.maxSeconds + LOCK_GRACE_SECONDS) * 1000,
  };
  const held = (etag: string): HeldLock => ({
    acquired: true,
    bucket,
    key,
    etag,
    acquiredAt: now,
    deadline: now + request.maxSeconds * 1000,
  });
  try {
    return held(await put(s3, bucket, key, record, { IfNoneMatch: '*' }));
  } catch (error) {
    if (!lostRace(error)) throw awsFailure('PutObject', `s3://${bucket}/${key}`, error);
  }
  const current = await read(s3, bucket, key);
  if (!current) return acquireLock(s3, bucket, request, now); // released in between: try again
  // The same execution asking again (a retried Lambda invocation) holds it already.
  if (current.record.execution === request.execution) return held(current.etag);
  if (current.record.expiresAt > now) return refused(current.record);
  try {
    return held(await put(s3, bucket, key, record, { IfMatch: current.etag }));
  } catch (error) {
    if (!lostRace(error)) throw awsFailure('PutObject', `s3://${bucket}/${key}`, error);
    const winner = await read(s3, bucket, key);
    return refused(winner?.record ?? current.record);
  }
}

/** Releases a lock this run holds; false when it is no longer ours (expired and taken over) or gone. */
export async function releaseLock(
  s3: S3Client,
  lock: Pick<HeldLock, 'bucket' | 'key' | 'etag'>,
): Promise<boolean> {
  try {
    await s3.send(new DeleteObjectCommand({ Bucket: lock.bucket, Key: lock.key, IfMatch: lock.etag }));
    return true;
  } catch (error) {
    if (lostRace(error) || (error as Error).name === 'NoSuchKey' || status(error) === 404) return false;
    throw awsFailure('DeleteObject', `s3://${lock.bucket}/${lock.key}`, error);
  }
}
