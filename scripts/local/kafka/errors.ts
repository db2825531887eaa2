import type { KafkaLayout } from './layout';

/** What to do when the local cluster's data is to be given up: the one command that deletes it. */
export const RESET_HINT =
  "or, if you accept losing the local cluster's topics, ACLs, users and secrets, run `npm run local:reset -- --yes` " +
  'and then `npm run local:up` to format a fresh one';

/** Base class of the local broker's refusals to start: each leaves the storage exactly as it was. */
export class LocalKafkaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalKafkaError';
  }
}

/** The broker's storage exists but its admin cannot log in (secret file lost, changed or unreadable). */
export class AdminLoginError extends LocalKafkaError {
  constructor(layout: KafkaLayout, reason: string) {
    super(
      `The local Kafka admin cannot log in with ${layout.adminSecretFile} (${reason}). The storage in ` +
        `${layout.dataDir} was left untouched. Restore the admin secret file this storage was formatted with ` +
        `(its password is also in ${layout.serverProperties}, listener.name.client.scram-sha-512.sasl.jaas.config), ` +
        RESET_HINT,
    );
    this.name = 'AdminLoginError';
  }
}

/** The secret files belong to another cluster than the storage (the marker names another cluster id). */
export class ForeignSecretsError extends LocalKafkaError {
  constructor(layout: KafkaLayout, secretsCluster: string, storageCluster: string) {
    super(
      `The secret files in ${layout.secretsDir} belong to Kafka cluster ${secretsCluster}, but the storage in ` +
        `${layout.dataDir} is cluster ${storageCluster}; they are not used for it. The storage was left untouched. ` +
        `Put back the secrets of cluster ${storageCluster} (e.g. from ${layout.staleSecretsDir}), ${RESET_HINT}`,
    );
    this.name = 'ForeignSecretsError';
  }
}

/** The data directory holds files but no formatted Kafka storage: we neither format over it nor guess. */
export class UnrecognisedStorageError extends LocalKafkaError {
  constructor(layout: KafkaLayout, entries: string[]) {
    const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ', …' : '');
    super(
      `${layout.dataDir} is not empty (${shown}) but holds no formatted Kafka storage (no meta.properties with a ` +
        `cluster.id); it was left untouched. Move its files away yourself, ${RESET_HINT}`,
    );
    this.name = 'UnrecognisedStorageError';
  }
}
