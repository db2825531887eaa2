import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/** The task Lambdas of the DLQ replay state machine, one job each. */
export interface ReplayFunctions {
  validateRequest: IFunction;
  surveyQueue: IFunction;
  acquireLock: IFunction;
  replayBatch: IFunction;
  releaseLock: IFunction;
}
