import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

/** Where parked records go: `parked/<replayId>/<messageId>.json`. */
export const PARKING_PREFIX = 'parked/';
/** Where the per-source replay locks live: `locks/<sha256 of the queue URL>.json`. */
export const LOCK_PREFIX = 'locks/';

/**
 * The parking bucket of the DLQ replay: records that cannot be replayed (with the original message and the
 * reason) and the per-source locks. Encrypted with its own rotating key (parked records hold payloads),
 * private, owner-enforced, TLS only, versioned (a re-park never destroys the earlier object); parked
 * objects expire after a year, stale locks after two days.
 */
export class ReplayParking extends Construct {
  readonly key: Key;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'msk-flows: parked dead letters and replay locks',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        {
          prefix: PARKING_PREFIX,
          expiration: Duration.days(365),
          noncurrentVersionExpiration: Duration.days(30),
        },
        { prefix: LOCK_PREFIX, expiration: Duration.days(2), noncurrentVersionExpiration: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.bucket, [
      {
        id: 'AwsSolutions-S1',
        reason:
          'Only the replay functions write and read this bucket (IAM on two prefixes); CloudTrail data events are ' +
          'the audit trail, and a log bucket per parking bucket would add cost without readers.',
      },
    ]);
  }
}
