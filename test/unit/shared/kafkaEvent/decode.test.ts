import {
  countKafkaRecords,
  decodeBase64,
  decodeHeaders,
  headersToBase64,
  kafkaRecords,
  partitionBatches,
} from '../../../../tasks/shared/kafkaEvent/decode';
import type { KafkaTriggerEvent } from '../../../../tasks/shared/kafkaEvent/types';
import { loadEvent } from '../../../helpers/loadEvent';

describe('Kafka trigger event decoding', () => {
  it('groups records by topic-partition, groups sorted by key and records by offset', () => {
    // Prepare
    const event = loadEvent<KafkaTriggerEvent>('self-managed-kafka-sensors');
    event.records['sensor.readings-0']?.reverse();

    // Act
    const batches = partitionBatches(event);

    // Assess
    expect(batches.map((b) => [b.key, b.topic, b.partition, b.records.map((r) => r.offset)])).toEqual([
      ['sensor.alerts-0', 'sensor.alerts', 0, [3]],
      ['sensor.readings-0', 'sensor.readings', 0, [100, 101]],
      ['sensor.readings-2', 'sensor.readings', 2, [7]],
    ]);
  });

  it('flattens and counts every record of the batch', () => {
    // Prepare
    const event = loadEvent<KafkaTriggerEvent>('msk-orders');

    // Act
    const records = kafkaRecords(event);

    // Assess
    expect(records.map((r) => `${r.partition}@${r.offset}`)).toEqual(['0@15', '0@16', '0@17', '1@4', '1@5']);
    expect(countKafkaRecords(event)).toBe(5);
  });

  it('decodes header byte arrays in order, keeping repeated names', () => {
    // Prepare
    const event = loadEvent<KafkaTriggerEvent>('msk-orders');
    const record = event.records['orders.events-1']?.[1];

    // Act
    const headers = decodeHeaders(record?.headers ?? []);

    // Assess
    expect(headers.map((h) => [h.name, h.value.toString('utf8')])).toEqual([
      ['source', 'mobile'],
      ['source', 'retry'],
    ]);
    expect(headersToBase64(record?.headers ?? [])).toEqual([{ source: 'bW9iaWxl' }, { source: 'cmV0cnk=' }]);
  });

  it('decodes base64 to bytes and an absent key or a tombstone to null', () => {
    // Prepare
    const values = ['aGk=', null, undefined] as const;

    // Act
    const decoded = values.map((v) => decodeBase64(v));

    // Assess
    expect(decoded).toEqual([Buffer.from('hi'), null, null]);
  });
});
