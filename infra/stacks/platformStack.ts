import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ScramSecretKey } from '../constructs/scramSecretKey';

export interface PlatformStackProps extends StackProps {
  stage: string;
}

/** Resources shared by every workflow of the producer (cluster) account. */
export class PlatformStack extends Stack {
  readonly scramSecretKey: ScramSecretKey;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    this.scramSecretKey = new ScramSecretKey(this, 'ScramSecretKey', { stage: props.stage });
  }
}
