import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { MalformedKafkaRecord } from '../../shared/kafkaEvent/parse';
import type { DlqSettings } from './config';
import type { MalformedKafkaRecordError } from './errors';

/** Where malformed records go: the DLQ, as `malformed` envelopes carrying their topic-partition-offset. */
export interface KafkaToS3Dlq {
  /** Resolves once every record is durably parked; rejects otherwise (then all of them are reported). */
  park(records: { record: MalformedKafkaRecord; error: MalformedKafkaRecordError }[]): Promise<void>;
}

/**
 * Parks malformed records as DLQ envelopes (the record as received; claim check in S3 when too big). The
 * DLQ module (zod) is loaded on first use: only a batch with a malformed record needs it.
 */
export function createKafkaToS3Dlq(
  clients: { sqs: SQSClient; s3: S3Client },
  settings: DlqSettings,
): KafkaToS3Dlq {
  return {
    async park(records) {
      const { buildMalformedEnvelope, publishToDlq } = await import('../../shared/dlq');
      const envelopes = records.map(({ record, error }) => buildMalformedEnvelope(record.dlq, error, 1));
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
