import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { OffboardingFunctions, OnboardingFunctions } from '../../workflows/onboarding/functions';
import { OWN_SECRET_TAG } from '../permissions/kafkaAdminCalls';
import { ArnPatterns } from './arns';

/** The role every consumer account's ConsumerAccess stack creates; msk-flows assumes no other. */
export const CONSUMER_ROLE_NAME = 'msk-flows-consumer-access';

function allow(fn: IGrantable, actions: string[], resources: string[]): void {
  fn.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
}

/**
 * Grants the private access and trigger tasks exactly the API actions their code sends, on ARNs built with
 * the partition (Plan and Undo Changes get theirs from their call tables).
 */
export function grantPrivateAccessPermissions(
  scope: Construct,
  fns: { onboarding: OnboardingFunctions; offboarding: OffboardingFunctions },
  key: IKey,
  lockTable: ITable,
): void {
  const { partition } = Stack.of(scope);
  const arns = new ArnPatterns(scope);
  const clusters = arns.mskClusters();
  const scramSecrets = arns.secretsNamed('AmazonMSK_');
  const consumerRoles = `arn:${partition}:iam::*:role/${CONSUMER_ROLE_NAME}`;
  const mappings = `arn:${partition}:lambda:${Stack.of(scope).region}:${Stack.of(scope).account}:event-source-mapping:*`;
  const { onboarding: on, offboarding: off } = fns;
  const assume = (fn: IGrantable) => allow(fn, ['sts:AssumeRole'], [consumerRoles]);

  allow(on.acquireClusterLock, ['dynamodb:PutItem'], [lockTable.tableArn]);
  allow(on.releaseClusterLock, ['dynamodb:DeleteItem'], [lockTable.tableArn]);
  allow(on.enableMultiVpcConnectivity, ['kafka:DescribeClusterV2', 'kafka:UpdateConnectivity'], [clusters]);
  // Cluster operations support no resource-level permissions.
  allow(on.describeConnectivityUpdate, ['kafka:DescribeClusterOperationV2'], ['*']);
  allow(on.mergeClusterPolicy, ['kafka:GetClusterPolicy', 'kafka:PutClusterPolicy'], [clusters]);
  assume(on.ensureVpcConnection);
  assume(on.describeVpcConnection);
  allow(on.reportConsumerBootstrap, ['kafka:GetBootstrapBrokers'], [clusters]);

  // Triggers: the principal's secret (read to copy, described to reference), brokers, mappings.
  assume(on.copyTriggerSecret);
  // Only a secret msk-flows created (tagged with its principal), as every task that reads one.
  on.copyTriggerSecret.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['secretsmanager:GetSecretValue'],
      resources: [scramSecrets],
      conditions: { Null: { [`aws:ResourceTag/${OWN_SECRET_TAG}`]: 'false' } },
    }),
  );
  key.grant(on.copyTriggerSecret, 'kms:Decrypt');
  for (const fn of [on.ensureEventSourceMappings, on.describeEventSourceMappings, off.removeTriggers]) {
    assume(fn);
    allow(fn, ['secretsmanager:DescribeSecret'], [scramSecrets]);
    allow(fn, ['kafka:GetBootstrapBrokers'], [clusters]);
    // ListEventSourceMappings and CreateEventSourceMapping support no resource-level permissions.
    allow(fn, ['lambda:ListEventSourceMappings'], ['*']);
  }
  allow(on.ensureEventSourceMappings, ['lambda:CreateEventSourceMapping'], ['*']);
  allow(on.ensureEventSourceMappings, ['lambda:UpdateEventSourceMapping', 'lambda:TagResource'], [mappings]);
  allow(off.removeTriggers, ['lambda:ListTags', 'lambda:DeleteEventSourceMapping'], [mappings]);

  // Offboarding: the VPC connection (consumer account), the policy statement once unused.
  assume(off.removePrivateAccess);
  allow(
    off.removePrivateAccess,
    [
      'kafka:ListClientVpcConnections',
      'kafka:GetClusterPolicy',
      'kafka:PutClusterPolicy',
      'kafka:DeleteClusterPolicy',
    ],
    [clusters],
  );
}
