import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Every IAM policy statement of the template, with the policy's logical id. */
function statements(template: Template): { policy: string; statement: Statement }[] {
  const policies = template.findResources('AWS::IAM::Policy') as Record<
    string,
    { Properties: { PolicyDocument: { Statement: Statement[] } } }
  >;
  return Object.entries(policies).flatMap(([policy, p]) =>
    p.Properties.PolicyDocument.Statement.map((statement) => ({ policy, statement })),
  );
}

describe('OnboardingStack', () => {
  const { onboarding } = buildAppWithoutBundling();
  const template = Template.fromStack(onboarding);

  it('deploys both workflows as Standard state machines, logged and traced', () => {
    // Assess
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 2);
    template.allResourcesProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  it('runs every task on nodejs24.x with active tracing', () => {
    // Assess
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      TracingConfig: { Mode: 'Active' },
    });
  });

  it('starts and reads executions through an IAM-authorized API whose POST body is validated', () => {
    // Assess
    template.allResourcesProperties('AWS::ApiGateway::Method', { AuthorizationType: 'AWS_IAM' });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestValidatorId: Match.anyValue(),
      RequestModels: { 'application/json': Match.anyValue() },
      Integration: Match.objectLike({
        Uri: Match.objectLike({
          'Fn::Join': Match.arrayWith([Match.arrayWith([':states:action/StartExecution'])]),
        }),
      }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      Schema: Match.objectLike({ required: Match.arrayWith(['requestId', 'cluster', 'principal']) }),
    });
  });

  it('grants no wildcard action, and secret writes only on AmazonMSK_ secrets', () => {
    // Act
    const all = statements(template);

    // Assess
    for (const { statement } of all) {
      const actions = [statement.Action].flat();
      expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
    }
    const secretWrites = all.filter(({ statement }) =>
      [statement.Action]
        .flat()
        .some((a) => a === 'secretsmanager:CreateSecret' || a === 'secretsmanager:DeleteSecret'),
    );
    expect(secretWrites.length).toBeGreaterThan(0);
    for (const { statement } of secretWrites) {
      expect(JSON.stringify(statement.Resource)).toContain(':secret:AmazonMSK_*');
    }
  });

  it.each([
    [
      'EnsureScramSecret',
      [
        'CreateSecret',
        'DescribeSecret',
        'GetRandomPassword',
        'GetSecretValue',
        'PutSecretValue',
        'RestoreSecret',
        'TagResource',
      ],
    ],
    // Kafka-facing tasks also read the cluster's admin secret (GetSecretValue).
    ['PlanChanges', ['DescribeSecret', 'GetSecretValue']],
    ['UndoChanges', ['DeleteSecret', 'DescribeSecret', 'GetSecretValue']],
    ['RemoveCredentials', ['DeleteSecret', 'DescribeSecret', 'GetSecretValue']],
  ])('lets the %s task call exactly the Secrets Manager actions its code sends', (task, expected) => {
    // Act
    const actions = statements(template)
      .filter(({ policy }) => policy.startsWith(`Tasks${task}Role`))
      .flatMap(({ statement }) => [statement.Action].flat())
      .filter((a) => a.startsWith('secretsmanager:'))
      .map((a) => a.slice('secretsmanager:'.length));

    // Assess
    expect([...new Set(actions)].sort()).toEqual(expected);
  });

  it('encrypts SCRAM secrets with the platform key: tasks get its ARN, never the default key', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SCRAM_SECRET_KMS_KEY_ARN: Match.anyValue() }) },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('aws/secretsmanager');
  });
});
