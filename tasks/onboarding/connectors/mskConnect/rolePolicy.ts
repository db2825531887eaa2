import {
  DeleteRolePolicyCommand,
  GetRolePolicyCommand,
  type IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { awsCall, awsErrorName, toAwsCallError } from '../../cluster/awsCall';
import type { Change, ConnectorLedgerEntry } from '../../contracts';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { policyJson, roleNameOf, rolePolicyDocumentFor, rolePolicyNameFor } from './rolePolicyDocument';

type RolePolicyEntry = Extract<ConnectorLedgerEntry, { kind: 'connector-role-policy' }>;
type Deps = { iam: IAMClient };

/** How a change names the policy: `<role name>/<policy name>`. */
const idOf = (roleArn: string, policyName: string) => `${roleNameOf(roleArn)}/${policyName}`;

/** The inline policy's current document as canonical JSON (IAM returns it URL-encoded), or null when absent. */
export async function currentRolePolicy(
  deps: Deps,
  roleArn: string,
  policyName: string,
): Promise<string | null> {
  try {
    const out = await deps.iam.send(
      new GetRolePolicyCommand({ RoleName: roleNameOf(roleArn), PolicyName: policyName }),
    );
    return policyJson(JSON.parse(decodeURIComponent(out.PolicyDocument ?? '')));
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchEntityException') return null;
    throw toAwsCallError('GetRolePolicy', idOf(roleArn, policyName), error);
  }
}

/** What scoping the connector's role would change: create (absent), none (same document) or update. Read-only. */
export async function planRolePolicy(spec: ConnectorSpec, clusterArn: string, deps: Deps): Promise<Change> {
  const roleArn = spec.serviceExecutionRoleArn ?? '';
  const policyName = rolePolicyNameFor(spec.name);
  const current = await currentRolePolicy(deps, roleArn, policyName);
  const wanted = policyJson(rolePolicyDocumentFor(spec, clusterArn));
  const action = current === null ? 'create' : current === wanted ? 'none' : 'update';
  return { kind: 'connector-role-policy', id: idOf(roleArn, policyName), action };
}

async function putRolePolicy(
  deps: Deps,
  roleArn: string,
  policyName: string,
  document: string,
): Promise<void> {
  await awsCall('PutRolePolicy', idOf(roleArn, policyName), () =>
    deps.iam.send(
      new PutRolePolicyCommand({
        RoleName: roleNameOf(roleArn),
        PolicyName: policyName,
        PolicyDocument: document,
      }),
    ),
  );
}

/**
 * Puts the inline policy `msk-flows-connector-<name>` on the connector's service execution role: its
 * `kafka-cluster:*` permissions on the connector's own topics and groups only. The same document is no change;
 * the ledger entry keeps the document it replaced (null: created) for Undo Changes.
 */
export async function ensureRolePolicy(
  spec: ConnectorSpec,
  clusterArn: string,
  deps: Deps,
): Promise<{ change: Change; entry?: RolePolicyEntry }> {
  const roleArn = spec.serviceExecutionRoleArn ?? '';
  const policyName = rolePolicyNameFor(spec.name);
  const previous = await currentRolePolicy(deps, roleArn, policyName);
  const wanted = policyJson(rolePolicyDocumentFor(spec, clusterArn));
  const id = idOf(roleArn, policyName);
  if (previous === wanted) return { change: { kind: 'connector-role-policy', id, action: 'none' } };
  await putRolePolicy(deps, roleArn, policyName, wanted);
  return {
    change: { kind: 'connector-role-policy', id, action: previous === null ? 'create' : 'update' },
    entry: { kind: 'connector-role-policy', roleArn, policyName, previous },
  };
}

/** Deletes the inline policy; already gone is `false`. */
export async function deleteRolePolicy(deps: Deps, roleArn: string, policyName: string): Promise<boolean> {
  try {
    await deps.iam.send(
      new DeleteRolePolicyCommand({ RoleName: roleNameOf(roleArn), PolicyName: policyName }),
    );
    return true;
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchEntityException') return false;
    throw toAwsCallError('DeleteRolePolicy', idOf(roleArn, policyName), error);
  }
}

/** Undo of a role policy entry: the policy this run created is deleted; one it changed gets its document back. */
export async function undoRolePolicy(entry: RolePolicyEntry, deps: Deps): Promise<Change> {
  const id = idOf(entry.roleArn, entry.policyName);
  if (entry.previous !== null) {
    await putRolePolicy(deps, entry.roleArn, entry.policyName, entry.previous);
    return { kind: 'connector-role-policy', id, action: 'update', detail: 'previous document back' };
  }
  const deleted = await deleteRolePolicy(deps, entry.roleArn, entry.policyName);
  return {
    kind: 'connector-role-policy',
    id,
    action: deleted ? 'delete' : 'none',
    detail: deleted ? undefined : 'already gone',
  };
}
