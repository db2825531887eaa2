import { GetBootstrapBrokersCommand } from '@aws-sdk/client-kafka';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsCall, awsErrorName, toAwsCallError } from '../cluster/awsCall';
import type { ClusterRef } from '../contracts';
import { consumerAccountClients } from '../privateAccess/consumerAccount';
import type { PrivateAccessDeps } from '../privateAccess/types';
import { findVpcConnection } from '../privateAccess/vpcConnections';
import { secretNameFor } from '../request/names';
import type { PrivateLink, Trigger } from '../request/privateAccessSchema';
import { TriggerSecretMissingError } from './errors';
import { inConsumerAccount, secretCopyNameFor } from './names';

/** The request fields the trigger tasks read. */
export interface TriggerRequest {
  requestId: string;
  principal: string;
  cluster: ClusterRef;
  privateLink?: PrivateLink;
  triggers?: Trigger[];
}

/** Where a trigger's mapping lives and what it reads from, resolved against AWS. */
export interface MappingTarget {
  lambda: LambdaClient;
  /** msk source: the cluster ARN, or the managed VPC connection's ARN from another account. */
  eventSourceArn?: string;
  /** self-managed source: the bootstrap servers. */
  bootstrapServers?: string[];
  secretArn: string;
  subnetIds?: string[];
  securityGroupIds?: string[];
}

async function secretArnOf(
  sm: SecretsManagerClient,
  name: string,
  trigger: Trigger,
  where: string,
  planning: boolean,
): Promise<string> {
  try {
    const out = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    return out.ARN ?? '';
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') {
      if (planning) return ''; // made by an earlier step of the run being planned
      throw new TriggerSecretMissingError(trigger.functionArn, name, where);
    }
    throw toAwsCallError('DescribeSecret', name, error);
  }
}

async function mskBootstrap(
  deps: Pick<PrivateAccessDeps, 'kafka'>,
  clusterArn: string,
  multiVpc: boolean,
): Promise<string[]> {
  const out = await awsCall('GetBootstrapBrokers', clusterArn, () =>
    deps.kafka.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn })),
  );
  const brokers = multiVpc
    ? out.BootstrapBrokerStringVpcConnectivitySaslScram
    : out.BootstrapBrokerStringSaslScram;
  return (brokers ?? '').split(',').filter(Boolean);
}

/**
 * Resolves a trigger: in the consumer account (privateLink) the mapping is made there through the assumed
 * role, reads the cluster through the managed VPC connection (msk) or the multi-VPC bootstrap string
 * (self-managed), with the secret copy; in the cluster's account it uses the principal's own secret.
 * `planning`: what earlier steps of the run would create (secret, VPC connection) may be missing yet.
 */
export async function mappingTargetOf(
  trigger: Trigger,
  request: TriggerRequest,
  deps: PrivateAccessDeps,
  planning = false,
): Promise<MappingTarget> {
  const { cluster } = request;
  if (cluster.kind === 'msk' && inConsumerAccount(trigger, cluster) && request.privateLink) {
    const link = request.privateLink;
    const consumer = await consumerAccountClients(cluster.arn, link, request.requestId, deps);
    const secretArn = await secretArnOf(
      consumer.secretsManager,
      secretCopyNameFor(request.principal),
      trigger,
      link.consumerAccountId,
      planning,
    );
    const vpc = {
      subnetIds: trigger.vpc?.subnetIds ?? link.subnetIds,
      securityGroupIds: trigger.vpc?.securityGroupIds ?? link.securityGroupIds,
    };
    if (trigger.source === 'msk') {
      const connection = await findVpcConnection(consumer.kafka, cluster.arn, link.vpcId);
      return { lambda: consumer.lambda, eventSourceArn: connection?.VpcConnectionArn ?? '', secretArn };
    }
    return {
      lambda: consumer.lambda,
      bootstrapServers: await mskBootstrap(deps, cluster.arn, true),
      secretArn,
      ...vpc,
    };
  }
  const secretArn = await secretArnOf(
    deps.secretsManager,
    secretNameFor(request.principal),
    trigger,
    'the cluster account',
    planning,
  );
  if (cluster.kind === 'msk' && trigger.source === 'msk')
    return { lambda: deps.lambda, eventSourceArn: cluster.arn, secretArn };
  const bootstrapServers =
    cluster.kind === 'msk' ? await mskBootstrap(deps, cluster.arn, false) : cluster.bootstrapServers;
  return {
    lambda: deps.lambda,
    bootstrapServers,
    secretArn,
    subnetIds: trigger.vpc?.subnetIds,
    securityGroupIds: trigger.vpc?.securityGroupIds,
  };
}
