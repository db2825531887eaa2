import { readFileSync } from 'node:fs';
import {
  CreateVpcConnectionCommand,
  PutClusterPolicyCommand,
  UpdateConnectivityCommand,
} from '@aws-sdk/client-kafka';
import { CreateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { WorkflowTaskDeps } from '../../../cli/local/onboardingTasks';
import { runWorkflowLocally, synthesizedWorkflow } from '../../../cli/local/runWorkflowLocally';
import type { Change, ClusterRef } from '../../../tasks/onboarding/contracts';
import { ticketOf } from '../../../tasks/onboarding/registry/registry';
import { withAdminAndRegistry } from '../../../tasks/onboarding/registry/session';
import { groupName, randomName, topicName, userName } from '../../helpers/names';
import { CLUSTER_ARN, mskWorkflowDeps, PASSWORD } from '../helpers/msk';
import { removeFromBroker, statesEntered } from '../helpers/onboarding';
import {
  CONSUMER_ACCOUNT,
  FOREIGN_POLICY,
  privateAccessWorld,
  VPC_BOOTSTRAP,
} from '../helpers/privateAccessWorld';

const EXAMPLE = 'examples/onboard-private-access.msk.json';

/** The example request with this test's own principal, topic and groups (replication factor 1 on the local broker). */
function exampleRequest() {
  const names = {
    principal: userName(),
    topic: topicName(),
    groups: [groupName(), groupName(), groupName()],
  };
  const text = readFileSync(EXAMPLE, 'utf8')
    .replaceAll('"orders-consumer-444455556666-001"', JSON.stringify(randomName('req')))
    .replaceAll('"orders.events"', JSON.stringify(names.topic))
    .replaceAll('"group": "orders-consumer"', `"group": ${JSON.stringify(names.groups[0])}`)
    .replaceAll('"group": "orders-lambda"', `"group": ${JSON.stringify(names.groups[1])}`)
    .replaceAll('"group": "orders-audit"', `"group": ${JSON.stringify(names.groups[2])}`)
    .replaceAll('"principal": "orders-consumer"', `"principal": ${JSON.stringify(names.principal)}`);
  const request = JSON.parse(text) as Record<string, unknown> & { topics: { replicationFactor: number }[] };
  request.topics[0].replicationFactor = 1;
  return { request, ...names };
}

async function depsFor(principal: string, options: { vpcConnectionFails?: boolean } = {}) {
  const { deps: base, logger } = await mskWorkflowDeps();
  const world = privateAccessWorld({ principal, ...options });
  const deps: WorkflowTaskDeps = {
    ...base,
    msk: { ...base.msk, kafka: world.mskClients.kafka, secretsManager: world.mskClients.secretsManager },
    privateAccess: world.deps,
  };
  return { deps, world, logger };
}

const SHARED_KINDS = ['cluster-policy-statement', 'vpc-connection', 'multi-vpc-connectivity'];

/**
 * Each test's AWS world is its own, but the local cluster's registry outlives it (and any earlier run of
 * this file): before a test, every use of a shared statement, VPC connection or connectivity still recorded
 * is ended, since the things it used are gone with their world; the test's principal is then the only user
 * of its own world's.
 */
async function releaseSharedUses(): Promise<void> {
  const { deps } = await mskWorkflowDeps();
  const cluster: ClusterRef = { kind: 'msk', arn: CLUSTER_ARN };
  await withAdminAndRegistry(await deps.kafka.connect(cluster), 'test', async (_admin, registry) => {
    const view = await registry.view();
    const live = [...view.values()].flatMap((v) =>
      v.owner?.live && SHARED_KINDS.includes(v.identity.kind) ? [v.identity] : [],
    );
    const tickets = live.flatMap((identity) => ticketOf(view, identity) ?? []);
    await registry.settle(
      tickets.map((ticket) => ({ ticket, state: 'released' as const, note: 'test world gone' })),
    );
  });
}

const kindsOf = (changes: Change[], action: string) =>
  changes.filter((c) => c.action === action).map((c) => c.kind);

describe('onboarding with private access and triggers (MSK, mocked AWS, local broker)', () => {
  const cleanUp: { principal: string; topics: string[] }[] = [];

  // Synthesizing the whole app is the slow part (minutes on a loaded machine): once, outside any test's timeout.
  beforeAll(() => {
    synthesizedWorkflow('onboarding');
    synthesizedWorkflow('offboarding');
  }, 600_000);

  afterEach(async () => {
    for (const { principal, topics } of cleanUp.splice(0)) await removeFromBroker(principal, topics);
  });

  beforeEach(() => releaseSharedUses());

  it('plans every change of examples/onboard-private-access.msk.json in a dry run', async () => {
    // Prepare
    const { request, principal, topic } = exampleRequest();
    cleanUp.push({ principal, topics: [topic] });
    const { deps, world } = await depsFor(principal);

    // Act
    const result = await runWorkflowLocally({
      workflow: 'onboarding',
      input: { ...request, dryRun: true },
      deps,
    });

    // Assess
    expect(result.error).toBeUndefined();
    const changes = (result.output as { changes: Change[] }).changes;
    expect(kindsOf(changes, 'create')).toEqual([
      'secret',
      'scram-association',
      'topic',
      // TOPIC READ + DESCRIBE once, GROUP READ for the grant's group and each trigger's.
      'acl',
      'acl',
      'acl',
      'acl',
      'acl',
      'cluster-policy-statement',
      'vpc-connection',
      'secret-copy',
      'event-source-mapping',
      'event-source-mapping',
    ]);
    expect(kindsOf(changes, 'update')).toEqual(['multi-vpc-connectivity']);
    expect(world.mocks.kafka).toHaveReceivedCommandTimes(PutClusterPolicyCommand, 0);
    expect(world.mocks.consumerKafka).toHaveReceivedCommandTimes(CreateVpcConnectionCommand, 0);
  });

  it('runs the example end to end: lock wait, connectivity update, merged policy, VPC connection, secret copy, triggers', async () => {
    // Prepare
    const { request, principal, topic, groups } = exampleRequest();
    cleanUp.push({ principal, topics: [topic] });
    const { deps, world, logger } = await depsFor(principal);

    // Act
    const result = await runWorkflowLocally({ workflow: 'onboarding', input: request, deps });

    // Assess
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('SUCCEEDED');
    const entered = statesEntered(result);
    for (const wait of [
      'Wait For Cluster Lock',
      'Wait For Connectivity Update',
      'Wait For VPC Connection',
      'Wait For Triggers',
    ]) {
      expect(entered).toContain(wait);
    }
    expect(entered.indexOf('Release Cluster Lock')).toBeLessThan(entered.indexOf('Ensure VPC Connection'));
    const changes = (result.output as { changes: Change[] }).changes;
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'bootstrap-brokers', id: VPC_BOOTSTRAP }));
    expect(world.mocks.kafka).toHaveReceivedCommandWith(UpdateConnectivityCommand, {
      ClusterArn: CLUSTER_ARN,
      CurrentVersion: 'K1OFF',
      ConnectivityInfo: {
        VpcConnectivity: {
          ClientAuthentication: {
            Sasl: { Scram: { Enabled: true }, Iam: { Enabled: false } },
            Tls: { Enabled: false },
          },
        },
      },
    });
    const statement = FOREIGN_POLICY.slice(
      FOREIGN_POLICY.indexOf('{ "Sid"'),
      FOREIGN_POLICY.indexOf('}\n  ]') + 1,
    );
    expect(world.state.policy).toContain(statement);
    expect(JSON.parse(world.state.policy ?? '').Statement[1]).toEqual({
      Sid: `MskFlowsConsumer${CONSUMER_ACCOUNT}`,
      Effect: 'Allow',
      Principal: { AWS: `arn:aws-cn:iam::${CONSUMER_ACCOUNT}:root` },
      Action: [
        'kafka:CreateVpcConnection',
        'kafka:GetBootstrapBrokers',
        'kafka:DescribeCluster',
        'kafka:DescribeClusterV2',
      ],
      Resource: CLUSTER_ARN,
    });
    expect(world.mocks.kafka).toHaveReceivedCommandWith(PutClusterPolicyCommand, {
      ClusterArn: CLUSTER_ARN,
      CurrentVersion: 'v1',
    });
    expect(world.mocks.sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: `arn:aws-cn:iam::${CONSUMER_ACCOUNT}:role/msk-flows-consumer-access`,
      ExternalId: 'msk-flows-orders-7f3a',
    });
    expect(world.mocks.consumerKafka).toHaveReceivedCommandWith(CreateVpcConnectionCommand, {
      TargetClusterArn: CLUSTER_ARN,
      Authentication: 'SASL_SCRAM',
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      ClientSubnets: ['subnet-0a1b2c3d4e5f60711', 'subnet-0a1b2c3d4e5f60722'],
      SecurityGroups: ['sg-0aaa1111bbbb2222c'],
    });
    expect(world.mocks.consumerSecrets).toHaveReceivedCommandWith(CreateSecretCommand, {
      Name: `msk-flows/scram/${principal}`,
      KmsKeyId: 'alias/msk-flows/consumer-scram',
    });
    const copyArn = world.state.copy?.arn;
    expect(world.mocks.consumerLambda).toHaveReceivedCommandWith(CreateEventSourceMappingCommand, {
      FunctionName: `arn:aws-cn:lambda:cn-northwest-1:${CONSUMER_ACCOUNT}:function:orders-to-s3`,
      Topics: [topic],
      SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: VPC_BOOTSTRAP.split(',') } },
      SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: groups[1] },
      SourceAccessConfigurations: [
        { Type: 'SASL_SCRAM_512_AUTH', URI: copyArn },
        { Type: 'VPC_SUBNET', URI: 'subnet:subnet-0a1b2c3d4e5f60711' },
        { Type: 'VPC_SUBNET', URI: 'subnet:subnet-0a1b2c3d4e5f60722' },
        { Type: 'VPC_SECURITY_GROUP', URI: 'security_group:sg-0aaa1111bbbb2222c' },
      ],
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      StartingPosition: 'LATEST',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: `arn:aws-cn:sqs:cn-northwest-1:${CONSUMER_ACCOUNT}:orders-to-s3-failures` },
      },
    });
    expect(world.mocks.consumerLambda).toHaveReceivedCommandWith(CreateEventSourceMappingCommand, {
      FunctionName: `arn:aws-cn:lambda:cn-northwest-1:${CONSUMER_ACCOUNT}:function:orders-audit`,
      EventSourceArn: world.state.vpcConnection?.arn,
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: groups[2] },
      SourceAccessConfigurations: [{ Type: 'SASL_SCRAM_512_AUTH', URI: copyArn }],
      StartingPosition: 'TRIM_HORIZON',
    });
    // The trigger steps recorded what they made in the cluster's ownership registry, committed with the run.
    const view = await withAdminAndRegistry(
      await deps.kafka.connect(request.cluster as ClusterRef),
      'test',
      (_admin, registry) => registry.view(),
    );
    const held = [...view.values()]
      .filter((v) => v.owner?.principal === principal && v.owner.record.state === 'owned')
      .map((v) => v.identity.kind)
      .filter((kind) => kind === 'event-source-mapping' || kind === 'secret-copy')
      .sort();
    expect(held).toEqual(['event-source-mapping', 'event-source-mapping', 'secret-copy']);
    // So did the private access steps, each for the principal's use of the shared thing it made.
    const uses = [...view.values()]
      .flatMap((v) => (v.owner?.principal === principal ? [v.owner.record] : []))
      .filter((r) => SHARED_KINDS.includes(r.kind))
      .map((r) => [r.kind, r.state, r.origin, r.id.endsWith(` used by ${principal}`)])
      .sort();
    expect(uses).toEqual([
      ['cluster-policy-statement', 'owned', 'created', true],
      ['multi-vpc-connectivity', 'owned', 'created', true],
      ['vpc-connection', 'owned', 'created', true],
    ]);
    const everything = JSON.stringify([
      result.output,
      result.events,
      logger.info.mock.calls,
      world.deps.logger,
    ]);
    expect(everything).not.toContain(PASSWORD);
  });

  it('compensates what it changed on the cluster when the consumer account fails: the policy is byte-for-byte the original again', async () => {
    // Prepare
    const { request, principal, topic } = exampleRequest();
    cleanUp.push({ principal, topics: [topic] });
    const { deps, world } = await depsFor(principal, { vpcConnectionFails: true });

    // Act
    const result = await runWorkflowLocally({ workflow: 'onboarding', input: request, deps });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error?.name).toBe('VpcConnectionError');
    expect(statesEntered(result)).toContain('Undo Changes');
    expect(statesEntered(result)).not.toContain('Ensure Event Source Mappings');
    expect(world.state.policy).toBe(FOREIGN_POLICY);
    expect(world.state.multiVpcScram).toBe(false);
    expect(world.state.vpcConnection?.state).toBe('DELETING');
    expect(world.state.secretCreated).toBe(false);
  });

  it('offboards in reverse: mappings, secret copy, VPC connection, policy statement; connectivity stays on', async () => {
    // Prepare
    const { request, principal, topic } = exampleRequest();
    cleanUp.push({ principal, topics: [topic] });
    const { deps, world } = await depsFor(principal);
    const onboarded = await runWorkflowLocally({ workflow: 'onboarding', input: request, deps });
    expect(onboarded.status).toBe('SUCCEEDED');

    // Act
    const result = await runWorkflowLocally({
      workflow: 'offboarding',
      input: { ...request, requestId: `${String(request.requestId)}-off`, deleteTopics: true },
      deps,
    });

    // Assess
    expect(result.error).toBeUndefined();
    const entered = statesEntered(result);
    expect(entered.indexOf('Remove Triggers')).toBeLessThan(entered.indexOf('Remove Private Access'));
    expect(entered.indexOf('Remove Private Access')).toBeLessThan(entered.indexOf('Revoke ACLs'));
    expect(world.state.mappings).toEqual([]);
    expect(world.state.copy).toBeUndefined();
    expect(world.state.vpcConnection?.state).toBe('DELETING');
    expect(world.state.policy).toBe(FOREIGN_POLICY);
    expect(world.state.multiVpcScram).toBe(true);
  });
});
