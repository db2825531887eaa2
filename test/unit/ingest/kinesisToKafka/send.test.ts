import { MultipleErrors, ProtocolError } from '@platformatic/kafka';
import { chunkRecords } from '../../../../tasks/ingest/kinesisToKafka/chunks';
import { readKinesisRecords } from '../../../../tasks/ingest/kinesisToKafka/readRecords';
import { kafkaErrorType, sendInOrder } from '../../../../tasks/ingest/kinesisToKafka/send';
import { FakeSender, indexOf, protocolError } from './fakes';
import { kinesisEvent } from './kinesisEvents';

const topic = 'bridge-target';

function chunksOf(count: number, perChunk: number) {
  const records = readKinesisRecords(kinesisEvent({ count })).records.map((r) => ({ ...r, size: 1 }));
  return chunkRecords(records, perChunk);
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

  it('stops at the first chunk Kafka refuses and names its first record when the error is not about a record', async () => {
    // Prepare
    const refusal = protocolError('NOT_ENOUGH_REPLICAS', true);
    const sender = new FakeSender((_messages, request) => (request === 2 ? refusal : undefined));
    const chunks = chunksOf(10, 3);

    // Act
    const outcome = await sendInOrder(chunks, topic, sender);

    // Assess
    expect(sender.requests).toHaveLength(2);
    expect([...outcome.acknowledged]).toEqual([0, 1, 2]);
    expect(outcome.failure?.record.index).toBe(3);
    expect(outcome.failure?.error).toBe(refusal);
    expect(outcome.rejected).toEqual([]);
  });

  it('bisects a chunk refused with MESSAGE_TOO_LARGE until the refused record stands alone, and sends the rest', async () => {
    // Prepare
    const sender = new FakeSender((messages) =>
      messages.some((m) => indexOf(m) === 5) ? protocolError('MESSAGE_TOO_LARGE') : undefined,
    );
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
    expect(sender.acknowledged.map(indexOf)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9]);
    expect(outcome.failure).toBeUndefined();
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
