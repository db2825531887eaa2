import { Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** A cdk-nag finding we accept, with the reason a reviewer can check. */
export interface NagAcknowledgement {
  /** `AwsSolutions-IAM5` or a single finding `AwsSolutions-IAM5[Resource::…]`. */
  id: string;
  reason: string;
}

/** Acknowledges findings on a construct and everything below it. */
export function acknowledge(scope: IConstruct, acknowledgements: NagAcknowledgement[]): void {
  for (const a of acknowledgements) Validations.of(scope).acknowledge(a);
}

/** X-Ray's PutTraceSegments/PutTelemetryRecords support no resource-level permissions. */
export const XRAY_WILDCARD: NagAcknowledgement = {
  id: 'AwsSolutions-IAM5[Resource::*]',
  reason:
    'X-Ray PutTraceSegments/PutTelemetryRecords, Secrets Manager GetRandomPassword, EC2 network-interface ' +
    'actions for VPC functions and DescribeSubnets, MSK DescribeClusterOperationV2, and Lambda ' +
    'List/CreateEventSourceMapping support no resource-level permissions (Service Authorization Reference).',
};

/**
 * An ARN of this stack's account and Region as cdk-nag prints it in a finding id: pseudo parameters as
 * `<AWS::…>`, a Region or account set in context as itself.
 */
export function nagArn(scope: IConstruct, service: string, resource: string): string {
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return `arn:<AWS::Partition>:${service}:${region}:${account}:${resource}`;
}
