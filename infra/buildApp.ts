import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import type { JsonSchema } from 'aws-cdk-lib/aws-apigateway';
import { AwsSolutionsChecks } from 'cdk-nag';
import { onboardingRequestJsonSchema } from '../tasks/onboarding/request/jsonSchema';
import { readDeploymentConfig } from './config';
import { readIngestConfig } from './ingestConfig';
import { readReplayConfig } from './replayConfig';
import { ConsumerStack } from './stacks/consumerStack';
import { IngestStack } from './stacks/ingestStack';
import { OnboardingStack } from './stacks/onboardingStack';
import { PlatformStack } from './stacks/platformStack';
import { ReplayStack } from './stacks/replayStack';

/** The `context` of cdk.json at the repository root. */
function cdkJsonContext(): Record<string, unknown> {
  const file = join(import.meta.dirname, '..', 'cdk.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}

/** The stacks of one msk-flows deployment, returned so tests and the local runner can inspect them. */
export interface MskFlowsApp {
  app: App;
  platform: PlatformStack;
  onboarding: OnboardingStack;
  ingest: IngestStack;
  consumer: ConsumerStack;
  replay: ReplayStack;
}

/** Builds the CDK app: every stack, with cdk-nag's AwsSolutions checks applied to all of them. */
export function buildApp(props?: AppProps): MskFlowsApp {
  // cdk.json's context applies however the app is built (CDK CLI, tests, the local runner).
  const app = new App({ ...props, context: { ...cdkJsonContext(), ...props?.context } });
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
  const ingestConfig = readIngestConfig(app);
  const ingest = new IngestStack(app, `${prefix}-Ingest`, {
    env: config.env,
    stage: config.stage,
    config: ingestConfig,
    description: 'msk-flows: Kinesis → Kafka bridge, IoT → S3 batcher, dead letters (producer account)',
  });
  const consumer = new ConsumerStack(app, `${prefix}-Consumer`, {
    env: config.env,
    config: ingestConfig,
    description: 'msk-flows: Kafka → S3 consumer and the flightData read API (consumer account)',
  });
  const replay = new ReplayStack(app, `${prefix}-Replay`, {
    env: config.env,
    stage: config.stage,
    ingest,
    ingestConfig,
    config: readReplayConfig(app, ingestConfig),
    description:
      'msk-flows: DLQ replay state machine, schedules, parking bucket and alarms (producer account)',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, platform, onboarding, ingest, consumer, replay };
}

/** The app without asset bundling: for tests and local runs that only need templates and definitions. */
export function buildAppWithoutBundling(context: Record<string, unknown> = {}): MskFlowsApp {
  return buildApp({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
}
