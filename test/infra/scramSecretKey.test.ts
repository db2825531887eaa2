import { Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { SCRAM_KEY_USER_TAG } from '../../infra/constructs/scramSecretKey';
import { exampleContext, ingestWith } from '../helpers/deployContext';

const ingestSection = () => exampleContext()['msk-flows:ingest'] as { consumer: Record<string, unknown> };

type Statement = { Sid?: string; Action: string | string[]; Condition?: unknown; Principal?: unknown };

const built = buildAppWithoutBundling(exampleContext());
const platform = Template.fromStack(built.platform);
const ingest = Template.fromStack(built.ingest);
const onboarding = Template.fromStack(built.onboarding);
const keyTag = { Key: SCRAM_KEY_USER_TAG, Value: 'prod' };

/** Logical ids of the roles of `template` that carry the SCRAM key user tag. */
function taggedRoles(template: Template): string[] {
  const roles = template.findResources('AWS::IAM::Role') as Record<
    string,
    { Properties: { Tags?: unknown[] } }
  >;
  return Object.entries(roles)
    .filter(([, r]) => (r.Properties.Tags ?? []).some((t) => JSON.stringify(t) === JSON.stringify(keyTag)))
    .map(([id]) => id);
}

/** The statements of the policies attached to the role whose logical id starts with `rolePrefix`. */
function roleStatements(template: Template, rolePrefix: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy') as Record<
    string,
    { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } } }
  >;
  return Object.values(policies)
    .filter((p) => p.Properties.Roles.some((r) => r.Ref.startsWith(rolePrefix)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('SCRAM secret key', () => {
  it('lets the account administer the key but decrypt only tagged roles of this deployment, through Secrets Manager', () => {
    // Act
    const [key] = Object.values(platform.findResources('AWS::KMS::Key')) as {
      Properties: { KeyPolicy: { Statement: Statement[] } };
    }[];
    const statements = key?.Properties.KeyPolicy.Statement ?? [];

    // Assess
    const uses = statements.filter((s) =>
      [s.Action].flat().some((a) => /^kms:(\*|Decrypt|GenerateDataKey)/.test(a)),
    );
    expect(uses).toEqual([
      expect.objectContaining({
        Sid: 'SecretsOfThisDeployment',
        Condition: {
          StringEquals: {
            [`aws:PrincipalTag/${SCRAM_KEY_USER_TAG}`]: 'prod',
            'kms:ViaService': {
              'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
            },
          },
          ArnLike: {
            'aws:PrincipalArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':iam::',
                  { Ref: 'AWS::AccountId' },
                  ':role/MskFlows-prod-*',
                ],
              ],
            },
          },
        },
      }),
    ]);
    expect(statements.find((s) => s.Sid === 'Administration')?.Action).not.toContain('kms:Decrypt');
  });

  it.each([
    ['the Kinesis → Kafka bridge', 'KinesisToKafkaFunctionRole'],
    ['the IoT Kafka rule', 'IotToS3KafkaRuleRuleRole'],
  ])('lets %s decrypt its AmazonMSK_ secret with the platform key, and tags its role', (_name, role) => {
    // Act
    const statements = roleStatements(ingest, role);

    // Assess
    expect(taggedRoles(ingest).some((id) => id.startsWith(role))).toBe(true);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Resource: { 'Fn::ImportValue': expect.stringMatching(/ScramSecretKey/) },
        Condition: { StringEquals: { 'kms:ViaService': expect.anything() } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({ Action: 'secretsmanager:GetSecretValue', Resource: expect.anything() }),
    );
  });

  it('tags exactly the onboarding roles granted the key', () => {
    // Act
    const tagged = taggedRoles(onboarding);
    const granted = tagged.filter((id) =>
      roleStatements(onboarding, id).some((s) => JSON.stringify(s).includes('ScramSecretKey')),
    );

    // Assess
    expect(tagged.length).toBeGreaterThan(0);
    expect(granted).toEqual(tagged);
    expect(tagged.some((id) => id.startsWith('TasksValidateRequestRole'))).toBe(false);
  });

  it('gives a consumer in the producer account the platform key, and one in its own account the key it names', () => {
    // Prepare
    const { consumer } = ingestSection();
    const sameAccount = ingestWith('consumer', { ...consumer, scramSecretKeyArn: undefined });
    const shared = buildAppWithoutBundling({
      ...sameAccount,
      'msk-flows:consumerAccount': undefined,
    }).consumer;
    const separate = built.consumer;

    // Act
    const decrypts = (t: Template) =>
      roleStatements(t, 'KafkaToS3FunctionRole').filter((s) => s.Action === 'kms:Decrypt');

    // Assess
    expect(JSON.stringify(decrypts(Template.fromStack(shared as never)))).toContain('ScramSecretKey');
    expect(JSON.stringify(decrypts(Template.fromStack(separate as never)))).toContain(
      ':kms:cn-northwest-1:444455556666:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
    );
  });
});
