import type { ClusterRef, LedgerEntry } from '../contracts';
import type { PrivateAccessDeps } from '../privateAccess/types';
import type { RegistryAccess } from '../registry/access';
import type { RegistryView } from '../registry/fold';
import { type Registry, type Ticket, ticketOf } from '../registry/registry';
import { claimForRun, type RunContext, standingOf } from '../registry/runContext';
import type { RegistryIdentity } from '../registry/types';

/**
 * The deps of a trigger step that records in the target cluster's ownership registry (README "Ownership
 * registry"): intents before creating, outcomes after. Without `registry` nothing is recorded (unit tests
 * of the AWS calls alone, local runs without it).
 */
export type TriggerDeps = PrivateAccessDeps & { registry?: RegistryAccess };

/** The registry a trigger step records in, and the view it decides by (read once per step). */
export interface TriggerRegistry {
  registry: Registry;
  view: RegistryView;
}

/** Runs `fn` with the request's cluster registry, or with `undefined` when the deps name none. */
export async function withTriggerRegistry<T>(
  request: { cluster: ClusterRef },
  deps: Pick<TriggerDeps, 'registry'>,
  operation: string,
  fn: (registry: TriggerRegistry | undefined) => Promise<T>,
): Promise<T> {
  if (!deps.registry) return fn(undefined);
  return deps.registry(request.cluster, operation, async (registry) =>
    fn({ registry, view: await registry.view() }),
  );
}

/** Claims `intent` for a thing about to be created (the entry says what undo needs); none without a registry. */
export async function claimCreate(
  reg: TriggerRegistry | undefined,
  ctx: RunContext,
  identity: RegistryIdentity,
  entry: LedgerEntry,
): Promise<Ticket | undefined> {
  if (!reg) return undefined;
  const [ticket] = await claimForRun(reg.registry, ctx, [{ ...identity, origin: 'created', entry }]);
  return ticket;
}

/** Records a claimed thing `owned`, with what the step learned (`entry`: its id, ARN). */
export async function settleOwned(
  reg: TriggerRegistry | undefined,
  ticket: Ticket | undefined,
  entry: LedgerEntry,
): Promise<void> {
  if (reg && ticket) await reg.registry.settle([{ ticket: { ...ticket, entry }, state: 'owned' }]);
}

/**
 * Whether an existing thing (a mapping, a secret copy) is one this run (an earlier attempt) or an
 * unfinished run of this request created, the crash having lost its `owned`: the registry holds an intent
 * of the run for it and `madeByThisRequest` (its tags say so). Then it is recorded `owned` with `entry` and
 * carried by this run. An intent whose thing is not this request's (someone else made one there) is
 * withdrawn.
 */
export async function carriedThing(
  reg: TriggerRegistry | undefined,
  ctx: RunContext,
  identity: RegistryIdentity,
  madeByThisRequest: boolean | (() => Promise<boolean>),
  entry: LedgerEntry,
): Promise<boolean> {
  if (!reg) return false;
  const { standing } = standingOf(reg.view, identity, ctx);
  if (standing !== 'this-run' && standing !== 'inherited') return false;
  const made = typeof madeByThisRequest === 'boolean' ? madeByThisRequest : await madeByThisRequest();
  if (made) {
    await claimForRun(reg.registry, ctx, [{ ...identity, origin: 'created', entry, state: 'owned' }]);
    return true;
  }
  const ticket = ticketOf(reg.view, identity);
  if (ticket) await reg.registry.settle([{ ticket, state: 'released', note: 'exists: not created here' }]);
  return false;
}
