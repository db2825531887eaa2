import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Stream, StreamEncryption } from 'aws-cdk-lib/aws-kinesis';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { IotToS3Batcher } from '../constructs/iotToS3Batcher';
import { KinesisToKafkaBridge } from '../constructs/kinesisToKafkaBridge';
import type { IngestConfig } from '../ingestConfig';
import { acknowledge } from '../nag';
import { taskNetworkFromContext } from '../network';

export interface IngestStackProps extends StackProps {
  stage: string;
  config: IngestConfig;
}

/**
 * Producer account: the steady-state paths into Kafka and S3 — the Kinesis → Kafka bridge and the
 * IoT → S3 batcher (plus the IoT rule's Kafka action when the brokers' VPC is configured) — and the
 * dead-letter queue their DLQ envelopes go to.
 */
export class IngestStack extends Stack {
  readonly deadLetters: Queue;
  readonly bridge: KinesisToKafkaBridge;
  readonly iot: IotToS3Batcher;

  constructor(scope: Construct, id: string, props: IngestStackProps) {
    super(scope, id, props);
    const { config } = props;
    const network = taskNetworkFromContext(this);
    const key = new Key(this, 'DeadLetterKey', {
      description: 'msk-flows: encrypts DLQ envelopes',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Envelopes of records we gave up on: kept 14 days (the SQS maximum) for the replay workflow.
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.deadLetters, [
      {
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue IS the dead-letter store: our functions send DLQ envelopes to it and the replay workflow drains it.',
      },
    ]);
    const stream = new Stream(this, 'Source', {
      encryption: StreamEncryption.MANAGED,
      retentionPeriod: Duration.days(7),
    });
    this.iot = new IotToS3Batcher(this, 'IotToS3', {
      stage: props.stage,
      parkedMessages: { queue: this.deadLetters },
      kafka:
        network && config.iot.kafkaTopic && config.iot.bootstrapServers && config.iot.scramSecretName
          ? {
              network,
              bootstrapServers: config.iot.bootstrapServers,
              topic: config.iot.kafkaTopic,
              scramSecret: Secret.fromSecretNameV2(this, 'IotKafkaSecret', config.iot.scramSecretName),
            }
          : undefined,
    });
    this.bridge = new KinesisToKafkaBridge(this, 'KinesisToKafka', {
      stream,
      topic: config.bridge.topic,
      bootstrapServers: config.bridge.bootstrapServers,
      auth: {
        type: 'scram',
        secret: Secret.fromSecretNameV2(this, 'BridgeSecret', config.bridge.scramSecretName),
      },
      deadLetterQueue: this.deadLetters,
      claimCheckBucket: this.iot.bucket,
      network,
    });
  }
}
