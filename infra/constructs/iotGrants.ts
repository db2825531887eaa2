import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
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
