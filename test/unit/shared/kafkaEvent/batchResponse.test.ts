import {
  interpretKafkaBatchResponse,
  kafkaBatchResponse,
} from '../../../../tasks/shared/kafkaEvent/batchResponse';
import { KafkaBatchResponseError } from '../../../../tasks/shared/kafkaEvent/errors';
import type { KafkaTriggerEvent } from '../../../../tasks/shared/kafkaEvent/types';
import { loadEvent } from '../../../helpers/loadEvent';

const event = loadEvent<KafkaTriggerEvent>('msk-orders');
const ref = (partition: number, offset: number) => ({ topic: 'orders.events', partition, offset });

describe('kafkaBatchResponse', () => {
  it('reports the first failed offset of each failed partition, sorted by partition', () => {
    // Prepare
    const failures = [ref(1, 5), ref(0, 17), ref(1, 4), ref(0, 16)];

    // Act
    const response = kafkaBatchResponse(failures, event);

    // Assess
    expect(response).toEqual({
      batchItemFailures: [
        { itemIdentifier: { partition: 'orders.events-0', offset: 16 } },
        { itemIdentifier: { partition: 'orders.events-1', offset: 4 } },
      ],
    });
  });

  it('returns an empty list when nothing failed', () => {
    // Prepare
    const failures: ReturnType<typeof ref>[] = [];

    // Act
    const response = kafkaBatchResponse(failures, event);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('refuses an identifier that is not a record of the batch, since Lambda would fail the whole batch', () => {
    // Prepare
    const failures = [ref(0, 16), ref(1, 99)];

    // Act
    const act = () => kafkaBatchResponse(failures, event);

    // Assess
    expect(act).toThrow(KafkaBatchResponseError);
    expect(act).toThrow('orders.events-1@99');
  });

  it('uses the record topic verbatim when the topic name itself contains a dash', () => {
    // Prepare
    const failures = [{ topic: 'orders-v2', partition: 3, offset: 8 }];

    // Act
    const response = kafkaBatchResponse(failures);

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: { partition: 'orders-v2-3', offset: 8 } }]);
  });
});

describe('interpretKafkaBatchResponse', () => {
  it.each([undefined, null, {}, { batchItemFailures: [] }, { batchItemFailures: null }])(
    'reads %p as a complete success',
    (result) => {
      // Act
      const outcome = interpretKafkaBatchResponse(result, event);

      // Assess
      expect(outcome).toEqual({ kind: 'success' });
    },
  );

  it('resumes each reported partition at its lowest reported offset', () => {
    // Prepare
    const result = {
      batchItemFailures: [
        { itemIdentifier: { partition: 'orders.events-0', offset: 17 } },
        { itemIdentifier: { partition: 'orders.events-0', offset: 16 } },
      ],
    };

    // Act
    const outcome = interpretKafkaBatchResponse(result, event);

    // Assess
    expect(outcome).toEqual({ kind: 'partial', resumeAt: new Map([['orders.events-0', 16]]) });
  });

  it.each([
    ['a non-list', { batchItemFailures: 'x' }],
    ['a string identifier', { batchItemFailures: [{ itemIdentifier: 'orders.events-0' }] }],
    [
      'an offset outside the batch',
      { batchItemFailures: [{ itemIdentifier: { partition: 'orders.events-0', offset: 3 } }] },
    ],
    [
      'an unknown partition',
      { batchItemFailures: [{ itemIdentifier: { partition: 'orders.events-9', offset: 15 } }] },
    ],
  ])('fails the whole batch for %s', (_label, result) => {
    // Act
    const outcome = interpretKafkaBatchResponse(result, event);

    // Assess
    expect(outcome.kind).toBe('failure');
  });
});
