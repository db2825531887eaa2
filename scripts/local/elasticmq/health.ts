import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { localSqsClient } from '../../../tasks/shared/aws/local';

/** Whether the real SQS client gets an answer to ListQueues from `endpoint`; the reason when not. */
export async function checkSqsHealth(endpoint: string): Promise<{ healthy: boolean; reason?: string }> {
  const sqs = localSqsClient({ sqs: { endpoint } }, { maxAttempts: 1 });
  try {
    await sqs.send(new ListQueuesCommand({}), { abortSignal: AbortSignal.timeout(3_000) });
    return { healthy: true };
  } catch (error) {
    return {
      healthy: false,
      reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  } finally {
    sqs.destroy();
  }
}
