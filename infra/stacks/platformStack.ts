import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { KafkaNetworkConfig } from '../config';
import { ScramSecretKey } from '../constructs/scramSecretKey';
import { TaskVpcEndpoints } from '../constructs/taskVpcEndpoints';
import { kafkaVpc } from '../network';

export interface PlatformStackProps extends StackProps {
  stage: string;
  /** The brokers' VPC; with egress `endpoints` this stack gives it the endpoints our functions call. */
  kafkaNetwork?: KafkaNetworkConfig;
}

/** Resources shared by every workflow of the producer (cluster) account. */
export class PlatformStack extends Stack {
  readonly scramSecretKey: ScramSecretKey;
  readonly endpoints?: TaskVpcEndpoints;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    this.scramSecretKey = new ScramSecretKey(this, 'ScramSecretKey', { stage: props.stage });
    new CfnOutput(this, 'ScramSecretKeyArn', {
      value: this.scramSecretKey.key.keyArn,
      description: 'KMS key of the AmazonMSK_ SCRAM secrets',
    });
    const network = props.kafkaNetwork;
    if (network?.egress === 'endpoints') {
      // One set per VPC (private DNS): here, shared by the onboarding tasks and the bridge.
      this.endpoints = new TaskVpcEndpoints(this, 'TaskEndpoints', {
        vpc: kafkaVpc(this, network),
        clientSecurityGroup: SecurityGroup.fromSecurityGroupId(
          this,
          'KafkaClientSg',
          network.securityGroupId,
        ),
      });
    }
  }
}
