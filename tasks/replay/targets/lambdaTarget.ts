import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { packInOrder } from '../../shared/packInOrder';
import { awsCall } from '../awsErrors';
import { type ReplayRecord, recordBytes } from '../records';
import { buildEvent, type EventShape, eventShapeOf, failedIds } from './lambdaEvents';
import type { DeliveryOutcome, Refusal, ReplayTargetWriter } from './types';

/** Synchronous invocations carry at most 6 MB; base64 grows bytes by 4/3, so records stay under ~4 MB. */
const INVOKE_RECORD_BYTES = 4 * 1024 * 1024;
const INVOKE_RECORDS = 1_000;

/**
 * Invokes a Lambda function synchronously with trigger-shaped events (Kafka, Kinesis or SQS, by where the
 * record came from). A function error parks the records of that invocation (the function refused them);
 * a partial batch response parks exactly the records it names; throttling throws (retriable).
 */
export class LambdaTargetWriter implements ReplayTargetWriter {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionArn: string,
  ) {}

  refuse(): Refusal | undefined {
    return undefined;
  }

  chunk(records: ReplayRecord[]): ReplayRecord[][] {
    return packInOrder(records, recordBytes, { maxItems: INVOKE_RECORDS, maxBytes: INVOKE_RECORD_BYTES });
  }

  async deliver(records: ReplayRecord[], replayId: string): Promise<DeliveryOutcome> {
    const outcome: DeliveryOutcome = { delivered: [], parked: [] };
    const byShape = new Map<EventShape, ReplayRecord[]>();
    for (const record of records)
      byShape.set(eventShapeOf(record), [...(byShape.get(eventShapeOf(record)) ?? []), record]);
    for (const [shape, group] of byShape) {
      const answer = await awsCall('Invoke', this.functionArn, () =>
        this.lambda.send(
          new InvokeCommand({
            FunctionName: this.functionArn,
            InvocationType: 'RequestResponse',
            Payload: Buffer.from(JSON.stringify(buildEvent(shape, group, replayId))),
          }),
        ),
      );
      const text = answer.Payload ? Buffer.from(answer.Payload).toString('utf8') : '';
      let response: unknown;
      try {
        response = text ? JSON.parse(text) : null;
      } catch {
        response = null;
      }
      if (answer.FunctionError) {
        const type = (response as { errorType?: string } | null)?.errorType ?? answer.FunctionError;
        for (const record of group)
          outcome.parked.push({ id: record.id, reason: `TargetFunctionError: ${type}` });
        continue;
      }
      const failed = new Set(failedIds(shape, group, response));
      for (const record of group) {
        if (failed.has(record.id))
          outcome.parked.push({ id: record.id, reason: 'TargetReportedFailure: in batchItemFailures' });
        else outcome.delivered.push(record.id);
      }
    }
    return outcome;
  }

  async close(): Promise<void> {}
}
