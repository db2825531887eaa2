import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KafkaConfig } from 'kafkajs';
import { LocalFileSecretStore } from '../../shared/secrets/localFileStore';
import { SecretsManagerStore } from '../../shared/secrets/secretsManagerStore';
import type { SecretStore } from '../../shared/secrets/store';
import { kafkaClient, logger } from '../cluster/clients';
import { resolveMskBootstrapBrokers } from '../cluster/resolveMskBootstrapBrokers';
import type { ClusterRef } from '../contracts';
import { MskCredentialsConfigError } from '../credentials/msk/errors';
import { OFFBOARDING_RECOVERY_WINDOW_DAYS, TAG_PRINCIPAL } from '../credentials/msk/secretState';
import { MSK_SCRAM_SECRET_PREFIX } from '../request/names';
import {
  type ClusterConnectionDeps,
  connectionAsPrincipal,
  connectionResolver,
  type LocalKafkaEntry,
} from './clusterConnection';
import type { KafkaStepDeps } from './types';

/**
 * The Kafka-side tasks' dependencies, created once per Lambda container. Environment:
 * - `MSK_FLOWS_LOCAL_STACK`: path of `.local/stack.json`. Set by local runs (CLI, tests): a self-managed
 *   cluster whose bootstrapServers are the local broker's uses the local admin secret file, and SCRAM
 *   passwords go to `<dir of stack.json>/secrets/<secret-name>.json` (0600).
 * - `SCRAM_SECRET_KMS_KEY_ARN`: the platform's customer-managed key for secrets created in Secrets Manager.
 */

/** The `kafka` entry of a `.local/stack.json`, read on each call (the local broker may restart). */
export function readLocalKafkaEntry(stackFile: string): LocalKafkaEntry | undefined {
  if (!existsSync(stackFile)) return undefined;
  const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as { kafka?: LocalKafkaEntry };
  return stack.kafka;
}

/** Everything the Kafka-side cores take, for AWS (no stack file) or for the local stack. */
export interface KafkaTaskDeps extends KafkaStepDeps {
  connection: ClusterConnectionDeps;
  secrets: SecretStore;
  principalConnection: (cluster: ClusterRef, principal: string) => Promise<KafkaConfig>;
}

/**
 * Secrets Manager, creating secrets with the platform key only (never silently with the default key),
 * deleting with the offboarding recovery window unless told to delete immediately (compensation).
 */
function secretsManagerStore(kmsKeyId: string | undefined): SecretStore {
  const store = new SecretsManagerStore({
    kmsKeyId,
    recoveryWindowInDays: OFFBOARDING_RECOVERY_WINDOW_DAYS,
    // The tag every task's IAM grant on an existing AmazonMSK_ secret requires (infra/permissions).
    tagsFor: (name): Record<string, string> =>
      name.startsWith(MSK_SCRAM_SECRET_PREFIX)
        ? { [TAG_PRINCIPAL]: name.slice(MSK_SCRAM_SECRET_PREFIX.length) }
        : {},
  });
  return {
    get: (id) => store.get(id),
    delete: (id, options) => store.delete(id, options),
    put: async (id, value) => {
      if (!kmsKeyId) {
        throw new MskCredentialsConfigError(
          'SCRAM_SECRET_KMS_KEY_ARN is not set: refusing the default key',
          id,
        );
      }
      await store.put(id, value);
    },
  };
}

/** How to build the deps; all optional (AWS defaults). */
export interface KafkaTaskDepsOptions {
  /** `.local/stack.json`: use the local broker for its self-managed cluster and local 0600 secret files. */
  localStackFile?: string;
  /** Where local secret files go; default `<dir of stack.json>/secrets` (the CLI's `.local/secrets`). */
  localSecretsDir?: string;
  /** KMS key for secrets created in Secrets Manager. */
  kmsKeyId?: string;
}

/** Builds the deps: with `localStackFile`, the local broker and 0600 secret files; else MSK/Secrets Manager. */
export function createKafkaTaskDeps(options: KafkaTaskDepsOptions = {}): KafkaTaskDeps {
  const { localStackFile } = options;
  const connection: ClusterConnectionDeps = {
    resolveMskBootstrapBrokers: (clusterArn, auth) =>
      resolveMskBootstrapBrokers(clusterArn, auth, { kafka: kafkaClient }),
    local: localStackFile ? () => readLocalKafkaEntry(localStackFile) : undefined,
  };
  const secrets: SecretStore = localStackFile
    ? new LocalFileSecretStore(options.localSecretsDir ?? join(dirname(localStackFile), 'secrets'))
    : secretsManagerStore(options.kmsKeyId);
  return {
    connection,
    secrets,
    connect: connectionResolver(connection),
    principalConnection: (cluster, principal) =>
      connectionAsPrincipal(cluster, principal, { ...connection, secrets }),
    logger,
  };
}

/** This container's deps, from the environment. */
export const kafkaTaskDeps: KafkaTaskDeps = createKafkaTaskDeps({
  localStackFile: process.env.MSK_FLOWS_LOCAL_STACK || undefined,
  kmsKeyId: process.env.SCRAM_SECRET_KMS_KEY_ARN || undefined,
});
