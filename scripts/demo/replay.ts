import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KinesisStreamEvent } from 'aws-lambda';
import { main } from '../../cli/main';
import { withAdmin } from '../../tasks/shared/kafka/client';
import { createLocalHandler as createBridge } from '../local/ingest/kinesisToKafka';
import { repoRoot } from '../local/paths';
import { readStackFile } from '../local/stackFile';
import { localTriggerKafka } from '../local/triggers/kafkaPoller';

const LOCAL_DLQ = 'msk-flows-local-dlq';

/**
 * Dead letters made by the demo's own ingest: the Kinesis fixture through the bridge with a topic limit
 * of 2 KiB, so the records padded past it are dead-lettered as DLQ envelopes; then a dry run of the DLQ
 * and a replay of exactly those envelopes (filtered by their stream) into a topic with room for them.
 */
export async function replayDeadLetters(say: (line: string) => void): Promise<number> {
  const run = Date.now().toString(36);
  const stream = `demo-telemetry-${run}`;
  const [bridged, replayed] = [`demo.telemetry.${run}.limited`, `demo.telemetry.${run}.replayed`];
  const { kafka } = await localTriggerKafka();
  await withAdmin(kafka, (admin) =>
    admin.createTopics({
      topics: [bridged, replayed].map((topic) => ({ topic, numPartitions: 2, replicationFactor: 1 })),
    }),
  );
  const event = JSON.parse(
    readFileSync(join(repoRoot(), 'test', 'events', 'kinesis-flight-telemetry.json'), 'utf8'),
  ) as KinesisStreamEvent;
  for (const [i, record] of event.Records.entries()) {
    record.eventSourceARN = record.eventSourceARN.replace(/stream\/.*/, `stream/${stream}`);
    // Every other record carries a 4 KiB payload: over the 2 KiB limit below.
    if (i % 2 === 1) {
      const padded = {
        ...JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString()),
        padding: 'x'.repeat(4096),
      };
      record.kinesis.data = Buffer.from(JSON.stringify(padded)).toString('base64');
    }
  }
  const bridge = await createBridge({ TARGET_TOPIC: bridged, TOPIC_MAX_MESSAGE_BYTES: '2048' });
  const outcome = await bridge(event);
  await bridge.close();
  const deadLettered = event.Records.filter((_, i) => i % 2 === 1).length;
  say(
    `   kinesis-to-kafka with a 2 KiB topic limit: ${event.Records.length - deadLettered} records → ${bridged}, ${deadLettered} dead-lettered (failures: ${outcome.batchItemFailures.length})`,
  );
  const queueUrl = readStackFile().sqs?.queues[LOCAL_DLQ];
  if (!queueUrl) throw new Error(`the local ${LOCAL_DLQ} queue is missing`);
  const common = ['replay', '--local', '--source', `sqs:${queueUrl}`, '--target', `topic:${replayed}`];
  const request = join(repoRoot(), '.local', `demo-replay-${run}.json`);
  const { writeFileSync, rmSync } = await import('node:fs');
  writeFileSync(request, JSON.stringify({ replayId: `demo-${run}`, filter: { topics: [stream] } }));
  try {
    say(`\n== replay: dry run of ${LOCAL_DLQ} (counts only, every message stays)`);
    const dry = await main([...common, '--request', request, '--dry-run']);
    say(`\n== replay: the bridge's dead letters → ${replayed}`);
    const replay = await main([...common, '--request', request]);
    return dry || replay;
  } finally {
    rmSync(request, { force: true });
  }
}
