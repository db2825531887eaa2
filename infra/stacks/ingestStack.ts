import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Stream, StreamEncryption } from 'aws-cdk-lib/aws-kinesis';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { IngestConfig, KafkaNetworkConfig } from '../config';
import { IotToS3Batcher } from '../constructs/iotToS3Batcher';
import { type KinesisToKafkaAuth, KinesisToKafkaBridge } from '../constructs/kinesisToKafkaBridge';
import { Monitoring } from '../constructs/monitoring';
import type { ScramSecretKeyRef } from '../constructs/scramSecretAccess';
import { acknowledge } from '../nag';
import { taskNetwork } from '../network';

export interface IngestStackProps extends StackProps {
  stage: string;
  config: IngestConfig;
  /** The brokers' VPC (bridge and IoT Kafka rule run there). */
  kafkaNetwork?: KafkaNetworkConfig;
  /** The platform key of `AmazonMSK_…` secrets: the default key of the bridge's and the IoT rule's secrets. */
  scramSecretKey: ScramSecretKeyRef;
  /** SNS topic the alarms notify (msk-flows:alarmTopicArn). */
  alarmTopicArn?: string;
}

/**
 * Producer account: the steady-state paths into Kafka and S3 — the Kinesis → Kafka bridge (when
 * `msk-flows:ingest.bridge` is set) and the IoT → S3 batcher (plus the IoT rule's Kafka action when the
 * brokers' VPC and `iot.kafkaTopic` are set) — and the dead-letter queue their DLQ envelopes go to.
 */
export class IngestStack extends Stack {
  readonly deadLetters: Queue;
  readonly bridge?: KinesisToKafkaBridge;
  readonly iot: IotToS3Batcher;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: IngestStackProps) {
    super(scope, id, props);
    const { config } = props;
    const network = taskNetwork(this, props.kafkaNetwork);
    const keyOf = (id: string, arn?: string): ScramSecretKeyRef =>
      arn ? { key: Key.fromKeyArn(this, id, arn) } : props.scramSecretKey;
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
    const { iot } = config;
    this.iot = new IotToS3Batcher(this, 'IotToS3', {
      stage: props.stage,
      parkedMessages: { queue: this.deadLetters },
      kafka:
        network && iot.kafkaTopic && iot.bootstrapServers && iot.scramSecretName
          ? {
              network,
              bootstrapServers: iot.bootstrapServers.join(','),
              topic: iot.kafkaTopic,
              scramSecret: Secret.fromSecretNameV2(this, 'IotKafkaSecret', iot.scramSecretName),
              scramSecretKey: keyOf('IotKafkaSecretKey', iot.scramSecretKeyArn),
            }
          : undefined,
    });
    const b = config.bridge;
    if (b) {
      const stream = new Stream(this, 'Source', {
        encryption: StreamEncryption.MANAGED,
        retentionPeriod: Duration.days(7),
      });
      const auth: KinesisToKafkaAuth =
        b.auth === 'scram'
          ? {
              type: 'scram',
              secret: Secret.fromSecretNameV2(this, 'BridgeSecret', b.scramSecretName as string),
              key: keyOf('BridgeSecretKey', b.scramSecretKeyArn),
            }
          : b.auth === 'iam'
            ? { type: 'iam', clusterArn: b.clusterArn as string }
            : { type: 'tls' };
      this.bridge = new KinesisToKafkaBridge(this, 'KinesisToKafka', {
        stream,
        topic: b.topic,
        bootstrapServers: b.bootstrapServers.join(','),
        auth,
        deadLetterQueue: this.deadLetters,
        claimCheckBucket: this.iot.bucket,
        network,
      });
      new CfnOutput(this, 'KinesisStreamName', {
        value: stream.streamName,
        description: 'Kinesis stream the bridge forwards to Kafka',
      });
    }
    this.monitoring = this.monitor(id, props.alarmTopicArn);
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.deadLetters.queueUrl,
      description: 'DLQ envelopes',
    });
    new CfnOutput(this, 'IotTelemetryBucketName', {
      value: this.iot.bucket.bucketName,
      description: 'Where the IoT → S3 batcher writes',
    });
  }

  /** Dashboard and alarms: each function, the bridge's stream position, every queue that holds failures. */
  private monitor(dashboardName: string, alarmTopicArn?: string): Monitoring {
    const monitoring = new Monitoring(this, 'Monitoring', { dashboardName, alarmTopicArn });
    monitoring.addDeadLetterQueue('DLQ envelopes', this.deadLetters);
    monitoring.addFunction('IoT → S3 batcher', this.iot.function);
    monitoring.addDeadLetterQueue('IoT batcher dead letters', this.iot.deadLetterQueue);
    monitoring.addDeadLetterQueue('IoT rule errors', this.iot.errorQueue);
    if (this.bridge) {
      monitoring.addFunction('Kinesis → Kafka bridge', this.bridge.function);
      monitoring.addStreamTrigger('Kinesis → Kafka bridge', this.bridge.function);
      monitoring.addDeadLetterQueue('Bridge batches given up', this.bridge.onFailureQueue);
      const failureDlq = this.bridge.onFailureQueue.deadLetterQueue?.queue;
      if (failureDlq) monitoring.addDeadLetterQueue('Bridge failure records dead letters', failureDlq);
    }
    return monitoring;
  }
}
