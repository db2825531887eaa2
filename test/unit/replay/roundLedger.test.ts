import { describe, expect, it } from '@jest/globals';
import type { QueueMessage } from '../../../tasks/replay/messages/types';
import type { ReplayRecord } from '../../../tasks/replay/records';
import { RoundLedger } from '../../../tasks/replay/round/ledger';

const message = (id: string): QueueMessage => ({
  messageId: id,
  receiptHandle: `r-${id}`,
  body: '{}',
  attributes: {},
  messageAttributes: {},
});

const record = (offset: number): ReplayRecord => ({
  id: `kafka:orders.events:0:${offset}`,
  origin: { kind: 'kafka', topic: 'orders.events', partition: 0, offset: String(offset) },
  key: null,
  value: Buffer.from(`v${offset}`),
  headers: [],
  attempt: 1,
});

const completed = (ledger: RoundLedger) => ledger.takeComplete().map((c) => c.message.messageId);

describe('RoundLedger', () => {
  it('completes a message only once all of its records are delivered or parked, and hands it out once', () => {
    // Prepare
    const ledger = new RoundLedger();
    ledger.add(message('a'), [record(1), record(2)], []);
    ledger.add(message('b'), [record(3)], []);

    // Act
    ledger.markDelivered([record(1).id, record(3).id]);
    const first = completed(ledger);
    ledger.park([{ id: record(2).id, reason: 'RecordTooLarge' }]);
    const second = completed(ledger);
    const third = completed(ledger);

    // Assess
    expect([first, second, third]).toEqual([['b'], ['a'], []]);
    expect([ledger.delivered, ledger.parkedItems]).toEqual([2, 1]);
    expect(ledger.unsettled()).toEqual([]);
  });

  it('delivers a record two messages share once, and that settles both', () => {
    // Prepare
    const ledger = new RoundLedger();
    ledger.add(message('a'), [record(1), record(2)], []);
    ledger.add(message('b'), [record(2), record(3)], []);

    // Act
    const deliverable = ledger.takeDeliverable().map((r) => r.id);
    ledger.markDelivered([record(2).id, record(3).id]);
    const partly = completed(ledger);
    ledger.markDelivered([record(1).id]);
    const all = completed(ledger);

    // Assess
    expect(deliverable).toEqual([record(1).id, record(2).id, record(3).id]);
    expect([partly, all]).toEqual([['b'], ['a']]);
    expect(ledger.delivered).toBe(3);
  });

  it('completes at once a message whose records were all parked before delivery', () => {
    // Prepare
    const ledger = new RoundLedger();

    // Act
    ledger.add(message('poison'), [], [{ reason: 'UndecodableBody' }]);

    // Assess
    expect(ledger.takeComplete()).toEqual([
      { message: message('poison'), parked: [{ reason: 'UndecodableBody' }] },
    ]);
    expect(ledger.unsettled()).toEqual([]);
  });
});
