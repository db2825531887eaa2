import { OnboardingError } from '../errors';
import type { RegistryIdentity } from './types';

/** A thing a request would change, and why it may not: the identity and, when another holds it, who. */
export interface OwnershipProblem extends RegistryIdentity {
  /** What the request would do to it: `set config retention.ms`, `delete`, `raise partitions` … */
  action: string;
  /** The principal that owns it, when msk-flows created it for someone else. */
  ownedBy?: string;
}

const describe = (problems: readonly OwnershipProblem[]): string =>
  problems
    .map((p) => `${p.kind} ${p.id} (${p.action}${p.ownedBy ? `; owned by ${p.ownedBy}` : ''})`)
    .join('; ');

/**
 * The request needs to change or delete things msk-flows does not own for this principal: foreign (they
 * exist but are not in the ownership registry) or owned by another principal. Nothing was changed. Not
 * retriable: take a foreign thing over with `adopt`, or leave it out of the request.
 */
export class ForeignResourceError extends OnboardingError {
  readonly problems: OwnershipProblem[];

  constructor(principal: string, problems: OwnershipProblem[], options?: { cause?: unknown }) {
    const foreign = problems.some((p) => !p.ownedBy);
    const hint = foreign ? ' (not created by msk-flows: list it under `adopt` to take it over)' : '';
    super(`refusing to change what ${principal} does not own: ${describe(problems)}${hint}`, options);
    this.name = 'ForeignResourceError';
    this.problems = problems;
  }
}

/**
 * Another run's claim on the same thing reached the registry first (first writer by offset wins); this
 * run withdrew its claims and changed nothing. Not retriable: the other principal owns it now.
 */
export class RegistryClaimConflictError extends OnboardingError {
  readonly lost: OwnershipProblem[];

  constructor(principal: string, lost: OwnershipProblem[], options?: { cause?: unknown }) {
    super(`${principal} lost the ownership claim on: ${describe(lost)}`, options);
    this.name = 'RegistryClaimConflictError';
    this.lost = lost;
  }
}

/** The registry topic holds a record that is not ours (not JSON, or missing fields). Not retriable. */
export class RegistryRecordError extends OnboardingError {
  constructor(offset: bigint, reason: string) {
    super(`registry record at offset ${offset} is unreadable: ${reason}`);
    this.name = 'RegistryRecordError';
  }
}

/**
 * A step that opened the registry to read it (a planner: Plan Changes reads, it never claims) tried to append.
 * A bug, not retriable.
 */
export class RegistryReadOnlyError extends OnboardingError {
  constructor(records: number) {
    super(`the ownership registry was opened read-only, yet ${records} record(s) were to be appended`);
    this.name = 'RegistryReadOnlyError';
  }
}
