import type { KafkaMessage } from 'kafkajs';
import { toTriggerRecord } from '../../../../tasks/shared/kafkaEvent/kafkajs';
import { parseKafkaEvent } from '../../../../tasks/shared/kafkaEvent/parse';

function message(fields: Partial<KafkaMessage> & { batchContext?: { timestampType: number } }): KafkaMessage {
  return {
    key: null,
    value: null,
    timestamp: '1716540000123',
    attributes: 0,
    offset: '41',
    headers: {},
    ...fields,
  } as KafkaMessage;
}

describe('toTriggerRecord', () => {
  it('shapes a kafkajs message as Lambda delivers it: base64 key and value, headers as byte arrays in order', () => {
    // Prepare
    const m = message({
      key: Buffer.from('k1'),
      value: Buffer.from('{"a":1}'),
      headers: { trace: 'abc', tag: [Buffer.from('x'), 'y'] },
    });

    // Act
    const record = toTriggerRecord('orders.events', 2, m);

    // Assess
    expect(record).toEqual({
      topic: 'orders.events',
      partition: 2,
      offset: 41,
      timestamp: 1716540000123,
      timestampType: 'CREATE_TIME',
      key: 'azE=',
      value: 'eyJhIjoxfQ==',
      headers: [{ trace: [97, 98, 99] }, { tag: [120] }, { tag: [121] }],
    });
    expect(() =>
      parseKafkaEvent({ eventSource: 'SelfManagedKafka', records: { 'orders.events-2': [record] } }),
    ).not.toThrow();
  });

  it('omits the key when there is none, keeps a tombstone null and reads LOG_APPEND_TIME from the batch', () => {
    // Prepare
    const m = message({ batchContext: { timestampType: 1 } });

    // Act
    const record = toTriggerRecord('t', 0, m);

    // Assess
    expect(record).not.toHaveProperty('key');
    expect(record.value).toBeNull();
    expect(record.timestampType).toBe('LOG_APPEND_TIME');
  });
});
