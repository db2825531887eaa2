import { type Kafka, logLevel } from 'kafkajs';
import { createKafka, withAdmin } from '../../../tasks/shared/kafka/client';
import { waitFor } from '../process';
import type { KafkaStackEntry } from '../stackFile';

const WARM_UP_TOPIC = 'msk-flows.local.coordinator-warm-up';
const WARM_UP_GROUP = 'msk-flows-local-coordinator-warm-up';
const JOIN_TIMEOUT_MS = 15_000;

/** One consumer-group join on the warm-up topic; resolves when the group coordinator answered. */
async function joinOnce(kafka: Kafka): Promise<void> {
  const consumer = kafka.consumer({ groupId: WARM_UP_GROUP, retry: { retries: 0 } });
  let timer: NodeJS.Timeout | undefined;
  try {
    const joined = new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
      consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
      timer = setTimeout(() => reject(new Error('no group join')), JOIN_TIMEOUT_MS);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [WARM_UP_TOPIC], fromBeginning: true });
    await consumer.run({ eachMessage: async () => {} });
    await joined;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => {});
  }
}

/**
 * Waits until a consumer group can really join. A fresh broker creates `__consumer_offsets` on the
 * first FindCoordinator and answers NOT_COORDINATOR until the partition is loaded; a client that
 * joins in that window crashes (kafkajs treats it as non-retriable in the join). The stack is only
 * "up" once that window is over, so the first test to consume does not race it.
 */
export async function waitForGroupCoordinator(entry: KafkaStackEntry, timeoutMs: number): Promise<void> {
  const kafka = await createKafka(
    {
      brokers: entry.bootstrapServers,
      clientId: 'msk-flows-local-warm-up',
      auth: { type: 'scram', secret: { kind: 'file', path: entry.adminSecretFile }, plaintext: true },
    },
    { options: { logLevel: logLevel.NOTHING, connectionTimeout: 2_000, requestTimeout: 10_000 } },
  );
  await withAdmin(kafka, async (admin) => {
    if (!(await admin.listTopics()).includes(WARM_UP_TOPIC)) {
      await admin.createTopics({
        topics: [{ topic: WARM_UP_TOPIC, numPartitions: 1 }],
        waitForLeaders: true,
      });
    }
  });
  let lastError: unknown;
  const joined = await waitFor(
    async () => {
      try {
        await joinOnce(kafka);
        return true;
      } catch (error) {
        lastError = error;
        return false;
      }
    },
    { timeoutMs, intervalMs: 1_000 },
  );
  await withAdmin(kafka, async (admin) => {
    await admin.deleteGroups([WARM_UP_GROUP]).catch(() => {});
    await admin.deleteTopics({ topics: [WARM_UP_TOPIC] });
  });
  if (!joined) {
    const why = lastError instanceof Error ? lastError.message : String(lastError);
    throw new Error(`No consumer group could join within ${timeoutMs / 1000} s: ${why}`);
  }
}
