import {
  DEFAULT_BRIDGE_COMPRESSION,
  readBridgeSettings,
} from '../../../../tasks/ingest/kinesisToKafka/config';

const secretArn = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:AmazonMSK_bridge-AbCdEf';
const base = {
  TARGET_TOPIC: 'flight.telemetry',
  KAFKA_BOOTSTRAP_SERVERS: 'b-1.example:9096, b-2.example:9096',
  KAFKA_SECRET_ARN: secretArn,
  DLQ_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/bridge-dlq',
  DLQ_BUCKET: 'bridge-claim-checks',
};

describe('readBridgeSettings', () => {
  it('defaults to SCRAM over TLS when only the required variables are set', () => {
    // Act
    const settings = readBridgeSettings(base);

    // Assess
    expect(settings).toEqual({
      topic: 'flight.telemetry',
      connection: {
        brokers: ['b-1.example:9096', 'b-2.example:9096'],
        auth: { type: 'scram', secret: secretArn, plaintext: false },
        clientId: 'msk-flows-kinesis-to-kafka',
      },
      dlq: { queueUrl: base.DLQ_QUEUE_URL, bucket: 'bridge-claim-checks' },
      compression: DEFAULT_BRIDGE_COMPRESSION,
    });
  });

  it('reads the codec from KAFKA_COMPRESSION, any case', () => {
    // Act
    const codecs = ['none', 'GZIP', 'snappy', 'lz4', 'zstd'].map(
      (KAFKA_COMPRESSION) => readBridgeSettings({ ...base, KAFKA_COMPRESSION }).compression,
    );

    // Assess
    expect(codecs).toEqual(['none', 'gzip', 'snappy', 'lz4', 'zstd']);
  });

  it('reads IAM auth with the Lambda region, the DLQ prefix and the tuning overrides', () => {
    // Act
    const settings = readBridgeSettings({
      ...base,
      KAFKA_AUTH: 'iam',
      KAFKA_SECRET_ARN: undefined,
      AWS_REGION: 'cn-north-1',
      DLQ_PREFIX: 'bridge/',
      TOPIC_MAX_MESSAGE_BYTES: '2097152',
      MAX_CHUNK_BYTES: '262144',
    });

    // Assess
    expect(settings.connection.auth).toEqual({ type: 'iam', region: 'cn-north-1' });
    expect(settings.dlq.prefix).toBe('bridge/');
    expect(settings.maxMessageBytes).toBe(2_097_152);
    expect(settings.maxChunkBytes).toBe(262_144);
  });

  it('accepts a local secret file and plaintext for the local broker', () => {
    // Act
    const settings = readBridgeSettings({
      ...base,
      KAFKA_SECRET_ARN: '/work/.local/secrets/kafka-admin.json',
      KAFKA_TLS: 'false',
    });

    // Assess
    expect(settings.connection.auth).toEqual({
      type: 'scram',
      secret: '/work/.local/secrets/kafka-admin.json',
      plaintext: true,
    });
  });

  it('lists every bad variable in one BridgeConfigError', () => {
    // Prepare
    const env = {
      TARGET_TOPIC: 'bad topic!',
      KAFKA_BOOTSTRAP_SERVERS: 'b-1.example:9096,nohost',
      KAFKA_SECRET_ARN: 'not-a-ref',
      KAFKA_TLS: 'maybe',
      MAX_CHUNK_BYTES: '-1',
      KAFKA_COMPRESSION: 'brotli',
    };

    // Act
    const act = () => readBridgeSettings(env);

    // Assess
    expect(act).toThrow(
      expect.objectContaining({
        name: 'BridgeConfigError',
        problems: [
          { variable: 'TARGET_TOPIC', reason: 'is not a valid Kafka topic name' },
          { variable: 'KAFKA_BOOTSTRAP_SERVERS', reason: 'has entries that are not host:port: nohost' },
          { variable: 'KAFKA_TLS', reason: 'must be true or false' },
          { variable: 'KAFKA_SECRET_ARN', reason: 'must be a Secrets Manager ARN or a local file path' },
          { variable: 'DLQ_QUEUE_URL', reason: 'is required' },
          { variable: 'DLQ_BUCKET', reason: 'is required' },
          { variable: 'MAX_CHUNK_BYTES', reason: 'must be a positive integer' },
          { variable: 'KAFKA_COMPRESSION', reason: 'must be one of none, gzip, snappy, lz4, zstd' },
        ],
      }),
    );
  });

  it('refuses turning TLS off for IAM and an unknown auth scheme', () => {
    // Act
    const iam = () =>
      readBridgeSettings({ ...base, KAFKA_AUTH: 'iam', AWS_REGION: 'eu-west-1', KAFKA_TLS: 'false' });
    const unknown = () => readBridgeSettings({ ...base, KAFKA_AUTH: 'plain' });

    // Assess
    expect(iam).toThrow('KAFKA_TLS must be true with KAFKA_AUTH=iam');
    expect(unknown).toThrow('KAFKA_AUTH must be scram, iam or tls');
  });
});
