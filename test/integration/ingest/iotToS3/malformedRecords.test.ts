import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { iotToS3Clients } from '../../../../tasks/ingest/iotToS3/clients';
import { createIotToS3Handler } from '../../../../tasks/ingest/iotToS3/writeIotBatchToS3';
import { dlqEnvelopeSchema } from '../../../../tasks/shared/dlq';
import { lambdaContext, quietObservability, sqsRecord } from '../../../unit/ingest/iotToS3/testDeps';
import {
  createTestBucket,
  createTestQueue,
  deleteBucket,
  deleteQueues,
  localAws,
  readObjects,
  receiveAll,
} from './support';

const aws = localAws();

describe('IoT → S3 batcher with records that are not SQS messages (ElasticMQ, S3Mock)', () => {
  it('parks a record without a body, one with a non-string body and one without a messageId as received, and writes the rest', async () => {
    // Prepare
    const bucket = await createTestBucket(aws.s3);
    const dlqUrl = await createTestQueue(aws.sqs);
    const observability = quietObservability();
    const handler = createIotToS3Handler(
      observability,
      iotToS3Clients({ BUCKET: bucket, DLQ_QUEUE_URL: dlqUrl }, observability, aws),
    );
    const good = (id: string) =>
      sqsRecord(id, JSON.stringify({ clientId: 'sensor-1', id, receivedAt: 1716540001234 }));
    const noBody = { ...sqsRecord('no-body', ''), body: undefined } as unknown as SQSRecord;
    const objectBody = {
      ...sqsRecord('object-body', ''),
      body: { clientId: 'sensor-1' },
    } as unknown as SQSRecord;
    const noId = { ...good('x'), messageId: undefined } as unknown as SQSRecord;
    const event: SQSEvent = { Records: [good('g1'), noBody, good('g2'), objectBody, noId, good('g3')] };
    try {
      // Act
      const response = await handler(event, lambdaContext);

      // Assess
      expect(response).toEqual({ batchItemFailures: [] });
      const lines = [...(await readObjects(aws.s3, bucket, 'iot/telemetry/')).values()].flat();
      expect(lines.map((l) => l.id)).toEqual(['g1', 'g2', 'g3']);
      const envelopes = (await receiveAll(aws.sqs, dlqUrl)).map((b) => JSON.parse(b));
      expect(envelopes.map((e) => dlqEnvelopeSchema.safeParse(e).success)).toEqual([true, true, true]);
      const byPath = new Map(envelopes.map((e) => [e.source.path, e]));
      expect(byPath.get('Records[1]')).toMatchObject({
        source: { kind: 'malformed', trigger: 'sqs', path: 'Records[1]', messageId: 'no-body' },
        error: { name: 'InvalidIotMessageError', message: 'SQS message no-body: body is missing' },
      });
      expect(byPath.get('Records[3]')?.error.message).toBe('SQS message object-body: body is not a string');
      expect(byPath.get('Records[4]')?.error.message).toBe('SQS message Records[4]: messageId is missing');
      expect(JSON.parse(Buffer.from(byPath.get('Records[3]')?.value, 'base64').toString())).toEqual(
        objectBody,
      );
    } finally {
      await deleteBucket(aws.s3, bucket);
      await deleteQueues(aws.sqs, dlqUrl);
    }
  });
});
