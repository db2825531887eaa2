import { createHash } from 'node:crypto';
import {
  DeleteRolePolicyCommand,
  GetRolePolicyCommand,
  type IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { awsCall, awsErrorName, toAwsCallError } from '../../cluster/awsCall';
import type { Change, ConnectorLedgerEntry, Journal } from '../../contracts';
import { ticketOf } from '../../registry/registry';
import { mayChange, type RunContext, type Standing } from '../../registry/runContext';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { ConnectorResourceOwnershipError } from '../errors';
import { connectorIdentityOf } from '../identity';
import {
  type ConnectorRegistry,
  claimConnectors,
  connectorStanding,
  settleConnectorsOwned,
} from '../registryClaims';
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

/** SHA-256 of a policy document (hex): what the registry keeps of the document msk-flows put. */
export const documentDigest = (document: string): string =>
  createHash('sha256').update(document).digest('hex');

/** The role policy's ledger entry (its registry identity is `<role ARN>/<policy name>`). */
export const rolePolicyEntry = (
  roleArn: string,
  policyName: string,
  previous: string | null,
  digest?: string,
): RolePolicyEntry => ({
  kind: 'connector-role-policy',
  roleArn,
  policyName,
  previous,
  ...(digest ? { digest } : {}),
});

/** What scoping a connector's role would do, and how the run stands to the policy there. */
interface RolePolicyPlan {
  change: Change;
  roleArn: string;
  policyName: string;
  current: string | null;
  wanted: string;
  standing: Standing;
  /** The entry an unfinished run of this request recorded for it (what was there before that run). */
  earlier?: RolePolicyEntry;
}

/**
 * What scoping the connector's role would change: create (absent), none (same document) or update. Read-only.
 * Only a policy msk-flows owns for this principal in the cluster's ownership registry (or that this
 * execution put) may be updated: one that is not in the registry, or is another principal's, is refused.
 */
export async function planRolePolicy(
  spec: ConnectorSpec,
  clusterArn: string,
  deps: Deps,
  held?: { registry: ConnectorRegistry | undefined; ctx: RunContext; journal?: Journal },
): Promise<RolePolicyPlan> {
  const roleArn = spec.serviceExecutionRoleArn ?? '';
  const policyName = rolePolicyNameFor(spec.name);
  const current = await currentRolePolicy(deps, roleArn, policyName);
  const wanted = policyJson(rolePolicyDocumentFor(spec, clusterArn));
  const action = current === null ? 'create' : current === wanted ? 'none' : 'update';
  const id = idOf(roleArn, policyName);
  const identity = connectorIdentityOf(rolePolicyEntry(roleArn, policyName, null));
  const registry = held?.registry;
  const heldEntry = registry ? ticketOf(registry.view, identity)?.entry : undefined;
  const earlier = heldEntry?.kind === 'connector-role-policy' ? heldEntry : undefined;
  let standing = held
    ? connectorStanding(registry, rolePolicyEntry(roleArn, policyName, null), held.ctx)
    : 'foreign';
  // An unfinished run's intent proves nothing about a document IAM has now unless it is the one it put.
  const unfinished = standing === 'this-run' || standing === 'inherited';
  if (unfinished && current !== null && current !== wanted && documentDigest(current) !== earlier?.digest)
    standing = 'foreign';
  const putHere = (held?.journal?.ledger ?? []).some(
    (e) => e.kind === 'connector-role-policy' && e.roleArn === roleArn && e.policyName === policyName,
  );
  if (action === 'update' && held?.registry && !mayChange(standing) && !putHere)
    throw new ConnectorResourceOwnershipError(
      spec.name,
      'the inline policy on role',
      id,
      standing === 'other' ? 'is owned by another principal' : 'is not in the ownership registry',
    );
  return {
    change: { kind: 'connector-role-policy', id, action },
    roleArn,
    policyName,
    current,
    wanted,
    standing,
    earlier,
  };
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
 * the ledger entry keeps the document it replaced (null: created) for Undo Changes. A policy it creates is
 * claimed in the ownership registry before PutRolePolicy (with the digest of the document it puts) and
 * recorded `owned` after; one an unfinished run of this request claimed is carried with that run's entry.
 */
export async function ensureRolePolicy(
  spec: ConnectorSpec,
  clusterArn: string,
  deps: Deps,
  held?: { registry: ConnectorRegistry | undefined; ctx: RunContext; journal?: Journal },
): Promise<{ change: Change; entry?: RolePolicyEntry }> {
  const plan = await planRolePolicy(spec, clusterArn, deps, held);
  const { change, roleArn, policyName, current, wanted } = plan;
  const carried = plan.standing === 'this-run' || plan.standing === 'inherited';
  if (change.action === 'none' && !carried) return { change };
  const registry = held?.registry;
  // Carried: the unfinished run's entry knows what was there before it (what undo puts back).
  const previous = carried && plan.earlier ? plan.earlier.previous : current;
  const entry = rolePolicyEntry(roleArn, policyName, previous, documentDigest(wanted));
  const claimed = change.action === 'create' || carried;
  const tickets = claimed && held ? await claimConnectors(registry, held.ctx, [entry]) : [];
  if (change.action !== 'none') await putRolePolicy(deps, roleArn, policyName, wanted);
  await settleConnectorsOwned(registry, tickets);
  return { change, entry };
}

/**
 * Whether IAM shows the policy msk-flows put (the entry's digest): an uncertain put (an `intent` whose
 * outcome a crash lost) is undone only then; else the reason it is left alone.
 */
async function uncertainPutCheck(entry: RolePolicyEntry, deps: Deps): Promise<string | undefined> {
  const current = await currentRolePolicy(deps, entry.roleArn, entry.policyName);
  if (current === null) return 'already gone';
  if (entry.digest === undefined || documentDigest(current) !== entry.digest)
    return 'left alone: not the document msk-flows put';
  return undefined;
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

/**
 * Undo of a role policy entry: the policy this run created is deleted; one it changed gets its document
 * back. `uncertain`: the registry holds it as an intent only, so it is undone only when IAM shows the
 * document msk-flows put.
 */
export async function undoRolePolicy(entry: RolePolicyEntry, deps: Deps, uncertain = false): Promise<Change> {
  const id = idOf(entry.roleArn, entry.policyName);
  const leftAlone = uncertain ? await uncertainPutCheck(entry, deps) : undefined;
  if (leftAlone) return { kind: 'connector-role-policy', id, action: 'none', detail: leftAlone };
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
