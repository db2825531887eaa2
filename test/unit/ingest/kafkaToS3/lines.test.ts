import { recordLine, recordLines } from '../../../../tasks/ingest/kafkaToS3/lines';
import type { KafkaTriggerEvent } from '../../../../tasks/shared/kafkaEvent/types';
import { loadEvent } from '../../../helpers/loadEvent';

const orders = loadEvent<KafkaTriggerEvent>('msk-orders').records['orders.events-0'] ?? [];
const edge = loadEvent<KafkaTriggerEvent>('msk-tombstone-binary').records['customers.compacted-0'] ?? [];

describe('recordLine', () => {
  it('writes the record as delivered (base64) with a fixed key order', () => {
    // Prepare
    const record = orders[1];
    if (!record) throw new Error('fixture changed');

    // Act
    const line = recordLine(record, 'base64');

    // Assess
    expect(line).toBe(
      JSON.stringify({
        topic: 'orders.events',
        partition: 0,
        offset: 16,
        timestamp: 1716540000456,
        timestampType: 'CREATE_TIME',
        key: record.key,
        keyEncoding: 'base64',
        value: record.value,
        valueEncoding: 'base64',
        headers: [{ name: 'source', value: 'Y2hlY2tvdXQ=', encoding: 'base64' }],
      }),
    );
  });

  it('decodes JSON values, and keys and headers as text, in json mode', () => {
    // Prepare
    const record = orders[0];
    if (!record) throw new Error('fixture changed');

    // Act
    const line = JSON.parse(recordLine(record, 'json'));

    // Assess
    expect(line).toMatchObject({
      key: 'order-1001',
      keyEncoding: 'utf8',
      value: { orderId: '1001', status: 'created', amount: 42.5 },
      valueEncoding: 'json',
    });
    expect(line.headers[1]).toEqual({ name: 'source', value: 'checkout', encoding: 'utf8' });
  });

  it('falls back per field: text that is not JSON stays text, bytes that are not UTF-8 stay base64', () => {
    // Prepare
    const [tombstone, keyless, binary] = edge;
    if (!tombstone || !keyless || !binary) throw new Error('fixture changed');

    // Act
    const lines = [tombstone, keyless, binary].map((r) => JSON.parse(recordLine(r, 'json')));

    // Assess
    expect(lines.map((l) => [l.key, l.keyEncoding, l.value, l.valueEncoding])).toEqual([
      ['customer-7', 'utf8', null, null],
      [null, null, 'not json, just text', 'utf8'],
      [binary.key, 'base64', binary.value, 'base64'],
    ]);
    expect(lines[2].headers).toEqual([{ name: 'bin', value: '/wA=', encoding: 'base64' }]);
  });

  it('gives the same bytes for the same records every time', () => {
    // Act
    const first = recordLines(orders, 'json');
    const second = recordLines(structuredClone(orders), 'json');

    // Assess
    expect(second).toBe(first);
    expect(first.split('\n')).toHaveLength(orders.length + 1);
    expect(first.endsWith('\n')).toBe(true);
  });
});
