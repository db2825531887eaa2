import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { WaveCollector } from '../../../tasks/replay/round/collect';

const QUEUE = 'http://127.0.0.1:9324/000000000000/dlq';

const envelope = (n: number) =>
  JSON.stringify({
    version: 1,
    source: { kind: 'kafka', topic: 'orders.events', partition: 0, offset: n, timestamp: 1_716_540_000_000 },
    key: null,
    value: Buffer.from(`v${n}`).toString('base64'),
    headers: [],
    error: { name: 'DownstreamTimeout', message: 'the consumer gave up' },
    attempts: 1,
    firstFailedAt: '2026-11-01T10:00:00.000Z',
    lastFailedAt: '2026-11-01T10:00:00.000Z',
  });

const onFailure = (first: number) =>
  JSON.stringify({
    requestContext: { condition: 'RetryAttemptsExhausted' },
    responseContext: { functionError: 'Unhandled' },
    timestamp: '2026-11-01T10:00:00.000Z',
    KafkaBatchInfo: {
      batchSize: 500,
      recordsInfo: {
        'orders.events-0': { firstRecordOffset: String(first), lastRecordOffset: String(first + 499) },
      },
    },
  });

/**
 * An SQS double that answers each ReceiveMessage with as many messages as asked, made by `body`, until it
 * has given `total` (then it answers empty, as a long poll on an empty queue does).
 */
function queueOf(body: (n: number) => string, total = Number.POSITIVE_INFINITY) {
  const sqs = mockClient(SQSClient);
  let sent = 0;
  sqs.on(ReceiveMessageCommand).callsFake((input: { MaxNumberOfMessages?: number }) => ({
    Messages: Array.from({ length: Math.min(input.MaxNumberOfMessages ?? 1, total - sent) }, () => {
      const n = sent++;
      return { MessageId: `m-${n}`, ReceiptHandle: `r-${n}`, Body: body(n), Attributes: {} };
    }),
  }));
  return sqs;
}

const limits = (over: Partial<{ maxMessages: number; maxRecords: number; maxBytes: number }> = {}) => ({
  maxMessages: 1_000,
  maxRecords: 5_000,
  maxBytes: 48 * 1024 * 1024,
  visibilitySeconds: 600,
  keepGoing: () => true,
  ...over,
});

const asked = (sqs: ReturnType<typeof queueOf>) =>
  sqs
    .commandCalls(ReceiveMessageCommand)
    .reduce((sum, call) => sum + (call.args[0].input.MaxNumberOfMessages ?? 0), 0);

describe('WaveCollector', () => {
  it('receives waves of one-record envelopes ahead, never asking for more than the message budget', async () => {
    // Prepare
    const sqs = queueOf(envelope);
    const collector = new WaveCollector(sqs as unknown as SQSClient, QUEUE, limits({ maxMessages: 250 }));

    // Act
    const first = await collector.next();
    const aheadAfterFirst = collector.canReceiveAhead;
    const concurrent = await Promise.all([collector.next(), collector.next(), collector.next()]);

    // Assess
    expect(first?.collected).toHaveLength(100);
    expect(aheadAfterFirst).toBe(true);
    expect(concurrent.map((w) => w?.collected.length ?? 0)).toEqual([100, 50, 0]);
    expect(asked(sqs)).toBe(250);
    expect(collector.count).toBe(250);
    expect(collector.canReceiveAhead).toBe(false);
  });

  it('receives on-failure records (500 records each) one wave at a time and hands back what overflows', async () => {
    // Prepare
    const sqs = queueOf((n) => onFailure(n * 500));
    const collector = new WaveCollector(sqs as unknown as SQSClient, QUEUE, limits({ maxRecords: 5_000 }));

    // Act
    const first = await collector.next();

    // Assess
    expect(first?.collected).toHaveLength(10);
    expect(first?.excess).toHaveLength(90);
    expect(collector.records).toBe(5_000);
    expect(collector.canReceiveAhead).toBe(false);
    expect(await collector.next()).toBeUndefined();
  });

  it('does not receive ahead before it knows how many records a message holds', () => {
    // Prepare
    const sqs = queueOf(envelope);
    const collector = new WaveCollector(sqs as unknown as SQSClient, QUEUE, limits());

    // Act
    const ahead = collector.canReceiveAhead;

    // Assess
    expect(ahead).toBe(false);
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(0);
  });

  /** Receives waves (as runRound does, each awaited) until the collector sends none; then the probe, if due. */
  async function fillRound(collector: WaveCollector) {
    for (let wave = await collector.next(); wave; wave = await collector.next());
    return collector.canProbe ? collector.probe() : undefined;
  }

  it('learns with one probe of one message that a queue which filled the round is empty: drained', async () => {
    // Prepare
    const sqs = queueOf(envelope, 300);
    const collector = new WaveCollector(sqs as unknown as SQSClient, QUEUE, limits({ maxRecords: 300 }));

    // Act
    const probe = await fillRound(collector);

    // Assess
    expect(probe).toEqual({ collected: [], excess: [] });
    expect(sqs.commandCalls(ReceiveMessageCommand).at(-1)?.args[0].input).toMatchObject({
      MaxNumberOfMessages: 1,
      WaitTimeSeconds: 1,
    });
    expect(collector.count).toBe(300);
    expect(collector.drained).toBe(true);
    expect(collector.canProbe).toBe(false);
  });

  it('hands back whatever the probe finds, so the round holds no more than its target: not drained', async () => {
    // Prepare
    const sqs = queueOf((n) => (n < 300 ? envelope(n) : onFailure(0)), 302);
    const envelopes = new WaveCollector(
      queueOf(envelope, 301) as unknown as SQSClient,
      QUEUE,
      limits({ maxRecords: 300 }),
    );
    const onFailures = new WaveCollector(sqs as unknown as SQSClient, QUEUE, limits({ maxRecords: 300 }));

    // Act
    const probes = [await fillRound(envelopes), await fillRound(onFailures)];

    // Assess
    expect(probes.map((p) => p?.collected)).toEqual([[], []]);
    expect(probes.map((p) => p?.excess.map((m) => m.messageId))).toEqual([['m-300'], ['m-300']]);
    expect([envelopes.count, onFailures.records]).toEqual([300, 300]);
    expect([envelopes.drained, onFailures.drained]).toEqual([false, false]);
  });

  it('sends no probe when the request allows no more messages, nor once it knows the queue is not drained', async () => {
    // Prepare
    const budgetSpent = new WaveCollector(
      queueOf(envelope) as unknown as SQSClient,
      QUEUE,
      limits({ maxMessages: 300, maxRecords: 300 }),
    );
    const handedBack = new WaveCollector(
      queueOf((n) => onFailure(n * 500)) as unknown as SQSClient,
      QUEUE,
      limits({ maxRecords: 5_000 }),
    );

    // Act
    const probes = [await fillRound(budgetSpent), await fillRound(handedBack)];

    // Assess
    expect(probes).toEqual([undefined, undefined]);
    expect(budgetSpent.count).toBe(300);
    expect(handedBack.drained).toBe(false);
  });

  it('sends the probe only once every wave that fills the round has come back', async () => {
    // Prepare
    const sqs = queueOf(envelope, 400);
    const collector = new WaveCollector(sqs as unknown as SQSClient, QUEUE, limits({ maxRecords: 400 }));
    await collector.next();

    // Act
    const inFlight = [collector.next(), collector.next(), collector.next()];
    const dueWhileInFlight = collector.canProbe;
    await Promise.all(inFlight);
    const dueOnceBack = collector.canProbe;
    const probe = await collector.probe();

    // Assess
    expect([dueWhileInFlight, dueOnceBack]).toEqual([false, true]);
    expect(probe.collected).toEqual([]);
    expect(collector.count).toBe(400);
    expect(collector.drained).toBe(true);
  });
});
