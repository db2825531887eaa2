import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { LOCAL_AWS_CREDENTIALS, localAwsEnv } from '../../../scripts/local/awsClients';
import { createS3Client, createSqsClient } from '../../../tasks/shared/aws/clients';
import { localAwsEntries } from './support';

const aws = localAwsEntries();
const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
});

describe('localAwsEnv', () => {
  it('gives a local invoke the region, dummy credentials and the SDK endpoint variables of the stack', () => {
    // Act
    const env = localAwsEnv(aws);

    // Assess
    expect(env).toEqual({
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9090',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324',
    });
  });
});

describe('shared AWS client factories', () => {
  it('reach the local stack through AWS_ENDPOINT_URL_S3 / _SQS alone, read by the SDK itself', async () => {
    // Prepare
    for (const name of ['AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_SESSION_TOKEN']) delete process.env[name];
    Object.assign(process.env, localAwsEnv(aws));
    const s3 = createS3Client();
    const sqs = createSqsClient();

    // Act
    const buckets = await s3.send(new ListBucketsCommand({}));
    const queues = await sqs.send(new ListQueuesCommand({}));

    // Assess
    expect(buckets.Buckets?.map((b) => b.Name)).toContain('msk-flows-local');
    expect(queues.QueueUrls).toContain(aws.sqs.queues['msk-flows-local-dlq']);
    expect(await s3.config.forcePathStyle).toBe(true);
    s3.destroy();
    sqs.destroy();
  });
});
