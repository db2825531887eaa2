import type { PrivateAccessLedgerEntry } from '../contracts';
import { type Holding, identityKey, type RegistryView } from '../registry/fold';
import type { Ticket } from '../registry/registry';
import { claimForRun, isCommitted, type RunContext } from '../registry/runContext';
import type { RegistryIdentity } from '../registry/types';
import type { TriggerRegistry } from '../triggers/registryClaims';
import { privateAccessIdentityOf, useIdentity } from './identity';

/** The shared private access entries a principal records its use of. */
export type SharedEntry = Extract<
  PrivateAccessLedgerEntry,
  { kind: 'cluster-policy-statement' | 'vpc-connection' | 'multi-vpc-connectivity' }
>;

/** The shared kinds, in the order compensation undoes them (newest step first). */
export const SHARED_UNDO_ORDER = [
  'vpc-connection',
  'cluster-policy-statement',
  'multi-vpc-connectivity',
] as const;

/** Whether a ledger entry is one of the shared kinds. */
export const isSharedEntry = (entry: { kind: string }): entry is SharedEntry =>
  (SHARED_UNDO_ORDER as readonly string[]).includes(entry.kind);

/** The live use records of `thing` (every principal's), found by the thing their entry names. */
export function usesOf(view: RegistryView, thing: RegistryIdentity): Holding[] {
  const key = identityKey(thing);
  return [...view.values()].flatMap((v) => {
    const holder = v.owner;
    const entry = holder?.record.entry;
    if (!holder?.live || v.identity.kind !== thing.kind || !entry || !isSharedEntry(entry)) return [];
    return identityKey(privateAccessIdentityOf(entry)) === key ? [holder] : [];
  });
}

/** The principals other than `principal` whose live record still uses `thing`. */
export const otherUsers = (view: RegistryView, thing: RegistryIdentity, principal: string): string[] => [
  ...new Set(usesOf(view, thing).flatMap((h) => (h.principal === principal ? [] : [h.principal]))),
];

/**
 * Records `intent` for the run's use of a shared thing before the step acts on it (`origin`: `created`
 * when the step is about to make it, `used` when it is there already). A use this principal already holds
 * from a finished run is kept as it is (nothing new is recorded) unless this run makes the thing; an
 * intent of this run (a retried step) or of an unfinished run of this request is continued by this run,
 * and one that was about to create the thing stays `created` (the returned ticket says which).
 */
export async function claimUse(
  reg: TriggerRegistry | undefined,
  ctx: RunContext,
  entry: SharedEntry,
  origin: 'created' | 'used',
): Promise<Ticket | undefined> {
  if (!reg) return undefined;
  const use = useIdentity(privateAccessIdentityOf(entry), ctx.owner.principal);
  const held = reg.view.get(identityKey(use))?.owner;
  const continued =
    held?.record.run === ctx.run ||
    (held?.record.owner.requestId === ctx.owner.requestId && !isCommitted(reg.view, held.record.run));
  if (held?.live && !continued && origin === 'used') return undefined;
  // A retried step finds there what its own `created` intent was about (the crash came after the call):
  // the use stays `created`, with what the intent recorded (e.g. the statement it replaced).
  const carried =
    continued && held?.live && held.record.state === 'intent' && held.record.origin === 'created';
  const recorded = held?.record.entry;
  const claim =
    carried && origin === 'used' && recorded && isSharedEntry(recorded)
      ? { ...use, origin: 'created' as const, entry: recorded }
      : { ...use, origin, entry };
  const [ticket] = await claimForRun(reg.registry, ctx, [claim]);
  return ticket;
}

/** Records the run's use `owned` once the step acted, with what it learned (`entry`) and how (`origin`). */
export async function settleUse(
  reg: TriggerRegistry | undefined,
  ticket: Ticket | undefined,
  entry: SharedEntry,
  origin: 'created' | 'used' = ticket?.origin === 'created' ? 'created' : 'used',
): Promise<void> {
  if (reg && ticket) await reg.registry.settle([{ ticket: { ...ticket, entry, origin }, state: 'owned' }]);
}

/** Whether the registry says msk-flows made the thing: a live use that created it, or one that says so. */
export function madeByMskFlows(view: RegistryView, thing: RegistryIdentity): boolean {
  return usesOf(view, thing).some(
    (h) =>
      h.record.origin === 'created' ||
      (h.record.entry?.kind === 'cluster-policy-statement' && h.record.entry.madeByMskFlows === true),
  );
}
