import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { startSqsPoller, toSqsRecord } from '../../../../scripts/local/triggers/sqsEventSourceStandIn';

const sqsMock = mockClient(SQSClient);
const queueUrl = 'http://127.0.0.1:9324/000000000000/iot';
const queueArn = 'arn:aws:sqs:elasticmq:000000000000:iot';

function message(id: string): Message {
  return {
    MessageId: id,
    ReceiptHandle: `rh-${id}`,
    Body: `{"clientId":"d","n":"${id}"}`,
    MD5OfBody: 'md5',
    Attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1716540001000',
      SenderId: 'AIDA',
      ApproximateFirstReceiveTimestamp: '1716540001005',
    },
  };
}

/** Runs the poller over one batch of `ids` with `respond` as the handler; returns what it was given. */
async function oneBatch(ids: string[], respond: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>) {
  sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: queueArn } });
  sqsMock
    .on(ReceiveMessageCommand)
    .resolvesOnce({ Messages: ids.map(message) })
    .resolves({ Messages: [] });
  sqsMock.on(DeleteMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  const events: SQSEvent[] = [];
  let done: () => void = () => undefined;
  const handled = new Promise<void>((resolve) => {
    done = resolve;
  });
  const poller = startSqsPoller({
    sqs: new SQSClient({ region: 'us-east-1' }),
    queueUrl,
    batchSize: 10,
    handler: async (event) => {
      events.push(event);
      try {
        return await respond(event);
      } finally {
        setTimeout(done, 50);
      }
    },
  });
  await handled;
  await poller.stop();
  return { events, stats: poller.stats() };
}

afterEach(() => {
  sqsMock.reset();
});

describe('startSqsPoller', () => {
  it('hands over Lambda-shaped records and deletes only the messages not reported as failures', async () => {
    // Act
    const { events, stats } = await oneBatch(['a', 'b', 'c'], async () => ({
      batchItemFailures: [{ itemIdentifier: 'b' }],
    }));

    // Assess
    expect(
      events[0]?.Records.map((r) => [r.messageId, r.eventSource, r.eventSourceARN, r.awsRegion]),
    ).toEqual([
      ['a', 'aws:sqs', queueArn, 'elasticmq'],
      ['b', 'aws:sqs', queueArn, 'elasticmq'],
      ['c', 'aws:sqs', queueArn, 'elasticmq'],
    ]);
    expect(sqsMock).toHaveReceivedCommandTimes(DeleteMessageBatchCommand, 1);
    expect(sqsMock).toHaveReceivedCommandWith(DeleteMessageBatchCommand, {
      QueueUrl: queueUrl,
      Entries: [
        { Id: '0', ReceiptHandle: 'rh-a' },
        { Id: '1', ReceiptHandle: 'rh-c' },
      ],
    });
    expect(stats).toMatchObject({ batches: 1, received: 3, deleted: 2, retried: 1 });
  });

  it('leaves the whole batch when a reported itemIdentifier is not in it, as Lambda does', async () => {
    // Act
    const { stats } = await oneBatch(['a', 'b'], async () => ({
      batchItemFailures: [{ itemIdentifier: 'zzz' }],
    }));

    // Assess
    expect(sqsMock).not.toHaveReceivedCommand(DeleteMessageBatchCommand);
    expect(stats).toMatchObject({ deleted: 0, retried: 2 });
  });

  it('leaves the whole batch when the handler throws', async () => {
    // Act
    const { stats } = await oneBatch(['a', 'b'], async () => {
      throw new Error('boom');
    });

    // Assess
    expect(sqsMock).not.toHaveReceivedCommand(DeleteMessageBatchCommand);
    expect(stats).toMatchObject({ deleted: 0, retried: 2 });
  });
});

describe('toSqsRecord', () => {
  it('copies the system attributes Lambda puts on an SQS record', () => {
    // Act
    const record = toSqsRecord(message('m'), queueArn, 'us-east-1');

    // Assess
    expect(record).toEqual({
      messageId: 'm',
      receiptHandle: 'rh-m',
      body: '{"clientId":"d","n":"m"}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1716540001000',
        SenderId: 'AIDA',
        ApproximateFirstReceiveTimestamp: '1716540001005',
      },
      messageAttributes: {},
      md5OfBody: 'md5',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'us-east-1',
    });
  });
});
