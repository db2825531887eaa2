import type { Construct } from 'constructs';

/**
 * Settings of a consumer account's ConsumerAccess stack, from the CDK context key `msk-flows:consumerAccess`
 * (examples/cdk.context.json holds example values): a new consumer is a context change, never a code edit.
 */
export interface ConsumerAccessConfig {
  /** The account msk-flows (its onboarding task roles) runs in. */
  platformAccountId: string;
  /** The sts:ExternalId the role requires; the onboarding request's `privateLink.externalId`. */
  externalId: string;
  /** The security group of the managed VPC connection (the request's `privateLink.securityGroupIds`). */
  vpcConnectionSecurityGroupId: string;
  /** The consumers' (and triggers') security group, allowed to the multi-VPC port range. */
  clientSecurityGroupId: string;
}

/** Reads `msk-flows:consumerAccess`; undefined when absent (no ConsumerAccess stack), one error naming every bad field. */
export function readConsumerAccessConfig(scope: Construct): ConsumerAccessConfig | undefined {
  const raw = scope.node.tryGetContext('msk-flows:consumerAccess') as
    | Partial<ConsumerAccessConfig>
    | undefined;
  if (!raw) return undefined;
  const problems: string[] = [];
  if (!/^[0-9]{12}$/.test(raw.platformAccountId ?? ''))
    problems.push('platformAccountId: a 12-digit account id');
  if (!/^[\w+=,.@:/-]{2,1224}$/.test(raw.externalId ?? ''))
    problems.push('externalId: 2–1224 of [\\w+=,.@:/-]');
  for (const key of ['vpcConnectionSecurityGroupId', 'clientSecurityGroupId'] as const) {
    if (!/^sg-[0-9a-f]{8,17}$/.test(raw[key] ?? '')) problems.push(`${key}: a security group id`);
  }
  if (problems.length > 0)
    throw new Error(`context msk-flows:consumerAccess invalid: ${problems.join('; ')}`);
  return raw as ConsumerAccessConfig;
}
