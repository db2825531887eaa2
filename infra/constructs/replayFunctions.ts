import { Duration } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ReplayFunctions } from '../../workflows/dlq-replay/functions';
import { REPLAY_TASKS } from '../../workflows/taskRegistry';
import { PARKING_PREFIX } from './replayParking';
import { TaskFunction, type TaskNetwork } from './taskFunction';

export interface ReplayTaskFunctionsProps {
  parkingBucket: IBucket;
  /** VPC placement of the functions that talk to the brokers (Replay Batch). */
  network?: TaskNetwork;
}

/** One Lambda per replay task, each bundling its task's entry in workflows/taskRegistry.ts. */
export class ReplayTaskFunctions extends Construct {
  readonly functions: ReplayFunctions;

  constructor(scope: Construct, id: string, props: ReplayTaskFunctionsProps) {
    super(scope, id);
    const environment = {
      PARKING_BUCKET: props.parkingBucket.bucketName,
      PARKING_PREFIX,
      LOCK_BUCKET: props.parkingBucket.bucketName,
      POWERTOOLS_METRICS_NAMESPACE: 'MskFlows',
    };
    const fn = (
      fnId: string,
      entry: string,
      description: string,
      extra: Partial<ConstructorParameters<typeof TaskFunction>[2]> = {},
    ) => new TaskFunction(this, fnId, { entry, description, environment, ...extra });
    this.functions = {
      validateRequest: fn(
        'ValidateRequest',
        REPLAY_TASKS.validateRequest.entry,
        'Validate a DLQ replay request',
      ),
      surveyQueue: fn(
        'SurveyQueue',
        REPLAY_TASKS.surveyQueue.entry,
        'Dry run: count a DLQ by kind, topic, error and age',
        {
          timeout: Duration.minutes(5),
        },
      ),
      acquireLock: fn(
        'AcquireLock',
        REPLAY_TASKS.acquireLock.entry,
        'Take the per-queue replay lock (S3 conditional write)',
      ),
      releaseLock: fn('ReleaseLock', REPLAY_TASKS.releaseLock.entry, 'Release the per-queue replay lock'),
      replayBatch: fn(
        'ReplayBatch',
        REPLAY_TASKS.replayBatch.entry,
        'One replay round: receive, read back, deliver, park, delete',
        {
          timeout: Duration.minutes(5),
          memorySize: 1024,
          network: props.network,
        },
      ),
    };
  }
}
