import { DEFAULT_LIMITS, readIotToS3Settings } from '../../../../tasks/ingest/iotToS3/config';
import { IotToS3ConfigError } from '../../../../tasks/ingest/iotToS3/errors';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/iot-to-s3-dlq';

describe('readIotToS3Settings', () => {
  it('applies the documented defaults when only BUCKET and DLQ_QUEUE_URL are set', () => {
    // Act
    const settings = readIotToS3Settings({ BUCKET: 'telemetry-bucket', DLQ_QUEUE_URL: queueUrl });

    // Assess
    expect(settings).toEqual({
      bucket: 'telemetry-bucket',
      prefix: 'iot/telemetry',
      limits: DEFAULT_LIMITS,
      dlq: { queueUrl, claimCheckBucket: 'telemetry-bucket', claimCheckPrefix: 'dlq/iot-to-s3/' },
    });
  });

  it('reads the limits and trims slashes off PREFIX', () => {
    // Act
    const settings = readIotToS3Settings({
      BUCKET: 'telemetry-bucket',
      PREFIX: '/raw/devices/',
      MAX_MESSAGES_PER_OBJECT: '500',
      MAX_BYTES_PER_OBJECT: '1048576',
      DLQ_QUEUE_URL: queueUrl,
      DLQ_CLAIM_CHECK_BUCKET: 'claim-checks',
    });

    // Assess
    expect(settings.prefix).toBe('raw/devices');
    expect(settings.limits).toEqual({ maxMessages: 500, maxBytes: 1048576 });
    expect(settings.dlq.claimCheckBucket).toBe('claim-checks');
  });

  it('names every bad variable in one error', () => {
    // Act
    const act = () =>
      readIotToS3Settings({ PREFIX: 'a/../b', MAX_MESSAGES_PER_OBJECT: '0', MAX_BYTES_PER_OBJECT: '1.5' });

    // Assess
    expect(act).toThrow(IotToS3ConfigError);
    expect(act).toThrow(
      'invalid iot-to-s3 settings: BUCKET must be an S3 bucket name; ' +
        "PREFIX must be a key prefix of letters, digits and !_.*'()-=/; " +
        'MAX_MESSAGES_PER_OBJECT must be an integer from 1 to 1000000; ' +
        'MAX_BYTES_PER_OBJECT must be an integer from 1 to 5368709120; ' +
        'DLQ_QUEUE_URL must be an SQS queue URL',
    );
  });
});
