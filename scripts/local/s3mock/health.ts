import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { localS3Client } from '../../../tasks/shared/aws/local';

/** Whether the real S3 client gets an answer to ListBuckets from `endpoint`; the reason when not. */
export async function checkS3Health(endpoint: string): Promise<{ healthy: boolean; reason?: string }> {
  const s3 = localS3Client({ s3: { endpoint } }, { maxAttempts: 1 });
  try {
    await s3.send(new ListBucketsCommand({}), { abortSignal: AbortSignal.timeout(3_000) });
    return { healthy: true };
  } catch (error) {
    return {
      healthy: false,
      reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  } finally {
    s3.destroy();
  }
}
