import type { Context } from 'aws-lambda';
import { RequestValidationError } from '../../../tasks/onboarding/errors';
import { handler, validateRequest } from '../../../tasks/onboarding/validateRequest';

const request = {
  requestId: 'demo-orders-analytics-001',
  cluster: { kind: 'self-managed', bootstrapServers: ['127.0.0.1:9096'] },
  principal: 'demo-orders-analytics',
  topics: [{ name: 'demo.orders.events', partitions: 3, replicationFactor: 1 }],
  grants: [{ role: 'producer', topic: 'demo.orders.', patternType: 'prefixed' }],
};

describe('validateRequest', () => {
  it('returns the request under request with defaults applied', async () => {
    // Prepare
    const input = structuredClone(request);

    // Act
    const output = await validateRequest(input);

    // Assess
    expect(output).toEqual({
      request: {
        ...request,
        topics: [{ ...request.topics[0], config: {} }],
        grants: [{ ...request.grants[0], idempotent: true }],
        dryRun: false,
        deleteTopics: false,
      },
    });
  });

  it('throws RequestValidationError naming every bad field', async () => {
    // Prepare
    const input = { ...request, principal: 'a,b', topics: [{ name: '..', partitions: 0 }] };

    // Act
    const act = validateRequest(input);

    // Assess
    await expect(act).rejects.toThrow(RequestValidationError);
    await expect(act).rejects.toThrow(
      /^request invalid: principal: .*; topics\[0\]\.name: .*; topics\[0\]\.partitions: must be at least 1, got 0$/,
    );
  });

  it('runs behind the middy handler with the same result and the same error name', async () => {
    // Prepare
    const context = { functionName: 'validate-request' } as Context;

    // Act
    const output = await handler(structuredClone(request), context);
    const failure = handler({ ...request, grants: [{ role: 'admin' }] }, context);

    // Assess
    expect(output).toEqual(await validateRequest(structuredClone(request)));
    await expect(failure).rejects.toMatchObject({ name: 'RequestValidationError' });
  });
});
