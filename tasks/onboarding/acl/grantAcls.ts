import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../cluster/clients';
import type { Change, Journal, LedgerEntry } from '../contracts';
import { appendToJournal } from '../journal';
import { kafkaTaskDeps } from '../kafka/clients';
import type { KafkaStepDeps } from '../kafka/types';
import type { OnboardingRequest } from '../request';
import { aclExists, createAcl, deleteAcl, withAclAdmin } from './aclAdmin';
import { aclBindingsForRequest, describeBinding } from './roleTemplates';

export interface GrantAclsInput {
  request: Pick<OnboardingRequest, 'principal' | 'grants' | 'cluster'>;
  journal: Journal;
}

/** The journal with one change per binding and a ledger entry per binding this call created. */
export type GrantAclsOutput = Journal;

/**
 * Grant ACLs: creates the role templates' bindings that do not exist yet, one at a time; identical
 * existing bindings are 'none'. If a creation fails, the bindings this call created are deleted again
 * before the error is rethrown, so the workflow's ledger stays exact.
 */
export async function grantAcls(input: GrantAclsInput, deps: KafkaStepDeps): Promise<GrantAclsOutput> {
  const { request, journal } = input;
  const bindings = aclBindingsForRequest(request);
  if (bindings.length === 0) return journal;
  const connection = await deps.connect(request.cluster);
  return withAclAdmin(connection, 'grantAcls', async (admin) => {
    const changes: Change[] = [];
    const created: LedgerEntry[] = [];
    try {
      for (const binding of bindings) {
        const id = describeBinding(binding);
        if (await aclExists(admin, binding)) {
          changes.push({ kind: 'acl', id, action: 'none' });
          continue;
        }
        await createAcl(admin, binding);
        created.push({ kind: 'acl', binding });
        changes.push({ kind: 'acl', id, action: 'create' });
      }
    } catch (error) {
      for (const entry of created.reverse()) {
        if (entry.kind !== 'acl') continue;
        await deleteAcl(admin, entry.binding).catch((undoError: unknown) =>
          deps.logger.warn('could not undo a partial ACL grant; it is left in place', {
            binding: describeBinding(entry.binding),
            error: String(undoError),
          }),
        );
      }
      throw error;
    }
    deps.logger.info('ACLs granted', { cluster: connection.cluster, principal: request.principal, changes });
    return appendToJournal(journal, changes, created);
  });
}

/** Lambda entry point of the "Grant ACLs" state. */
export const handler = middy(async (event: GrantAclsInput) => grantAcls(event, kafkaTaskDeps)).use(
  injectLambdaContext(logger),
);
