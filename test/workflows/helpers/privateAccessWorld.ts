import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  BatchAssociateScramSecretCommand,
  CreateVpcConnectionCommand,
  DeleteVpcConnectionCommand,
  DescribeClusterOperationV2Command,
  DescribeClusterV2Command,
  DescribeConfigurationRevisionCommand,
  DescribeVpcConnectionCommand,
  GetBootstrapBrokersCommand,
  GetClusterPolicyCommand,
  KafkaClient,
  ListClientVpcConnectionsCommand,
  ListScramSecretsCommand,
  ListVpcConnectionsCommand,
  PutClusterPolicyCommand,
  UpdateConnectivityCommand,
} from '@aws-sdk/client-kafka';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { jest } from '@jest/globals';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { PrivateAccessDeps } from '../../../tasks/onboarding/privateAccess/types';
import { CLUSTER_ARN, clusterInfo, notFound, PASSWORD, secretArnOf } from './msk';

/** What a foreign policy holds before we touch it: another team's statement, formatted their way. */
export const FOREIGN_POLICY =
  '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Sid": "PartnerRead", "Effect": "Allow",\n      "Principal": {"AWS": "arn:aws-cn:iam::777788889999:root"},\n      "Action": ["kafka:DescribeClusterV2"], "Resource": "' +
  CLUSTER_ARN +
  '" }\n  ]\n}';

export const CONSUMER_ACCOUNT = '444455556666';
export const VPC_BOOTSTRAP =
  'b-1.orders.abc123.c2.kafka.cn-northwest-1.amazonaws.com.cn:14001,b-2.orders.abc123.c2.kafka.cn-northwest-1.amazonaws.com.cn:14002';
const OPERATION_ARN = `${CLUSTER_ARN.replace(':cluster/', ':cluster-operation/')}/op-1`;
const VPC_CONNECTION_ARN = `arn:aws-cn:kafka:cn-northwest-1:${CONSUMER_ACCOUNT}:vpc-connection/111122223333/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2`;

/** Mocked clients of the cluster (platform) account and of the consumer account, kept apart. */
export interface PrivateAccessMocks {
  kafka: AwsClientStub<KafkaClient>;
  secrets: AwsClientStub<SecretsManagerClient>;
  lambda: AwsClientStub<LambdaClient>;
  dynamodb: AwsClientStub<DynamoDBClient>;
  sts: AwsClientStub<STSClient>;
  ec2: AwsClientStub<EC2Client>;
  consumerKafka: AwsClientStub<KafkaClient>;
  consumerEc2: AwsClientStub<EC2Client>;
  consumerLambda: AwsClientStub<LambdaClient>;
  consumerSecrets: AwsClientStub<SecretsManagerClient>;
}

/** The world's state the mocks answer from and change: what a test asserts on afterwards. */
export interface WorldState {
  policy: string | null;
  policyVersion: number;
  multiVpcScram: boolean;
  operationChecks: number;
  vpcConnection?: { arn: string; state: string; tags: Record<string, string> };
  vpcConnectionChecks: number;
  secretCreated: boolean;
  copy?: { arn: string; value: string };
  mappings: EventSourceMappingConfiguration[];
  mappingChecks: number;
  lockHeldOnce: boolean;
}

/**
 * A fake but consistent AWS for private access runs: every mocked call reads and changes one state
 * (cluster, policy, VPC connection, secrets, mappings, lock). `vpcConnectionFails` makes the consumer's
 * VPC connection settle FAILED.
 */
export function privateAccessWorld(options: { principal: string; vpcConnectionFails?: boolean }) {
  const state: WorldState = {
    policy: FOREIGN_POLICY,
    policyVersion: 1,
    multiVpcScram: false,
    operationChecks: 0,
    vpcConnectionChecks: 0,
    secretCreated: false,
    mappings: [],
    mappingChecks: 0,
    lockHeldOnce: true,
  };
  const clients = {
    kafka: new KafkaClient({ region: 'cn-northwest-1' }),
    secretsManager: new SecretsManagerClient({ region: 'cn-northwest-1' }),
    lambda: new LambdaClient({ region: 'cn-northwest-1' }),
    dynamodb: new DynamoDBClient({ region: 'cn-northwest-1' }),
    sts: new STSClient({ region: 'cn-northwest-1' }),
    ec2: new EC2Client({ region: 'cn-northwest-1' }),
  };
  const consumer = {
    kafka: new KafkaClient({ region: 'cn-northwest-1' }),
    ec2: new EC2Client({ region: 'cn-northwest-1' }),
    lambda: new LambdaClient({ region: 'cn-northwest-1' }),
    secretsManager: new SecretsManagerClient({ region: 'cn-northwest-1' }),
  };
  const mocks: PrivateAccessMocks = {
    kafka: mockClient(clients.kafka),
    secrets: mockClient(clients.secretsManager),
    lambda: mockClient(clients.lambda),
    dynamodb: mockClient(clients.dynamodb),
    sts: mockClient(clients.sts),
    ec2: mockClient(clients.ec2),
    consumerKafka: mockClient(consumer.kafka),
    consumerEc2: mockClient(consumer.ec2),
    consumerLambda: mockClient(consumer.lambda),
    consumerSecrets: mockClient(consumer.secretsManager),
  };
  const secretName = `AmazonMSK_${options.principal}`;
  const secretArn = secretArnOf(options.principal);

  // Cluster account: MSK.
  mocks.kafka.on(DescribeClusterV2Command).callsFake(() => {
    const info = clusterInfo('ACTIVE').ClusterInfo;
    return {
      ClusterInfo: {
        ...info,
        CurrentVersion: `K${state.policyVersion}${state.multiVpcScram ? 'ON' : 'OFF'}`,
        Provisioned: {
          ...info.Provisioned,
          CurrentBrokerSoftwareInfo: {
            KafkaVersion: '3.6.0',
            ConfigurationArn:
              'arn:aws-cn:kafka:cn-northwest-1:111122223333:configuration/orders-acls/c0ffee00-1111-2222-3333-444455556666-2',
            ConfigurationRevision: 3,
          },
          BrokerNodeGroupInfo: {
            ...info.Provisioned.BrokerNodeGroupInfo,
            ZoneIds: ['cnnw1-az1', 'cnnw1-az2', 'cnnw1-az3'],
            ConnectivityInfo: {
              VpcConnectivity: {
                ClientAuthentication: { Sasl: { Scram: { Enabled: state.multiVpcScram } } },
              },
            },
          },
        },
      },
    };
  });
  mocks.kafka.on(DescribeConfigurationRevisionCommand).resolves({
    ServerProperties: new TextEncoder().encode(
      'auto.create.topics.enable=false\nallow.everyone.if.no.acl.found=false\n',
    ),
  });
  mocks.kafka.on(UpdateConnectivityCommand).callsFake(
    (input: {
      ConnectivityInfo?: {
        VpcConnectivity?: { ClientAuthentication?: { Sasl?: { Scram?: { Enabled?: boolean } } } };
      };
    }) => {
      state.multiVpcScram =
        input.ConnectivityInfo?.VpcConnectivity?.ClientAuthentication?.Sasl?.Scram?.Enabled === true;
      state.operationChecks = 0;
      return { ClusterArn: CLUSTER_ARN, ClusterOperationArn: OPERATION_ARN };
    },
  );
  mocks.kafka.on(DescribeClusterOperationV2Command).callsFake(() => {
    state.operationChecks += 1;
    return {
      ClusterOperationInfo: {
        OperationArn: OPERATION_ARN,
        OperationState: state.operationChecks < 2 ? 'UPDATE_IN_PROGRESS' : 'UPDATE_COMPLETE',
      },
    };
  });
  mocks.kafka.on(GetClusterPolicyCommand).callsFake(() => {
    if (state.policy === null)
      throw Object.assign(new Error('no policy'), { name: 'NotFoundException', $metadata: {} });
    return { Policy: state.policy, CurrentVersion: `v${state.policyVersion}` };
  });
  mocks.kafka.on(PutClusterPolicyCommand).callsFake((input: { Policy?: string }) => {
    state.policy = input.Policy ?? null;
    state.policyVersion += 1;
    return { CurrentVersion: `v${state.policyVersion}` };
  });
  mocks.kafka.on(ListClientVpcConnectionsCommand).callsFake(() => ({
    ClientVpcConnections:
      state.vpcConnection && !['DELETING', 'FAILED'].includes(state.vpcConnection.state)
        ? [
            {
              VpcConnectionArn: state.vpcConnection.arn,
              Owner: CONSUMER_ACCOUNT,
              State: state.vpcConnection.state as 'AVAILABLE',
            },
          ]
        : [],
  }));
  mocks.kafka.on(GetBootstrapBrokersCommand).callsFake(() => ({
    BootstrapBrokerStringSaslScram: 'b-1.orders.abc123.c2.kafka.cn-northwest-1.amazonaws.com.cn:9096',
    ...(state.multiVpcScram ? { BootstrapBrokerStringVpcConnectivitySaslScram: VPC_BOOTSTRAP } : {}),
  }));
  mocks.kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
  mocks.kafka
    .on(BatchAssociateScramSecretCommand)
    .resolves({ ClusterArn: CLUSTER_ARN, UnprocessedScramSecrets: [] });

  // Cluster account: the principal's secret.
  mocks.secrets.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
  mocks.secrets.on(DescribeSecretCommand).callsFake(() => {
    if (!state.secretCreated) throw notFound();
    return {
      ARN: secretArn,
      Name: secretName,
      KmsKeyId: 'arn:aws-cn:kms:cn-northwest-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      Tags: [],
    };
  });
  mocks.secrets.on(CreateSecretCommand).callsFake(() => {
    state.secretCreated = true;
    return { ARN: secretArn, Name: secretName };
  });
  mocks.secrets.on(GetSecretValueCommand).callsFake(() => {
    if (!state.secretCreated) throw notFound();
    return {
      ARN: secretArn,
      SecretString: JSON.stringify({ username: options.principal, password: PASSWORD }),
    };
  });
  mocks.secrets.on(DeleteSecretCommand).callsFake(() => {
    state.secretCreated = false;
    return {};
  });

  // Cluster account: lock (held by someone else on the first attempt), STS.
  mocks.dynamodb.on(PutItemCommand).callsFake(() => {
    if (state.lockHeldOnce) {
      state.lockHeldOnce = false;
      throw new ConditionalCheckFailedException({
        message: 'held',
        $metadata: {},
        Item: { owner: { S: 'other-execution' } },
      });
    }
    return {};
  });
  mocks.dynamodb.on(DeleteItemCommand).resolves({});
  mocks.sts.on(AssumeRoleCommand).resolves({
    Credentials: {
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 'example-secret-key',
      SessionToken: 'token',
      Expiration: new Date(Date.now() + 900_000),
    },
  });

  // Consumer account.
  mocks.consumerEc2.on(DescribeSubnetsCommand).resolves({
    Subnets: [
      {
        SubnetId: 'subnet-0a1b2c3d4e5f60711',
        AvailabilityZoneId: 'cnnw1-az1',
        VpcId: 'vpc-0a1b2c3d4e5f60718',
      },
      {
        SubnetId: 'subnet-0a1b2c3d4e5f60722',
        AvailabilityZoneId: 'cnnw1-az2',
        VpcId: 'vpc-0a1b2c3d4e5f60718',
      },
    ],
  });
  mocks.consumerKafka.on(ListVpcConnectionsCommand).callsFake(() => {
    const c = state.vpcConnection;
    if (c?.state === 'CREATING') {
      state.vpcConnectionChecks += 1;
      if (state.vpcConnectionChecks >= 3) c.state = options.vpcConnectionFails ? 'FAILED' : 'AVAILABLE';
    }
    return c
      ? {
          VpcConnections: [
            {
              VpcConnectionArn: c.arn,
              TargetClusterArn: CLUSTER_ARN,
              VpcId: 'vpc-0a1b2c3d4e5f60718',
              Authentication: 'SASL_SCRAM',
              State: c.state as 'AVAILABLE',
            },
          ],
        }
      : { VpcConnections: [] };
  });
  mocks.consumerKafka.on(CreateVpcConnectionCommand).callsFake((input: { Tags?: Record<string, string> }) => {
    state.vpcConnection = { arn: VPC_CONNECTION_ARN, state: 'CREATING', tags: { ...input.Tags } };
    return { VpcConnectionArn: VPC_CONNECTION_ARN, State: 'CREATING' };
  });
  mocks.consumerKafka.on(DescribeVpcConnectionCommand).callsFake(() => {
    if (!state.vpcConnection)
      throw Object.assign(new Error('gone'), { name: 'NotFoundException', $metadata: {} });
    return {
      VpcConnectionArn: state.vpcConnection.arn,
      State: state.vpcConnection.state as 'AVAILABLE',
      Tags: state.vpcConnection.tags,
    };
  });
  mocks.consumerKafka.on(DeleteVpcConnectionCommand).callsFake(() => {
    if (state.vpcConnection) state.vpcConnection.state = 'DELETING';
    return {};
  });
  mocks.consumerSecrets.on(GetSecretValueCommand).callsFake(() => {
    if (!state.copy) throw notFound();
    return { ARN: state.copy.arn, SecretString: state.copy.value };
  });
  mocks.consumerSecrets.on(DescribeSecretCommand).callsFake(() => {
    if (!state.copy) throw notFound();
    return { ARN: state.copy.arn, Tags: [{ Key: 'msk-flows:principal', Value: options.principal }] };
  });
  mocks.consumerSecrets
    .on(CreateSecretCommand)
    .callsFake((input: { Name?: string; SecretString?: string }) => {
      state.copy = {
        arn: `arn:aws-cn:secretsmanager:cn-northwest-1:${CONSUMER_ACCOUNT}:secret:${input.Name}-XyZ123`,
        value: input.SecretString ?? '',
      };
      return { ARN: state.copy.arn, VersionId: 'v1' };
    });
  mocks.consumerSecrets.on(DeleteSecretCommand).callsFake(() => {
    state.copy = undefined;
    return {};
  });
  // A mapping turns Enabled on the second listing after its creation (the first check still sees Creating).
  const listings = new Map<string, number>();
  mocks.consumerLambda.on(ListEventSourceMappingsCommand).callsFake((input: { FunctionName?: string }) => {
    state.mappingChecks += 1;
    const found = state.mappings.filter((m) => m.FunctionArn === input.FunctionName);
    for (const m of found) {
      const seen = (listings.get(m.UUID ?? '') ?? 0) + 1;
      listings.set(m.UUID ?? '', seen);
      if (seen >= 2) m.State = 'Enabled';
    }
    return { EventSourceMappings: found.map((m) => ({ ...m })) };
  });
  const mappingTags = new Map<string, Record<string, string>>();
  mocks.consumerLambda
    .on(ListTagsCommand)
    .callsFake((input: { Resource?: string }) => ({ Tags: mappingTags.get(input.Resource ?? '') ?? {} }));
  mocks.consumerLambda.on(DeleteEventSourceMappingCommand).callsFake((input: { UUID?: string }) => {
    state.mappings = state.mappings.filter((m) => m.UUID !== input.UUID);
    return {};
  });
  mocks.consumerLambda.on(CreateEventSourceMappingCommand).callsFake((input) => {
    const uuid = `0000000${state.mappings.length}-aaaa-bbbb-cccc-dddddddddddd`;
    const arn = `arn:aws-cn:lambda:cn-northwest-1:${CONSUMER_ACCOUNT}:event-source-mapping:${uuid}`;
    mappingTags.set(arn, { ...input.Tags });
    state.mappings.push({
      UUID: uuid,
      EventSourceMappingArn: arn,
      FunctionArn: input.FunctionName,
      EventSourceArn: input.EventSourceArn,
      SelfManagedEventSource: input.SelfManagedEventSource,
      Topics: input.Topics,
      State: 'Creating',
      AmazonManagedKafkaEventSourceConfig: input.AmazonManagedKafkaEventSourceConfig,
      SelfManagedKafkaEventSourceConfig: input.SelfManagedKafkaEventSourceConfig,
    });
    return { UUID: uuid, State: 'Creating' };
  });

  const deps: PrivateAccessDeps = {
    ...clients,
    consumerClients: () => consumer,
    logger: { info: jest.fn(), warn: jest.fn() },
    lockTable: 'msk-flows-test-cluster-locks',
    consumerSecretKey: 'alias/msk-flows/consumer-scram',
    now: () => new Date('2026-12-01T10:00:00Z'),
  };
  return { state, mocks, deps, mskClients: { kafka: clients.kafka, secretsManager: clients.secretsManager } };
}
