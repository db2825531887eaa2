import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { REGISTRY_TOPIC } from '../../tasks/onboarding/registry/registryTopic';
import type { OffboardingFunctions, OnboardingFunctions } from '../../workflows/onboarding/functions';
import { ArnPatterns } from './arns';

/** Secrets our tasks create or read: MSK's mandatory prefix, and the admin secrets we are given. */
const SCRAM_SECRET_PREFIX = 'AmazonMSK_';
const ADMIN_SECRET_PREFIX = 'msk-flows/admin/';

function allow(fn: IGrantable, actions: string[], resources: string[]): void {
  fn.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
}

/**
 * Grants each task exactly the API actions its code calls, on ARNs built with the partition.
 * Kafka-level actions (`kafka-cluster:*`) are for MSK IAM access control, used when the workflow's admin
 * reaches an MSK cluster with IAM rather than a SCRAM admin secret.
 */
export function grantOnboardingPermissions(
  scope: Construct,
  fns: { onboarding: OnboardingFunctions; offboarding: OffboardingFunctions; kafkaFacing: IFunction[] },
  key: IKey,
): void {
  const arns = new ArnPatterns(scope);
  const clusters = arns.mskClusters();
  const scramSecrets = arns.secretsNamed(SCRAM_SECRET_PREFIX);
  const { onboarding: on, offboarding: off } = fns;

  // Every Kafka-facing task: find the brokers, read the admin secret, and (IAM mode) administer the cluster.
  for (const fn of fns.kafkaFacing) {
    allow(fn, ['kafka:GetBootstrapBrokers'], [clusters]);
    allow(fn, ['secretsmanager:GetSecretValue'], [arns.secretsNamed(ADMIN_SECRET_PREFIX)]);
    allow(
      fn,
      ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', 'kafka-cluster:AlterCluster'],
      [clusters],
    );
    allow(
      fn,
      [
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:CreateTopic',
        'kafka-cluster:AlterTopic',
        'kafka-cluster:DeleteTopic',
        'kafka-cluster:DescribeTopicDynamicConfiguration',
        'kafka-cluster:AlterTopicDynamicConfiguration',
      ],
      [arns.mskKafkaResources('topic')],
    );
    // The ownership registry: read to its end (Fetch) and append claims and outcomes (Produce), on its
    // topic only (tasks/onboarding/registry/registryTopic.ts).
    allow(fn, ['kafka-cluster:ReadData', 'kafka-cluster:WriteData'], [arns.mskTopicNamed(REGISTRY_TOPIC)]);
  }

  // Plan: read-only look at secrets and associations; on self-managed Kafka it reads the stored
  // credentials to tell an existing user of ours from someone else's.
  allow(on.planChanges, ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], [scramSecrets]);
  key.grant(on.planChanges, 'kms:Decrypt');
  allow(on.planChanges, ['kafka:ListScramSecrets'], [clusters]);

  // Guard rails (Plan Changes; Check Principal Is Not Reserved in offboarding): the brokers' super.users,
  // message.max.bytes and default.replication.factor (DescribeConfigs on a broker), and for prefixed grants
  // the consumer groups (ListGroups). An MSK SCRAM admin's secret is an AmazonMSK_ one.
  for (const fn of [on.planChanges, off.checkPrincipal]) {
    allow(fn, ['kafka-cluster:DescribeClusterDynamicConfiguration'], [clusters]);
    allow(fn, ['kafka-cluster:DescribeGroup'], [arns.mskKafkaResources('group')]);
  }
  allow(off.checkPrincipal, ['secretsmanager:GetSecretValue'], [scramSecrets]);
  // An MSK cluster's super.users live in its configuration revision (Plan Changes reads it for the preflight).
  allow(off.checkPrincipal, ['kafka:DescribeClusterV2'], [clusters]);
  allow(off.checkPrincipal, ['kafka:DescribeConfigurationRevision'], [arns.mskConfigurations()]);
  key.grant(off.checkPrincipal, 'kms:Decrypt');

  // Ensure Scram Secret: a random password, the secret under our customer-managed key, its tags.
  allow(on.ensureScramSecret, ['secretsmanager:GetRandomPassword'], ['*']);
  allow(
    on.ensureScramSecret,
    [
      'secretsmanager:CreateSecret',
      'secretsmanager:DescribeSecret',
      // A rerun reads the existing secret to check it holds the principal's username.
      'secretsmanager:GetSecretValue',
      'secretsmanager:TagResource',
      // Re-onboarding within an offboarding's recovery window restores the secret with a new password.
      'secretsmanager:RestoreSecret',
      'secretsmanager:PutSecretValue',
    ],
    [scramSecrets],
  );
  key.grant(on.ensureScramSecret, 'kms:GenerateDataKey', 'kms:Decrypt');

  allow(on.describeCluster, ['kafka:DescribeClusterV2'], [clusters]);

  // Associate: MSK reads the secret on our behalf, which needs a grant on the key (a dependent action).
  allow(on.associateScramSecret, ['kafka:BatchAssociateScramSecret', 'kafka:ListScramSecrets'], [clusters]);
  allow(on.associateScramSecret, ['secretsmanager:DescribeSecret'], [scramSecrets]);
  key.grant(on.associateScramSecret, 'kms:CreateGrant', 'kms:RetireGrant');

  // Self-managed SCRAM users keep their password in a Secrets Manager secret under the same key: read
  // it, store it (PutSecretValue; CreateSecret when new; RestoreSecret when an offboarding scheduled
  // its deletion), and delete it again at once if the user cannot be created.
  allow(
    on.upsertScramUser,
    [
      'secretsmanager:CreateSecret',
      'secretsmanager:DeleteSecret',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
      'secretsmanager:RestoreSecret',
    ],
    [scramSecrets],
  );
  key.grant(on.upsertScramUser, 'kms:GenerateDataKey', 'kms:Decrypt');

  allow(on.verifyAccess, ['secretsmanager:GetSecretValue'], [scramSecrets]);
  key.grant(on.verifyAccess, 'kms:Decrypt');

  // Undo (and offboarding's Finish Unfinished Runs, from the registry alone): only ever deletes what the
  // ledger or the ownership registry says a run created; a restored secret, or one whose creation is
  // uncertain (an intent), is described first.
  for (const fn of [on.undoChanges, off.finishUnfinishedRuns]) {
    allow(fn, ['secretsmanager:DescribeSecret', 'secretsmanager:DeleteSecret'], [scramSecrets]);
    allow(fn, ['kafka:BatchDisassociateScramSecret', 'kafka:ListScramSecrets'], [clusters]);
    key.grant(fn, 'kms:RetireGrant');
  }

  // MSK: describe and schedule the deletion; self-managed: read the stored credentials, then delete.
  allow(
    off.removeCredentials,
    ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:DeleteSecret'],
    [scramSecrets],
  );
  key.grant(off.removeCredentials, 'kms:Decrypt');
  allow(off.removeCredentials, ['kafka:ListScramSecrets', 'kafka:BatchDisassociateScramSecret'], [clusters]);
  key.grant(off.removeCredentials, 'kms:RetireGrant');
}
