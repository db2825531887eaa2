import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { LOCAL_PARKING_BUCKET } from '../../../cli/local/replayTasks';
import { main } from '../../../cli/main';
import { lockKey } from '../../../tasks/replay/lock/replayLock';
import {
  createQueue,
  createTopic,
  deleteQueue,
  deleteTopics,
  kafkaEnvelope,
  readTopic,
  sendBodies,
  testReplayDeps,
} from '../../integration/replay/support';

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    output: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
  };
}

const sfnMock = mockClient(SFNClient);

describe('msk-flows replay', () => {
  const deps = testReplayDeps();
  const queues: string[] = [];
  const topics: string[] = [];

  afterEach(async () => {
    sfnMock.reset();
    for (const queue of queues.splice(0)) await deleteQueue(deps.sqs, queue);
    await deleteTopics(topics.splice(0));
  });

  it('returns 2 naming every bad flag value, touching nothing', async () => {
    // Prepare
    const { out, err, output } = recorder();

    // Act
    const code = await main(
      [
        'replay',
        '--local',
        '--source',
        'sqs:nope',
        '--target',
        'topic:__internal',
        '--rate',
        'fast',
        '--max-messages',
        '0',
      ],
      output,
    );

    // Assess
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toBe('replay request invalid:');
    expect(err.slice(1).map((line) => line.trim().split(':')[0])).toEqual(
      expect.arrayContaining(['source.queueUrl', 'target.topic', 'ratePerSecond', 'maxMessages']),
    );
  });

  it('returns 2 with the usage when neither a request nor a source and target are given', async () => {
    // Prepare
    const { err, output } = recorder();

    // Act / Assess
    expect(await main(['replay', '--local'], output)).toBe(2);
    expect(err[0]).toMatch(/^replay needs --request FILE/);
  });

  it('replays a queue into a topic locally and prints the summary as JSON (exit 0); a dry run counts first', async () => {
    // Prepare
    const queueUrl = await createQueue(deps.sqs);
    const topic = await createTopic(1);
    queues.push(queueUrl);
    topics.push(topic);
    await sendBodies(
      deps.sqs,
      queueUrl,
      [1, 2, 3].map((i) =>
        JSON.stringify(kafkaEnvelope('orders.events', i, { key: null, value: Buffer.from(`v${i}`) })),
      ),
    );
    const dry = recorder();
    const run = recorder();

    // Act
    const dryCode = await main(
      [
        'replay',
        '--local',
        '--source',
        `sqs:${queueUrl}`,
        '--target',
        `topic:${topic}`,
        '--dry-run',
        '--json',
      ],
      dry.output,
    );
    const code = await main(
      ['replay', '--local', '--source', `sqs:${queueUrl}`, '--target', `topic:${topic}`, '--json'],
      run.output,
    );

    // Assess
    expect(dryCode).toBe(0);
    expect(JSON.parse(dry.out.at(-1) ?? '')).toMatchObject({
      status: 'SUCCEEDED',
      dryRun: true,
      received: 3,
      replayed: 0,
      counts: { byKind: { envelope: 3 } },
    });
    expect(code).toBe(0);
    expect(run.out).toHaveLength(1);
    expect(JSON.parse(run.out[0] ?? '')).toMatchObject({
      status: 'SUCCEEDED',
      dryRun: false,
      received: 3,
      replayed: 3,
      parked: 0,
      remaining: 0,
      stoppedBy: 'drained',
    });
    expect(await readTopic(topic)).toHaveLength(3);
  }, 180_000);

  it('returns 1 with ReplayAlreadyRunning when another replay holds the queue', async () => {
    // Prepare
    const queueUrl = await createQueue(deps.sqs);
    queues.push(queueUrl);
    const holder = {
      queueUrl,
      replayId: 'other',
      execution: 'other-1',
      acquiredAt: Date.now(),
      expiresAt: Date.now() + 600_000,
    };
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: LOCAL_PARKING_BUCKET,
        Key: lockKey(queueUrl),
        Body: JSON.stringify(holder),
      }),
    );
    const { out, output } = recorder();

    // Act
    const code = await main(
      ['replay', '--local', '--source', `sqs:${queueUrl}`, '--target', 'topic:orders.retry', '--json'],
      output,
    );

    // Assess
    expect(code).toBe(1);
    expect(JSON.parse(out.at(-1) ?? '')).toMatchObject({
      status: 'FAILED',
      error: { name: 'ReplayAlreadyRunning', cause: expect.stringContaining('replay other') },
    });
    await deps.s3.send(new DeleteObjectCommand({ Bucket: LOCAL_PARKING_BUCKET, Key: lockKey(queueUrl) }));
  }, 180_000);

  it('starts the execution named after the replay id on AWS and reports its output', async () => {
    // Prepare
    const stateMachineArn =
      'arn:aws-cn:states:cn-northwest-1:111122223333:stateMachine:msk-flows-dev-dlq-replay';
    const executionArn =
      'arn:aws-cn:states:cn-northwest-1:111122223333:execution:msk-flows-dev-dlq-replay:orders-1';
    const summary = {
      status: 'SUCCEEDED',
      dryRun: false,
      replayId: 'orders-1',
      received: 5,
      replayed: 4,
      parked: 1,
      skipped: 0,
      remaining: 0,
      oldestFailedAt: '2026-11-01T10:00:00.000Z',
      stoppedBy: 'drained',
    };
    sfnMock.on(StartExecutionCommand).resolves({ executionArn, startDate: new Date() });
    sfnMock
      .on(GetExecutionHistoryCommand)
      .resolves({ events: [{ id: 1, type: 'ExecutionSucceeded', timestamp: new Date() }] });
    // The first look finds no run of this replay id yet; the follow then reads the finished one.
    sfnMock
      .on(DescribeExecutionCommand)
      .rejectsOnce(new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} }))
      .resolves({
        executionArn,
        status: 'SUCCEEDED',
        output: JSON.stringify(summary),
        stateMachineArn,
        startDate: new Date(),
      });
    const { out, output } = recorder();

    // Act
    const code = await main(
      [
        'replay',
        '--state-machine',
        stateMachineArn,
        '--region',
        'cn-northwest-1',
        '--replay-id',
        'orders-1',
        '--source',
        'sqs:https://sqs.cn-northwest-1.amazonaws.com.cn/111122223333/dlq',
        '--target',
        'topic:orders.retry',
        '--cluster-arn',
        'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2',
        '--json',
      ],
      output,
    );

    // Assess
    expect(code).toBe(0);
    expect(sfnMock).toHaveReceivedCommandWith(StartExecutionCommand, { stateMachineArn, name: 'orders-1' });
    const input = JSON.parse(sfnMock.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? '{}');
    expect(input.target).toEqual({
      kind: 'topic',
      topic: 'orders.retry',
      cluster: { kind: 'msk', arn: expect.stringContaining(':cluster/orders/') },
    });
    expect(JSON.parse(out.at(-1) ?? '')).toMatchObject({ ...summary, execution: executionArn });
  });
});
