import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { DESCRIBE_CLIENT_ERROR } from '../../infra/constructs/workflowApi';

const { onboarding } = buildAppWithoutBundling();
const template = Template.fromStack(onboarding);

type Statement = { Action: string | string[]; Resource: unknown };

/** The statements of the role of the function whose logical id starts with `prefix`. */
function roleStatements(prefix: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy') as Record<
    string,
    { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } } }
  >;
  return Object.values(policies)
    .filter((p) => p.Properties.Roles.some((r) => r.Ref.startsWith(prefix)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('WorkflowApi', () => {
  it.each([
    ['onboardings', 'WorkflowsOnboarding'],
    ['offboardings', 'WorkflowsOffboarding'],
  ])(
    'POST /%s goes to a function that may start its own machine and read its executions only',
    (resource, machine) => {
      // Act
      const statements = roleStatements(`WorkflowApi${resource}StartRole`);

      // Assess
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.handler',
        Environment: {
          Variables: Match.objectLike({ STATE_MACHINE_ARN: { Ref: Match.stringLikeRegexp(machine) } }),
        },
      });
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: 'states:StartExecution',
          Resource: { Ref: expect.stringMatching(machine) },
        }),
      );
      const describe = statements.find((s) => s.Action === 'states:DescribeExecution');
      expect(JSON.stringify(describe?.Resource)).toContain(
        `:execution:msk-flows-dev-${resource.replace('ings', 'ing')}:*`,
      );
    },
  );

  it('answers GET /{name} with 200, 404 for an unknown or malformed name, 429, 500 for our faults, 502 for Step Functions failing', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: Match.objectLike({
        Type: 'AWS',
        IntegrationResponses: [
          Match.objectLike({ StatusCode: '200' }),
          {
            StatusCode: '404',
            SelectionPattern: '4\\d{2}',
            ResponseTemplates: { 'application/json': DESCRIBE_CLIENT_ERROR },
          },
          Match.objectLike({ StatusCode: '502', SelectionPattern: '5\\d{2}' }),
        ],
      }),
      MethodResponses: ['200', '404', '429', '500', '502'].map((StatusCode) => ({ StatusCode })),
    });
    expect(DESCRIBE_CLIENT_ERROR).toMatch(
      /ExecutionDoesNotExist'\) \|\| \$type\.endsWith\('InvalidArn'\)\)\n#set\(\$context\.responseOverride\.status = 404\)/,
    );
    expect(DESCRIBE_CLIENT_ERROR).toMatch(
      /ThrottlingException'\)\)\n#set\(\$context\.responseOverride\.status = 429\)/,
    );
    expect(DESCRIBE_CLIENT_ERROR).toMatch(/#else\n#set\(\$context\.responseOverride\.status = 500\)/);
  });

  it('reads executions of its own machine only, and starts none from GET', () => {
    // Act
    const statements = roleStatements('WorkflowApionboardingsRole');

    // Assess
    expect(statements.map((s) => s.Action)).toEqual(['states:DescribeExecution']);
    expect(JSON.stringify(statements[0]?.Resource)).toContain(':execution:msk-flows-dev-onboarding:*');
  });
});
