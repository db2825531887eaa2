import { Stack, type StackProps } from 'aws-cdk-lib';
import type { JsonSchema } from 'aws-cdk-lib/aws-apigateway';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { OnboardingTaskFunctions } from '../constructs/onboardingFunctions';
import { grantOnboardingPermissions } from '../constructs/onboardingPermissions';
import { OnboardingStateMachines } from '../constructs/onboardingStateMachines';
import { WorkflowApi } from '../constructs/workflowApi';
import { taskNetworkFromContext } from '../network';

export interface OnboardingStackProps extends StackProps {
  stage: string;
  scramSecretKey: IKey;
  onboardingRequestSchema: JsonSchema;
}

/** Producer (cluster) account: the onboarding/offboarding state machines, their tasks and their API. */
export class OnboardingStack extends Stack {
  readonly functions: OnboardingTaskFunctions;
  readonly stateMachines: OnboardingStateMachines;
  readonly api: WorkflowApi;

  constructor(scope: Construct, id: string, props: OnboardingStackProps) {
    super(scope, id, props);
    this.functions = new OnboardingTaskFunctions(this, 'Tasks', {
      scramSecretKey: props.scramSecretKey,
      network: taskNetworkFromContext(this),
    });
    grantOnboardingPermissions(this, this.functions, props.scramSecretKey);
    this.stateMachines = new OnboardingStateMachines(this, 'Workflows', {
      stage: props.stage,
      onboarding: this.functions.onboarding,
      offboarding: this.functions.offboarding,
    });
    this.api = new WorkflowApi(this, 'WorkflowApi', {
      stage: props.stage,
      routes: [
        {
          resource: 'onboardings',
          stateMachine: this.stateMachines.onboarding,
          requestSchema: props.onboardingRequestSchema,
        },
        {
          resource: 'offboardings',
          stateMachine: this.stateMachines.offboarding,
          requestSchema: props.onboardingRequestSchema,
        },
      ],
    });
  }
}
