import {
  DeleteVpcConnectionCommand,
  DescribeVpcConnectionCommand,
  type KafkaClient,
  UntagResourceCommand,
} from '@aws-sdk/client-kafka';
import { awsCall, awsErrorName, toAwsCallError } from '../cluster/awsCall';
import { TAG_CREATED_BY, userTagKey } from './vpcConnections';

/** What releasing a principal's use of a VPC connection did. */
export type VpcConnectionRelease = 'deleted' | 'released' | 'kept' | 'gone';

/** What else decides a release: the ownership registry's other users, and whose creation it must be. */
export interface ReleaseOptions {
  /** Other principals the registry shows using it: then it is kept whatever its tags say. */
  otherUsers?: readonly string[];
  /** Deleted only when its created-by tag names this request (a creation the registry is unsure of). */
  createdBy?: string;
}

/**
 * Drops `principal` from a managed VPC connection (its user tag) and deletes the connection when
 * msk-flows created it and no other principal uses it (no other user tag, no other registry user). One
 * msk-flows did not create is kept; with `createdBy`, one another request created is kept untouched.
 */
export async function releaseVpcConnection(
  consumerKafka: KafkaClient,
  arn: string,
  principal: string,
  options: ReleaseOptions = {},
): Promise<VpcConnectionRelease> {
  let tags: Record<string, string>;
  try {
    const out = await consumerKafka.send(new DescribeVpcConnectionCommand({ Arn: arn }));
    if (out.State === 'DELETING' || out.State === 'INACTIVE') return 'gone';
    tags = out.Tags ?? {};
  } catch (error) {
    if (awsErrorName(error) === 'NotFoundException') return 'gone';
    throw toAwsCallError('DescribeVpcConnection', arn, error);
  }
  if (tags[TAG_CREATED_BY] === undefined) return 'kept';
  if (options.createdBy !== undefined && tags[TAG_CREATED_BY] !== options.createdBy) return 'kept';
  const key = userTagKey(principal);
  if (tags[key] !== undefined) {
    await awsCall('UntagResource', arn, () =>
      consumerKafka.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: [key] })),
    );
  }
  const others = Object.keys(tags).filter((k) => k.startsWith('msk-flows:user:') && k !== key);
  if (others.length > 0 || (options.otherUsers?.length ?? 0) > 0) return 'released';
  await awsCall('DeleteVpcConnection', arn, () =>
    consumerKafka.send(new DeleteVpcConnectionCommand({ Arn: arn })),
  );
  return 'deleted';
}
