import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { startMqttRuleStandIn } from '../../../../scripts/local/triggers/mqttRuleStandIn';
import { startSqsPoller } from '../../../../scripts/local/triggers/sqsEventSourceStandIn';
import { iotToS3Clients } from '../../../../tasks/ingest/iotToS3/clients';
import { createIotToS3Handler } from '../../../../tasks/ingest/iotToS3/writeIotBatchToS3';
import { randomName } from '../../../helpers/names';
import { lambdaContext, quietObservability } from '../../../unit/ingest/iotToS3/testDeps';
import {
  createTestBucket,
  createTestQueue,
  deleteBucket,
  deleteQueues,
  eventually,
  localAws,
  publishMqtt,
  readObjects,
  receiveAll,
} from './support';

const aws = localAws();

interface Pipeline {
  run: string;
  devices: string[];
  bucket: string;
  queueUrl: string;
  dlqUrl: string;
  events: SQSEvent[];
  responses: SQSBatchResponse[];
}

/** A fresh bucket, rule queue and DLQ, and a batcher handler writing to them that records its invocations. */
async function pipeline(maxMessagesPerObject: number, s3: S3Client = aws.s3, devices = 10) {
  const run = randomName('run');
  const p: Pipeline = {
    run,
    devices: Array.from({ length: devices }, (_, i) => `${run}-d${i}`),
    bucket: await createTestBucket(aws.s3),
    queueUrl: await createTestQueue(aws.sqs),
    dlqUrl: await createTestQueue(aws.sqs),
    events: [],
    responses: [],
  };
  const observability = quietObservability();
  const env = {
    BUCKET: p.bucket,
    PREFIX: 'iot/telemetry',
    MAX_MESSAGES_PER_OBJECT: String(maxMessagesPerObject),
    DLQ_QUEUE_URL: p.dlqUrl,
  };
  const handler = createIotToS3Handler(
    observability,
    iotToS3Clients(env, observability, { s3, sqs: aws.sqs }),
  );
  const invoke = async (event: SQSEvent) => {
    p.events.push(event);
    const response = await handler(event, lambdaContext);
    p.responses.push(response);
    return response;
  };
  const cleanup = async () => {
    await deleteBucket(aws.s3, p.bucket);
    await deleteQueues(aws.sqs, p.queueUrl, p.dlqUrl);
  };
  return { p, invoke, cleanup };
}

/** Telemetry for `count` messages spread over the devices; `id` is unique per message. */
function telemetry(p: Pipeline, count: number): { topic: string; payload: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const device = p.devices[i % p.devices.length] as string;
    return {
      topic: `devices/${device}/telemetry`,
      payload: JSON.stringify({ id: `${p.run}-${i}`, t: 20 + (i % 10) }),
    };
  });
}

/** Publishes with a real MQTT client and waits until the rule stand-in has put every message into SQS. */
async function publishThroughRule(
  p: Pipeline,
  messages: { topic: string; payload: string }[],
): Promise<void> {
  const standIn = await startMqttRuleStandIn({
    sqs: aws.sqs,
    queueUrl: p.queueUrl,
    subscriptions: p.devices.map((d) => `devices/${d}/telemetry`),
  });
  try {
    await publishMqtt(messages);
    await eventually(
      () => standIn.stats().received === messages.length,
      'the rule stand-in to receive everything',
    );
  } finally {
    await standIn.stop();
  }
  expect(standIn.stats()).toEqual({ received: messages.length, forwarded: messages.length, failed: 0 });
}

describe('IoT → S3 batcher on the local stack (Mosquitto, rule stand-in, ElasticMQ, S3Mock)', () => {
  it('lands 10,000 MQTT messages in at most ceil(10,000 / N) objects, none lost, none doubled', async () => {
    // Prepare
    const N = 1000;
    const { p, invoke, cleanup } = await pipeline(N);
    try {
      await publishThroughRule(p, telemetry(p, 10_000));

      // Act
      const poller = startSqsPoller({
        sqs: aws.sqs,
        queueUrl: p.queueUrl,
        handler: invoke,
        batchSize: N,
        batchWindowMs: 5000,
      });
      await eventually(
        () => poller.stats().deleted === 10_000,
        'every message to be handled and deleted',
        120_000,
      );
      await poller.stop();

      // Assess
      const objects = await readObjects(aws.s3, p.bucket, 'iot/telemetry/');
      expect(objects.size).toBeLessThanOrEqual(Math.ceil(10_000 / N));
      const lines = [...objects.values()].flat();
      expect(lines).toHaveLength(10_000);
      expect(new Set(lines.map((l) => l.id)).size).toBe(10_000);
      for (const line of lines.slice(0, 50)) {
        expect(p.devices).toContain(line.clientId);
        expect(typeof line.receivedAt).toBe('number');
      }
      expect(p.responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
      expect(await receiveAll(aws.sqs, p.dlqUrl)).toEqual([]);
    } finally {
      await cleanup();
    }
  }, 180_000);

  it('retries exactly the messages of the object whose PutObject failed', async () => {
    // Prepare: the second PutObject of the run fails once (a real S3Mock client with an injected error).
    const { s3: failingS3 } = localAws();
    let puts = 0;
    failingS3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand' && ++puts === 2) {
          throw Object.assign(new Error('injected: reduce your request rate'), { name: 'SlowDown' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failSecondPutObject' },
    );
    const { p, invoke, cleanup } = await pipeline(10, failingS3, 3);
    try {
      await publishThroughRule(p, telemetry(p, 30));

      // Act
      const poller = startSqsPoller({
        sqs: aws.sqs,
        queueUrl: p.queueUrl,
        handler: invoke,
        batchSize: 30,
        batchWindowMs: 2000,
        visibilityTimeoutSec: 5,
      });
      await eventually(() => poller.stats().deleted === 30, 'all 30 messages to be handled', 60_000);
      await poller.stop();

      // Assess
      const [first, retry] = p.events;
      expect(first?.Records).toHaveLength(30);
      const failed = p.responses[0]?.batchItemFailures.map((f) => f.itemIdentifier) ?? [];
      expect(failed).toHaveLength(10);
      expect(retry?.Records.map((r) => r.messageId).sort()).toEqual([...failed].sort());
      expect(retry?.Records.every((r) => r.attributes.ApproximateReceiveCount === '2')).toBe(true);
      expect(p.events).toHaveLength(2);
      expect(poller.stats()).toMatchObject({ batches: 2, received: 40, deleted: 30, retried: 10 });
      const lines = [...(await readObjects(aws.s3, p.bucket, 'iot/telemetry/')).values()].flat();
      expect(lines).toHaveLength(30);
      expect(new Set(lines.map((l) => l.id)).size).toBe(30);
    } finally {
      await cleanup();
    }
  }, 90_000);

  it('parks non-JSON payloads in the DLQ as mqtt envelopes and writes the rest', async () => {
    // Prepare
    const { p, invoke, cleanup } = await pipeline(1000, aws.s3, 1);
    const topic = `devices/${p.devices[0]}/telemetry`;
    const good = telemetry(p, 5);
    const bad = [
      { topic, payload: 'temperature=21.4;humidity=40' },
      { topic, payload: '[1,2,3]' },
    ];
    try {
      await publishThroughRule(p, [...good, ...bad]);

      // Act
      const poller = startSqsPoller({
        sqs: aws.sqs,
        queueUrl: p.queueUrl,
        handler: invoke,
        batchSize: 10,
        batchWindowMs: 2000,
      });
      await eventually(() => poller.stats().deleted === 7, 'all 7 messages to be handled', 60_000);
      await poller.stop();

      // Assess
      expect(p.responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
      const lines = [...(await readObjects(aws.s3, p.bucket, 'iot/telemetry/')).values()].flat();
      expect(lines.map((l) => l.id).sort()).toEqual(good.map((m) => JSON.parse(m.payload).id).sort());
      const envelopes = (await receiveAll(aws.sqs, p.dlqUrl)).map((b) => JSON.parse(b));
      expect(envelopes).toHaveLength(2);
      const byValue = new Map(envelopes.map((e) => [Buffer.from(e.value, 'base64').toString(), e]));
      expect([...byValue.keys()].sort()).toEqual(bad.map((m) => m.payload).sort());
      expect(byValue.get('temperature=21.4;humidity=40')).toMatchObject({
        version: 1,
        source: { kind: 'mqtt', topic: 'devices/+/telemetry', clientId: '' },
        error: { name: 'InvalidIotMessageError' },
        attempts: 1,
      });
      expect(byValue.get('[1,2,3]')?.error.message).toContain('body is not a JSON object');
    } finally {
      await cleanup();
    }
  }, 90_000);
});
