import { gunzipSync } from 'node:zlib';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { connectAsync } from 'mqtt';
import { type LocalAwsStack, localS3Client, localSqsClient } from '../../../../scripts/local/awsClients';
import { readStackFile } from '../../../../scripts/local/index';
import { randomName } from '../../../helpers/names';

/** Real SDK clients for the local S3Mock and ElasticMQ (fails clearly when the stack is not up). */
export function localAws(): { s3: S3Client; sqs: SQSClient } {
  const stack = readStackFile() as LocalAwsStack;
  return { s3: localS3Client(stack), sqs: localSqsClient(stack) };
}

/** Creates a uniquely named queue (visibility timeout in seconds) and returns its URL. */
export async function createTestQueue(sqs: SQSClient, visibilityTimeoutSec = 30): Promise<string> {
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: randomName('iot-q'),
      Attributes: { VisibilityTimeout: String(visibilityTimeoutSec) },
    }),
  );
  return QueueUrl as string;
}

/** Creates a uniquely named bucket. */
export async function createTestBucket(s3: S3Client): Promise<string> {
  const bucket = randomName('iot-b');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

/** Every key in the bucket. */
export async function listKeys(s3: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key as string));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** The NDJSON lines of every object under `prefix`, parsed, per key. */
export async function readObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<Map<string, Record<string, unknown>[]>> {
  const objects = new Map<string, Record<string, unknown>[]>();
  for (const key of (await listKeys(s3, bucket)).filter((k) => k.startsWith(prefix))) {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const text = gunzipSync(
      await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    objects.set(
      key,
      text
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    );
  }
  return objects;
}

/** Deletes every object and the bucket. */
export async function deleteBucket(s3: S3Client, bucket: string): Promise<void> {
  const keys = await listKeys(s3, bucket);
  for (let i = 0; i < keys.length; i += 1000) {
    await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })) },
      }),
    );
  }
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/** Deletes queues, ignoring ones already gone. */
export async function deleteQueues(sqs: SQSClient, ...urls: string[]): Promise<void> {
  await Promise.all(
    urls.map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(() => undefined)),
  );
}

/** Receives whatever the queue holds now (until a poll comes back empty). */
export async function receiveAll(sqs: SQSClient, queueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((m) => m.Body as string));
  }
}

/** Publishes `payloads` with a real MQTT client (QoS 1, acknowledged by Mosquitto), `window` at a time. */
export async function publishMqtt(
  messages: { topic: string; payload: string }[],
  window = 500,
): Promise<void> {
  const client = await connectAsync('mqtt://127.0.0.1:1883', {
    clientId: randomName('iot-pub'),
    clean: true,
  });
  try {
    for (let i = 0; i < messages.length; i += window) {
      await Promise.all(
        messages.slice(i, i + window).map((m) => client.publishAsync(m.topic, m.payload, { qos: 1 })),
      );
    }
  } finally {
    await client.endAsync();
  }
}

/** Polls `check` every 50 ms until it holds or `timeoutMs` passes (then throws `what`). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
