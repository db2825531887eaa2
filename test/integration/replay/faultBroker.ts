import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkKafkaHealth } from '../../../scripts/local/kafka/health';
import { type KafkaLayout, kafkaLayout } from '../../../scripts/local/kafka/layout';
import { formatFreshStorage, jvmFlags } from '../../../scripts/local/kafka/storage';
import { KAFKA_CLIENT_PORT, KAFKA_CONTROLLER_PORT, KAFKA_HOST } from '../../../scripts/local/kafka/version';
import { localPaths } from '../../../scripts/local/paths';
import {
  type ManagedProcess,
  spawnDetached,
  stopProcess,
  tailFile,
  waitFor,
} from '../../../scripts/local/process';
import { requireTool } from '../../../scripts/local/tools';
import type { KafkaConnectionConfig } from '../../../tasks/shared/kafka/config';

/** Ports of the fault broker: beside the shared one (9096/9097), which other test files keep using. */
const CLIENT_PORT = 9196;
const CONTROLLER_PORT = 9197;

/**
 * A second single-node broker, configured like the local stack's (SCRAM, ACLs), that one test may stop
 * and start again without disturbing the shared broker other test files use in parallel. A stop is a
 * clean SIGTERM and a start reuses the data directory, so what was written before survives.
 */
export class FaultBroker {
  private constructor(
    private readonly layout: KafkaLayout,
    private readonly java: string,
  ) {}

  /** Formats fresh storage in `.local/fault-broker-<name>/` and starts the broker. */
  static async start(name: string): Promise<FaultBroker> {
    const paths = localPaths();
    const base = kafkaLayout(paths);
    const dir = join(paths.local, `fault-broker-${name}`);
    const layout: KafkaLayout = {
      ...base,
      dir,
      dataDir: join(dir, 'data'),
      serverProperties: join(dir, 'server.properties'),
      log4jProperties: join(dir, 'log4j.properties'),
      pidFile: join(dir, 'kafka.pid'),
      logFile: join(dir, 'kafka.log'),
      adminSecretName: 'admin',
      adminSecretFile: join(dir, 'admin.json'),
    };
    const java = requireTool('java');
    await formatFreshStorage({ ...layout, adminSecretFile: join(dir, 'admin.json') }, java);
    // formatFreshStorage writes the shared broker's ports: move this one beside them.
    const properties = readFileSync(layout.serverProperties, 'utf8')
      .replaceAll(`${KAFKA_HOST}:${KAFKA_CLIENT_PORT}`, `${KAFKA_HOST}:${CLIENT_PORT}`)
      .replaceAll(`${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}`, `${KAFKA_HOST}:${CONTROLLER_PORT}`);
    writeFileSync(layout.serverProperties, properties, { mode: 0o600 });
    const broker = new FaultBroker(layout, java);
    await broker.resume();
    return broker;
  }

  /** How clients reach it (its admin's secret file, over SASL_PLAINTEXT). */
  get connection(): KafkaConnectionConfig {
    return {
      brokers: [`${KAFKA_HOST}:${CLIENT_PORT}`],
      clientId: 'msk-flows-fault-test',
      cluster: 'fault-broker',
      auth: {
        type: 'scram',
        secret: { kind: 'file', path: join(this.layout.dir, 'admin.json') },
        plaintext: true,
      },
    };
  }

  private get process(): ManagedProcess {
    return { name: 'fault-broker', pidFile: this.layout.pidFile, marker: this.layout.serverProperties };
  }

  /** Starts the broker on its existing data and waits until a SCRAM admin can connect. */
  async resume(): Promise<void> {
    const args = [...jvmFlags(this.layout, '384m'), 'kafka.Kafka', this.layout.serverProperties];
    spawnDetached(this.process, this.java, args, { cwd: this.layout.dir, logFile: this.layout.logFile });
    const entry = {
      bootstrapServers: [`${KAFKA_HOST}:${CLIENT_PORT}`],
      saslMechanism: 'scram-sha-512' as const,
      adminSecretFile: join(this.layout.dir, 'admin.json'),
    };
    const healthy = await waitFor(async () => (await checkKafkaHealth(entry)).healthy, {
      timeoutMs: 120_000,
      intervalMs: 1_000,
    });
    if (!healthy) throw new Error(`fault broker did not start:\n${tailFile(this.layout.logFile)}`);
  }

  /** A clean stop (SIGTERM): the broker flushes and closes its logs. */
  async stop(): Promise<void> {
    await stopProcess(this.process);
  }

  /** Stops it and removes its files. */
  async destroy(): Promise<void> {
    await stopProcess(this.process);
    rmSync(this.layout.dir, { recursive: true, force: true });
  }
}
