import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import {
  DescribeClusterV2Command,
  DescribeConfigurationRevisionCommand,
  GetClusterPolicyCommand,
  ListVpcConnectionsCommand,
} from '@aws-sdk/client-kafka';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { jest } from '@jest/globals';
import type { KafkaStepDeps } from '../../../../tasks/onboarding/kafka/types';
import {
  acquireClusterLock,
  MAX_LOCK_CHECKS,
} from '../../../../tasks/onboarding/privateAccess/acquireClusterLock';
import { planPrivateAccess } from '../../../../tasks/onboarding/privateAccess/planPrivateAccess';
import { releaseClusterLock } from '../../../../tasks/onboarding/privateAccess/releaseClusterLock';
import { awsError, CLUSTER_ARN, emptyJournal, mockedDeps, PRIVATE_LINK, REQUEST } from './fixtures';

// The preflight reads Kafka only for a SCRAM admin; these requests use an IAM admin.
const kafka: KafkaStepDeps = {
  connect: jest.fn(async () => ({ brokers: [], auth: { type: 'tls' as const } })),
  logger: { info: jest.fn(), warn: jest.fn() },
};

function healthyCluster(
  mocks: ReturnType<typeof mockedDeps>['mocks'],
  overrides: { version?: string; zones?: string[]; properties?: string } = {},
) {
  mocks.kafka.on(DescribeClusterV2Command).resolves({
    ClusterInfo: {
      ClusterArn: CLUSTER_ARN,
      State: 'ACTIVE',
      CurrentVersion: 'K1',
      Provisioned: {
        NumberOfBrokerNodes: 3,
        ClientAuthentication: { Sasl: { Scram: { Enabled: true } } },
        CurrentBrokerSoftwareInfo: {
          KafkaVersion: overrides.version ?? '3.6.0',
          ConfigurationArn: 'arn:aws-cn:kafka:cn-northwest-1:111122223333:configuration/c/1',
          ConfigurationRevision: 2,
        },
        BrokerNodeGroupInfo: {
          ClientSubnets: ['subnet-b1'],
          InstanceType: 'kafka.m7g.large',
          ZoneIds: overrides.zones ?? ['cnnw1-az1', 'cnnw1-az2', 'cnnw1-az3'],
        },
      },
    },
  });
  mocks.kafka.on(DescribeConfigurationRevisionCommand).resolves({
    ServerProperties: new TextEncoder().encode(
      overrides.properties ?? 'allow.everyone.if.no.acl.found=false\n',
    ),
  });
  mocks.kafka.on(GetClusterPolicyCommand).rejects(awsError('NotFoundException'));
  mocks.consumerKafka.on(ListVpcConnectionsCommand).resolves({ VpcConnections: [] });
  mocks.consumerEc2.on(DescribeSubnetsCommand).resolves({
    Subnets: [
      { SubnetId: PRIVATE_LINK.subnetIds[0], AvailabilityZoneId: 'cnnw1-az1', VpcId: PRIVATE_LINK.vpcId },
      { SubnetId: PRIVATE_LINK.subnetIds[1], AvailabilityZoneId: 'cnnw1-az2', VpcId: PRIVATE_LINK.vpcId },
    ],
  });
}

describe('planPrivateAccess (preflight and plan)', () => {
  it('plans connectivity, the policy statement and the VPC connection after every check passes', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    healthyCluster(mocks);

    // Act
    const changes = await planPrivateAccess(REQUEST, { privateAccess: deps, kafka });

    // Assess
    expect(changes.map((c) => [c.kind, c.action])).toEqual([
      ['multi-vpc-connectivity', 'update'],
      ['cluster-policy-statement', 'create'],
      ['vpc-connection', 'create'],
    ]);
    expect(mocks.sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: PRIVATE_LINK.roleArn,
      ExternalId: 'ext-1234',
      RoleSessionName: 'msk-flows-req-1',
    });
    expect(mocks.consumerEc2).toHaveReceivedCommandWith(DescribeSubnetsCommand, {
      SubnetIds: PRIVATE_LINK.subnetIds,
    });
    expect(mocks.kafka).toHaveReceivedCommandWith(DescribeConfigurationRevisionCommand, { Revision: 2 });
  });

  it('fails on consumer subnets whose AZ IDs the brokers are not in, naming them', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    healthyCluster(mocks, { zones: ['cnnw1-az1', 'cnnw1-az3'] });

    // Act
    const act = planPrivateAccess(REQUEST, { privateAccess: deps, kafka });

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'AvailabilityZoneMismatchError', retriable: false });
    await expect(act).rejects.toThrow(
      /subnet-0a1b2c3d4e5f60722 \(cnnw1-az2\) not in the brokers' AZ IDs cnnw1-az1, cnnw1-az3/,
    );
  });

  it.each([
    [{ version: '2.6.2' }, 'kafka-version', /older than 2.7.1/],
    [
      { properties: 'allow.everyone.if.no.acl.found=true' },
      'acl-default',
      /allow.everyone.if.no.acl.found=false/,
    ],
  ])('fails the preflight on %o with check %s', async (overrides, check, message) => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    healthyCluster(mocks, overrides);

    // Act
    const act = planPrivateAccess(REQUEST, { privateAccess: deps, kafka });

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'PrivateAccessPreflightError', check });
    await expect(act).rejects.toThrow(message);
  });

  it('names the consumer role and its fix when AssumeRole is denied', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.sts.on(AssumeRoleCommand).rejects(awsError('AccessDenied'));

    // Act
    const act = planPrivateAccess(REQUEST, { privateAccess: deps, kafka });

    // Assess
    await expect(act).rejects.toThrow(
      /cannot assume arn:aws-cn:iam::444455556666:role\/msk-flows-consumer-access \(AccessDenied\): deploy the ConsumerAccess stack/,
    );
  });
});

describe('cluster lock', () => {
  it('reports the holder and a growing wait while another execution holds the lock', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.dynamodb.on(PutItemCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'held',
        $metadata: {},
        Item: { owner: { S: 'exec-other' } },
      }),
    );

    // Act
    const first = await acquireClusterLock(
      { request: REQUEST, journal: emptyJournal(), executionName: 'exec-1' },
      deps,
    );
    const second = await acquireClusterLock(
      { request: REQUEST, journal: emptyJournal(), executionName: 'exec-1', lock: first },
      deps,
    );

    // Assess
    expect(first).toMatchObject({ acquired: false, holder: 'exec-other', attempt: 1, waitSeconds: 10 });
    expect(second).toMatchObject({ acquired: false, attempt: 2, waitSeconds: 20 });
    expect(mocks.dynamodb).toHaveReceivedCommandWith(PutItemCommand, {
      TableName: 'locks',
      ConditionExpression: 'attribute_not_exists(clusterArn) OR #owner = :owner OR expiresAt < :now',
      ExpressionAttributeValues: {
        ':owner': { S: 'exec-1' },
        ':now': { N: String(Date.parse('2026-12-01T10:00:00Z') / 1000) },
      },
    });
  });

  it('journals the lock once acquired, and Release Cluster Lock deletes only its own and drops it from the ledger', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.dynamodb.on(PutItemCommand).resolves({});
    mocks.dynamodb.on(DeleteItemCommand).resolves({});

    // Act
    const acquired = await acquireClusterLock(
      { request: REQUEST, journal: emptyJournal(), executionName: 'exec-1' },
      deps,
    );
    const released = await releaseClusterLock(
      { request: REQUEST, journal: acquired.journal, executionName: 'exec-1' },
      deps,
    );

    // Assess
    expect(acquired.journal.ledger).toEqual([
      { kind: 'cluster-lock', clusterArn: CLUSTER_ARN, owner: 'exec-1' },
    ]);
    expect(mocks.dynamodb).toHaveReceivedCommandWith(DeleteItemCommand, {
      Key: { clusterArn: { S: CLUSTER_ARN } },
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeValues: { ':owner': { S: 'exec-1' } },
    });
    expect(released.ledger).toEqual([]);
  });

  it('gives up after its last check with ClusterLockTimeoutError', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.dynamodb
      .on(PutItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'held', $metadata: {} }));

    // Act
    const act = acquireClusterLock(
      {
        request: REQUEST,
        journal: emptyJournal(),
        executionName: 'e',
        lock: { attempt: MAX_LOCK_CHECKS - 1 },
      },
      deps,
    );

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'ClusterLockTimeoutError' });
  });
});
