import { join } from 'node:path';
import { logLevel } from 'kafkajs';
import { createKafka } from '../../tasks/shared/kafka/client';
import { repoRoot } from '../local/paths';

/** What happened when the new principal tried one operation. */
export interface AccessAttempt {
  what: string;
  allowed: boolean;
  detail?: string;
}

/** Produces one record as `principal` (its password from the local secret store) and says if Kafka allowed it. */
export async function tryProduceAs(
  principal: string,
  brokers: string[],
  topic: string,
): Promise<AccessAttempt> {
  const secretFile = join(repoRoot(), '.local', 'secrets', `AmazonMSK_${principal}.json`);
  const kafka = await createKafka(
    { brokers, auth: { type: 'scram', secret: { kind: 'file', path: secretFile }, plaintext: true } },
    { options: { logLevel: logLevel.NOTHING, retries: 2 } },
  );
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  const what = `produce to ${topic} as User:${principal}`;
  try {
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: 'demo', value: JSON.stringify({ at: Date.now() }) }],
    });
    return { what, allowed: true };
  } catch (error) {
    return { what, allowed: false, detail: (error as { type?: string }).type ?? (error as Error).name };
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}
