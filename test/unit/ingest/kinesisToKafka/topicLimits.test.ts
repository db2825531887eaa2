import { jest } from '@jest/globals';
import { ProtocolError } from '@platformatic/kafka';
import {
  cachedTopicLimits,
  KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
  kafkaTopicLimits,
  type TopicLimits,
  type WithAdmin,
} from '../../../../tasks/ingest/kinesisToKafka/topicLimits';

/** A WithAdmin over an admin stand-in that answers DescribeConfigs with `describeConfigs`. */
function fakeAdmin(describeConfigs: () => Promise<unknown>): WithAdmin {
  return (fn) => fn({ describeConfigs } as unknown as Parameters<typeof fn>[0]);
}

describe('cachedTopicLimits', () => {
  it('loads once within the TTL and again after it', async () => {
    // Prepare
    let now = 0;
    const load = jest.fn(
      async (): Promise<TopicLimits> => ({ maxMessageBytes: 1000 + now, source: 'describeConfigs' }),
    );
    const limits = cachedTopicLimits(load, { ttlMs: 100, now: () => now });

    // Act
    const first = await limits();
    now = 50;
    const second = await limits();
    now = 150;
    const third = await limits();

    // Assess
    expect([first.maxMessageBytes, second.maxMessageBytes, third.maxMessageBytes]).toEqual([
      1000, 1000, 1150,
    ]);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed load, so the next call tries again', async () => {
    // Prepare
    const load = jest
      .fn<() => Promise<TopicLimits>>()
      .mockRejectedValueOnce(new Error('broker down'))
      .mockResolvedValueOnce({ maxMessageBytes: 2000, source: 'describeConfigs' });
    const limits = cachedTopicLimits(load);

    // Act
    const failure = await limits().catch((error: unknown) => error);
    const success = await limits();

    // Assess
    expect(failure).toEqual(new Error('broker down'));
    expect(success.maxMessageBytes).toBe(2000);
  });
});

describe('kafkaTopicLimits', () => {
  it("reads the topic's max.message.bytes with DescribeConfigs", async () => {
    // Prepare
    const describeConfigs = jest.fn(async () => [
      {
        resourceType: 2,
        resourceName: 'flight.telemetry',
        configs: [{ name: 'max.message.bytes', value: '65536' }],
      },
    ]);
    const limits = kafkaTopicLimits(fakeAdmin(describeConfigs), 'flight.telemetry');

    // Act
    const result = await limits();

    // Assess
    expect(result).toEqual({ maxMessageBytes: 65_536, source: 'describeConfigs' });
    expect(describeConfigs).toHaveBeenCalledWith({
      resources: [
        { resourceType: 2, resourceName: 'flight.telemetry', configurationKeys: ['max.message.bytes'] },
      ],
    });
  });

  it("falls back to Kafka's default and says so when the principal may not describe the topic's configs", async () => {
    // Prepare
    const onFallback = jest.fn();
    const denied = async () => {
      throw new ProtocolError('TOPIC_AUTHORIZATION_FAILED');
    };
    const limits = kafkaTopicLimits(fakeAdmin(denied), 'flight.telemetry', onFallback);

    // Act
    const result = await limits();

    // Assess
    expect(result).toEqual({ maxMessageBytes: KAFKA_DEFAULT_MAX_MESSAGE_BYTES, source: 'default' });
    expect(onFallback).toHaveBeenCalledWith(expect.objectContaining({ name: 'KafkaAuthorizationError' }));
  });

  it('fails with a typed Kafka error for anything else', async () => {
    // Prepare
    const down = async () => {
      throw new ProtocolError('LEADER_NOT_AVAILABLE');
    };
    const limits = kafkaTopicLimits(fakeAdmin(down), 'flight.telemetry');

    // Act
    const error = await limits().catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'KafkaRetriableError', context: { topic: 'flight.telemetry' } });
  });
});
