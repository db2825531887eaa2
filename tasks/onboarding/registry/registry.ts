import { ForeignResourceError, type OwnershipProblem, RegistryClaimConflictError } from './errors';
import { foldRegistry, identityKey, type RegistryView } from './fold';
import type {
  RegistryIdentity,
  RegistryLog,
  RegistryOrigin,
  RegistryOwner,
  RegistryRecord,
  RegistryState,
} from './types';

/** What a step is about to do to one thing, as it claims it. */
export interface Claim extends RegistryIdentity {
  origin: RegistryOrigin;
  /** What undo will need (written with the intent, so a crash before the outcome still knows). */
  entry?: RegistryRecord['entry'];
  /** `owned` for an adoption (nothing will be done to the thing); default `intent`. */
  state?: Extract<RegistryState, 'intent' | 'owned'>;
}

/** A claim the registry granted: later records about the thing continue it. */
export interface Ticket extends RegistryIdentity {
  owner: RegistryOwner;
  run: string;
  origin: RegistryOrigin;
  entry?: RegistryRecord['entry'];
  claim: bigint;
}

/**
 * The ownership registry over its log. The claim protocol (README "Ownership registry"):
 * 1. read the log to its end and fold it; anything another principal holds is refused before writing;
 * 2. append one `intent` record per thing (a thing this principal already holds continues its claim);
 * 3. read to the end again and fold: where another principal's claim has a lower offset, this run lost:
 *    it appends `released` for every fresh claim of the batch and fails, having changed nothing.
 * Outcomes (`owned`, `released`) are appended later with the claim's offset, so the order of claims
 * survives compaction.
 */
export class Registry {
  constructor(
    private readonly log: RegistryLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The registry as it stands now (read to the end). */
  async view(): Promise<RegistryView> {
    return foldRegistry(await this.log.readAll());
  }

  private record(
    base: Omit<RegistryRecord, 'at' | 'state'>,
    state: RegistryState,
    note?: string,
  ): RegistryRecord {
    return { ...base, state, at: this.clock().toISOString(), ...(note ? { note } : {}) };
  }

  /** Claims `claims` for `owner` in one batch; throws ForeignResourceError / RegistryClaimConflictError. */
  async claim(owner: RegistryOwner, run: string, claims: readonly Claim[]): Promise<Ticket[]> {
    if (claims.length === 0) return [];
    const before = await this.view();
    const held: OwnershipProblem[] = [];
    const records = claims.map((claim) => {
      const current = before.get(identityKey(claim))?.owner;
      if (current && current.principal !== owner.principal) {
        held.push({ kind: claim.kind, id: claim.id, action: 'claim', ownedBy: current.principal });
      }
      const continued = current?.principal === owner.principal ? current.claim : undefined;
      const { kind, id, origin, entry } = claim;
      return this.record(
        {
          kind,
          id,
          owner,
          run,
          origin,
          ...(entry ? { entry } : {}),
          ...(continued !== undefined ? { claimOffset: continued.toString() } : {}),
        },
        claim.state ?? 'intent',
      );
    });
    if (held.length > 0) throw new ForeignResourceError(owner.principal, held);
    const offsets = await this.log.append(records);
    const after = await this.view();
    const tickets: Ticket[] = records.map((record, i) => ({
      kind: record.kind,
      id: record.id,
      owner,
      run,
      origin: record.origin,
      entry: record.entry,
      claim: record.claimOffset !== undefined ? BigInt(record.claimOffset) : (offsets[i] as bigint),
    }));
    const lost: OwnershipProblem[] = [];
    for (const ticket of tickets) {
      const winner = after.get(identityKey(ticket))?.owner;
      if (!winner || winner.principal !== owner.principal || winner.claim !== ticket.claim) {
        lost.push({ kind: ticket.kind, id: ticket.id, action: 'claim', ownedBy: winner?.principal });
      }
    }
    if (lost.length > 0) {
      const fresh = tickets.filter((_, i) => records[i]?.claimOffset === undefined);
      await this.settle(
        fresh.map((ticket) => ({ ticket, state: 'released' as const, note: 'claim withdrawn: lost a race' })),
      );
      throw new RegistryClaimConflictError(owner.principal, lost);
    }
    return tickets;
  }

  /** Records the outcome of claimed things: `owned` once done, `released` once gone or undone (`intent` + note: still pending). */
  async settle(outcomes: readonly { ticket: Ticket; state: RegistryState; note?: string }[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.log.append(
      outcomes.map(({ ticket, state, note }) =>
        this.record(
          {
            kind: ticket.kind,
            id: ticket.id,
            owner: ticket.owner,
            run: ticket.run,
            origin: ticket.origin,
            ...(ticket.entry ? { entry: ticket.entry } : {}),
            claimOffset: ticket.claim.toString(),
          },
          state,
          note,
        ),
      ),
    );
  }
}

/** A ticket for a thing the registry shows `principal` holding (to settle it without a new claim). */
export function ticketOf(view: RegistryView, identity: RegistryIdentity): Ticket | undefined {
  const owner = view.get(identityKey(identity))?.owner;
  if (!owner) return undefined;
  const { record } = owner;
  return {
    kind: record.kind,
    id: record.id,
    owner: record.owner,
    run: record.run,
    origin: record.origin,
    entry: record.entry,
    claim: owner.claim,
  };
}
