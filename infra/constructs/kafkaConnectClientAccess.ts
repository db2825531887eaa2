import { type IVpc, Peer, Port, SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** The TCP port of a REST base URL: its own, else the scheme's (443 for https, 80 for http). */
export function restPortOf(url: string): number {
  const parsed = new URL(url);
  return parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
}

/**
 * The security group the VPC-bound connector functions add to the brokers' client group: egress to the
 * self-managed Kafka Connect REST API's port (context msk-flows:kafkaConnectUrl) and nothing else. The Connect
 * workers' security group must admit it on that port (output KafkaConnectClientSecurityGroupId). The URL's
 * host may be a name resolved at run time, so the destination is any address, on that one port.
 */
export class KafkaConnectClientAccess extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly port: number;

  constructor(scope: Construct, id: string, props: { vpc: IVpc; kafkaConnectUrl: string }) {
    super(scope, id);
    this.port = restPortOf(props.kafkaConnectUrl);
    this.securityGroup = new SecurityGroup(this, 'ClientSg', {
      vpc: props.vpc,
      description: 'msk-flows connector tasks: to the Kafka Connect REST API',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(
      Peer.anyIpv4(),
      Port.tcp(this.port),
      `Kafka Connect REST API (${new URL(props.kafkaConnectUrl).host})`,
    );
  }
}
