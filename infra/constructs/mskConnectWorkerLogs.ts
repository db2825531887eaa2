import { RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The log group MSK Connect connectors deliver their worker logs to unless a request names its own
 * (`logGroup`): MSK Connect's CloudWatch log delivery needs an existing group
 * (https://docs.aws.amazon.com/msk/latest/developerguide/msk-connect-logging.html). One group for every
 * connector of this deployment; each worker writes its own streams. Encrypted at rest by CloudWatch Logs.
 */
export class MskConnectWorkerLogs extends Construct {
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'WorkerLogs', {
      retention: RetentionDays.THREE_MONTHS,
      // Logs of connectors that ran belong to their operators' investigations: kept when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
