import { App, type AppProps, Validations } from 'aws-cdk-lib';
import type { JsonSchema } from 'aws-cdk-lib/aws-apigateway';
import { AwsSolutionsChecks } from 'cdk-nag';
import { onboardingRequestJsonSchema } from '../tasks/onboarding/request/jsonSchema';
import { readDeploymentConfig } from './config';
import { OnboardingStack } from './stacks/onboardingStack';
import { PlatformStack } from './stacks/platformStack';

/** The stacks of one msk-flows deployment, returned so tests and the local runner can inspect them. */
export interface MskFlowsApp {
  app: App;
  platform: PlatformStack;
  onboarding: OnboardingStack;
}

/** Builds the CDK app: every stack, with cdk-nag's AwsSolutions checks applied to all of them. */
export function buildApp(props?: AppProps): MskFlowsApp {
  const app = new App(props);
  const config = readDeploymentConfig(app);
  const prefix = `MskFlows-${config.stage}`;
  const platform = new PlatformStack(app, `${prefix}-Platform`, {
    env: config.env,
    stage: config.stage,
    description: 'msk-flows: shared platform resources (customer-managed KMS key for SCRAM secrets)',
  });
  const onboarding = new OnboardingStack(app, `${prefix}-Onboarding`, {
    env: config.env,
    stage: config.stage,
    scramSecretKey: platform.scramSecretKey.key,
    // API Gateway validates bodies with draft-04 JSON Schema: generated from the same zod schema.
    onboardingRequestSchema: onboardingRequestJsonSchema('draft-04') as JsonSchema,
    description: 'msk-flows: onboarding/offboarding state machines, their tasks and their API',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, platform, onboarding };
}

/** The app without asset bundling: for tests and local runs that only need templates and definitions. */
export function buildAppWithoutBundling(context: Record<string, unknown> = {}): MskFlowsApp {
  return buildApp({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
}
