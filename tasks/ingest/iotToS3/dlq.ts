import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DlqSettings } from './config';
import type { IotDlq } from './writeIotBatchToS3';

/**
 * Parks unusable messages as `mqtt` DLQ envelopes (raw body as the value; claim check in S3 when too big),
 * and records without a string body as `malformed` ones (the record as received).
 * The DLQ module is loaded on first use: its schema validation (zod) is ~70% of the bundle and its
 * evaluation added ~10 ms to every cold start (bench/coldStart.bench.ts), for a path that runs only when
 * a device sends something that is not the rule's JSON.
 */
export function createIotDlq(clients: { sqs: SQSClient; s3: S3Client }, settings: DlqSettings): IotDlq {
  return {
    async park(messages) {
      const { buildMalformedEnvelope, buildMqttEnvelope, publishToDlq } = await import('../../shared/dlq');
      const envelopes = messages.map((m) =>
        m.malformed
          ? buildMalformedEnvelope(m.malformed, m.error, m.attempts)
          : buildMqttEnvelope(
              { topic: m.topic, clientId: m.clientId, receivedAt: m.receivedAt, payload: m.payload },
              m.error,
              m.attempts,
            ),
      );
      await publishToDlq(envelopes, {
        sqs: clients.sqs,
        s3: clients.s3,
        queueUrl: settings.queueUrl,
        claimCheckBucket: settings.claimCheckBucket,
        claimCheckPrefix: settings.claimCheckPrefix,
      });
    },
  };
}
