import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsFailure } from '../awsErrors';

/**
 * The bytes of a claim-checked value (an envelope's `valueRef`), or undefined when the object is gone.
 * Access errors are not "gone": they fail the round, so a wrong grant never parks good records.
 */
export async function readClaimCheck(
  s3: S3Client,
  ref: { bucket: string; key: string },
): Promise<Buffer | undefined> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
    return Buffer.from((await answer.Body?.transformToByteArray()) ?? new Uint8Array());
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return undefined;
    throw awsFailure('GetObject', `s3://${ref.bucket}/${ref.key}`, error);
  }
}
