import type { ConnectorLedgerEntry } from '../../contracts';
import type { RunContext } from '../../registry/runContext';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { ConnectorResourceOwnershipError } from '../errors';
import { mskConnectorDescriptionFor } from '../names';
import { type ConnectorRegistry, connectorStanding } from '../registryClaims';

/** The MSK Connect things msk-flows creates for a connector besides the connector, named after it. */
export type MskNamedEntry = Extract<ConnectorLedgerEntry, { kind: 'custom-plugin' | 'worker-configuration' }>;

/**
 * What to do about a custom plugin or worker configuration of the name msk-flows derives: `create` (none
 * there), `reuse` (ours: the registry says so, or its description marks it as made by msk-flows for the
 * principal), `carry` (an unfinished run of this request claimed it and it is marked as ours: this run
 * claims it and journals it). One that is another principal's in the registry, or is neither in it nor
 * marked as ours, is refused with ConnectorResourceOwnershipError and left alone. Without a registry
 * (unit tests of the platform calls alone) an existing one is reused.
 */
export function namedResourceVerdict(
  spec: ConnectorSpec,
  entry: MskNamedEntry,
  found: { description?: string } | undefined,
  registry: ConnectorRegistry | undefined,
  ctx: RunContext,
): 'create' | 'reuse' | 'carry' {
  if (!found) return 'create';
  if (!registry) return 'reuse';
  const standing = connectorStanding(registry, entry, ctx);
  if (standing === 'ours') return 'reuse';
  const { principal } = ctx.owner;
  if (standing !== 'other' && found.description === mskConnectorDescriptionFor(principal))
    return standing === 'this-run' || standing === 'inherited' ? 'carry' : 'reuse';
  throw new ConnectorResourceOwnershipError(
    spec.name,
    entry.kind === 'custom-plugin' ? 'custom plugin' : 'worker configuration',
    entry.name,
    standing === 'other'
      ? 'is owned by another principal'
      : `is neither in the ownership registry nor made by msk-flows for ${principal}`,
  );
}

/**
 * The ARN of an MSK Connect thing the registry holds by name only (an `intent` whose outcome a crash
 * lost), from its summary: when its description shows msk-flows made it for `principal`; else why not.
 */
export function ourArnByName(
  found: { arn?: string; description?: string } | undefined,
  principal: string | undefined,
): { arn: string } | { detail: string } {
  if (!found?.arn) return { detail: 'already gone' };
  if (!principal || found.description !== mskConnectorDescriptionFor(principal))
    return { detail: `left alone: not created by msk-flows for ${principal ?? 'this principal'}` };
  return { arn: found.arn };
}
