import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ReplayAlarms } from '../constructs/replayAlarms';
import { ReplayTaskFunctions } from '../constructs/replayFunctions';
import { ReplayParking } from '../constructs/replayParking';
import { grantReplayPermissions } from '../constructs/replayPermissions';
import { ReplaySchedules, type ScheduledReplay } from '../constructs/replaySchedules';
import { ReplayStateMachine } from '../constructs/replayStateMachine';
import { taskNetworkFromContext } from '../network';
import { clusterSpecOf, type ReplayConfig } from '../replayConfig';
import type { IngestStack } from './ingestStack';
import { acknowledgeReplayFindings } from './replayFindings';

export interface ReplayStackProps extends StackProps {
  stage: string;
  ingest: IngestStack;
  config: ReplayConfig;
}

/**
 * Producer account: the DLQ replay — its state machine and tasks, the parking bucket, an EventBridge
 * Scheduler schedule per dead-letter queue of the ingest stack (envelopes → the dead-letter topic, the
 * bridge's Kinesis on-failure records → the bridge's topic, the IoT batcher's SQS-native DLQ → its source
 * queue) and alarms on DLQ depth, age of the oldest dead letter, and failed replays.
 */
export class ReplayStack extends Stack {
  readonly parking: ReplayParking;
  readonly functions: ReplayTaskFunctions;
  readonly machine: ReplayStateMachine;
  readonly schedules: ReplaySchedules;
  readonly alarms: ReplayAlarms;
  readonly replays: ScheduledReplay[];

  constructor(scope: Construct, id: string, props: ReplayStackProps) {
    super(scope, id, props);
    const { ingest, config } = props;
    const cluster = clusterSpecOf(this, config.cluster);
    const topicTarget = (topic: string) => ({ kind: 'topic', topic, cluster });
    const { bridge } = ingest;
    this.replays = [
      {
        id: 'DeadLetters',
        queue: ingest.deadLetters,
        target: topicTarget(config.deadLetterTopic),
        // The bridge's envelopes go back to Kafka; the IoT batcher's unusable MQTT bodies wait for a person.
        filter: { sourceKinds: ['kinesis'] },
      },
      ...(bridge
        ? [{ id: 'BridgeOnFailure', queue: bridge.onFailureQueue, target: topicTarget(bridge.topic) }]
        : []),
      {
        id: 'IotDeadLetters',
        queue: ingest.iot.deadLetterQueue,
        target: { kind: 'sqs', queueUrl: ingest.iot.queue.queueUrl },
      },
    ];
    this.parking = new ReplayParking(this, 'Parking');
    this.functions = new ReplayTaskFunctions(this, 'Tasks', {
      parkingBucket: this.parking.bucket,
      network: taskNetworkFromContext(this),
    });
    const claimChecks = [
      { bucket: ingest.iot.bucket, prefix: 'kinesis-to-kafka/' },
      { bucket: ingest.iot.bucket, prefix: 'dlq/iot-to-s3/' },
    ];
    grantReplayPermissions(this.functions.functions, {
      sources: this.replays.map((r) => r.queue),
      queueTargets: [ingest.iot.queue],
      functionTargets: [],
      streams: bridge ? [bridge.eventSource.stream] : [],
      claimChecks,
      parking: { bucket: this.parking.bucket, key: this.parking.key },
      kafka: {
        cluster,
        writeTopics: [...new Set([config.deadLetterTopic, ...(bridge ? [bridge.topic] : [])])],
        readTopics: config.readTopics,
      },
    });
    this.machine = new ReplayStateMachine(this, 'Workflow', {
      stage: props.stage,
      functions: this.functions.functions,
    });
    this.schedules = new ReplaySchedules(this, 'Schedules', {
      stage: props.stage,
      stateMachine: this.machine.stateMachine,
      replays: this.replays,
      every: Duration.minutes(config.scheduleMinutes),
      ratePerSecond: config.ratePerSecond,
      maxMessages: config.maxMessages,
      maxSeconds: config.maxSeconds,
    });
    this.alarms = new ReplayAlarms(this, 'Alarms', {
      queues: this.replays.map(({ id: queueId, queue }) => ({ id: queueId, queue })),
      stateMachine: this.machine.stateMachine,
      depth: config.alarmDepth,
      ageSeconds: config.alarmAgeSeconds,
    });
    acknowledgeReplayFindings(this, claimChecks);
  }
}
