import { RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface ScramSecretKeyProps {
  stage: string;
}

/**
 * The customer-managed KMS key that encrypts `AmazonMSK_…` SCRAM secrets.
 * MSK refuses secrets encrypted with the default `aws/secretsmanager` key:
 * https://docs.aws.amazon.com/msk/latest/developerguide/msk-password-tutorial.html
 */
export class ScramSecretKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: ScramSecretKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: `alias/msk-flows/${props.stage}/scram`,
      description: 'msk-flows: encrypts AmazonMSK_ SCRAM secrets (MSK rejects the default key)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
