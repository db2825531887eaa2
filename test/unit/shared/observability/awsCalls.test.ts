import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { captureLambdaHandler } from '../../../../tasks/shared/observability/captureLambdaHandler';
import { Tracer } from '../../../../tasks/shared/observability/tracer';
import { type DaemonStandIn, startDaemonStandIn } from './daemonStandIn';

const TRACE = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

/** A local HTTP server answering SQS's JSON protocol with the given status/body pairs, in turn. */
async function sqsStandIn(
  answers: { status: number; body: object }[],
): Promise<{ url: string; server: Server }> {
  let turn = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const answer = answers[Math.min(turn++, answers.length - 1)] as { status: number; body: object };
      response.writeHead(answer.status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': `req-${turn}`,
      });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('Tracer.captureAWSv3Client', () => {
  let daemon: DaemonStandIn;
  let sqs: { url: string; server: Server } | undefined;

  beforeEach(async () => {
    daemon = await startDaemonStandIn();
  });
  afterEach(async () => {
    await daemon.close();
    sqs?.server.close();
  });

  const tracerFor = (enabled = true) =>
    new Tracer({
      serviceName: 'svc',
      enabled,
      env: {
        AWS_LAMBDA_FUNCTION_NAME: 'fn',
        AWS_XRAY_DAEMON_ADDRESS: daemon.address,
        _X_AMZN_TRACE_ID: TRACE,
      },
    });
  const clientAt = (url: string) =>
    new SQSClient({
      endpoint: url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
      maxAttempts: 2,
    });
  const getQueueUrl = (client: SQSClient) => client.send(new GetQueueUrlCommand({ QueueName: 'q' }));

  it('sends each call as an aws subsegment under the handler subsegment: service, operation, request id, retries', async () => {
    // Prepare: the first attempt fails with a 500, the retry answers
    sqs = await sqsStandIn([
      { status: 500, body: { __type: 'com.amazonaws.sqs#InternalError', message: 'boom' } },
      { status: 200, body: { QueueUrl: 'https://sqs/q' } },
    ]);
    const tracer = tracerFor();
    const client = tracer.captureAWSv3Client(clientAt(sqs.url));
    const handler = middy(async () => (await getQueueUrl(client)).QueueUrl).use(captureLambdaHandler(tracer));

    // Act
    const url = await handler({}, {} as Context);

    // Assess: the call's subsegment goes first (it closes first), then the handler's
    expect(url).toBe('https://sqs/q');
    const [call, handlerSegment] = await daemon.received(2);
    expect(call).toMatchObject({
      name: 'SQS',
      namespace: 'aws',
      type: 'subsegment',
      trace_id: handlerSegment?.trace_id,
      parent_id: handlerSegment?.id,
      aws: { operation: 'GetQueueUrl', request_id: 'req-2', retries: 1 },
      http: { response: { status: 200 } },
    });
    expect(call?.fault).toBeUndefined();
  });

  it('flags a call the service refuses as an error with its remote exception, and rethrows it', async () => {
    sqs = await sqsStandIn([
      { status: 400, body: { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'no such queue' } },
    ]);
    const tracer = tracerFor();
    const client = tracer.captureAWSv3Client(clientAt(sqs.url));
    const handler = middy(async () => getQueueUrl(client)).use(captureLambdaHandler(tracer));

    await expect(handler({}, {} as Context)).rejects.toThrow('no such queue');

    const [call, handlerSegment] = await daemon.received(2);
    expect(call).toMatchObject({
      error: true,
      http: { response: { status: 400 } },
      cause: { exceptions: [{ type: 'QueueDoesNotExist', remote: true }] },
    });
    expect(call?.fault).toBeUndefined();
    expect(handlerSegment).toMatchObject({ fault: true, cause: { exceptions: [{ remote: false }] } });
  });

  it('leaves the client untouched when tracing is off, and a call outside an invocation unrecorded', async () => {
    sqs = await sqsStandIn([{ status: 200, body: { QueueUrl: 'https://sqs/q' } }]);
    const off = tracerFor(false).captureAWSv3Client(clientAt(sqs.url));
    const outside = tracerFor().captureAWSv3Client(clientAt(sqs.url));

    await getQueueUrl(off);
    await getQueueUrl(outside);
    const tracer = tracerFor();
    await middy(async () => 'marker').use(captureLambdaHandler(tracer))({}, {} as Context);

    const [first] = await daemon.received(1);
    expect(first?.name).toMatch(/^## /);
    expect(off.middlewareStack.identify().some((m) => m.includes('mskFlowsXrayAwsCall'))).toBe(false);
  });
});
