import { DescribeClusterV2Command, type KafkaClient } from '@aws-sdk/client-kafka';
import type { KafkaConnectClient } from '@aws-sdk/client-kafkaconnect';
import { awsCall } from '../../cluster/awsCall';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { ConnectorPreflightError } from '../errors';
import type { ConnectorRequest, MskConnectSetup } from '../types';
import { connectorsWithRole } from './lookup';
import { ownTopicsOf } from './rolePolicyDocument';

/**
 * Worker properties MSK Connect refuses: it owns the cluster connection and the worker's internal setup
 * (https://docs.aws.amazon.com/msk/latest/developerguide/msk-connect-workers.html#msk-connect-create-custom-worker-config).
 */
const FORBIDDEN_WORKER_KEY =
  /^((producer\.|consumer\.|admin\.)?(sasl|security|ssl)\.|bootstrap\.servers$|group\.id$|listeners$|rest\.|plugin\.path$|config\.storage\.|status\.storage\.)/;

/** The worker configuration keys MSK Connect would refuse, sorted. */
export function forbiddenWorkerKeys(worker: Record<string, string> | undefined): string[] {
  return Object.keys(worker ?? {})
    .filter((k) => FORBIDDEN_WORKER_KEY.test(k))
    .sort();
}

/**
 * The deployment's MSK Connect setup admits the connector: its service execution role is one the functions
 * may pass (iam:PassRole is granted on exactly those) and its plugin lies in the plugin bucket they may read.
 */
function setupProblem(spec: ConnectorSpec, setup: MskConnectSetup | undefined): [string, string] | undefined {
  if (!setup)
    return ['msk-connect', 'MSK Connect is not set up in this deployment (CDK context msk-flows:mskConnect)'];
  if (!spec.serviceExecutionRoleArn || !setup.serviceExecutionRoleArns.includes(spec.serviceExecutionRoleArn))
    return [
      'serviceExecutionRoleArn',
      `must be one of the deployment's service execution roles (msk-flows:mskConnect.serviceExecutionRoleArns): ${setup.serviceExecutionRoleArns.join(', ')}`,
    ];
  if (spec.plugin && spec.plugin.s3.bucketArn !== setup.pluginBucketArn)
    return [
      'plugin.s3.bucketArn',
      `must be the deployment's plugin bucket (msk-flows:mskConnect.pluginBucketArn): ${setup.pluginBucketArn}`,
    ];
  return undefined;
}

/** What MSK Connect needs of the cluster: IAM client authentication (it never authenticates with SCRAM). */
export interface MskClusterForConnect {
  clusterArn: string;
  subnets: string[];
  securityGroups: string[];
}

/**
 * The role serves this connector only: msk-flows scopes its `kafka-cluster:*` permissions to one connector's
 * topics and groups, so a role another MSK Connect connector already runs with is refused (which connector).
 */
async function assertRoleServesOnlyThis(spec: ConnectorSpec, mskConnect: KafkaConnectClient): Promise<void> {
  const role = spec.serviceExecutionRoleArn ?? '';
  const others = (await connectorsWithRole(mskConnect, role)).filter((c) => c.connectorName !== spec.name);
  if (others.length > 0)
    throw new ConnectorPreflightError(
      spec.name,
      'serviceExecutionRoleArn',
      `${role} already serves MSK Connect connector ${others.map((c) => c.connectorName).join(', ')}: ` +
        'msk-flows scopes a role to one connector; give this connector another of the deployment roles',
    );
}

/**
 * MSK Connect's preflight: an MSK cluster (provisioned) with IAM authentication on, and no worker key MSK
 * Connect forbids, a role and plugin bucket the deployment allows, topics the role can be scoped to, and a
 * role no other connector runs with. Each failure is one ConnectorPreflightError naming the fix; nothing is touched.
 */
export async function mskConnectPreflight(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  deps: { kafka: KafkaClient; mskConnect: KafkaConnectClient; mskConnectSetup?: MskConnectSetup },
): Promise<MskClusterForConnect> {
  const problem = setupProblem(spec, deps.mskConnectSetup);
  if (problem) throw new ConnectorPreflightError(spec.name, ...problem);
  ownTopicsOf(spec);
  const forbidden = forbiddenWorkerKeys(spec.workerConfiguration);
  if (forbidden.length > 0)
    throw new ConnectorPreflightError(
      spec.name,
      'worker-configuration',
      `MSK Connect sets these itself and refuses them: ${forbidden.join(', ')}`,
    );
  if (request.cluster.kind !== 'msk')
    throw new ConnectorPreflightError(
      spec.name,
      'cluster',
      'MSK Connect runs connectors for MSK clusters only',
    );
  const clusterArn = request.cluster.arn;
  const out = await awsCall('DescribeClusterV2', clusterArn, () =>
    deps.kafka.send(new DescribeClusterV2Command({ ClusterArn: clusterArn })),
  );
  const provisioned = out.ClusterInfo?.Provisioned;
  if (!provisioned)
    throw new ConnectorPreflightError(spec.name, 'cluster', `${clusterArn} is not a provisioned MSK cluster`);
  if (provisioned.ClientAuthentication?.Sasl?.Iam?.Enabled !== true)
    throw new ConnectorPreflightError(
      spec.name,
      'iam-auth',
      `${clusterArn} has IAM client authentication off: MSK Connect authenticates with IAM (or nothing), never SCRAM; turn IAM on for the cluster`,
    );
  await assertRoleServesOnlyThis(spec, deps.mskConnect);
  return {
    clusterArn,
    subnets: provisioned.BrokerNodeGroupInfo?.ClientSubnets ?? [],
    securityGroups: provisioned.BrokerNodeGroupInfo?.SecurityGroups ?? [],
  };
}
