import type { Journal } from '../contracts';
import { type Holding, identityKey, type RegistryView } from './fold';
import type { Claim, Registry, Ticket } from './registry';
import type { RegistryIdentity, RegistryOwner } from './types';

/** Something a request lists under `adopt`: an existing thing to take over (recorded as `adopted`). */
export interface AdoptSpec {
  kind: 'topic' | 'scram-user';
  name: string;
}

/** Who a step acts for, in which run, and what the request adopts. */
export interface RunContext {
  owner: RegistryOwner;
  /** The run's id (`$.journal.run`); reruns of a request have their own. */
  run: string;
  adopt: Set<string>;
}

/** The run context of a step from its request and journal (a journal without a run uses the requestId). */
export function runContextOf(
  request: { principal: string; requestId: string; adopt?: readonly AdoptSpec[] },
  journal?: Pick<Journal, 'run'>,
): RunContext {
  return {
    owner: { principal: request.principal, requestId: request.requestId },
    run: journal?.run ?? request.requestId,
    adopt: new Set((request.adopt ?? []).map((a) => identityKey({ kind: a.kind, id: a.name }))),
  };
}

/** The registry identity of a run: its record is `intent` while it runs, `owned` once it succeeded. */
export const runIdentity = (run: string): RegistryIdentity => ({ kind: 'run', id: run });

/** Whether a run finished successfully (its run record is `owned`). */
export function isCommitted(view: RegistryView, run: string): boolean {
  return view.get(identityKey(runIdentity(run)))?.owner?.record.state === 'owned';
}

/**
 * How this run stands to an existing thing:
 * - `ours`: this principal owns it (created or adopted earlier, or by another request of the same principal);
 * - `this-run`: this run claimed it and its outcome is unknown (a step retried after a failure midway);
 * - `inherited`: an earlier, unfinished run of the same request created it: this run takes it over, so it
 *   is committed with this run or undone by it (a rerun finishes what a crashed run left);
 * - `adoptable`: foreign, but the request adopts it; `foreign`: not in the registry; `other`: another
 *   principal owns it.
 */
export type Standing = 'ours' | 'this-run' | 'inherited' | 'adoptable' | 'foreign' | 'other';

/** The standing of `identity` for the run, and its current holder. */
export function standingOf(
  view: RegistryView,
  identity: RegistryIdentity,
  ctx: RunContext,
): { standing: Standing; holder?: Holding } {
  const holder = view.get(identityKey(identity))?.owner;
  if (!holder) return { standing: ctx.adopt.has(identityKey(identity)) ? 'adoptable' : 'foreign' };
  if (holder.principal !== ctx.owner.principal) return { standing: 'other', holder };
  const { record } = holder;
  if (record.origin !== 'created') return { standing: 'ours', holder };
  // A retried step of this run: only an intent is unfinished (an `owned` one is in the ledger already).
  if (record.run === ctx.run) return { standing: record.state === 'intent' ? 'this-run' : 'ours', holder };
  const unfinished = record.owner.requestId === ctx.owner.requestId && !isCommitted(view, record.run);
  return { standing: unfinished ? 'inherited' : 'ours', holder };
}

/** Whether the run may change or delete a thing of this standing. */
export const mayChange = (standing: Standing): boolean => standing !== 'foreign' && standing !== 'other';

/** Claims `claims` for the run together with the run's own record (so reconcile can find the run). */
export async function claimForRun(
  registry: Registry,
  ctx: RunContext,
  claims: readonly Claim[],
): Promise<Ticket[]> {
  if (claims.length === 0) return [];
  const tickets = await registry.claim(ctx.owner, ctx.run, [
    { ...runIdentity(ctx.run), origin: 'created' },
    ...claims,
  ]);
  return tickets.slice(1);
}
