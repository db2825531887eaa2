import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import type { ReplayRecord } from '../../../tasks/replay/records';
import { LambdaTargetWriter } from '../../../tasks/replay/targets/lambdaTarget';

const lambdaMock = mockClient(LambdaClient);
const functionArn = 'arn:aws:lambda:eu-west-1:111122223333:function:orders-to-s3';

const kafkaRecord = (offset: number): ReplayRecord => ({
  id: `kafka:orders.events:0:${offset}`,
  origin: {
    kind: 'kafka',
    topic: 'orders.events',
    partition: 0,
    offset: String(offset),
    timestamp: 1_700_000_000_000,
  },
  key: Buffer.from('k'),
  value: Buffer.from(`v${offset}`),
  headers: [['h', Buffer.from([1, 2])]],
  attempt: 1,
});

/** A response payload as the SDK returns it (bytes; the blob adapter's helpers are not read). */
const payload = (value: unknown) =>
  Buffer.from(JSON.stringify(value)) as unknown as InvokeCommandOutput['Payload'];

describe('LambdaTargetWriter', () => {
  afterEach(() => {
    lambdaMock.reset();
  });

  it('invokes the function with a Kafka trigger event and parks exactly the records of its partial batch response', async () => {
    // Prepare
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: payload({
        batchItemFailures: [{ itemIdentifier: { partition: 'orders.events-0', offset: 11 } }],
      }),
    });
    const writer = new LambdaTargetWriter(new LambdaClient({ region: 'eu-west-1' }), functionArn);

    // Act
    const outcome = await writer.deliver([kafkaRecord(10), kafkaRecord(11)], 'r-1');

    // Assess
    const sent = JSON.parse(
      Buffer.from(lambdaMock.commandCalls(InvokeCommand)[0]?.args[0].input.Payload as Uint8Array).toString(),
    );
    expect(lambdaMock).toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: functionArn,
      InvocationType: 'RequestResponse',
    });
    expect(sent.eventSource).toBe('SelfManagedKafka');
    expect(sent.records['orders.events-0'][0]).toMatchObject({
      offset: 10,
      key: Buffer.from('k').toString('base64'),
      value: Buffer.from('v10').toString('base64'),
      headers: [
        { h: [1, 2] },
        { 'replay-id': [...Buffer.from('r-1')] },
        expect.anything(),
        expect.anything(),
      ],
    });
    expect(outcome).toEqual({
      delivered: ['kafka:orders.events:0:10'],
      parked: [{ id: 'kafka:orders.events:0:11', reason: 'TargetReportedFailure: in batchItemFailures' }],
    });
  });

  it('parks the records of an invocation the function failed on', async () => {
    // Prepare
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: payload({ errorType: 'SchemaMismatch' }),
    });
    const writer = new LambdaTargetWriter(new LambdaClient({ region: 'eu-west-1' }), functionArn);

    // Act
    const outcome = await writer.deliver([kafkaRecord(1)], 'r-1');

    // Assess
    expect(outcome.parked).toEqual([
      { id: 'kafka:orders.events:0:1', reason: 'TargetFunctionError: SchemaMismatch' },
    ]);
  });

  it('throws a retriable error when Lambda throttles, delivering nothing', async () => {
    // Prepare
    lambdaMock.on(InvokeCommand).rejects(
      Object.assign(new Error('Rate exceeded'), {
        name: 'TooManyRequestsException',
        $metadata: { httpStatusCode: 429 },
      }),
    );
    const writer = new LambdaTargetWriter(new LambdaClient({ region: 'eu-west-1' }), functionArn);

    // Act / Assess
    await expect(writer.deliver([kafkaRecord(1)], 'r-1')).rejects.toMatchObject({
      name: 'ReplayServiceUnavailableError',
    });
  });
});
