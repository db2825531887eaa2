import { type Kafka, logLevel } from 'kafkajs';
import { type KafkaStackEntry, readStackFile } from '../../scripts/local/index';
import { createKafka } from '../../tasks/shared/kafka/client';
import type { KafkaConnectionConfig } from '../../tasks/shared/kafka/config';
import { readScramCredentials, type ScramCredentials } from '../../tasks/shared/secrets/scramCredentials';

/** The local broker as tests see it: where it listens and the admin's credentials. */
export interface LocalKafka {
  brokers: string[];
  adminSecretFile: string;
  admin: ScramCredentials;
}

/** Reads .local/stack.json and the admin credentials; fails clearly when the stack is not up. */
export async function localKafka(): Promise<LocalKafka> {
  const entry: KafkaStackEntry | undefined = readStackFile().kafka;
  if (!entry) {
    throw new Error(
      'The local Kafka broker is not running: run `npm run local:up` (jest globalSetup does it too)',
    );
  }
  return {
    brokers: entry.bootstrapServers,
    adminSecretFile: entry.adminSecretFile,
    admin: await readScramCredentials({ kind: 'file', path: entry.adminSecretFile }),
  };
}

/** Connection config for the local broker (SCRAM over plaintext) with the admin secret, or another secret file. */
export async function localKafkaConfig(secretFile?: string): Promise<KafkaConnectionConfig> {
  const kafka = await localKafka();
  return {
    brokers: kafka.brokers,
    clientId: 'msk-flows-test',
    cluster: 'local',
    auth: {
      type: 'scram',
      secret: { kind: 'file', path: secretFile ?? kafka.adminSecretFile },
      plaintext: true,
    },
  };
}

/** A fresh (uncached), quiet kafkajs client for the local broker, as admin unless `secretFile` names another user. */
export async function localKafkaClient(secretFile?: string): Promise<Kafka> {
  return createKafka(await localKafkaConfig(secretFile), { options: { logLevel: logLevel.NOTHING } });
}
