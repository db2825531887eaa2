import {
  LambdaFunctionError,
  lambdaErrorDocument,
  StatesDataLimitExceededError,
} from '../../../workflows/local/index';
import { toTaskFunction } from '../../../workflows/local/lambdaTask';

class TopicConfigDriftError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TopicConfigDriftError';
  }
}

describe('lambdaErrorDocument', () => {
  it('mirrors the Lambda Node.js runtime for errors and for thrown non-errors', () => {
    // Prepare
    const error = new TopicConfigDriftError('orders.events has 6 partitions, 3 requested');

    // Act
    const fromError = lambdaErrorDocument(error);
    const fromString = lambdaErrorDocument('plain text');

    // Assess
    expect(fromError).toEqual({
      errorType: 'TopicConfigDriftError',
      errorMessage: 'orders.events has 6 partitions, 3 requested',
      trace: error.stack?.split('\n'),
    });
    expect(fromString).toEqual({ errorType: 'string', errorMessage: 'plain text', trace: [] });
  });
});

describe('toTaskFunction', () => {
  it('throws a LambdaFunctionError named after the thrown error with the document as message', async () => {
    // Prepare
    const task = toTaskFunction({
      stateName: 'Ensure Topics',
      integration: 'lambda-function',
      handler: async () => {
        throw new TopicConfigDriftError('drift');
      },
    });

    // Act
    const failure = await task({}).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(LambdaFunctionError);
    expect((failure as Error).name).toBe('TopicConfigDriftError');
    expect(JSON.parse((failure as Error).message)).toMatchObject({
      errorType: 'TopicConfigDriftError',
      errorMessage: 'drift',
    });
    expect((failure as LambdaFunctionError).thrown).toBeInstanceOf(TopicConfigDriftError);
  });

  it('passes the event and result through JSON and gives the handler a Lambda context', async () => {
    // Prepare
    const seen: { event: unknown; name: string; remaining: number }[] = [];
    const task = toTaskFunction({
      stateName: 'Plan',
      integration: 'lambda-function',
      functionName: 'PlanFn1234ABCD',
      timeoutSeconds: 30,
      handler: async (event, context) => {
        seen.push({ event, name: context.functionName, remaining: context.getRemainingTimeInMillis() });
        return { at: new Date('2026-01-01T00:00:00Z'), nothing: undefined };
      },
    });

    // Act
    const result = await task({ when: '2026' });

    // Assess
    expect(result).toEqual({ at: '2026-01-01T00:00:00.000Z' });
    expect(seen[0].event).toEqual({ when: '2026' });
    expect(seen[0].name).toBe('PlanFn1234ABCD');
    expect(seen[0].remaining).toBeGreaterThan(29_000);
    expect(seen[0].remaining).toBeLessThanOrEqual(30_000);
  });

  it('answers like the Invoke API for asynchronous and dry-run lambda:invoke calls', async () => {
    // Prepare
    let calls = 0;
    const handler = async () => {
      calls++;
      return 'ignored';
    };
    const asynchronous = toTaskFunction({
      stateName: 'A',
      integration: 'lambda-invoke',
      invocationType: 'Event',
      handler,
    });
    const dryRun = toTaskFunction({
      stateName: 'B',
      integration: 'lambda-invoke',
      invocationType: 'DryRun',
      handler,
    });

    // Act
    const queued = await asynchronous({ FunctionName: 'f', Payload: {} });
    const checked = await dryRun({ FunctionName: 'f', Payload: {} });

    // Assess
    expect(queued).toEqual({ Payload: '', StatusCode: 202 });
    expect(checked).toEqual({ Payload: '', StatusCode: 204 });
    expect(calls).toBe(1);
  });

  it('rejects a result over 256 KiB with a terminal States.DataLimitExceeded', async () => {
    // Prepare
    const task = toTaskFunction({
      stateName: 'Big',
      integration: 'lambda-function',
      handler: async () => 'x'.repeat(262_144),
    });

    // Act
    const failure = await task({}).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(StatesDataLimitExceededError);
    expect(failure).toMatchObject({
      name: 'States.DataLimitExceeded',
      isRetryable: false,
      isCatchable: false,
    });
  });
});
