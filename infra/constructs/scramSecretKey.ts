import { Aws, RemovalPolicy, Tags } from 'aws-cdk-lib';
import {
  AccountRootPrincipal,
  type IGrantable,
  PolicyDocument,
  PolicyStatement,
  Role,
} from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** The principal tag that marks a role of this deployment as a user of the SCRAM secret key. */
export const SCRAM_KEY_USER_TAG = 'msk-flows:scram-key-user';

/** Key management, never use: who may decrypt is said by the usage statements only. */
const ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

export interface ScramSecretKeyProps {
  stage: string;
  /**
   * The name prefix of this deployment's roles (CloudFormation names a role `<stack>-<logical id>-<suffix>`,
   * and every stack of the app is `MskFlows-<stage>-…`). Default `MskFlows-<stage>-`.
   */
  roleNamePrefix?: string;
}

/**
 * The customer-managed KMS key that encrypts `AmazonMSK_…` SCRAM secrets. MSK refuses secrets encrypted
 * with the default `aws/secretsmanager` key:
 * https://docs.aws.amazon.com/msk/latest/developerguide/msk-password-tutorial.html
 * Its key policy names who may use it: roles of this deployment (named `MskFlows-<stage>-…`) tagged
 * `msk-flows:scram-key-user=<stage>`
 * (each also needs the IAM grant), through Secrets Manager only, plus the grants MSK takes to read an
 * associated secret. The account administers the key but cannot decrypt with it by IAM policy alone.
 */
export class ScramSecretKey extends Construct {
  readonly key: Key;
  readonly stage: string;

  constructor(scope: Construct, id: string, props: ScramSecretKeyProps) {
    super(scope, id);
    this.stage = props.stage;
    // Who may use the key: a role of this deployment (by its name) that msk-flows tagged as a key user.
    const rolesOfThisDeployment = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${props.roleNamePrefix ?? `MskFlows-${props.stage}-`}*`;
    const tagged = {
      StringEquals: { [`aws:PrincipalTag/${SCRAM_KEY_USER_TAG}`]: props.stage },
      ArnLike: { 'aws:PrincipalArn': rolesOfThisDeployment },
    };
    const policy = new PolicyDocument({
      statements: [
        new PolicyStatement({
          sid: 'Administration',
          principals: [new AccountRootPrincipal()],
          actions: ADMIN_ACTIONS,
          resources: ['*'],
        }),
        new PolicyStatement({
          sid: 'SecretsOfThisDeployment',
          principals: [new AccountRootPrincipal()],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: ['*'],
          conditions: {
            // Secrets Manager decrypts on the caller's behalf; nobody decrypts these secrets' keys directly.
            StringEquals: {
              ...tagged.StringEquals,
              'kms:ViaService': `secretsmanager.${Aws.REGION}.${Aws.URL_SUFFIX}`,
            },
            ArnLike: tagged.ArnLike,
          },
        }),
        new PolicyStatement({
          // BatchAssociateScramSecret lets MSK read the secret through a grant; disassociation retires it.
          sid: 'MskGrants',
          principals: [new AccountRootPrincipal()],
          actions: ['kms:CreateGrant', 'kms:RetireGrant'],
          resources: ['*'],
          conditions: tagged,
        }),
      ],
    });
    this.key = new Key(this, 'Key', {
      alias: `alias/msk-flows/${props.stage}/scram`,
      description: 'msk-flows: encrypts AmazonMSK_ SCRAM secrets (MSK rejects the default key)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      policy,
    });
  }
}

/** Tags `grantee`'s role as a user of the SCRAM secret key of `stage` (what the key policy looks for). */
export function tagScramKeyUser(grantee: IGrantable, stage: string): void {
  const principal = grantee.grantPrincipal;
  if (!(principal instanceof Role)) {
    throw new Error(`${SCRAM_KEY_USER_TAG}: only a role of this app can be tagged as a SCRAM key user`);
  }
  Tags.of(principal).add(SCRAM_KEY_USER_TAG, stage);
}

/**
 * The key as grants see it: every `grant*` also tags the grantee's role as a key user, so a task the IAM
 * grants name is also one the key policy admits (and no other).
 */
export function keyTaggingGrantees(key: IKey, stage: string): IKey {
  return new Proxy(key, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !property.startsWith('grant') || typeof value !== 'function')
        return value;
      return (grantee: IGrantable, ...rest: unknown[]) => {
        tagScramKeyUser(grantee, stage);
        return (value as (...a: unknown[]) => unknown).call(target, grantee, ...rest);
      };
    },
  });
}
