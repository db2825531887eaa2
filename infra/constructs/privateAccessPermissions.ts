import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { OffboardingFunctions, OnboardingFunctions } from '../../workflows/onboarding/functions';
import { ArnPatterns } from './arns';

/** The role every consumer account's ConsumerAccess stack creates; msk-flows assumes no other. */
export const CONSUMER_ROLE_NAME = 'msk-flows-consumer-access';

function allow(fn: IGrantable, actions: string[], resources: string[]): void {
  fn.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
}

/**
 * Grants the private access and trigger tasks exactly the API actions their code sends (and the plan and
 * undo tasks what they send for these sections), on ARNs built with the partition.
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
  const configurations = `arn:${partition}:kafka:${Stack.of(scope).region}:${Stack.of(scope).account}:configuration/*/*`;
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
  allow(on.copyTriggerSecret, ['secretsmanager:GetSecretValue'], [scramSecrets]);
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

  // Plan: the preflight and the planners read the cluster, its configuration, policy and the consumer side.
  assume(on.planChanges);
  allow(on.planChanges, ['kafka:DescribeClusterV2', 'kafka:GetClusterPolicy'], [clusters]);
  allow(on.planChanges, ['kafka:DescribeConfigurationRevision'], [configurations]);
  allow(on.planChanges, ['ec2:DescribeSubnets', 'lambda:ListEventSourceMappings'], ['*']);

  // Undo: connectivity, policy statement, lock, and mappings in this account.
  assume(on.undoChanges);
  allow(
    on.undoChanges,
    [
      'kafka:DescribeClusterV2',
      'kafka:UpdateConnectivity',
      'kafka:ListClientVpcConnections',
      'kafka:GetClusterPolicy',
      'kafka:PutClusterPolicy',
      'kafka:DeleteClusterPolicy',
    ],
    [clusters],
  );
  allow(on.undoChanges, ['dynamodb:DeleteItem'], [lockTable.tableArn]);
  allow(on.undoChanges, ['lambda:UpdateEventSourceMapping', 'lambda:DeleteEventSourceMapping'], [mappings]);
}
