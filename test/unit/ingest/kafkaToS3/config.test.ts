import { readKafkaToS3Settings } from '../../../../tasks/ingest/kafkaToS3/config';
import { KafkaToS3ConfigError } from '../../../../tasks/ingest/kafkaToS3/errors';

describe('readKafkaToS3Settings', () => {
  it('applies the defaults when only BUCKET is set', () => {
    // Act
    const settings = readKafkaToS3Settings({ BUCKET: 'landing-bucket' });

    // Assess
    expect(settings).toEqual({
      bucket: 'landing-bucket',
      prefix: 'topics',
      encoding: 'base64',
      concurrency: 8,
    });
  });

  it('reads every variable, trimming slashes off the prefix', () => {
    // Prepare
    const env = {
      BUCKET: 'landing-bucket',
      PREFIX: '/raw/kafka/',
      KMS_KEY_ARN: 'arn:aws-cn:kms:cn-northwest-1:111122223333:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      PAYLOAD_ENCODING: 'json',
      PUT_CONCURRENCY: '16',
    };

    // Act
    const settings = readKafkaToS3Settings(env);

    // Assess
    expect(settings).toEqual({
      bucket: 'landing-bucket',
      prefix: 'raw/kafka',
      kmsKeyArn: env.KMS_KEY_ARN,
      encoding: 'json',
      concurrency: 16,
    });
  });

  it('names every bad variable in one error, never echoing a value', () => {
    // Prepare
    const env = {
      BUCKET: 'Not_A_Bucket',
      PREFIX: 'a/../b',
      KMS_KEY_ARN: 'alias/mine',
      PAYLOAD_ENCODING: 'avro',
      PUT_CONCURRENCY: '0',
    };

    // Act
    const act = () => readKafkaToS3Settings(env);

    // Assess
    expect(act).toThrow(KafkaToS3ConfigError);
    try {
      act();
    } catch (error) {
      expect((error as KafkaToS3ConfigError).problems.map((p) => p.variable)).toEqual([
        'BUCKET',
        'PREFIX',
        'KMS_KEY_ARN',
        'PAYLOAD_ENCODING',
        'PUT_CONCURRENCY',
      ]);
      expect((error as Error).message).not.toContain('Not_A_Bucket');
    }
  });
});
