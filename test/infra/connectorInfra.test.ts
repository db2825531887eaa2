import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { exampleContext } from '../helpers/deployContext';

type Resources = Record<string, { Properties: Record<string, unknown> }>;

const resources = (stack: Stack, type: string): Resources =>
  Template.fromStack(stack).findResources(type) as Resources;

/** The function whose logical id starts with `prefix`. */
function fn(stack: Stack, prefix: string): Record<string, unknown> {
  const [found] = Object.entries(resources(stack, 'AWS::Lambda::Function')).filter(([id]) =>
    id.startsWith(prefix),
  );
  if (!found) throw new Error(`no function ${prefix}`);
  return found[1].Properties;
}

const securityGroupsOf = (stack: Stack, prefix: string): unknown[] =>
  ((fn(stack, prefix).VpcConfig as { SecurityGroupIds?: unknown[] } | undefined)?.SecurityGroupIds ?? []).map(
    (g) => stack.resolve(g),
  );

/** The functions that run connector code (REST calls to Kafka Connect among them). */
const CONNECTOR_CODE = [
  'TasksEnsureConnectors',
  'TasksDescribeConnectors',
  'TasksRemoveConnectors',
  'TasksPlanChanges',
  'TasksUndoChanges',
  // It undoes the Kafka Connect connectors an unfinished run holds in the ownership registry.
  'TasksFinishUnfinishedRuns',
];

describe('connector infrastructure', () => {
  const { onboarding } = buildAppWithoutBundling(exampleContext());
  const withoutConnectors = (() => {
    const context = exampleContext();
    delete context['msk-flows:mskConnect'];
    delete context['msk-flows:kafkaConnectUrl'];
    return buildAppWithoutBundling(context).onboarding;
  })();

  it('creates one retained log group for MSK Connect workers and hands its name to the connector code', () => {
    // Act
    const groups = Object.entries(resources(onboarding, 'AWS::Logs::LogGroup')).filter(([id]) =>
      id.startsWith('MskConnectWorkerLogs'),
    );

    // Assess
    expect(groups).toHaveLength(1);
    const [id, group] = groups[0] ?? ['', { Properties: {} }];
    expect(group.Properties).toMatchObject({ RetentionInDays: 90 });
    expect(Template.fromStack(onboarding).toJSON().Resources[id]).toMatchObject({ DeletionPolicy: 'Retain' });
    for (const name of [...CONNECTOR_CODE, 'TasksEnsureConnectorPlugins'])
      expect(
        (fn(onboarding, name).Environment as { Variables: Record<string, unknown> }).Variables,
      ).toMatchObject({ MSK_CONNECT_LOG_GROUP: { Ref: id } });
    expect(Template.fromStack(onboarding).findOutputs('MskConnectWorkerLogGroup')).not.toEqual({});
  });

  it('creates no worker log group and no Kafka Connect security group when neither is configured', () => {
    // Act
    const groups = Object.keys(resources(withoutConnectors, 'AWS::Logs::LogGroup'));
    const sgs = Object.keys(resources(withoutConnectors, 'AWS::EC2::SecurityGroup'));

    // Assess
    expect(groups.filter((id) => id.startsWith('MskConnect'))).toEqual([]);
    expect(sgs.filter((id) => id.startsWith('KafkaConnectAccess'))).toEqual([]);
    expect(securityGroupsOf(withoutConnectors, 'TasksEnsureConnectors')).toEqual(['sg-0123456789abcdef0']);
  });

  it('lets the VPC-bound connector code reach the Kafka Connect REST port, and nothing else through that group', () => {
    // Act
    const sgs = Object.entries(resources(onboarding, 'AWS::EC2::SecurityGroup')).filter(([id]) =>
      id.startsWith('KafkaConnectAccess'),
    );

    // Assess: the port of msk-flows:kafkaConnectUrl (https://connect.orders.internal:8083), egress only.
    expect(sgs).toHaveLength(1);
    const [id, sg] = sgs[0] ?? ['', { Properties: {} }];
    expect(sg.Properties.SecurityGroupEgress).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 8083, ToPort: 8083, CidrIp: '0.0.0.0/0' }),
    ]);
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    const connectSg = { 'Fn::GetAtt': [id, 'GroupId'] };
    for (const name of CONNECTOR_CODE)
      expect(securityGroupsOf(onboarding, name)).toEqual(['sg-0123456789abcdef0', connectSg]);
    for (const name of ['TasksGrantAcls', 'TasksEnsureTopics', 'TasksCommitRun'])
      expect(securityGroupsOf(onboarding, name)).toEqual(['sg-0123456789abcdef0']);
    expect(Template.fromStack(onboarding).findOutputs('KafkaConnectClientSecurityGroupId')).toEqual({
      KafkaConnectClientSecurityGroupId: expect.objectContaining({ Value: connectSg }),
    });
  });
});
