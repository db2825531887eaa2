import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { BUNDLE_WORKING_DIR, taskBuildOptions } from '../../../infra/constructs/bundling';

const execFileAsync = promisify(execFile);
const ENTRY = 'tasks/workflowApi/startWorkflow.ts';
const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:111122223333:stateMachine:msk-flows-onboarding';

/** One call the Step Functions stand-in received: the operation (X-Amz-Target) and the JSON body. */
interface Call {
  operation: string;
  body: Record<string, unknown>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
};

/**
 * A local HTTP stand-in for Step Functions (awsJson1_0) that plays a race: no execution of the name exists, a
 * start finds the name taken (ExecutionAlreadyExists), and the execution then reads back running with the same
 * input. Start Workflow joins it: both service exceptions, three calls through one lazily loaded client.
 */
function stepFunctionsStandIn(calls: Call[]): Server {
  let described = 0;
  return createServer(async (request, response) => {
    const operation = String(request.headers['x-amz-target'] ?? '').replace('AWSStepFunctions.', '');
    const body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    calls.push({ operation, body });
    const reply = (status: number, payload: object) => {
      response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(payload));
    };
    if (operation === 'DescribeExecution' && described++ === 0)
      return reply(400, {
        __type: 'com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist',
        message: 'none',
      });
    if (operation === 'DescribeExecution')
      return reply(200, {
        executionArn: body.executionArn,
        stateMachineArn: STATE_MACHINE_ARN,
        status: 'RUNNING',
        input: JSON.stringify({ requestId: 'orders-team' }),
        startDate: 1_764_000_000,
      });
    if (operation === 'StartExecution')
      return reply(400, {
        __type: 'com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists',
        message: 'taken',
      });
    return reply(400, { __type: 'UnknownOperationException', message: operation });
  });
}

// Imports the bundle, then calls its handler once; prints whether the SDK's package was loaded before and after.
const CALL_HANDLER = `
const loaded = () => Object.keys(require.cache).some((path) => path.includes('@aws-sdk/client-sfn'));
const bundle = await import(process.argv[1]);
const atLoad = loaded();
const event = { body: JSON.stringify({ requestId: 'orders-team' }), path: '/onboardings' };
const context = { functionName: 'start-workflow', awsRequestId: 'r-1', invokedFunctionArn: 'arn', memoryLimitInMB: '256', functionVersion: '1', getRemainingTimeInMillis: () => 10000 };
const response = await bundle.handler(event, context);
process.stdout.write(JSON.stringify({ atLoad, afterCall: loaded(), response }));
`;

describe('an SDK client package through a Lambda bundle', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'msk-flows-lazy-sdk-bundle-'));
  const calls: Call[] = [];
  const server = stepFunctionsStandIn(calls);
  let bundleFile: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    bundleFile = join(outdir, 'index.mjs');
    await build({
      ...taskBuildOptions(ENTRY),
      outfile: bundleFile,
      logLevel: 'silent',
    });
    // The runtime's SDK, as the cold-start benchmark provides it: a node_modules link beside the bundle.
    mkdirSync(join(outdir, 'node_modules'));
    symlinkSync(
      join(BUNDLE_WORKING_DIR, 'node_modules', '@aws-sdk'),
      join(outdir, 'node_modules', '@aws-sdk'),
    );
  });
  afterAll(() => {
    server.close();
    rmSync(outdir, { recursive: true, force: true });
  });

  it('is not loaded by the module, and loaded by the first call, which joins the raced execution', async () => {
    // Act
    const { port } = server.address() as AddressInfo;
    const { stdout } = await execFileAsync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);${CALL_HANDLER}`,
        bundleFile,
      ],
      {
        cwd: outdir,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
          AWS_SECRET_ACCESS_KEY: 'local-only',
          AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${port}`,
          STATE_MACHINE_ARN,
          POWERTOOLS_LOG_LEVEL: 'SILENT',
        },
      },
    );
    const result = JSON.parse(stdout) as {
      atLoad: boolean;
      afterCall: boolean;
      response: { statusCode: number; body: string };
    };

    // Assess
    expect(result.atLoad).toBe(false);
    expect(result.afterCall).toBe(true);
    expect(calls.map((c) => c.operation)).toEqual([
      'DescribeExecution',
      'StartExecution',
      'DescribeExecution',
    ]);
    expect(calls[1]?.body).toMatchObject({
      stateMachineArn: STATE_MACHINE_ARN,
      input: '{"requestId":"orders-team"}',
    });
    expect(result.response.statusCode).toBe(202);
    expect(JSON.parse(result.response.body)).toMatchObject({ joined: true, status: 'RUNNING', run: 1 });
  });
});
