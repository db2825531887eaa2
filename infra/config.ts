import type { App, Environment } from 'aws-cdk-lib';

/** Deployment settings read from CDK context (`-c key=value` or cdk.json), never from AWS lookups. */
export interface DeploymentConfig {
  /** Short name used in resource names, e.g. `dev`, `prod`. */
  stage: string;
  /** Target environment; undefined keeps the stacks env-agnostic (synthesizable with no credentials). */
  env?: Environment;
}

/** Reads the deployment settings from CDK context. */
export function readDeploymentConfig(app: App): DeploymentConfig {
  const stage = String(app.node.tryGetContext('msk-flows:stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) {
    throw new Error(`context msk-flows:stage must match ^[a-z][a-z0-9-]{0,15}$, got "${stage}"`);
  }
  const region = app.node.tryGetContext('msk-flows:region') as string | undefined;
  const account = app.node.tryGetContext('msk-flows:account') as string | undefined;
  return { stage, env: region || account ? { region, account } : undefined };
}
