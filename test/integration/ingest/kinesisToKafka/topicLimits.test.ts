import { bridgeKinesisBatch } from '../../../../tasks/ingest/kinesisToKafka/bridgeKinesisBatch';
import {
  KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
  kafkaTopicLimits,
} from '../../../../tasks/ingest/kinesisToKafka/topicLimits';
import { kinesisEvent } from '../../../unit/ingest/kinesisToKafka/kinesisEvents';
import { BridgeFixture } from './bridgeFixture';

describe('topic limits on the local broker', () => {
  const fixture = new BridgeFixture();

  afterAll(async () => {
    await fixture.cleanUp();
  });

  it("reads the topic's own max.message.bytes with DescribeConfigs", async () => {
    // Prepare
    const topic = await fixture.topic({ configs: { 'max.message.bytes': '65536' } });
    const limits = kafkaTopicLimits(fixture.withPlatformaticAdmin(), topic);

    // Act
    const result = await limits();

    // Assess
    expect(result).toEqual({ maxMessageBytes: 65_536, source: 'describeConfigs' });
  });

  it("falls back to Kafka's default for a producer without DescribeConfigs, and that producer still bridges", async () => {
    // Prepare
    const topic = await fixture.topic({ partitions: 2 });
    const user = await fixture.producerUser(topic);
    const fallbacks: string[] = [];
    const limits = kafkaTopicLimits(fixture.withPlatformaticAdmin(user.secretFile), topic, (error) =>
      fallbacks.push(error.name),
    );
    const deps = await fixture.deps({ TARGET_TOPIC: topic, KAFKA_SECRET_ARN: user.secretFile });

    // Act
    const result = await limits();
    const bridged = await bridgeKinesisBatch(kinesisEvent({ count: 100 }), deps);

    // Assess
    expect(result).toEqual({ maxMessageBytes: KAFKA_DEFAULT_MAX_MESSAGE_BYTES, source: 'default' });
    expect(fallbacks).toEqual(['KafkaAuthorizationError']);
    expect(bridged).toEqual({ batchItemFailures: [] });
    expect(await fixture.recordCount(topic)).toBe(100);
  });

  it('fails with a typed error when the topic does not exist', async () => {
    // Prepare
    const limits = kafkaTopicLimits(fixture.withPlatformaticAdmin(), 'no-such-topic-7d1c2b');

    // Act
    const error = await limits().catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ context: { topic: 'no-such-topic-7d1c2b', operation: 'describeConfigs' } });
    expect((error as Error).name).toMatch(/^Kafka(Retriable|Operation)Error$/);
  });
});
