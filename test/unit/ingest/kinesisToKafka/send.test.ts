import { MultipleErrors, ProtocolError } from '@platformatic/kafka';
import { chunkRecords } from '../../../../tasks/ingest/kinesisToKafka/chunks';
import { PartlyAcknowledgedError } from '../../../../tasks/ingest/kinesisToKafka/errors';
import type { ChunkSender } from '../../../../tasks/ingest/kinesisToKafka/producer';
import { readKinesisRecords } from '../../../../tasks/ingest/kinesisToKafka/readRecords';
import type { BridgeMessage } from '../../../../tasks/ingest/kinesisToKafka/records';
import { kafkaErrorType, sendInOrder } from '../../../../tasks/ingest/kinesisToKafka/send';
import { FakeSender, indexOf, protocolError } from './fakes';
import { kinesisEvent } from './kinesisEvents';

const topic = 'bridge-target';

function chunksOf(count: number, perChunk: number) {
  const records = readKinesisRecords(kinesisEvent({ count })).records.map((r) => ({ ...r, size: 1 }));
  return chunkRecords(records, perChunk);
}

/**
 * One partition as the broker keeps it for an idempotent producer: a request is answered on the next turn of the
 * event loop; one sent while a refused request is unanswered is refused OUT_OF_ORDER_SEQUENCE_NUMBER (its
 * sequence number follows the batch the broker does not have).
 */
class OnePartitionBroker implements ChunkSender {
  readonly acknowledged: number[] = [];
  readonly #unanswered = new Set<{ refused: boolean }>();

  constructor(private readonly tooLarge: (index: number) => boolean) {}

  async send(_topic: string, messages: BridgeMessage[]): Promise<void> {
    const indexes = messages.map(indexOf);
    const type = indexes.some(this.tooLarge)
      ? 'MESSAGE_TOO_LARGE'
      : [...this.#unanswered].some((r) => r.refused)
        ? 'OUT_OF_ORDER_SEQUENCE_NUMBER'
        : undefined;
    const request = { refused: type !== undefined };
    this.#unanswered.add(request);
    await new Promise((resolve) => setImmediate(resolve));
    this.#unanswered.delete(request);
    if (type) throw protocolError(type);
    this.acknowledged.push(...indexes);
  }
}

describe('sendInOrder', () => {
  it('sends every chunk in order and acknowledges every record when Kafka takes them all', async () => {
    // Prepare
    const sender = new FakeSender();
    const chunks = chunksOf(10, 3);

    // Act
    const outcome = await sendInOrder(chunks, topic, sender);

    // Assess
    expect(sender.requests.map((r) => r.map(indexOf))).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect([...outcome.acknowledged]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.requests).toBe(4);
  });

  it('keeps two chunks in flight: the next is sent before the one ahead of it is acknowledged', async () => {
    // Prepare: every request waits until the test answers it
    const answers: (() => void)[] = [];
    const sender = new FakeSender();
    const send = sender.send.bind(sender);
    sender.send = async (t, messages) => {
      await new Promise<void>((resolve) => answers.push(resolve));
      return send(t, messages);
    };
    const chunks = chunksOf(10, 2);

    // Act
    const sending = sendInOrder(chunks, topic, sender);
    const inFlight: number[] = [];
    for (let answered = 0; answered < chunks.length; answered++) {
      await new Promise((resolve) => setImmediate(resolve));
      inFlight.push(answers.length - answered);
      answers[answered]?.();
    }
    const outcome = await sending;

    // Assess
    expect(inFlight).toEqual([2, 2, 2, 2, 1]);
    expect(sender.acknowledged.map(indexOf)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(outcome.requests).toBe(5);
  });

  it('stops sending at the first chunk Kafka refuses for a reason not about a record, names its first record, and counts the chunk behind it Kafka took', async () => {
    // Prepare
    const refusal = protocolError('NOT_ENOUGH_REPLICAS', true);
    const sender = new FakeSender((_messages, request) => (request === 2 ? refusal : undefined));
    const chunks = chunksOf(12, 3);

    // Act
    const outcome = await sendInOrder(chunks, topic, sender);

    // Assess: chunk 2 was in flight behind the refused chunk 1; chunk 3 was never sent
    expect(sender.requests.map((r) => r.map(indexOf))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
    expect([...outcome.acknowledged]).toEqual([0, 1, 2, 6, 7, 8]);
    expect(outcome.failure?.record.index).toBe(3);
    expect(outcome.failure?.error).toBe(refusal);
    expect(outcome.rejected).toEqual([]);
  });

  it('sends one chunk at a time when asked, stopping right at the refused one', async () => {
    // Prepare
    const sender = new FakeSender((_messages, request) => (request === 2 ? new Error('reset') : undefined));

    // Act
    const outcome = await sendInOrder(chunksOf(10, 3), topic, sender, 1);

    // Assess
    expect(sender.requests).toHaveLength(2);
    expect([...outcome.acknowledged]).toEqual([0, 1, 2]);
    expect(outcome.failure?.record.index).toBe(3);
  });

  it('bisects a chunk refused with MESSAGE_TOO_LARGE until the refused record stands alone, and sends the rest in order', async () => {
    // Prepare
    const sender = new OnePartitionBroker((index) => index === 5);
    const chunks = chunksOf(10, 8);

    // Act
    const outcome = await sendInOrder(chunks, topic, sender);

    // Assess
    expect(outcome.rejected.map((r) => r.record.index)).toEqual([5]);
    expect(outcome.rejected[0]?.error).toMatchObject({
      name: 'RecordRejectedError',
      context: {
        topic,
        type: 'MESSAGE_TOO_LARGE',
        sequenceNumber: outcome.rejected[0]?.record.sequenceNumber,
      },
    });
    expect([...outcome.acknowledged].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9]);
    expect(sender.acknowledged).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9]);
    expect(outcome.failure).toBeUndefined();
  });

  it('bisects and reports only the records a partly acknowledged chunk left', async () => {
    // Prepare: the first chunk's even records were on partitions that took them; record 3 is too large
    const partly = (messages: BridgeMessage[], type: string) =>
      new PartlyAcknowledgedError(
        protocolError(type),
        messages.flatMap((m, i) => (indexOf(m) % 2 === 0 ? [i] : [])),
      );
    const tooLarge = new FakeSender((messages, request) =>
      request === 1
        ? partly(messages, 'MESSAGE_TOO_LARGE')
        : messages.some((m) => indexOf(m) === 3)
          ? protocolError('MESSAGE_TOO_LARGE')
          : undefined,
    );
    const failing = new FakeSender((messages, request) =>
      request === 1 ? partly(messages, 'NOT_ENOUGH_REPLICAS') : undefined,
    );

    // Act
    const bisected = await sendInOrder(chunksOf(6, 6), topic, tooLarge);
    const stopped = await sendInOrder(chunksOf(6, 6), topic, failing);

    // Assess
    expect(tooLarge.requests.slice(1).map((r) => r.map(indexOf))).toEqual([[1, 3], [5], [1], [3]]);
    expect(bisected.rejected.map((r) => r.record.index)).toEqual([3]);
    expect([...bisected.acknowledged].sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5]);
    expect(stopped.failure?.record.index).toBe(1);
    expect(stopped.failure?.error).toMatchObject({ type: 'NOT_ENOUGH_REPLICAS' });
    expect([...stopped.acknowledged]).toEqual([0, 2, 4]);
  });

  it('sets aside a lone record refused with INVALID_RECORD wrapped by kafkajs', async () => {
    // Prepare
    const wrapped = Object.assign(new Error('retries exhausted'), {
      name: 'KafkaJSNonRetriableError',
      cause: protocolError('INVALID_RECORD'),
    });
    const sender = new FakeSender((messages) =>
      messages.some((m) => indexOf(m) === 0) ? wrapped : undefined,
    );

    // Act
    const outcome = await sendInOrder(chunksOf(2, 1), topic, sender);

    // Assess
    expect(outcome.rejected.map((r) => [r.record.index, r.error.context.type])).toEqual([
      [0, 'INVALID_RECORD'],
    ]);
    expect([...outcome.acknowledged]).toEqual([1]);
  });
});

describe('kafkaErrorType', () => {
  it('finds the protocol type inside a @platformatic/kafka aggregate, and prefers a reason that is not about the records', () => {
    // Prepare
    const tooLarge = new MultipleErrors('Producing messages failed.', [
      new ProtocolError('MESSAGE_TOO_LARGE'),
    ]);
    const mixed = new MultipleErrors('Producing messages failed.', [
      new ProtocolError('MESSAGE_TOO_LARGE'),
      new ProtocolError('NOT_ENOUGH_REPLICAS'),
    ]);

    // Act
    const types = [kafkaErrorType(tooLarge), kafkaErrorType(mixed)];

    // Assess
    expect(types).toEqual(['MESSAGE_TOO_LARGE', 'NOT_ENOUGH_REPLICAS']);
  });

  it('finds the protocol type through cause and originalError, and nothing on plain errors', () => {
    // Prepare
    const nested = {
      name: 'KafkaJSNumberOfRetriesExceeded',
      originalError: protocolError('REQUEST_TIMED_OUT'),
    };

    // Act
    const types = [kafkaErrorType(nested), kafkaErrorType(new Error('x')), kafkaErrorType(undefined)];

    // Assess
    expect(types).toEqual(['REQUEST_TIMED_OUT', undefined, undefined]);
  });
});
