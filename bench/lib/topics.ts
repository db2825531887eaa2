import { setTimeout as sleep } from 'node:timers/promises';
import { withAdmin } from '../../tasks/shared/kafka/client';
import { localKafkaClient } from '../../test/helpers/localStack';
import { randomName } from '../../test/helpers/names';

/**
 * The bench's topics on the local broker: created once per producer and codec, deleted together at the end.
 * Creation waits until every partition has a leader, retrying the broker's "not yet" answers (a loaded machine
 * takes seconds to elect leaders, longer than kafkajs's own `waitForLeaders`).
 */
export class BenchTopics {
  readonly #names: string[] = [];

  /** A new topic `bench-<hex>` with `partitions` partitions, ready to produce to. */
  async create(partitions: number): Promise<string> {
    const topic = randomName('bench');
    this.#names.push(topic);
    await withAdmin(await localKafkaClient(), async (admin) => {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] });
      for (let attempt = 0; ; attempt++) {
        try {
          const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
          const led = topics[0]?.partitions.filter((p) => p.leader >= 0).length ?? 0;
          if (led === partitions) return;
        } catch (error) {
          if (attempt >= 30) throw error;
        }
        if (attempt >= 30) throw new Error(`topic ${topic} has no leader for every partition after 30 s`);
        await sleep(1_000);
      }
    });
    return topic;
  }

  /** Deletes every topic created here (best effort: the bench's numbers are already taken). */
  async deleteAll(): Promise<void> {
    if (this.#names.length === 0) return;
    await withAdmin(await localKafkaClient(), (admin) => admin.deleteTopics({ topics: this.#names })).catch(
      () => undefined,
    );
  }
}
