import { DescribeConfigurationRevisionCommand, type KafkaClient } from '@aws-sdk/client-kafka';
import { awsCall } from '../cluster/awsCall';
import type { ClusterRef } from '../contracts';
import type { LocalKafkaEntry } from '../kafka/clusterConnection';
import { describeCluster } from '../privateAccess/clusterInfo';
import { parseServerProperties } from '../privateAccess/preflightRules';
import { parseSuperUsers } from './reservedPrincipals';

/**
 * The brokers' `super.users` from outside the Kafka protocol: Kafka answers DescribeConfigs for
 * `super.users` with a null value (an authorizer setting it does not know the type of counts as
 * sensitive), so the guard rails ask where the cluster's configuration is visible. Undefined: unknown.
 */
export type SuperUsersSource = (cluster: ClusterRef) => Promise<string[] | undefined>;

const sameServers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/**
 * MSK: the `super.users` line of the cluster's configuration revision (DescribeClusterV2, then
 * DescribeConfigurationRevision); undefined when it runs MSK's default configuration, which has none.
 */
export async function mskSuperUsers(kafka: KafkaClient, clusterArn: string): Promise<string[] | undefined> {
  const software = (await describeCluster(kafka, clusterArn)).Provisioned?.CurrentBrokerSoftwareInfo;
  if (!software?.ConfigurationArn || software.ConfigurationRevision === undefined) return undefined;
  const arn = software.ConfigurationArn;
  const out = await awsCall('DescribeConfigurationRevision', arn, () =>
    kafka.send(
      new DescribeConfigurationRevisionCommand({ Arn: arn, Revision: software.ConfigurationRevision }),
    ),
  );
  const properties = parseServerProperties(
    new TextDecoder().decode(out.ServerProperties ?? new Uint8Array()),
  );
  return properties.has('super.users') ? parseSuperUsers(properties.get('super.users')) : undefined;
}

/** Where this container finds super users: the local stack's entry for its broker, MSK's configuration. */
export function superUsersSource(deps: {
  local?: () => LocalKafkaEntry | undefined;
  mskKafka?: KafkaClient;
}): SuperUsersSource {
  return async (cluster) => {
    if (cluster.kind === 'msk') return deps.mskKafka ? mskSuperUsers(deps.mskKafka, cluster.arn) : undefined;
    const local = deps.local?.();
    return local && sameServers(local.bootstrapServers, cluster.bootstrapServers)
      ? local.superUsers
      : undefined;
  };
}
