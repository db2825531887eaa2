import { deleteAcls, existingBindings } from '../onboarding/acl/aclAdmin';
import { aclBindingsForRequest, describeBinding } from '../onboarding/acl/roleTemplates';
import type { Change, Journal } from '../onboarding/contracts';
import { appendToJournal } from '../onboarding/journal';
import { kafkaTaskDeps } from '../onboarding/kafka/clients';
import type { KafkaStepDeps } from '../onboarding/kafka/types';
import { runContextOf } from '../onboarding/registry/runContext';
import { withAdminAndRegistry } from '../onboarding/registry/session';
import type { OnboardingRequest } from '../onboarding/request';
import { taskHandlerFactory } from '../onboarding/taskHandler';
import { assertOffboardable } from './ownership';
import { releaseOwned } from './releaseOwned';

export interface RevokeAclsInput {
  request: Pick<OnboardingRequest, 'principal' | 'grants' | 'cluster' | 'requestId'> &
    Partial<Pick<OnboardingRequest, 'adopt'>>;
  journal: Journal;
}

/** The journal with one change per binding: 'delete', or 'none' when it did not exist. */
export type RevokeAclsOutput = Journal;

/**
 * Offboarding's Revoke ACLs: deletes exactly the bindings the request's role templates produce for the
 * principal, in one DeleteAcls with exact filters, and only those msk-flows made for it (a binding made
 * by other means is refused with ForeignResourceError, checked again here after Plan Changes).
 */
export async function revokeAcls(input: RevokeAclsInput, deps: KafkaStepDeps): Promise<RevokeAclsOutput> {
  const { request, journal } = input;
  const bindings = aclBindingsForRequest(request);
  if (bindings.length === 0) return journal;
  const ctx = runContextOf(request, journal);
  const connection = await deps.connect(request.cluster);
  const changes = await withAdminAndRegistry(connection, 'revokeAcls', async (admin, registry) => {
    const [view, existing] = await Promise.all([registry.view(), existingBindings(admin, bindings)]);
    assertOffboardable({ acls: [...existing], topics: [], scramUser: false }, view, ctx);
    const deleted = await deleteAcls(
      admin,
      bindings.filter((b) => existing.has(describeBinding(b))),
    );
    await releaseOwned(
      registry,
      view,
      request.principal,
      [...deleted].map((id) => ({ kind: 'acl', id })),
    );
    return bindings.map((b): Change => {
      const id = describeBinding(b);
      return { kind: 'acl', id, action: deleted.has(id) ? 'delete' : 'none' };
    });
  });
  deps.logger.info('ACLs revoked', { cluster: connection.cluster, principal: request.principal, changes });
  return appendToJournal(journal, changes);
}

/** Builds the handler of offboarding's "Revoke ACLs" state over the deps given (local runs pass their own). */
export const createRevokeAclsHandler = taskHandlerFactory(revokeAcls);

/** Lambda entry point of offboarding's "Revoke ACLs" state. */
export const handler = createRevokeAclsHandler(kafkaTaskDeps);
