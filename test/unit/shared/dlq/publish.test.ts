import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  buildKafkaEnvelope,
  type DlqEnvelope,
  DlqEnvelopeError,
  DlqPublishError,
  publishToDlq,
  SQS_MAX_MESSAGE_BYTES,
} from '../../../../tasks/shared/dlq';
import type { KafkaTriggerRecord } from '../../../../tasks/shared/kafkaEvent/types';

const sqsMock = mockClient(SQSClient);
const s3Mock = mockClient(S3Client);
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/111122223333/msk-flows-dlq';

function deps(queueUrl = QUEUE) {
  return { sqs: new SQSClient({}), s3: new S3Client({}), queueUrl, claimCheckBucket: 'dlq-bucket' };
}

function envelope(offset: number, valueBytes = 16): DlqEnvelope {
  const record: KafkaTriggerRecord = {
    topic: 'orders.events',
    partition: 0,
    offset,
    timestamp: 1716540000000 + offset,
    timestampType: 'CREATE_TIME',
    key: Buffer.from(`k${offset}`).toString('base64'),
    value: Buffer.alloc(valueBytes, offset % 256).toString('base64'),
    headers: [],
  };
  return buildKafkaEnvelope(record, new Error('poison'));
}

/** Answers every SendMessageBatch with success for all its entries. */
function acceptAll(): void {
  sqsMock.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
    Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `msg-${e.Id}`, MD5OfMessageBody: 'x' })),
    Failed: [],
  }));
}

afterEach(() => {
  sqsMock.reset();
  s3Mock.reset();
});

describe('publishToDlq', () => {
  it('sends envelopes as JSON bodies in SendMessageBatch calls of at most 10', async () => {
    // Prepare
    acceptAll();
    const envelopes = Array.from({ length: 23 }, (_, i) => envelope(i));

    // Act
    await publishToDlq(envelopes, deps());

    // Assess
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageBatchCommand, 3);
    const calls = sqsMock.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.Entries?.length)).toEqual([10, 10, 3]);
    expect(calls.every((c) => c.QueueUrl === QUEUE)).toBe(true);
    const bodies = calls.flatMap((c) => c.Entries ?? []).map((e) => JSON.parse(e.MessageBody ?? ''));
    expect(bodies).toEqual(envelopes);
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('keeps each SendMessageBatch call within 256 KiB', async () => {
    // Prepare
    acceptAll();
    const envelopes = Array.from({ length: 6 }, (_, i) => envelope(i, 90 * 1024));

    // Act
    await publishToDlq(envelopes, deps());

    // Assess
    const sizes = sqsMock
      .commandCalls(SendMessageBatchCommand)
      .map((c) =>
        (c.args[0].input.Entries ?? []).reduce((n, e) => n + Buffer.byteLength(e.MessageBody ?? ''), 0),
      );
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(SQS_MAX_MESSAGE_BYTES);
  });

  it('parks a value that would exceed the SQS limit in S3 and sends a claim check', async () => {
    // Prepare
    acceptAll();
    s3Mock.on(PutObjectCommand).resolves({});
    const big = envelope(42, 300 * 1024);

    // Act
    await publishToDlq([big], { ...deps(), claimCheckPrefix: 'parked/' });

    // Assess
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'dlq-bucket',
      Key: 'parked/kafka/orders.events/0/42.bin',
      ContentType: 'application/octet-stream',
    });
    const body = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.Body as Buffer;
    expect(body.equals(Buffer.from(big.value ?? '', 'base64'))).toBe(true);
    const sent = JSON.parse(
      sqsMock.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.Entries?.[0]?.MessageBody ?? '',
    );
    expect(sent).toEqual({
      ...big,
      value: null,
      valueRef: { bucket: 'dlq-bucket', key: 'parked/kafka/orders.events/0/42.bin' },
    });
  });

  it('retries the entries SQS rejected once and resolves when the retry succeeds', async () => {
    // Prepare
    sqsMock
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [{ Id: 'm0', MessageId: 'a', MD5OfMessageBody: 'x' }],
        Failed: [{ Id: 'm1', SenderFault: false, Code: 'ServiceUnavailable', Message: 'try later' }],
      })
      .resolvesOnce({ Successful: [{ Id: 'm0', MessageId: 'b', MD5OfMessageBody: 'x' }], Failed: [] });
    const envelopes = [envelope(1), envelope(2)];

    // Act
    await publishToDlq(envelopes, deps());

    // Assess
    const calls = sqsMock.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries ?? []);
    expect(calls.map((entries) => entries.length)).toEqual([2, 1]);
    expect(JSON.parse(calls[1]?.[0]?.MessageBody ?? '').source.offset).toBe(2);
  });

  it('throws DlqPublishError when an entry fails in both rounds, and never retries a sender fault', async () => {
    // Prepare
    sqsMock
      .on(SendMessageBatchCommand)
      .callsFake((input: { Entries: { Id: string; MessageBody: string }[] }) => {
        const bad = (e: { MessageBody: string }) => JSON.parse(e.MessageBody).source.offset !== 1;
        return {
          Successful: input.Entries.filter((e) => !bad(e)).map((e) => ({
            Id: e.Id,
            MessageId: e.Id,
            MD5OfMessageBody: 'x',
          })),
          Failed: input.Entries.filter(bad).map((e) => {
            const offset = JSON.parse(e.MessageBody).source.offset;
            return offset === 2
              ? { Id: e.Id, SenderFault: true, Code: 'InvalidMessageContents', Message: 'bad char' }
              : {
                  Id: e.Id,
                  SenderFault: false,
                  Code: 'ServiceUnavailable',
                  Message: 'password=hunter2 later',
                };
          }),
        };
      });
    const envelopes = [envelope(1), envelope(2), envelope(3)];

    // Act
    const error = (await publishToDlq(envelopes, deps()).catch((e: unknown) => e)) as DlqPublishError;

    // Assess
    expect(error).toBeInstanceOf(DlqPublishError);
    expect(error.delivered).toBe(1);
    expect(
      error.failures.map((f) => [(f.source as { offset: number }).offset, f.code, f.senderFault]),
    ).toEqual([
      [2, 'InvalidMessageContents', true],
      [3, 'ServiceUnavailable', false],
    ]);
    expect(error.message).toBe(
      '2 of 3 DLQ envelopes were not delivered (InvalidMessageContents, ServiceUnavailable)',
    );
    expect(JSON.stringify(error.failures)).not.toContain('hunter2');
    const sentOffsets = sqsMock
      .commandCalls(SendMessageBatchCommand)
      .map((c) => (c.args[0].input.Entries ?? []).map((e) => JSON.parse(e.MessageBody ?? '').source.offset));
    expect(sentOffsets).toEqual([[1, 2, 3], [3]]);
  });

  it('counts every entry of a batch whose call failed as failed, after one retry', async () => {
    // Prepare
    sqsMock
      .on(SendMessageBatchCommand)
      .rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    const envelopes = [envelope(1), envelope(2)];

    // Act
    const error = (await publishToDlq(envelopes, deps()).catch((e: unknown) => e)) as DlqPublishError;

    // Assess
    expect(error).toBeInstanceOf(DlqPublishError);
    expect(error.failures.map((f) => f.code)).toEqual(['TimeoutError', 'TimeoutError']);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageBatchCommand, 2);
  });

  it('reports a claim check that could not be stored, and still sends the others', async () => {
    // Prepare
    acceptAll();
    s3Mock.on(PutObjectCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));

    // Act
    const error = (await publishToDlq([envelope(1), envelope(2, 300 * 1024)], deps()).catch(
      (e: unknown) => e,
    )) as DlqPublishError;

    // Assess
    expect(error).toBeInstanceOf(DlqPublishError);
    expect(error.failures.map((f) => f.code)).toEqual(['ClaimCheckAccessDenied']);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
  });

  it('adds a message group and a stable deduplication id on a FIFO queue', async () => {
    // Prepare
    acceptAll();
    const fifo = `${QUEUE}.fifo`;

    // Act
    await publishToDlq([envelope(7)], deps(fifo));
    await publishToDlq([envelope(7)], deps(fifo));

    // Assess
    const entries = sqsMock.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.[0]);
    expect(entries[0]?.MessageGroupId).toBe('orders.events-0');
    expect(entries[0]?.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
    expect(entries[1]?.MessageDeduplicationId).toBe(entries[0]?.MessageDeduplicationId);
  });

  it('rejects an invalid envelope before sending anything', async () => {
    // Prepare
    acceptAll();
    const broken = { ...envelope(1), attempts: 0 };

    // Act
    const act = publishToDlq([envelope(2), broken], deps());

    // Assess
    await expect(act).rejects.toThrow(DlqEnvelopeError);
    await expect(act).rejects.toThrow('DLQ envelope 1 is invalid: attempts');
    expect(sqsMock).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });
});
