import { GetBootstrapBrokersCommand, type KafkaClient } from '@aws-sdk/client-kafka';
import { awsCall } from './awsCall';
import { kafkaClient } from './clients';
import { MskListenerNotFoundError } from './errors';
import { parseMskClusterArn } from './mskArn';

/** How a Kafka client authenticates to MSK, which picks the listener (port 9098 IAM, 9096 SCRAM). */
export type MskAuth = 'iam' | 'scram';

/** The `host:port` bootstrap brokers of an MSK cluster's IAM or SCRAM listener: private first, public if only that. */
export async function resolveMskBootstrapBrokers(
  clusterArn: string,
  auth: MskAuth,
  deps: { kafka: KafkaClient } = { kafka: kafkaClient },
): Promise<string[]> {
  parseMskClusterArn(clusterArn);
  const out = await awsCall('GetBootstrapBrokers', clusterArn, () =>
    deps.kafka.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn })),
  );
  // Our Lambdas run inside the VPC: the private listener is the one to use whenever it exists.
  const brokers =
    auth === 'scram'
      ? out.BootstrapBrokerStringSaslScram || out.BootstrapBrokerStringPublicSaslScram
      : out.BootstrapBrokerStringSaslIam || out.BootstrapBrokerStringPublicSaslIam;
  const list = (brokers ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  if (list.length === 0) throw new MskListenerNotFoundError(clusterArn, auth);
  return list;
}
