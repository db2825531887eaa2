import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { localSqsClient } from '../awsClients';
import { type HealthCheck, probe } from '../health';

/** Whether the real SQS client gets an answer to ListQueues from `endpoint`; the reason when not. */
export function checkSqsHealth(endpoint: string): Promise<HealthCheck> {
  const sqs = localSqsClient({ sqs: { endpoint } }, { maxAttempts: 1 });
  return probe(
    (abortSignal) => sqs.send(new ListQueuesCommand({}), { abortSignal }),
    () => sqs.destroy(),
  );
}
