import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { KinesisStreamEvent } from 'aws-lambda';
import mqtt from 'mqtt';
import { withAdmin } from '../../tasks/shared/kafka/client';
import { localS3Client } from '../local/awsClients';
import { createLocalHandler as createKafkaToS3 } from '../local/ingest/kafkaToS3';
import { createLocalHandler as createBridge } from '../local/ingest/kinesisToKafka';
import { repoRoot } from '../local/paths';
import { readStackFile } from '../local/stackFile';
import { localTriggerKafka, startKafkaPoller } from '../local/triggers/kafkaPoller';
import { startLocalIotToS3 } from '../local/triggers/mqttRuleStandIn';

const BUCKET = 'msk-flows-local';

async function objectsUnder(s3: S3Client, prefix: string): Promise<{ key: string; size: number }[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => ({ key: o.Key ?? '', size: o.Size ?? 0 }));
}

/**
 * Kinesis event → bridge → Kafka → local Kafka trigger → Kafka → S3 consumer → S3Mock: the recorded
 * Kinesis fixture goes through both handlers as Lambda would run them.
 */
export async function kinesisToKafkaToS3(say: (line: string) => void): Promise<void> {
  const run = Date.now().toString(36);
  const topic = `demo.telemetry.${run}`;
  const { kafka } = await localTriggerKafka();
  await withAdmin(kafka, (admin) =>
    admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] }),
  );
  const event = JSON.parse(
    readFileSync(join(repoRoot(), 'test', 'events', 'kinesis-flight-telemetry.json'), 'utf8'),
  ) as KinesisStreamEvent;
  const bridge = await createBridge({ TARGET_TOPIC: topic });
  const bridged = await bridge(event);
  await bridge.close();
  say(
    `   kinesis-to-kafka: ${event.Records.length} records → ${topic}, failures: ${bridged.batchItemFailures.length}`,
  );
  const toS3 = await createKafkaToS3({ BUCKET, PREFIX: 'demo/topics' });
  const poller = await startKafkaPoller({ topics: [topic], groupId: `demo-to-s3-${run}`, handler: toS3 });
  await new Promise((r) => setTimeout(r, 1500));
  await poller.idle(30_000);
  await poller.stop();
  const s3 = localS3Client(readStackFile());
  for (const o of await objectsUnder(s3, `demo/topics/${topic}/`))
    say(`   s3://${BUCKET}/${o.key}  (${o.size} B)`);
}

/** MQTT publish → IoT rule stand-in → SQS → batcher → one S3 object per batch. */
export async function mqttToS3(say: (line: string) => void, messages = 500): Promise<void> {
  const pipeline = await startLocalIotToS3({
    env: { BUCKET, PREFIX: 'demo/iot' },
    batchSize: 1000,
    batchWindowMs: 2000,
  });
  const client = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
  for (let i = 0; i < messages; i++) {
    const device = `sensor-${i % 5}`;
    await client.publishAsync(
      `devices/${device}/telemetry`,
      JSON.stringify({ seq: i, temperature: 20 + (i % 7) }),
      {
        qos: 1,
      },
    );
  }
  await client.endAsync();
  const deadline = Date.now() + 30_000;
  while (pipeline.poller.stats().deleted < messages && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250));
  await pipeline.stop();
  const stats = pipeline.poller.stats();
  say(`   ${messages} MQTT messages published, ${stats.deleted} written, in ${stats.batches} batch(es):`);
  const s3 = localS3Client(readStackFile());
  for (const o of await objectsUnder(s3, 'demo/iot/')) say(`   s3://${BUCKET}/${o.key}  (${o.size} B)`);
}
