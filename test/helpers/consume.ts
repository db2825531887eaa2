import type { Kafka, KafkaMessage } from 'kafkajs';
import { registerKafkajsCodecs } from '../../scripts/local/kafka/kafkajsCodecs';

/**
 * Consumes `topic` from the beginning as group `groupId` until `count` messages arrived; rejects with the
 * consumer's crash error (e.g. an authorization failure) or after `timeoutMs`. Always disconnects.
 */
export async function consumeMessages(
  kafka: Kafka,
  options: { topic: string; groupId: string; count?: number; timeoutMs?: number },
): Promise<KafkaMessage[]> {
  const count = options.count ?? 1;
  registerKafkajsCodecs();
  const consumer = kafka.consumer({ groupId: options.groupId, retry: { retries: 0 } });
  const messages: KafkaMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    return await new Promise<KafkaMessage[]>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Timed out after ${messages.length}/${count} messages from ${options.topic}`)),
        options.timeoutMs ?? 20_000,
      );
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      consumer
        .subscribe({ topics: [options.topic], fromBeginning: true })
        .then(() =>
          consumer.run({
            eachMessage: async ({ message }) => {
              messages.push(message);
              if (messages.length >= count) resolve(messages);
            },
          }),
        )
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}
