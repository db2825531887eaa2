import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import type { JsonSchema } from 'aws-cdk-lib/aws-apigateway';
import { AwsSolutionsChecks } from 'cdk-nag';
import { onboardingRequestJsonSchema } from '../tasks/onboarding/request/jsonSchema';
import { readDeploymentConfig } from './config';
import { keyTaggingGrantees } from './constructs/scramSecretKey';
import { readConsumerAccessConfig } from './consumerAccessConfig';
import { readReplayConfig } from './replayConfig';
import { ConsumerAccessStack } from './stacks/consumerAccessStack';
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
  /** Only when `msk-flows:ingest.consumer` or `.flightData` is set. */
  consumer?: ConsumerStack;
  /** Consumer account's private access role and port rule; present when `msk-flows:consumerAccess` is set. */
  consumerAccess?: ConsumerAccessStack;
  /** The DLQ replay; present when `msk-flows:replay` is set. */
  replay?: ReplayStack;
}

/** Builds the CDK app: every stack, with cdk-nag's AwsSolutions checks applied to all of them. */
/** How the app is built beyond its context. */
export interface BuildOptions {
  /**
   * Whether cdk-nag's AwsSolutions checks run at synth (default true). Only callers that read state machine
   * definitions and never deploy (the local runner) turn them off: the checks change no template.
   */
  checks?: boolean;
}

export function buildApp(props?: AppProps, options: BuildOptions = {}): MskFlowsApp {
  // cdk.json's context applies however the app is built (CDK CLI, tests, the local runner).
  const app = new App({ ...props, context: { ...cdkJsonContext(), ...props?.context } });
  const config = readDeploymentConfig(app);
  const prefix = `MskFlows-${config.stage}`;
  const platform = new PlatformStack(app, `${prefix}-Platform`, {
    env: config.env,
    stage: config.stage,
    kafkaNetwork: config.kafkaNetwork,
    description: 'msk-flows: shared platform resources (KMS key of SCRAM secrets, VPC endpoints)',
  });
  const scramSecretKey = { key: platform.scramSecretKey.key, stage: config.stage };
  const onboarding = new OnboardingStack(app, `${prefix}-Onboarding`, {
    env: config.env,
    stage: config.stage,
    // Every role granted the key is also tagged as its user, which the key policy requires.
    scramSecretKey: keyTaggingGrantees(platform.scramSecretKey.key, config.stage),
    // API Gateway validates bodies with draft-04 JSON Schema: generated from the same zod schema.
    onboardingRequestSchema: onboardingRequestJsonSchema('draft-04') as JsonSchema,
    alarmTopicArn: config.alarmTopicArn,
    connectors: config.connectors,
    platformPolicy: config.platformPolicy,
    description: 'msk-flows: onboarding/offboarding state machines, their tasks and their API',
  });
  const ingest = new IngestStack(app, `${prefix}-Ingest`, {
    env: config.env,
    stage: config.stage,
    config: config.ingest,
    kafkaNetwork: config.kafkaNetwork,
    scramSecretKey,
    alarmTopicArn: config.alarmTopicArn,
    description: 'msk-flows: Kinesis → Kafka bridge, IoT → S3 batcher, dead letters (producer account)',
  });
  const { consumer: consumerConfig, flightData } = config.ingest;
  const consumer =
    consumerConfig || flightData
      ? new ConsumerStack(app, `${prefix}-Consumer`, {
          env: config.consumerEnv,
          config: config.ingest,
          // The platform key is only reachable from the producer's own account.
          scramSecretKey: config.consumerInProducerAccount ? scramSecretKey : undefined,
          alarmTopicArn: config.consumerAlarmTopicArn,
          description: 'msk-flows: Kafka → S3 consumer and the flightData read API (consumer account)',
        })
      : undefined;
  const consumerAccessConfig = readConsumerAccessConfig(app);
  const consumerAccess = consumerAccessConfig
    ? new ConsumerAccessStack(app, `${prefix}-ConsumerAccess`, {
        env: config.consumerEnv,
        config: consumerAccessConfig,
        description: 'msk-flows: role, secret-copy key and multi-VPC port rule in a consumer account',
      })
    : undefined;
  const replayConfig = readReplayConfig(app, config.ingest);
  const replay = replayConfig
    ? new ReplayStack(app, `${prefix}-Replay`, {
        env: config.env,
        stage: config.stage,
        ingest,
        config: replayConfig,
        description:
          'msk-flows: DLQ replay state machine, schedules, parking bucket and alarms (producer account)',
      })
    : undefined;
  if (options.checks !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, platform, onboarding, ingest, consumer, consumerAccess, replay };
}

/** The app without asset bundling: for tests and local runs that only need templates and definitions. */
export function buildAppWithoutBundling(
  context: Record<string, unknown> = {},
  options: BuildOptions = {},
): MskFlowsApp {
  return buildApp({ context: { 'aws:cdk:bundling-stacks': [], ...context } }, options);
}
