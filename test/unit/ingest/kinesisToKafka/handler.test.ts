import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { jest } from '@jest/globals';
import type { Context, KinesisStreamEvent } from 'aws-lambda';
import {
  type BridgeKinesisBatchDeps,
  createBridgeHandler,
} from '../../../../tasks/ingest/kinesisToKafka/bridgeKinesisBatch';
import { BridgeConfigError } from '../../../../tasks/ingest/kinesisToKafka/errors';
import { Tracer } from '../../../../tasks/shared/observability/tracer';
import { loadEvent } from '../../../helpers/loadEvent';
import { FakeSender } from './fakes';

const context = {
  functionName: 'kinesis-to-kafka',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

function observability() {
  return {
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'Test', serviceName: 'kinesis-to-kafka', singleMetric: false }),
    tracer: new Tracer({ enabled: false }),
  };
}

function deps(sender: FakeSender, obs: ReturnType<typeof observability>): BridgeKinesisBatchDeps {
  return {
    topic: 'bridge-target',
    sender,
    topicLimits: async () => ({ maxMessageBytes: 1_048_588, source: 'override' }),
    deadLetter: async () => undefined,
    logger: obs.logger,
    metrics: obs.metrics,
  };
}

describe('createBridgeHandler', () => {
  const disabled = process.env.POWERTOOLS_METRICS_DISABLED;
  beforeAll(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  });
  afterAll(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = disabled;
  });

  it('builds the deps once per container and returns the partial batch response of each invocation', async () => {
    // Prepare
    const obs = observability();
    const sender = new FakeSender();
    const resolveDeps = jest.fn(async () => deps(sender, obs));
    const handler = createBridgeHandler(obs, resolveDeps);
    const event = loadEvent<KinesisStreamEvent>('kinesis-flight-telemetry');

    // Act
    const first = await handler(event, context);
    const second = await handler(event, context);

    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });
    expect(resolveDeps).toHaveBeenCalledTimes(1);
    expect(sender.acknowledged).toHaveLength(12);
  });

  it('fails the invocation with the config error and tries again on the next one', async () => {
    // Prepare
    const obs = observability();
    const sender = new FakeSender();
    const resolveDeps = jest
      .fn<() => Promise<BridgeKinesisBatchDeps>>()
      .mockRejectedValueOnce(new BridgeConfigError([{ variable: 'TARGET_TOPIC', reason: 'is required' }]))
      .mockResolvedValueOnce(deps(sender, obs));
    const handler = createBridgeHandler(obs, resolveDeps);
    const event = loadEvent<KinesisStreamEvent>('kinesis-single-record');

    // Act
    const failure = await handler(event, context).catch((e: unknown) => e);
    const result = await handler(event, context);

    // Assess
    expect(failure).toMatchObject({
      name: 'BridgeConfigError',
      message: expect.stringContaining('TARGET_TOPIC is required'),
    });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(resolveDeps).toHaveBeenCalledTimes(2);
  });
});
