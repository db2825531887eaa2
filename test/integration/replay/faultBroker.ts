import { brokerStackEntry } from '../../../scripts/local/kafka/broker';
import type { KafkaConnectionConfig } from '../../../tasks/shared/kafka/config';
import { type PrivateBroker, privateBroker } from '../../helpers/privateBroker';

/**
 * A broker of the replay fault test's own (private `.local`, free ports; see test/helpers/privateBroker.ts),
 * configured like the local stack's (SCRAM, ACLs), that it may stop and start again without disturbing the
 * shared broker other test files use in parallel. Stop is a clean shutdown; start reuses the data directory
 * through the same code path as `npm run local:up`, so what was written before survives.
 */
export class FaultBroker {
  private constructor(private readonly broker: PrivateBroker) {}

  /** Formats fresh storage in a temporary directory and starts the broker. */
  static async start(): Promise<FaultBroker> {
    const broker = await privateBroker();
    await broker.service.up(broker.log);
    return new FaultBroker(broker);
  }

  /** How clients reach it (its admin's secret file, over SASL_PLAINTEXT). */
  get connection(): KafkaConnectionConfig {
    return {
      brokers: brokerStackEntry(this.broker.layout).bootstrapServers,
      clientId: 'msk-flows-fault-test',
      cluster: 'fault-broker',
      auth: {
        type: 'scram',
        secret: { kind: 'file', path: this.broker.layout.adminSecretFile },
        plaintext: true,
      },
    };
  }

  /** Starts the broker on its existing data and waits until a SCRAM admin can connect. */
  async resume(): Promise<void> {
    await this.broker.service.up(this.broker.log);
  }

  /** A clean stop: the broker flushes and closes its logs. */
  async stop(): Promise<void> {
    await this.broker.service.down();
  }

  /** Stops it and removes its files. */
  async destroy(): Promise<void> {
    await this.broker.dispose();
  }
}
