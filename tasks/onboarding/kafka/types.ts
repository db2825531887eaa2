import type { TaskLogger } from '../cluster/clients';
import type { ConnectionResolver } from './clusterConnection';

export type { TaskLogger } from '../cluster/clients';

/** What every Kafka-side onboarding core needs: the admin's connection per cluster, and a logger. */
export interface KafkaStepDeps {
  connect: ConnectionResolver;
  logger: TaskLogger;
}
