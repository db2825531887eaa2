import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { localS3Client } from '../awsClients';
import { type HealthCheck, probe } from '../health';

/** Whether the real S3 client gets an answer to ListBuckets from `endpoint`; the reason when not. */
export function checkS3Health(endpoint: string): Promise<HealthCheck> {
  const s3 = localS3Client({ s3: { endpoint } }, { maxAttempts: 1 });
  return probe(
    (abortSignal) => s3.send(new ListBucketsCommand({}), { abortSignal }),
    () => s3.destroy(),
  );
}
