import { InvalidKafkaEventError } from '../../../../tasks/shared/kafkaEvent/errors';
import { parseKafkaEvent } from '../../../../tasks/shared/kafkaEvent/parse';
import { loadEvent } from '../../../helpers/loadEvent';

/** The error parsing `raw` throws; fails the test when it throws nothing. */
function rejectionOf(raw: unknown): InvalidKafkaEventError {
  try {
    parseKafkaEvent(raw);
  } catch (error) {
    return error as InvalidKafkaEventError;
  }
  throw new Error('expected the event to be rejected');
}

describe('parseKafkaEvent', () => {
  it.each(['msk-orders', 'msk-cross-account', 'msk-tombstone-binary', 'self-managed-kafka-sensors'])(
    'accepts the recorded %s event unchanged',
    (name) => {
      // Prepare
      const raw = loadEvent<Record<string, unknown>>(name);

      // Act
      const event = parseKafkaEvent(raw);

      // Assess
      expect(event).toEqual(raw);
    },
  );

  it('keeps a tombstone null and a missing key absent', () => {
    // Prepare
    const raw = loadEvent('msk-tombstone-binary');

    // Act
    const [tombstone, keyless] = parseKafkaEvent(raw).records['customers.compacted-0'] ?? [];

    // Assess
    expect(tombstone?.value).toBeNull();
    expect(keyless).not.toHaveProperty('key');
  });

  it('names every bad field when the event is not a Kafka trigger event', () => {
    // Prepare
    const raw = {
      eventSource: 'aws:kafka',
      records: {
        't-0': [{ topic: 't', partition: -1, offset: 'x', timestamp: 1, timestampType: 'NOW', headers: [] }],
      },
    };

    // Act
    const error = rejectionOf(raw);

    // Assess
    expect(error).toBeInstanceOf(InvalidKafkaEventError);
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      [
        'eventSourceArn',
        'records.t-0[0].partition',
        'records.t-0[0].offset',
        'records.t-0[0].timestampType',
      ].sort(),
    );
  });

  it('rejects an event whose eventSource is not Kafka', () => {
    // Prepare
    const raw = loadEvent('kinesis-single-record');

    // Act
    const error = rejectionOf(raw);

    // Assess
    expect(error.issues.map((i) => i.path)).toContain('eventSource');
  });

  it('rejects a record filed under another partition key', () => {
    // Prepare
    const raw = loadEvent<{ records: Record<string, unknown[]> }>('msk-orders');
    raw.records['orders.events-1'] = raw.records['orders.events-0'] ?? [];

    // Act
    const error = rejectionOf(raw);

    // Assess
    expect(error.issues[0]?.path).toBe('records.orders.events-1[0]');
    expect(error.message).toContain('under the wrong key');
  });
});
