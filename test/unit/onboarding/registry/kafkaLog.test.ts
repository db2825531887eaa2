import type { Consumer, Producer } from '@platformatic/kafka';
import { RegistryReadOnlyError } from '../../../../tasks/onboarding/registry/errors';
import { kafkaRegistryLog } from '../../../../tasks/onboarding/registry/kafkaLog';
import type { RegistryRecord } from '../../../../tasks/onboarding/registry/types';

/** A @platformatic/kafka-shaped failure: `code` and, for broker answers, the protocol error's `apiId`. */
const failure = (code: string, apiId?: string) =>
  Object.assign(new Error(`${code} ${apiId ?? ''}`), { code, ...(apiId ? { apiId } : {}) });

/** A consumer whose ListOffsets throws `errors` in turn, then answers an empty partition. */
function consumerFailingWith(errors: Error[]) {
  const calls = { listOffsets: 0 };
  const consumer = {
    listOffsets: async () => {
      calls.listOffsets++;
      const error = errors.shift();
      if (error) throw error;
      return new Map([['__msk-flows-registry', [0n]]]);
    },
    metadata: async () => ({ topics: new Map([['__msk-flows-registry', { id: 'topic-id' }]]) }),
  } as unknown as Consumer;
  return { consumer, calls };
}

describe('kafkaRegistryLog', () => {
  it('fails at once when the cluster cannot be reached, leaving the wait to the state machine', async () => {
    // Prepare
    const { consumer, calls } = consumerFailingWith([failure('PLT_KFK_NETWORK')]);
    const log = kafkaRegistryLog(consumer, {} as Producer);

    // Act
    const read = log.readAll();

    // Assess
    await expect(read).rejects.toMatchObject({ code: 'PLT_KFK_NETWORK' });
    expect(calls.listOffsets).toBe(1);
  });

  it('retries a partition without a leader yet (a just-created registry topic)', async () => {
    // Prepare
    const noLeader = failure('PLT_KFK_PROTOCOL', 'LEADER_NOT_AVAILABLE');
    const { consumer, calls } = consumerFailingWith([noLeader, noLeader]);
    const log = kafkaRegistryLog(consumer, {} as Producer);

    // Act
    const records = await log.readAll();

    // Assess
    expect(records).toEqual([]);
    expect(calls.listOffsets).toBe(3);
  });

  it('refuses to append when opened without a producer (a planner reads only), and reads as usual', async () => {
    // Prepare
    const { consumer } = consumerFailingWith([]);
    const log = kafkaRegistryLog(consumer, undefined);
    const record = {
      kind: 'topic',
      id: 't',
      run: 'r',
      state: 'intent',
      owner: { principal: 'p' },
    } as RegistryRecord;

    // Act / Assess
    await expect(log.append([record])).rejects.toThrow(RegistryReadOnlyError);
    await expect(log.append([])).resolves.toEqual([]);
    await expect(log.readAll()).resolves.toEqual([]);
  });
});
