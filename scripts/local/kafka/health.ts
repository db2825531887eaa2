import { logLevel } from 'kafkajs';
import { createKafka, withAdmin } from '../../../tasks/shared/kafka/client';
import type { KafkaStackEntry } from '../stackFile';

/** Whether a SCRAM-SHA-512 admin client really connects and describes the cluster; the reason when not. */
export async function checkKafkaHealth(
  entry: KafkaStackEntry,
): Promise<{ healthy: boolean; reason?: string }> {
  try {
    const kafka = await createKafka(
      {
        brokers: entry.bootstrapServers,
        clientId: 'msk-flows-local-health',
        auth: { type: 'scram', secret: { kind: 'file', path: entry.adminSecretFile }, plaintext: true },
      },
      {
        options: { logLevel: logLevel.NOTHING, connectionTimeout: 2_000, requestTimeout: 5_000, retries: 0 },
      },
    );
    await withAdmin(kafka, (admin) => admin.describeCluster());
    return { healthy: true };
  } catch (error) {
    return {
      healthy: false,
      reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}
