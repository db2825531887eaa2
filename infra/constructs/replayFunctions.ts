import { Duration } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ReplayFunctions } from '../../workflows/dlq-replay/functions';
import { PARKING_PREFIX } from './replayParking';
import { TaskFunction, type TaskNetwork } from './taskFunction';

export interface ReplayTaskFunctionsProps {
  parkingBucket: IBucket;
  /** VPC placement of the functions that talk to the brokers (Replay Batch). */
  network?: TaskNetwork;
}

/** One Lambda per replay task; which file each runs is the only thing decided here. */
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
        'tasks/replay/validateReplayRequest.ts',
        'Validate a DLQ replay request',
      ),
      surveyQueue: fn(
        'SurveyQueue',
        'tasks/replay/surveyQueue.ts',
        'Dry run: count a DLQ by kind, topic, error and age',
        {
          timeout: Duration.minutes(5),
        },
      ),
      acquireLock: fn(
        'AcquireLock',
        'tasks/replay/acquireReplayLock.ts',
        'Take the per-queue replay lock (S3 conditional write)',
      ),
      releaseLock: fn(
        'ReleaseLock',
        'tasks/replay/releaseReplayLock.ts',
        'Release the per-queue replay lock',
      ),
      replayBatch: fn(
        'ReplayBatch',
        'tasks/replay/replayBatch.ts',
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
