import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { localS3Client, localSqsClient } from '../../../scripts/local/awsClients';
import { randomName } from '../../helpers/names';
import { localAwsEntries } from './support';

const aws = localAwsEntries();
const sqs = localSqsClient(aws);
const s3 = localS3Client(aws);

afterAll(() => {
  sqs.destroy();
  s3.destroy();
});

describe('local SQS (ElasticMQ)', () => {
  it('is recorded in .local/stack.json on loopback, with the DLQ queue', () => {
    // Act
    const { sqs: entry } = localAwsEntries();

    // Assess
    expect(entry.endpoint).toBe('http://127.0.0.1:9324');
    expect(entry.region).toBe('us-east-1');
    expect(Object.keys(entry.queues)).toContain('msk-flows-local-dlq');
  });

  it('creates a queue, sends and receives a message through the real SQS client', async () => {
    // Prepare
    const name = randomName('q');
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));

    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"hello":"sqs"}' }));
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }),
    );

    // Assess
    expect(received.Messages?.map((m) => m.Body)).toEqual(['{"hello":"sqs"}']);
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: name }));
    expect(QueueUrls).toEqual([QueueUrl]);
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  });

  it('answers errors the SQS JSON protocol client can parse', async () => {
    // Act
    const act = sqs.send(
      new SendMessageCommand({
        QueueUrl: `${aws.sqs.endpoint}/000000000000/${randomName('none')}`,
        MessageBody: 'x',
      }),
    );

    // Assess
    await expect(act).rejects.toMatchObject({
      name: expect.stringMatching(/QueueDoesNotExist|NonExistentQueue/),
    });
  });
});

describe('local S3 (S3Mock)', () => {
  it('is recorded in .local/stack.json with the local buckets', async () => {
    // Act
    const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));

    // Assess
    expect(aws.s3).toMatchObject({ endpoint: 'http://127.0.0.1:9090', forcePathStyle: true });
    expect(Buckets.map((b) => b.Name)).toEqual(
      expect.arrayContaining(['msk-flows-local', 'msk-flows-local-dlq']),
    );
  });

  it('puts and gets objects with the SDK v3 default checksums, buffered and streamed (aws-chunked)', async () => {
    // Prepare
    const bucket = randomName('b');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const small = Buffer.from('hello, s3');
    const large = Buffer.alloc(300 * 1024, 7);

    // Act
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'small.txt', Body: small }));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'large.bin',
        Body: Readable.from([large.subarray(0, 100_000), large.subarray(100_000)]),
        ContentLength: large.length,
      }),
    );
    const gotSmall = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'small.txt', ChecksumMode: 'ENABLED' }),
    );
    const gotLarge = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'large.bin', ChecksumMode: 'ENABLED' }),
    );

    // Assess
    expect(Buffer.from(await (gotSmall.Body?.transformToByteArray() ?? [])).equals(small)).toBe(true);
    expect(Buffer.from(await (gotLarge.Body?.transformToByteArray() ?? [])).equals(large)).toBe(true);
    expect(gotLarge.ChecksumCRC32).toEqual(expect.any(String));
    for (const Key of ['small.txt', 'large.bin'])
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });
});

describe('local AWS servers', () => {
  it('listen on 127.0.0.1 only (ElasticMQ and both S3Mock connectors)', () => {
    // Act
    const lines = execFileSync('ss', ['-Hltn'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /:(9324|9090|9191)\s/.test(line));

    // Assess
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/(^|\s)(\[::ffff:)?127\.0\.0\.1\]?:\d+\s/);
  });
});
