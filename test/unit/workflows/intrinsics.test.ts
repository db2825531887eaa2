import { extractStateMachineDefinition, UnsupportedDefinitionError } from '../../../workflows/local/index';
import { partitionFor, resolveToken, type TokenEnvironment } from '../../../workflows/local/intrinsics';

const template = {
  Parameters: { Stage: { Default: 'dev' } },
  Resources: {
    WorkerFn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler' } },
    Alerts: { Type: 'AWS::SNS::Topic' },
    Dlq: { Type: 'AWS::SQS::Queue' },
  },
};
// CloudFormation's `${…}` syntax, spelled so that it is not mistaken for a JS template placeholder.
const D = '$';

const env: TokenEnvironment = {
  partition: 'aws-cn',
  region: 'cn-northwest-1',
  account: '111122223333',
  stackName: 'Test',
  template,
};

describe('resolveToken', () => {
  it.each([
    [{ Ref: 'AWS::Partition' }, 'aws-cn'],
    [{ Ref: 'AWS::URLSuffix' }, 'amazonaws.com.cn'],
    [{ Ref: 'Stage' }, 'dev'],
    [{ Ref: 'Alerts' }, 'arn:aws-cn:sns:cn-northwest-1:111122223333:Alerts'],
    [{ Ref: 'Dlq' }, 'https://sqs.cn-northwest-1.amazonaws.com.cn/111122223333/Dlq'],
    [
      { 'Fn::GetAtt': ['WorkerFn', 'Arn'] },
      'arn:aws-cn:lambda:cn-northwest-1:111122223333:function:WorkerFn',
    ],
    [{ 'Fn::GetAtt': 'Dlq.Arn' }, 'arn:aws-cn:sqs:cn-northwest-1:111122223333:Dlq'],
    [{ 'Fn::Join': ['-', ['a', { Ref: 'Stage' }]] }, 'a-dev'],
    [{ 'Fn::Select': [1, { 'Fn::Split': ['/', 'x/y/z'] }] }, 'y'],
    [
      { 'Fn::Sub': [`arn:${D}{AWS::Partition}:s3:::${D}{Bucket}-${D}{!Literal}`, { Bucket: 'b' }] },
      `arn:aws-cn:s3:::b-${D}{Literal}`,
    ],
    [{ 'Fn::Sub': `${D}{WorkerFn.Arn}` }, 'arn:aws-cn:lambda:cn-northwest-1:111122223333:function:WorkerFn'],
  ])('resolves %j to %s', (token, expected) => {
    // Act
    const resolved = resolveToken(token, env);

    // Assess
    expect(resolved).toBe(expected);
  });

  it('refuses intrinsics it cannot reproduce and references to unknown resources', () => {
    // Act
    const conditional = () => resolveToken({ 'Fn::If': ['IsProd', 'a', 'b'] }, env);
    const unknown = () => resolveToken({ Ref: 'Nope' }, env);

    // Assess
    expect(conditional).toThrow(UnsupportedDefinitionError);
    expect(unknown).toThrow("Ref to 'Nope'");
  });
});

describe('partitionFor', () => {
  it.each([
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['eu-west-1', 'aws'],
  ])('maps %s to %s', (region, partition) => {
    // Act
    const found = partitionFor(region);

    // Assess
    expect(found).toBe(partition);
  });
});

describe('extractStateMachineDefinition from template JSON', () => {
  it('resolves tokens inside a Definition object and escapes spliced values', () => {
    // Prepare
    const withMachine = {
      ...template,
      Parameters: { Note: { Default: 'say "hi"' } },
      Resources: {
        ...template.Resources,
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString: {
              'Fn::Join': [
                '',
                [
                  '{"StartAt":"Work","Comment":"',
                  { Ref: 'Note' },
                  '","States":{"Work":{"Type":"Task","Resource":"',
                  { 'Fn::GetAtt': ['WorkerFn', 'Arn'] },
                  '","End":true}}}',
                ],
              ],
            },
          },
        },
        Other: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            Definition: {
              StartAt: 'Notify',
              States: {
                Notify: { Type: 'Pass', Parameters: { 'topic.$': '$.t', arn: { Ref: 'Alerts' } }, End: true },
              },
            },
          },
        },
      },
    };

    // Act
    const machine = extractStateMachineDefinition(withMachine, 'Machine', {
      partition: 'aws',
      region: 'eu-west-1',
    });
    const other = extractStateMachineDefinition(withMachine, 'Other');

    // Assess
    expect(machine.definition.Comment).toBe('say "hi"');
    expect(machine.definition.States.Work.Resource).toBe(
      'arn:aws:lambda:eu-west-1:123456789012:function:WorkerFn',
    );
    expect(machine.taskResources.get('Work')).toEqual({
      stateName: 'Work',
      integration: 'lambda-function',
      functionLogicalId: 'WorkerFn',
      functionPath: undefined,
      functionHandler: 'index.handler',
    });
    expect(other.definition.States.Notify.Parameters).toEqual({
      'topic.$': '$.t',
      arn: 'arn:aws:sns:us-east-1:123456789012:Alerts',
    });
  });
});
