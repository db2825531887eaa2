import type { KafkaConfig, logLevel } from 'kafkajs';
import { scramSasl } from '../../shared/kafka/auth';
import type { KafkaConnectionConfig } from '../../shared/kafka/config';
import { KafkaConfigError } from '../../shared/kafka/errors';
import { parseScramCredentials } from '../../shared/secrets/scramCredentials';
import type { SecretStore } from '../../shared/secrets/store';
import { parseMskClusterArn } from '../cluster/mskArn';
import type { MskAuth } from '../cluster/resolveMskBootstrapBrokers';
import type { ClusterRef } from '../contracts';
import { ScramSecretContentError } from '../credentials/msk/errors';
import { secretNameFor } from '../request/names';

/** The local broker as `.local/stack.json` describes it (`kafka` entry): SCRAM over plaintext. */
export interface LocalKafkaEntry {
  bootstrapServers: string[];
  /** 0600 JSON file `{"username","password"}` of the local admin. */
  adminSecretFile: string;
  /** The local broker's `super.users` (bare names), which Kafka does not reveal over DescribeConfigs. */
  superUsers?: string[];
}

/** How a cluster reference becomes brokers and credentials; tests and the local CLI swap parts. */
export interface ClusterConnectionDeps {
  /** Bootstrap brokers of an MSK cluster's IAM or SCRAM listener (GetBootstrapBrokers). */
  resolveMskBootstrapBrokers: (clusterArn: string, auth: MskAuth) => Promise<string[]>;
  /** The local stack's broker, when running locally; a self-managed cluster with its servers uses it. */
  local?: () => LocalKafkaEntry | undefined;
}

/** Turns a request's cluster into the workflow admin's connection. */
export type ConnectionResolver = (cluster: ClusterRef) => Promise<KafkaConnectionConfig>;

const sameServers = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** The local broker's entry when `cluster` is the local stack's self-managed cluster. */
function localFor(
  cluster: ClusterRef,
  deps: Pick<ClusterConnectionDeps, 'local'>,
): LocalKafkaEntry | undefined {
  if (cluster.kind !== 'self-managed') return undefined;
  const local = deps.local?.();
  return local && sameServers(cluster.bootstrapServers, local.bootstrapServers) ? local : undefined;
}

/**
 * The workflow admin's connection: self-managed → its servers with SCRAM from `adminSecretArn` (TLS);
 * MSK → the SCRAM listener with `adminSecretArn`, else the IAM listener; the local stack's cluster →
 * its admin secret file over plaintext.
 */
export async function connectionFor(
  cluster: ClusterRef,
  deps: ClusterConnectionDeps,
): Promise<KafkaConnectionConfig> {
  const local = localFor(cluster, deps);
  if (local) {
    const secret = { kind: 'file', path: local.adminSecretFile } as const;
    return {
      brokers: local.bootstrapServers,
      auth: { type: 'scram', secret, plaintext: true },
      cluster: 'local',
    };
  }
  if (cluster.kind === 'self-managed') {
    const name = cluster.bootstrapServers.join(',');
    if (!cluster.adminSecretArn) {
      throw new KafkaConfigError(
        `self-managed cluster ${name} needs adminSecretArn (SCRAM admin credentials)`,
        {
          context: { cluster: name, brokers: cluster.bootstrapServers },
        },
      );
    }
    return {
      brokers: cluster.bootstrapServers,
      auth: { type: 'scram', secret: cluster.adminSecretArn },
      cluster: name,
    };
  }
  const { region } = parseMskClusterArn(cluster.arn);
  if (cluster.adminSecretArn) {
    const brokers = await deps.resolveMskBootstrapBrokers(cluster.arn, 'scram');
    return { brokers, auth: { type: 'scram', secret: cluster.adminSecretArn }, cluster: cluster.arn };
  }
  const brokers = await deps.resolveMskBootstrapBrokers(cluster.arn, 'iam');
  return { brokers, auth: { type: 'iam', region }, cluster: cluster.arn };
}

/** A ConnectionResolver bound to its dependencies (what tasks receive). */
export function connectionResolver(deps: ClusterConnectionDeps): ConnectionResolver {
  return (cluster) => connectionFor(cluster, deps);
}

/** Dependencies of connecting as the onboarded principal. */
export interface PrincipalConnectionDeps extends ClusterConnectionDeps {
  /** Holds `AmazonMSK_<principal>` = `{"username","password"}`. */
  secrets: SecretStore;
}

/**
 * A kafkajs config that logs in as `principal` with its own SCRAM-SHA-512 secret (Verify Access):
 * the cluster's SCRAM listener, no retries, short timeouts, no logs. Keep it in memory only: it holds
 * the password.
 */
export async function connectionAsPrincipal(
  cluster: ClusterRef,
  principal: string,
  deps: PrincipalConnectionDeps,
): Promise<KafkaConfig> {
  const secretName = secretNameFor(principal);
  const credentials = parseScramCredentials(await deps.secrets.get(secretName), secretName);
  if (credentials.username !== principal) throw new ScramSecretContentError(secretName, principal);
  const local = localFor(cluster, deps);
  const brokers = local
    ? local.bootstrapServers
    : cluster.kind === 'self-managed'
      ? cluster.bootstrapServers
      : await deps.resolveMskBootstrapBrokers(cluster.arn, 'scram');
  return {
    clientId: `msk-flows-verify-${principal}`,
    brokers,
    ssl: !local,
    sasl: scramSasl(credentials),
    connectionTimeout: 5_000,
    requestTimeout: 10_000,
    retry: { retries: 0 },
    // logLevel.NOTHING, written as its value: importing kafkajs's enum would put all of kafkajs in every bundle.
    logLevel: 0 as logLevel.NOTHING,
  };
}
