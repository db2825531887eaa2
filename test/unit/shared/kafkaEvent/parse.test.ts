import { InvalidKafkaEventError } from '../../../../tasks/shared/kafkaEvent/errors';
import { parseKafkaEvent, readKafkaEvent } from '../../../../tasks/shared/kafkaEvent/parse';
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

  it('names the bad outer field when the event is not a Kafka trigger event', () => {
    // Prepare
    const raw = { eventSource: 'aws:kafka', records: { 't-0': [] } };

    // Act
    const error = rejectionOf(raw);

    // Assess
    expect(error).toBeInstanceOf(InvalidKafkaEventError);
    expect(error.issues.map((i) => i.path)).toEqual(['eventSourceArn']);
  });

  it('names every bad field of every record, without echoing a payload', () => {
    // Prepare
    const raw = {
      eventSource: 'SelfManagedKafka',
      records: {
        't-0': [
          { topic: 't', partition: -1, offset: 'x', timestamp: 1, timestampType: 'NOW', headers: [] },
          {
            topic: 't',
            partition: 0,
            offset: 3,
            timestamp: 1,
            timestampType: 'CREATE_TIME',
            value: 'c2VjcmV0*',
          },
        ],
      },
    };

    // Act
    const error = rejectionOf(raw);

    // Assess
    expect(error).toBeInstanceOf(InvalidKafkaEventError);
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      [
        'records.t-0[0].partition',
        'records.t-0[0].offset',
        'records.t-0[0].timestampType',
        'records.t-0[1].value',
      ].sort(),
    );
    expect(error.message).toContain('records.t-0[1].value: not valid base64 (RFC 4648, padded)');
    expect(error.message).not.toContain('c2VjcmV0');
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

describe('readKafkaEvent', () => {
  /** msk-orders with record `i` of `orders.events-0` changed. */
  function ordersWith(i: number, change: (r: Record<string, unknown>) => unknown) {
    const raw = loadEvent<{ records: Record<string, unknown[]> }>('msk-orders');
    const group = raw.records['orders.events-0'] as Record<string, unknown>[];
    group[i] = change(group[i] as Record<string, unknown>) as Record<string, unknown>;
    return { raw, received: group[i] };
  }

  it.each<[string, (r: Record<string, unknown>) => unknown, string[]]>([
    [
      'a value that is not base64',
      (r) => ({ ...r, value: 'eyJvcmRlcklkIjoiMTAwMiI*' }),
      ['value: not valid base64 (RFC 4648, padded)'],
    ],
    [
      'an unpadded key',
      (r) => ({ ...r, key: 'b3JkZXItMTAwMg' }),
      ['key: not valid base64 (RFC 4648, padded)'],
    ],
    [
      'a value that is a number',
      (r) => ({ ...r, value: 7 }),
      ['value: Invalid input: expected string, received number'],
    ],
    [
      'a header byte over 255',
      (r) => ({ ...r, headers: [{ source: [300] }] }),
      ['headers[0].source[0]: Too big: expected number to be <=255'],
    ],
    [
      'no timestamp',
      (r) => ({ ...r, timestamp: undefined }),
      ['timestamp: Invalid input: expected number, received undefined'],
    ],
  ])(
    'sets a record with %s aside, with its topic-partition-offset, and keeps the others',
    (_what, change, problems) => {
      // Prepare
      const { raw, received } = ordersWith(1, change);

      // Act
      const { event, malformed } = readKafkaEvent(raw);

      // Assess
      expect(event.records['orders.events-0']?.map((r) => r.offset)).toEqual([15, 17]);
      expect(event.records['orders.events-1']?.map((r) => r.offset)).toEqual([4, 5]);
      expect(malformed).toHaveLength(1);
      expect(malformed[0]).toMatchObject({
        path: 'records.orders.events-0[1]',
        groupKey: 'orders.events-0',
        ref: { topic: 'orders.events', partition: 0, offset: 16 },
        dlq: {
          source: {
            trigger: 'kafka',
            path: 'records.orders.events-0[1]',
            topic: 'orders.events',
            partition: 0,
            offset: 16,
          },
          received,
        },
      });
      expect(
        malformed[0]?.issues.map((i) => `${i.path.replace('records.orders.events-0[1].', '')}: ${i.message}`),
      ).toEqual(problems);
    },
  );

  it('keeps no reference for a record without an offset, and names it by where it sat', () => {
    // Prepare
    const { raw } = ordersWith(0, (r) => ({ ...r, offset: undefined }));

    // Act
    const { malformed } = readKafkaEvent(JSON.parse(JSON.stringify(raw)));

    // Assess
    expect(malformed[0]?.ref).toBeUndefined();
    expect(malformed[0]?.dlq.source).toEqual({
      trigger: 'kafka',
      path: 'records.orders.events-0[0]',
      topic: 'orders.events',
      partition: 0,
    });
  });

  it.each([[null], ['x'], [[1, 2]]])('sets %p aside as a record without identity', (bad) => {
    // Prepare
    const { raw } = ordersWith(2, () => bad);

    // Act
    const { event, malformed } = readKafkaEvent(raw);

    // Assess
    expect(event.records['orders.events-0']?.map((r) => r.offset)).toEqual([15, 16]);
    expect(malformed[0]?.path).toBe('records.orders.events-0[2]');
    expect(malformed[0]?.ref).toBeUndefined();
    expect(malformed[0]?.issues[0]?.path).toBe('records.orders.events-0[2]');
  });
});
