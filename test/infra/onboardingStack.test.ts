import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';

type Statement = {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Condition?: { Null?: Record<string, string> };
};

/** ` if tagged <key>` / ` if tagging <key>`: the tag a statement requires on the secret or in the request. */
function tagCondition(statement: Statement): string {
  return Object.keys(statement.Condition?.Null ?? {})
    .map((k) => k.replace(/^aws:ResourceTag\//, ' if tagged ').replace(/^aws:RequestTag\//, ' if tagging '))
    .join('');
}

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
      Integration: Match.objectLike({ Type: 'AWS_PROXY' }),
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

  /** `<Action> <secret name pattern>` for every Secrets Manager grant of a task's role. */
  function secretGrants(task: string): string[] {
    return statements(template)
      .filter(({ policy }) => policy.startsWith(`Tasks${task}Role`))
      .flatMap(({ statement }) => {
        const resources = [statement.Resource]
          .flat()
          .map((r) => /:secret:([^"]+)"/.exec(JSON.stringify(r))?.[1] ?? JSON.stringify(r));
        return [statement.Action]
          .flat()
          .filter((a) => a.startsWith('secretsmanager:'))
          .flatMap((a) =>
            resources.map((r) => `${a.slice('secretsmanager:'.length)} ${r}${tagCondition(statement)}`),
          );
      })
      .sort();
  }

  // What each task's code sends to Secrets Manager, on which secrets (`msk-flows/admin/*`: a self-managed
  // cluster's admin secret; `AmazonMSK_*` tagged `msk-flows:admin`: an MSK SCRAM admin's; tagged
  // `msk-flows:principal`: the principals' SCRAM secrets msk-flows created).
  it.each([
    [
      'EnsureScramSecret',
      [
        'CreateSecret AmazonMSK_* if tagging msk-flows:principal',
        'DescribeSecret AmazonMSK_*',
        'GetRandomPassword "*"',
        'GetSecretValue AmazonMSK_* if tagged msk-flows:admin',
        'GetSecretValue AmazonMSK_* if tagged msk-flows:principal',
        'GetSecretValue msk-flows/admin/*',
        'PutSecretValue AmazonMSK_* if tagged msk-flows:principal',
        'RestoreSecret AmazonMSK_* if tagged msk-flows:principal',
        'TagResource AmazonMSK_* if tagged msk-flows:principal',
        'TagResource AmazonMSK_* if tagging msk-flows:principal',
      ],
    ],
    // Kafka-facing (the ownership registry lives in the cluster): the admin secret besides its own.
    [
      'AssociateScramSecret',
      [
        'DescribeSecret AmazonMSK_*',
        'GetSecretValue AmazonMSK_* if tagged msk-flows:admin',
        'GetSecretValue msk-flows/admin/*',
      ],
    ],
    [
      'UpsertScramUser',
      [
        'CreateSecret AmazonMSK_* if tagging msk-flows:principal',
        'DeleteSecret AmazonMSK_* if tagged msk-flows:principal',
        'DescribeSecret AmazonMSK_*',
        'GetSecretValue AmazonMSK_* if tagged msk-flows:principal',
        'GetSecretValue msk-flows/admin/*',
        'PutSecretValue AmazonMSK_* if tagged msk-flows:principal',
        'RestoreSecret AmazonMSK_* if tagged msk-flows:principal',
        'TagResource AmazonMSK_* if tagging msk-flows:principal',
      ],
    ],
    [
      'PlanChanges',
      [
        'DescribeSecret AmazonMSK_*',
        'GetSecretValue AmazonMSK_* if tagged msk-flows:admin',
        'GetSecretValue AmazonMSK_* if tagged msk-flows:principal',
        'GetSecretValue msk-flows/admin/*',
      ],
    ],
    [
      'UndoChanges',
      [
        'DeleteSecret AmazonMSK_* if tagged msk-flows:principal',
        'DescribeSecret AmazonMSK_*',
        'GetSecretValue AmazonMSK_* if tagged msk-flows:admin',
        'GetSecretValue msk-flows/admin/*',
      ],
    ],
    [
      'RemoveCredentials',
      [
        'DeleteSecret AmazonMSK_* if tagged msk-flows:principal',
        'DescribeSecret AmazonMSK_*',
        'GetSecretValue AmazonMSK_* if tagged msk-flows:principal',
        'GetSecretValue msk-flows/admin/*',
      ],
    ],
    ['VerifyAccess', ['GetSecretValue AmazonMSK_* if tagged msk-flows:principal']],
    [
      'EnsureTopics',
      ['GetSecretValue AmazonMSK_* if tagged msk-flows:admin', 'GetSecretValue msk-flows/admin/*'],
    ],
    [
      'FinishUnfinishedRuns',
      [
        'DeleteSecret AmazonMSK_* if tagged msk-flows:principal',
        'DescribeSecret AmazonMSK_*',
        'GetSecretValue AmazonMSK_* if tagged msk-flows:admin',
        'GetSecretValue msk-flows/admin/*',
      ],
    ],
    ['DescribeCluster', []],
  ])('lets the %s task call exactly the Secrets Manager actions its code sends', (task, expected) => {
    // Act
    const grants = secretGrants(task);

    // Assess
    expect(grants).toEqual(expected);
  });

  it('reads, changes or deletes an AmazonMSK_ secret only when it carries a tag of ours', () => {
    // Act
    const untagged = statements(template).filter(
      ({ statement }) =>
        JSON.stringify(statement.Resource).includes(':secret:AmazonMSK_*') &&
        [statement.Action].flat().some((a) => a !== 'secretsmanager:DescribeSecret') &&
        tagCondition(statement) === '',
    );

    // Assess
    expect(untagged.map(({ policy }) => policy)).toEqual([]);
  });

  it('encrypts SCRAM secrets with the platform key: tasks get its ARN, never the default key', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SCRAM_SECRET_KMS_KEY_ARN: Match.anyValue() }) },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('aws/secretsmanager');
  });
});
