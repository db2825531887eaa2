import type { EventSourceMappingConfiguration, LambdaClient } from '@aws-sdk/client-lambda';
import type { ConsumerRoleRef, TriggerLedgerEntry } from '../contracts';
import { consumerAccountClients } from '../privateAccess/consumerAccount';
import type { PrivateAccessDeps } from '../privateAccess/types';
import type { Trigger } from '../request/privateAccessSchema';
import { findMapping } from './findMapping';
import type { MappingCoordinates } from './identity';
import type { MappingTarget, TriggerRequest } from './mappingTarget';
import { inConsumerAccount } from './names';

type MappingEntry = Extract<TriggerLedgerEntry, { kind: 'event-source-mapping' }>;

/** The coordinates of a trigger's mapping at its resolved target. */
export function coordinatesOf(
  trigger: Pick<Trigger, 'functionArn' | 'topics'>,
  target: Pick<MappingTarget, 'eventSourceArn' | 'bootstrapServers'>,
): MappingCoordinates {
  const source = target.eventSourceArn ?? [...(target.bootstrapServers ?? [])].sort().join(',');
  return { functionArn: trigger.functionArn, source, topics: [...trigger.topics] };
}

/** The mapping at `coords` (ListEventSourceMappings by function and, for an ARN source, event source), if any. */
export function findMappingAt(
  lambda: LambdaClient,
  coords: MappingCoordinates,
): Promise<EventSourceMappingConfiguration | undefined> {
  const target = coords.source.startsWith('arn:')
    ? { eventSourceArn: coords.source }
    : { bootstrapServers: coords.source.split(',') };
  return findMapping(lambda, coords, target);
}

/** How compensation reaches the trigger's mapping without the request: the consumer role, when it is there. */
export function mappingConsumerOf(
  trigger: Pick<Trigger, 'functionArn'>,
  request: Pick<TriggerRequest, 'cluster' | 'privateLink'>,
): ConsumerRoleRef | undefined {
  const { cluster, privateLink } = request;
  if (cluster.kind !== 'msk' || !privateLink || !inConsumerAccount(trigger, cluster)) return undefined;
  return { clusterArn: cluster.arn, roleArn: privateLink.roleArn, externalId: privateLink.externalId };
}

/** The Lambda client of the account an entry's mapping lives in (the consumer's through its role, or ours). */
export async function lambdaOfEntry(
  entry: Pick<MappingEntry, 'consumer'>,
  requestId: string,
  deps: Pick<PrivateAccessDeps, 'lambda' | 'sts' | 'consumerClients'>,
): Promise<LambdaClient> {
  const { consumer } = entry;
  if (!consumer) return deps.lambda;
  return (await consumerAccountClients(consumer.clusterArn, consumer, requestId, deps)).lambda;
}
