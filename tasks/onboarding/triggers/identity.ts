import type { TriggerLedgerEntry } from '../contracts';
import type { RegistryIdentity } from '../privateAccess/identity';

/** The SCRAM secret copy in a consumer account, by its ARN there. */
export const secretCopyIdentity = (e: { secretArn: string }): RegistryIdentity => ({
  kind: 'secret-copy',
  id: e.secretArn,
});

/** An event source mapping, by its ARN (`…:lambda:<region>:<account>:event-source-mapping:<uuid>`), built from the function's. */
export function eventSourceMappingIdentity(e: { functionArn: string; uuid: string }): RegistryIdentity {
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
