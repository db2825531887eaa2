import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Kafka } from 'kafkajs';
import { logLevel } from 'kafkajs';
import { brokerStackEntry } from '../../scripts/local/kafka/broker';
import { type KafkaLayout, kafkaLayout } from '../../scripts/local/kafka/layout';
import { createKafkaService, type KafkaService } from '../../scripts/local/kafka/service';
import { localPaths, repoRoot } from '../../scripts/local/paths';
import { createKafka } from '../../tasks/shared/kafka/client';
import { readScramCredentials } from '../../tasks/shared/secrets/scramCredentials';
import type { LocalKafka } from './localStack';

/** A broker of its own (temporary .local, free ports): tests that kill, break or reset it spare the shared one. */
export interface PrivateBroker {
  service: KafkaService;
  layout: KafkaLayout;
  /** The private `.local` directory. */
  local: string;
  /** What `up` and friends logged, in order. */
  logs: string[];
  log: (message: string) => void;
  /** Stops the broker and deletes the temporary directory. */
  dispose: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** A private broker's service and files; nothing is started yet. */
export async function privateBroker(): Promise<PrivateBroker> {
  const local = mkdtempSync(join(tmpdir(), 'msk-flows-broker-'));
  const ports = { client: await freePort(), controller: await freePort() };
  const layout = kafkaLayout(localPaths(repoRoot(), local), ports);
  const service = createKafkaService(() => layout);
  const logs: string[] = [];
  return {
    service,
    layout,
    local,
    logs,
    log: (message) => logs.push(message),
    dispose: async () => {
      await service.down();
      rmSync(local, { recursive: true, force: true });
    },
  };
}

/** A quiet kafkajs client for the private broker, logging in with `secretFile` (the admin's by default). */
export function clientOf(layout: KafkaLayout, secretFile: string = layout.adminSecretFile): Promise<Kafka> {
  const entry = brokerStackEntry(layout);
  return createKafka(
    {
      brokers: entry.bootstrapServers,
      clientId: 'msk-flows-test-private',
      auth: { type: 'scram', secret: { kind: 'file', path: secretFile }, plaintext: true },
    },
    { options: { logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retries: 1 } },
  );
}

/** The private broker as the SCRAM user helpers see a target broker. */
export async function asLocalKafka(layout: KafkaLayout): Promise<LocalKafka> {
  return {
    brokers: brokerStackEntry(layout).bootstrapServers,
    adminSecretFile: layout.adminSecretFile,
    admin: await readScramCredentials({ kind: 'file', path: layout.adminSecretFile }),
  };
}

/** Every file and folder under `dir` with its size and modification time: equal snapshots mean untouched. */
export function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => {
      const stat = statSync(join(dir, entry));
      return `${relative(dir, join(dir, entry))} ${stat.size} ${stat.mtimeMs}`;
    })
    .sort();
}
