import type { LambdaClient } from '@aws-sdk/client-lambda';
import { consumerAccountClients } from '../privateAccess/consumerAccount';
import type { PrivateAccessDeps } from '../privateAccess/types';
import type { TriggerRequest } from './mappingTarget';
import { inConsumerAccount } from './names';

/** The Lambda client of the account a function lives in: the consumer's (assumed role) or the platform's. */
export async function lambdaFor(
  functionArn: string,
  request: TriggerRequest,
  deps: PrivateAccessDeps,
): Promise<LambdaClient> {
  const { cluster, privateLink } = request;
  if (cluster.kind === 'msk' && privateLink && inConsumerAccount({ functionArn }, cluster)) {
    return (await consumerAccountClients(cluster.arn, privateLink, request.requestId, deps)).lambda;
  }
  return deps.lambda;
}
