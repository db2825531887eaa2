import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { readStackFile, type S3StackEntry, type SqsStackEntry } from '../../../scripts/local/stackFile';

/** The local SQS and S3 entries of .local/stack.json; fails clearly when the stack is not up. */
export function localAwsEntries(): { sqs: SqsStackEntry; s3: S3StackEntry } {
  const stack = readStackFile();
  if (!stack.sqs || !stack.s3) {
    throw new Error(
      'The local SQS/S3 servers are not running: run `npm run local:up` (jest globalSetup does it too)',
    );
  }
  return { sqs: stack.sqs, s3: stack.s3 };
}

/** Every key under `prefix` in `bucket`. */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

/** Deletes every object under `prefix` (test clean-up). */
export async function deletePrefix(s3: S3Client, bucket: string, prefix: string): Promise<void> {
  const keys = await listKeys(s3, bucket, prefix);
  for (let i = 0; i < keys.length; i += 1000) {
    const Objects = keys.slice(i, i + 1000).map((Key) => ({ Key }));
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects } }));
  }
}
