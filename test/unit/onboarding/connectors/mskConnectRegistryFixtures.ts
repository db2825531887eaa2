import { GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeClusterV2Command, GetBootstrapBrokersCommand, KafkaClient } from '@aws-sdk/client-kafka';
import { KafkaConnectClient } from '@aws-sdk/client-kafkaconnect';
import type { Admin } from '@platformatic/kafka';
import { mockClient } from 'aws-sdk-client-mock';
import type { ConnectorDeps } from '../../../../tasks/onboarding/connectors/types';
import { type ConnectorLedgerEntry, emptyJournal } from '../../../../tasks/onboarding/contracts';
import { ownerOf } from '../../../../tasks/onboarding/registry/fold';
import type { Registry } from '../../../../tasks/onboarding/registry/registry';
import { claimForRun, runContextOf } from '../../../../tasks/onboarding/registry/runContext';
import type { RegistryOwner } from '../../../../tasks/onboarding/registry/types';
import type { AwsSideUndo } from '../../../../tasks/onboarding/registry/undoAwsSide';
import { registryIdentityOf } from '../../../../tasks/onboarding/registryIdentity';
import type { SecretStore } from '../../../../tasks/shared/secrets/store';
import { memoryRegistryAccess } from '../../../helpers/memoryRegistry';
import { CLUSTER, CONNECTOR_ARN, OURS, PRINCIPAL, ROLE, request, spec } from './mskConnectSpec';

export {
  CLUSTER,
  CONNECTOR_ARN,
  OURS,
  PLUGIN_ARN,
  PRINCIPAL,
  ROLE,
  request,
  spec,
  WORKER_ARN,
} from './mskConnectSpec';

/** One MSK Connect connector request and its AWS mocks, for the tests of MSK Connect things in the registry. */

/** The run the tests' steps belong to. */
export const RUN = 'payments-connect-007/run-1';

export const msk = mockClient(KafkaClient);
export const connect = mockClient(KafkaConnectClient);
export const iam = mockClient(IAMClient);

/** Connector deps over the mocks and a fresh in-memory registry. */
export function depsWithRegistry(): { deps: ConnectorDeps; registry: Registry } {
  const { access, registry } = memoryRegistryAccess();
  const deps: ConnectorDeps = {
    kafkaConnect: () => undefined,
    secretReference: (name, key) => `\${secretsmanager:${name}:${key}}`,
    selfManagedSecurityProtocol: 'SASL_SSL',
    mskConnectSetup: {
      serviceExecutionRoleArns: [ROLE],
      pluginBucketArn: 'arn:aws-cn:s3:::payments-plugins',
      workerLogGroup: 'OnboardingMskConnectWorkerLogs-abc123',
    },
    mskConnect: new KafkaConnectClient({ region: 'cn-northwest-1' }),
    kafka: new KafkaClient({ region: 'cn-northwest-1' }),
    iam: new IAMClient({ region: 'cn-northwest-1' }),
    logger: { info: () => undefined, warn: () => undefined },
    registrySession: access,
  };
  return { deps, registry };
}

/** An IAM-enabled MSK cluster, and no msk-flows policy on the role yet. */
export function iamCluster(): void {
  msk.on(DescribeClusterV2Command).resolves({
    ClusterInfo: {
      ClusterArn: CLUSTER,
      Provisioned: {
        BrokerNodeGroupInfo: {
          ClientSubnets: ['subnet-a', 'subnet-b'],
          SecurityGroups: ['sg-1'],
          InstanceType: 'kafka.m5.large',
        },
        ClientAuthentication: { Sasl: { Iam: { Enabled: true }, Scram: { Enabled: true } } },
        NumberOfBrokerNodes: 2,
      },
    },
  });
  msk.on(GetBootstrapBrokersCommand).resolves({ BootstrapBrokerStringSaslIam: 'b-1:9098,b-2:9098' });
  iam
    .on(GetRolePolicyCommand)
    .rejects(Object.assign(new Error('not found'), { name: 'NoSuchEntityException' }));
}

/** A described connector (DescribeConnector's answer) with the spec's config and capacity. */
export const described = (description = OURS, mcuCount = 1) => ({
  connectorArn: CONNECTOR_ARN,
  connectorName: spec.name,
  connectorDescription: description,
  currentVersion: 'V1',
  connectorState: 'RUNNING' as const,
  connectorConfiguration: spec.config,
  capacity: {
    autoScaling: {
      mcuCount,
      minWorkerCount: 1,
      maxWorkerCount: 2,
      scaleInPolicy: { cpuUtilizationPercentage: 20 },
      scaleOutPolicy: { cpuUtilizationPercentage: 80 },
    },
  },
});

/** Claims `entries` for `run` of `owner` (as a step does before acting); `owned` settles them. */
export async function claimed(
  registry: Registry,
  entries: ConnectorLedgerEntry[],
  options: { run?: string; owner?: RegistryOwner; owned?: boolean } = {},
): Promise<void> {
  const owner = options.owner ?? { principal: PRINCIPAL, requestId: request.requestId };
  const tickets = await claimForRun(
    registry,
    runContextOf(owner, { run: options.run ?? RUN }),
    entries.map((entry) => ({ ...registryIdentityOf(entry), origin: 'created' as const, entry })),
  );
  if (options.owned) await registry.settle(tickets.map((ticket) => ({ ticket, state: 'owned' as const })));
}

/** The registry's current holder of the thing `entry` names. */
export const holderOf = async (registry: Registry, entry: ConnectorLedgerEntry) =>
  ownerOf(await registry.view(), registryIdentityOf(entry));

/** Resets every mock. */
export function resetMocks(): void {
  msk.reset();
  connect.reset();
  iam.reset();
}

/** A journal of RUN with nothing in it yet. */
export const journal = () => ({ ...emptyJournal(), run: RUN });
/** Finish Unfinished Runs' AWS side when a test holds only MSK Connect things (undone by the connector side). */
export const noAws: AwsSideUndo = {
  order: [],
  undo: async () => Promise.reject(new Error('no AWS side here')),
};
/** Stand-ins for the Kafka admin and secret store the steps take but never use for MSK Connect things. */
export const noAdmin = {} as Admin;
export const noSecrets = {} as SecretStore;
