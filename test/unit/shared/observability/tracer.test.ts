import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { captureLambdaHandler } from '../../../../tasks/shared/observability/captureLambdaHandler';
import { Tracer } from '../../../../tasks/shared/observability/tracer';
import { daemonAddress } from '../../../../tasks/shared/observability/xray/daemon';
import { parseTraceHeader } from '../../../../tasks/shared/observability/xray/traceHeader';
import { type DaemonStandIn, startDaemonStandIn } from './daemonStandIn';

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const PARENT = '53995c3f42cd8ad8';
const context = {} as Context;

describe('parseTraceHeader', () => {
  it('reads the trace id, the parent segment and the sampling decision', () => {
    expect(parseTraceHeader(`Root=${ROOT};Parent=${PARENT};Sampled=1;Lineage=a:1`)).toEqual({
      traceId: ROOT,
      parentId: PARENT,
      sampled: true,
    });
    expect(parseTraceHeader(`Root=${ROOT};Parent=${PARENT};Sampled=0`)?.sampled).toBe(false);
  });

  it('gives nothing for a missing or malformed header', () => {
    expect(parseTraceHeader(undefined)).toBeUndefined();
    expect(parseTraceHeader(`Root=1-xyz;Parent=${PARENT};Sampled=1`)).toBeUndefined();
    expect(parseTraceHeader(`Root=${ROOT};Sampled=1`)).toBeUndefined();
  });
});

describe('daemonAddress', () => {
  it('reads host:port and the UDP part of a tcp/udp pair, else the default', () => {
    expect(daemonAddress('169.254.79.129:2000')).toEqual({ host: '169.254.79.129', port: 2000 });
    expect(daemonAddress('tcp:127.0.0.1:2001 udp:127.0.0.2:2002')).toEqual({ host: '127.0.0.2', port: 2002 });
    expect(daemonAddress(undefined)).toEqual({ host: '127.0.0.1', port: 2000 });
    expect(daemonAddress('nonsense')).toEqual({ host: '127.0.0.1', port: 2000 });
  });
});

describe('Tracer with captureLambdaHandler', () => {
  let daemon: DaemonStandIn;
  let env: NodeJS.ProcessEnv;
  const savedHandler = process.env._HANDLER;

  beforeEach(async () => {
    daemon = await startDaemonStandIn();
    env = {
      AWS_LAMBDA_FUNCTION_NAME: 'fn',
      AWS_XRAY_DAEMON_ADDRESS: daemon.address,
      _X_AMZN_TRACE_ID: `Root=${ROOT};Parent=${PARENT};Sampled=1`,
    };
    process.env._HANDLER = 'index.handler';
  });
  afterEach(async () => {
    await daemon.close();
    process.env._HANDLER = savedHandler;
  });

  const traced = (
    tracer: Tracer,
    fn: (event: { n: number }) => Promise<unknown>,
    captureResponse?: boolean,
  ) => middy(fn).use(captureLambdaHandler(tracer, captureResponse === undefined ? {} : { captureResponse }));

  it('sends a "## handler" subsegment under the function segment, cold start once, with the response', async () => {
    // Prepare
    const tracer = new Tracer({ serviceName: 'svc', env });
    const handler = traced(tracer, async (event) => ({ doubled: event.n * 2 }));

    // Act
    await handler({ n: 1 }, context);
    await handler({ n: 2 }, context);

    // Assess
    const [first, second] = await daemon.received(2);
    expect(first).toMatchObject({
      name: '## index.handler',
      type: 'subsegment',
      trace_id: ROOT,
      parent_id: PARENT,
      annotations: { ColdStart: true, Service: 'svc' },
      metadata: { svc: { 'index.handler response': { doubled: 2 } } },
    });
    expect(first?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(first?.end_time).toBeGreaterThanOrEqual(first?.start_time as number);
    expect(second?.annotations).toEqual({ ColdStart: false, Service: 'svc' });
    expect(second?.id).not.toBe(first?.id);
  });

  it('records an error as a fault with its exception, and still throws it', async () => {
    const tracer = new Tracer({ serviceName: 'svc', env });
    const handler = traced(tracer, async () => {
      throw new RangeError('bad n');
    });

    await expect(handler({ n: 1 }, context)).rejects.toThrow('bad n');

    const [doc] = await daemon.received(1);
    expect(doc).toMatchObject({
      fault: true,
      cause: { exceptions: [{ message: 'bad n', type: 'RangeError' }] },
    });
    expect(doc?.metadata).toBeUndefined();
  });

  it('leaves the response out when asked to, or when POWERTOOLS_TRACER_CAPTURE_RESPONSE is false', async () => {
    await traced(new Tracer({ serviceName: 'svc', env }), async () => 'page', false)({ n: 1 }, context);
    const off = { ...env, POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false' };
    await traced(new Tracer({ serviceName: 'svc', env: off }), async () => 'page')({ n: 1 }, context);

    const docs = await daemon.received(2);
    expect(docs.map((d) => d.metadata)).toEqual([undefined, undefined]);
  });

  it('says the response was omitted when it would not fit one datagram, and still sends the subsegment', async () => {
    const tracer = new Tracer({ serviceName: 'svc', env });

    await traced(tracer, async () => 'x'.repeat(70_000))({ n: 1 }, context);

    const [doc] = await daemon.received(1);
    expect(doc?.metadata).toEqual({ svc: { 'response omitted': 'larger than a daemon datagram' } });
  });

  it('sends nothing when the invocation is not sampled, tracing is off, or it runs outside Lambda', async () => {
    const unsampled = { ...env, _X_AMZN_TRACE_ID: `Root=${ROOT};Parent=${PARENT};Sampled=0` };
    const outside = { ...env, AWS_LAMBDA_FUNCTION_NAME: undefined };
    const tracers = [
      new Tracer({ serviceName: 'svc', env: unsampled }),
      new Tracer({ serviceName: 'svc', env: { ...env, POWERTOOLS_TRACE_ENABLED: 'false' } }),
      new Tracer({ serviceName: 'svc', env, enabled: false }),
      new Tracer({ serviceName: 'svc', env: outside }),
    ];
    for (const tracer of tracers) await traced(tracer, async () => 'ok')({ n: 1 }, context);
    // A traced invocation after them: the first document to arrive must be its own.
    await traced(new Tracer({ serviceName: 'last', env }), async () => 'ok')({ n: 1 }, context);

    const [doc] = await daemon.received(1);
    expect(doc?.annotations?.Service).toBe('last');
    expect(tracers.map((t) => t.isTracingEnabled())).toEqual([true, false, false, false]);
  });
});
