import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../cluster/clients';
import type { Change, Journal } from '../contracts';
import { appendToJournal } from '../journal';
import { kafkaTaskDeps } from '../kafka/clients';
import type { KafkaStepDeps } from '../kafka/types';
import type { OnboardingRequest } from '../request';
import { deleteAcl, withAclAdmin } from './aclAdmin';
import { aclBindingsForRequest, describeBinding } from './roleTemplates';

export interface RevokeAclsInput {
  request: Pick<OnboardingRequest, 'principal' | 'grants' | 'cluster'>;
  journal: Journal;
}

/** The journal with one change per binding: 'delete', or 'none' when it did not exist. */
export type RevokeAclsOutput = Journal;

/**
 * Offboarding's Revoke ACLs: deletes exactly the bindings the request's role templates produce for the
 * principal (exact filters), so ACLs granted by other means or to other principals are never touched.
 */
export async function revokeAcls(input: RevokeAclsInput, deps: KafkaStepDeps): Promise<RevokeAclsOutput> {
  const { request, journal } = input;
  const bindings = aclBindingsForRequest(request);
  if (bindings.length === 0) return journal;
  const connection = await deps.connect(request.cluster);
  const changes = await withAclAdmin(connection, 'revokeAcls', async (admin) => {
    const out: Change[] = [];
    for (const binding of bindings) {
      const deleted = await deleteAcl(admin, binding);
      out.push({ kind: 'acl', id: describeBinding(binding), action: deleted > 0 ? 'delete' : 'none' });
    }
    return out;
  });
  deps.logger.info('ACLs revoked', { cluster: connection.cluster, principal: request.principal, changes });
  return appendToJournal(journal, changes);
}

/** Lambda entry point of offboarding's "Revoke ACLs" state. */
export const handler = middy(async (event: RevokeAclsInput) => revokeAcls(event, kafkaTaskDeps)).use(
  injectLambdaContext(logger),
);
