import type { AclBinding, Change, Journal } from '../contracts';
import { appendToJournal } from '../journal';
import { kafkaTaskDeps } from '../kafka/clients';
import type { KafkaStepDeps } from '../kafka/types';
import type { Claim } from '../registry/registry';
import { claimForRun, runContextOf, standingOf } from '../registry/runContext';
import { withAdminAndRegistry } from '../registry/session';
import type { OnboardingRequest } from '../request';
import { taskHandlerFactory } from '../taskHandler';
import { createAcls, existingBindings } from './aclAdmin';
import { aclBindingsForRequest, describeBinding } from './roleTemplates';

export interface GrantAclsInput {
  request: Pick<OnboardingRequest, 'principal' | 'grants' | 'cluster' | 'requestId'>;
  journal: Journal;
}

/** The journal with one change per binding and a ledger entry per binding this run created. */
export type GrantAclsOutput = Journal;

const claimOf = (binding: AclBinding): Claim => ({
  kind: 'acl',
  id: describeBinding(binding),
  origin: 'created',
  entry: { kind: 'acl', binding },
});

/**
 * Grant ACLs: one DescribeAcls for the principal, then claims the missing bindings in the ownership
 * registry (`intent`), creates them in one CreateAcls and records them `owned`. Identical existing
 * bindings are 'none' (and stay foreign when msk-flows did not make them), except those an unfinished run
 * of the same request made: this run carries them, so they are undone with it if it fails.
 */
export async function grantAcls(input: GrantAclsInput, deps: KafkaStepDeps): Promise<GrantAclsOutput> {
  const { request, journal } = input;
  const bindings = aclBindingsForRequest(request);
  if (bindings.length === 0) return journal;
  const ctx = runContextOf(request, journal);
  const connection = await deps.connect(request.cluster);
  return withAdminAndRegistry(connection, 'grantAcls', async (admin, registry) => {
    const [view, existing] = await Promise.all([registry.view(), existingBindings(admin, bindings)]);
    const missing = bindings.filter((b) => !existing.has(describeBinding(b)));
    const carried = bindings.filter((b) => {
      if (!existing.has(describeBinding(b))) return false;
      const { standing } = standingOf(view, { kind: 'acl', id: describeBinding(b) }, ctx);
      return standing === 'inherited' || standing === 'this-run';
    });
    const tickets = await claimForRun(registry, ctx, [...missing, ...carried].map(claimOf));
    await createAcls(admin, missing);
    await registry.settle(tickets.map((ticket) => ({ ticket, state: 'owned' as const })));
    const made = new Set([...missing, ...carried].map(describeBinding));
    const changes: Change[] = bindings.map((b) => ({
      kind: 'acl',
      id: describeBinding(b),
      action: made.has(describeBinding(b)) ? 'create' : 'none',
    }));
    deps.logger.info('ACLs granted', { cluster: connection.cluster, principal: request.principal, changes });
    return appendToJournal(
      journal,
      changes,
      [...missing, ...carried].map((binding) => ({ kind: 'acl' as const, binding })),
    );
  });
}

/** Builds the handler of the "Grant ACLs" state over the deps given (local runs pass their own). */
export const createGrantAclsHandler = taskHandlerFactory(grantAcls);

/** Lambda entry point of the "Grant ACLs" state. */
export const handler = createGrantAclsHandler(kafkaTaskDeps);
