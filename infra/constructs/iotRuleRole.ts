import { Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** IoT rule names allow letters, digits and underscores only: `msk_flows_<stage>_<suffix>`. */
export function iotRuleName(stage: string, suffix: string): string {
  return `msk_flows_${stage}_${suffix}`.replace(/[^A-Za-z0-9_]/g, '_');
}

/** `arn:<partition>:iot:<region>:<account>:rule/<name>`, from the stack's tokens. */
export function iotRuleArn(scope: Construct, ruleName: string): string {
  return Stack.of(scope).formatArn({ service: 'iot', resource: 'rule', resourceName: ruleName });
}

/**
 * A role only AWS IoT can assume, and only for `ruleName` in this account (the confused-deputy conditions of
 * https://docs.aws.amazon.com/iot/latest/developerguide/iot-create-role.html); without `ruleName`, only the
 * account condition (a VPC topic rule destination's role).
 */
export function iotRole(scope: Construct, id: string, description: string, ruleName?: string): Role {
  const stack = Stack.of(scope);
  const conditions: Record<string, Record<string, string>> = {
    StringEquals: { 'aws:SourceAccount': stack.account },
  };
  if (ruleName) conditions.ArnLike = { 'aws:SourceArn': iotRuleArn(scope, ruleName) };
  return new Role(scope, id, {
    assumedBy: new ServicePrincipal('iot.amazonaws.com', { conditions }),
    description,
  });
}
