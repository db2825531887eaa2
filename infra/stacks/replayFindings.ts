import { type CfnResource, Stack } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { LOCK_PREFIX, PARKING_PREFIX } from '../constructs/replayParking';
import { acknowledge, XRAY_WILDCARD } from '../nag';
import type { ReplayStack } from './replayStack';

/**
 * How cdk-nag names a bucket ARN in a finding: `<LogicalId.Arn>`; for a bucket of another stack also the
 * export name, which is what the synthesized template holds (`Stack.exportValue` returns the very export
 * the cross-stack reference uses).
 */
function nagBucketArns(stack: Stack, bucket: IBucket): string[] {
  const owner = Stack.of(bucket);
  const own = `<${owner.resolve((bucket.node.defaultChild as CfnResource).logicalId)}.Arn>`;
  if (owner === stack) return [own];
  const imported = stack.resolve(owner.exportValue(bucket.bucketArn)) as { 'Fn::ImportValue': string };
  return [own, imported['Fn::ImportValue']];
}

/** The cdk-nag findings the replay stack cannot avoid, each with the reason it cannot be narrowed. */
export function acknowledgeReplayFindings(
  stack: ReplayStack,
  claimChecks: { bucket: IBucket; prefix: string }[],
): void {
  const logicalId = (resource: CfnResource) => Stack.of(resource).resolve(resource.logicalId) as string;
  const fns = Object.values(stack.functions.functions);
  const [parking] = nagBucketArns(stack, stack.parking.bucket);
  acknowledge(stack.functions, [
    XRAY_WILDCARD,
    {
      id: `AwsSolutions-IAM5[Resource::${parking}/${PARKING_PREFIX}*]`,
      reason:
        'PutObject only, one object per parked message keyed by replay and message id: keys cannot be listed ahead.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${parking}/${LOCK_PREFIX}*]`,
      reason: 'The per-queue locks: one object per source queue, keyed by a hash of its URL.',
    },
    ...claimChecks.flatMap(({ bucket, prefix }) =>
      nagBucketArns(stack, bucket).map((arn) => ({
        id: `AwsSolutions-IAM5[Resource::${arn}/${prefix}*]`,
        reason: `GetObject only, under the claim-check prefix ${prefix} of the ingest functions (keys generated per envelope).`,
      })),
    ),
  ]);
  acknowledge(stack.machine.stateMachine.role, [
    XRAY_WILDCARD,
    ...fns.map((fn) => ({
      id: `AwsSolutions-IAM5[Resource::<${logicalId(fn.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason: 'Step Functions invokes the task function by ARN and may use its versions; no other function.',
    })),
  ]);
}
