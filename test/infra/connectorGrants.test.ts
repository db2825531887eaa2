import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { ContextError, readDeploymentConfig } from '../../infra/config';
import { exampleContext, exampleContextIn } from '../helpers/deployContext';

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** The problems readDeploymentConfig reports for `context`, or [] when it accepts it. */
function problems(context: Record<string, unknown>): string[] {
  try {
    readDeploymentConfig(new App({ context }));
    return [];
  } catch (error) {
    if (error instanceof ContextError) return error.problems;
    throw error;
  }
}

function statements(stack: Stack): Statement[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy') as Record<
    string,
    { Properties: { PolicyDocument: { Statement: Statement[] } } }
  >;
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

/** The environment of every function whose logical id starts with `prefix`. */
function environmentOf(stack: Stack, prefix: string): Record<string, unknown> {
  const fns = Template.fromStack(stack).findResources('AWS::Lambda::Function') as Record<
    string,
    { Properties: { Environment?: { Variables: Record<string, unknown> } } }
  >;
  const [found] = Object.entries(fns).filter(([id]) => id.startsWith(prefix));
  return found?.[1].Properties.Environment?.Variables ?? {};
}

const ROLE = 'arn:aws:iam::111122223333:role/msk-flows-connect-orders';

describe('connector settings and grants', () => {
  it('passes the Kafka Connect URL and the MSK Connect setup to the functions that run connector code', () => {
    // Act
    const { onboarding } = buildAppWithoutBundling(exampleContext());

    // Assess
    for (const fn of [
      'TasksEnsureConnectors',
      'TasksRemoveConnectors',
      'TasksPlanChanges',
      'TasksUndoChanges',
    ])
      expect(environmentOf(onboarding, fn)).toMatchObject({
        KAFKA_CONNECT_URL: 'https://connect.orders.internal:8083',
        MSK_CONNECT_SERVICE_EXECUTION_ROLE_ARNS: 'arn:aws-cn:iam::111122223333:role/msk-flows-connect-orders',
        MSK_CONNECT_PLUGIN_BUCKET_ARN: 'arn:aws-cn:s3:::orders-connect-plugins-111122223333',
      });
    expect(environmentOf(onboarding, 'TasksGrantAcls')).not.toHaveProperty('KAFKA_CONNECT_URL');
  });

  it('lets the connector task pass only the configured service execution role, and only to MSK Connect', () => {
    // Act
    const { onboarding } = buildAppWithoutBundling(exampleContextIn('eu-west-1'));

    // Assess
    const passRole = statements(onboarding).filter((s) => [s.Action].flat().includes('iam:PassRole'));
    expect(passRole).toEqual([
      expect.objectContaining({
        Sid: expect.stringMatching(/^EnsureConnectorsCalls/),
        Resource: ROLE,
        Condition: { StringEquals: { 'iam:PassedToService': 'kafkaconnect.amazonaws.com' } },
      }),
    ]);
  });

  it('lets only the role-policy steps read, put or delete inline policies, and only on the configured roles', () => {
    // Act
    const { onboarding } = buildAppWithoutBundling(exampleContextIn('eu-west-1'));

    // Assess
    const rolePolicy = statements(onboarding)
      .filter((s) => [s.Action].flat().some((a) => /^iam:(Get|Put|Delete)RolePolicy$/.test(a)))
      .map((s) => [s.Sid?.replace(/\d+$/, ''), [s.Action].flat(), s.Resource]);
    expect(rolePolicy.sort()).toEqual(
      [
        ['EnsureConnectorPluginsCalls', ['iam:GetRolePolicy'], ROLE],
        ['EnsureConnectorPluginsCalls', ['iam:PutRolePolicy'], ROLE],
        ['FinishRunsConnectorsCalls', ['iam:GetRolePolicy'], ROLE],
        ['FinishRunsConnectorsCalls', ['iam:DeleteRolePolicy'], ROLE],
        ['PlanConnectorsCalls', ['iam:GetRolePolicy'], ROLE],
        ['RemoveConnectorsCalls', ['iam:DeleteRolePolicy'], ROLE],
        ['UndoConnectorsCalls', ['iam:GetRolePolicy'], ROLE],
        ['UndoConnectorsCalls', ['iam:DeleteRolePolicy'], ROLE],
        ['UndoConnectorsCalls', ['iam:PutRolePolicy'], ROLE],
      ].sort(),
    );
  });

  it('grants no MSK Connect or IAM action when MSK Connect is not set up', () => {
    // Act
    const { onboarding } = buildAppWithoutBundling({});

    // Assess
    const actions = statements(onboarding).flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => /^(kafkaconnect|iam):/.test(a))).toEqual([]);
  });

  it.each([
    ['msk-flows:kafkaConnectUrl', 'https://admin:secret@connect:8083', 'msk-flows:kafkaConnectUrl: must be'],
    ['msk-flows:kafkaConnectUrl', 'connect:8083', 'msk-flows:kafkaConnectUrl: must be'],
    [
      'msk-flows:mskConnect',
      { serviceExecutionRoleArns: ['role/x'], pluginBucketArn: 'arn:aws:s3:::plugins' },
      'msk-flows:mskConnect.serviceExecutionRoleArns[0]: must be an IAM role ARN',
    ],
    [
      'msk-flows:mskConnect',
      { serviceExecutionRoleArns: [ROLE] },
      'msk-flows:mskConnect.pluginBucketArn: required',
    ],
    [
      'msk-flows:mskConnect',
      {
        serviceExecutionRoleArns: ['arn:aws-cn:iam::999999999999:role/elsewhere'],
        pluginBucketArn: 'arn:aws-cn:s3:::plugins',
      },
      'msk-flows:mskConnect: serviceExecutionRoleArns: arn:aws-cn:iam::999999999999:role/elsewhere is not a role of account 111122223333',
    ],
  ])('refuses %s = %j, naming the key', (key, value, problem) => {
    // Act
    const found = problems({ ...exampleContext(), [key]: value });

    // Assess
    expect(found).toEqual([expect.stringContaining(problem)]);
  });
});
