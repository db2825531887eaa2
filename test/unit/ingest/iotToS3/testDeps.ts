import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ObjectLimits } from '../../../../tasks/ingest/iotToS3/config';
import type { UnusableIotMessage } from '../../../../tasks/ingest/iotToS3/parse';
import type {
  IotDlq,
  IotToS3Observability,
  WriteIotBatchToS3Deps,
} from '../../../../tasks/ingest/iotToS3/writeIotBatchToS3';
import { Tracer } from '../../../../tasks/shared/observability/tracer';

/** A DLQ that records what it was asked to park, or fails when `failWith` is set. */
export interface RecordingDlq extends IotDlq {
  parked: UnusableIotMessage[];
  failWith?: Error;
}

/** A recording DLQ. */
export function recordingDlq(): RecordingDlq {
  const dlq: RecordingDlq = {
    parked: [],
    async park(messages) {
      if (dlq.failWith) throw dlq.failWith;
      dlq.parked.push(...messages);
    },
  };
  return dlq;
}

/** Quiet Powertools instances (no log lines, no EMF output). */
export function quietObservability(): IotToS3Observability {
  // Metrics read POWERTOOLS_METRICS_DISABLED when constructed.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  return {
    logger: new Logger({ serviceName: 'iot-to-s3-test', logLevel: 'SILENT' }),
    metrics: new Metrics({ serviceName: 'iot-to-s3-test', namespace: 'MskFlowsTest' }),
    tracer: new Tracer({ serviceName: 'iot-to-s3-test', enabled: false }),
  };
}

/** Core deps with a (mockable) S3 client, the bucket `telemetry-bucket` and prefix `iot/telemetry`. */
export function testDeps(
  limits: ObjectLimits,
  overrides: Partial<WriteIotBatchToS3Deps> = {},
): WriteIotBatchToS3Deps & { dlq: RecordingDlq } {
  const { logger, metrics } = quietObservability();
  return {
    s3: new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
    bucket: 'telemetry-bucket',
    prefix: 'iot/telemetry',
    limits,
    logger,
    metrics,
    ...overrides,
    dlq: recordingDlq(),
  };
}

/** An SQS record carrying `body`, shaped like the fixtures in test/events/sqs-iot-*.json. */
export function sqsRecord(messageId: string, body: string, sentTimestamp = 1716540001000): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(sentTimestamp),
      SenderId: 'AROA3XFRBF535PLBIFPI4:iot-rule-telemetry-to-sqs',
      ApproximateFirstReceiveTimestamp: String(sentTimestamp + 10),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:msk-flows-dev-iot-telemetry',
    awsRegion: 'eu-west-1',
  };
}

/** An SQS event of `count` rule outputs `{seq, clientId, receivedAt}`, message ids `m-0`, `m-1` … */
export function telemetryEvent(count: number, receivedAt = Date.UTC(2024, 4, 24, 9, 30)): SQSEvent {
  return {
    Records: Array.from({ length: count }, (_, seq) =>
      sqsRecord(
        `m-${seq}`,
        JSON.stringify({ seq, clientId: `sensor-${seq % 7}`, receivedAt: receivedAt + seq }),
      ),
    ),
  };
}

/** The Lambda context the Powertools middlewares read. */
export const lambdaContext = {
  functionName: 'iot-to-s3',
  functionVersion: '$LATEST',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  memoryLimitInMB: '512',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;
