import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';

/**
 * sqs:SendMessage (SendMessageBatch included) on one queue, plus what a producer needs from its KMS key
 * (kms:GenerateDataKey, kms:Decrypt: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html),
 * without the wildcard actions of `queue.grantSendMessages`.
 */
export function grantSend(grantee: IGrantable, queue: IQueue): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
  );
  if (queue.encryptionMasterKey) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [queue.encryptionMasterKey.keyArn],
      }),
    );
  }
}

/**
 * s3:PutObject under `prefix` only, plus kms:GenerateDataKey on the bucket's key (single-part SSE-KMS
 * uploads need nothing else), without the wildcard actions (s3:Abort*, kms:ReEncrypt* …) of `bucket.grantPut`.
 */
export function grantPutUnder(grantee: IGrantable, bucket: IBucket, prefix: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }),
  );
  if (bucket.encryptionKey) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [bucket.encryptionKey.keyArn] }),
    );
  }
}
