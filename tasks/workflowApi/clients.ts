import { Logger } from '@aws-lambda-powertools/logger';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { StartWorkflowDeps } from './startWorkflow';

/**
 * The container's clients and settings from the environment (`STATE_MACHINE_ARN`, set by the WorkflowApi
 * construct): call once, at module scope. A missing ARN is reported by each request (500), not at load.
 */
export function startWorkflowClients(env: NodeJS.ProcessEnv = process.env): StartWorkflowDeps {
  return {
    sfn: new SFNClient({}),
    stateMachineArn: env.STATE_MACHINE_ARN ?? '',
    logger: new Logger({ serviceName: 'workflow-api' }),
  };
}
