import type { TriggerLedgerEntry } from '../contracts';
import type { RegistryIdentity } from '../privateAccess/identity';

/**
 * The principal's SCRAM secret copy in a consumer account, by account and name (`<account>/<name>`): known
 * before CreateSecret answers, unlike its ARN (which ends in a random suffix).
 */
export const secretCopyIdentity = (e: {
  consumerAccountId: string;
  secretName: string;
}): RegistryIdentity => ({
  kind: 'secret-copy',
  id: `${e.consumerAccountId}/${e.secretName}`,
});

/** Where a mapping sits, known before it exists: its function, what it reads from and its topics. */
export interface MappingCoordinates {
  functionArn: string;
  /** The event source ARN (cluster or VPC connection), or the sorted bootstrap servers joined by commas. */
  source: string;
  topics: string[];
}

/**
 * An event source mapping. By its coordinates (`<function> <- <source> [<topics>]`) when the entry has
 * them: a registry intent is written before CreateEventSourceMapping answers, so the UUID is not known
 * yet, and the coordinates find the mapping again (ListEventSourceMappings). An older entry without them
 * is named by its ARN, built from the function's.
 */
export function eventSourceMappingIdentity(e: {
  functionArn: string;
  uuid: string;
  source?: string;
  topics?: string[];
}): RegistryIdentity {
  if (e.source && e.topics)
    return { kind: 'event-source-mapping', id: `${e.functionArn} <- ${e.source} [${e.topics.join(',')}]` };
  const [arn, partition, , region, account] = e.functionArn.split(':');
  return {
    kind: 'event-source-mapping',
    id: `${arn}:${partition}:lambda:${region}:${account}:event-source-mapping:${e.uuid}`,
  };
}

/** The registry identity of any trigger ledger entry. */
export function triggerIdentityOf(entry: TriggerLedgerEntry): RegistryIdentity {
  return entry.kind === 'secret-copy' ? secretCopyIdentity(entry) : eventSourceMappingIdentity(entry);
}
