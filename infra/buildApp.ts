import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readDeploymentConfig } from './config';
import { PlatformStack } from './stacks/platformStack';

/** The stacks of one msk-flows deployment, returned so tests can inspect them. */
export interface MskFlowsApp {
  app: App;
  platform: PlatformStack;
}

/** Builds the CDK app: every stack, with cdk-nag's AwsSolutions checks applied to all of them. */
export function buildApp(props?: AppProps): MskFlowsApp {
  const app = new App(props);
  const config = readDeploymentConfig(app);
  const platform = new PlatformStack(app, `MskFlows-${config.stage}-Platform`, {
    env: config.env,
    stage: config.stage,
    description: 'msk-flows: shared platform resources (customer-managed KMS key for SCRAM secrets)',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, platform };
}
