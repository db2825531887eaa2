import { createHash } from 'node:crypto';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { awsErrorName, toAwsCallError } from '../../cluster/awsCall';
import { mskClusterArnOf } from '../../cluster/mskArn';
import { emptyJournal, type Journal, type LedgerEntry } from '../../contracts';
import { appendToJournal } from '../../journal';
import { claimForRun, runContextOf, standingOf } from '../../registry/runContext';
import { secretIdentity } from '../../registryIdentity';
import { secretNameFor } from '../../request/names';
import { taskHandlerFactory } from '../../taskHandler';
import { mskCredentialsDeps } from './clients';
import { adoptExistingSecret } from './existingScramSecret';
import { platformKmsKeyArn } from './kmsKey';
import { generateScramPassword } from './password';
import { assertRestorable, isPendingDeletion, restoreScramSecret } from './restoreScramSecret';
import { describeScramSecret, TAG_EXECUTION, TAG_PRINCIPAL, TAG_REQUEST_ID } from './secretState';
import type { MskCredentialsDeps, MskCredentialsRequest } from './types';

export interface EnsureScramSecretInput {
  request: MskCredentialsRequest;
  journal?: Journal;
  /** `$$.Execution.Name`: tagged on the secret, so a retry of this very execution knows it created it. */
  executionName?: string;
}

/** The journal, extended with the secret if this execution created it. */
export type EnsureScramSecretOutput = Journal;

/** A UUID-shaped ClientRequestToken derived from the request, so a repeated CreateSecret is not a second version. */
export function createSecretToken(requestId: string, secretName: string): string {
  const hex = createHash('sha256').update(`msk-flows|${requestId}|${secretName}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Creates `AmazonMSK_<principal>` (platform KMS key, tagged) unless a usable one exists, or restores
 * the one an earlier offboarding scheduled for deletion; journals only what it created or restored.
 * Either is claimed in the target cluster's ownership registry first (`intent`, so a crash between
 * the call and its outcome still leaves a record that undo checks against Secrets Manager) and recorded
 * `owned` after.
 */
export async function ensureScramSecret(
  input: EnsureScramSecretInput,
  deps: MskCredentialsDeps,
): Promise<EnsureScramSecretOutput> {
  const { request, executionName } = input;
  const journal = input.journal ?? emptyJournal();
  const clusterArn = mskClusterArnOf(request.cluster);
  const secretName = secretNameFor(request.principal);
  const kmsKeyArn = platformKmsKeyArn(deps.kmsKeyArn, clusterArn, secretName);
  const ctx = runContextOf(request, journal);

  return deps.registry(request.cluster, 'ensureScramSecret', async (registry) => {
    const [existing, view] = await Promise.all([
      describeScramSecret(secretName, deps.secretsManager),
      registry.view(),
    ]);
    const { standing, holder } = standingOf(view, secretIdentity(secretName), ctx);
    if (existing && isPendingDeletion(existing)) {
      assertRestorable(existing, request.principal, kmsKeyArn);
      const entry: LedgerEntry = { kind: 'secret-restore', secretArn: existing.arn, secretName };
      const [ticket] = await claimForRun(registry, ctx, [
        { ...secretIdentity(secretName), origin: 'created', entry },
      ]);
      const restored = await restoreScramSecret(
        existing,
        { principal: request.principal, executionName },
        journal,
        kmsKeyArn,
        deps,
      );
      if (ticket) await registry.settle([{ ticket, state: 'owned' }]);
      return restored;
    }
    const from = { registry, ctx, standing, holder, executionName };
    if (existing) return adoptExistingSecret(existing, request.principal, journal, kmsKeyArn, deps, from);

    // The ARN is not known before CreateSecret answers: undo of this intent looks the secret up by name.
    const [ticket] = await claimForRun(registry, ctx, [
      {
        ...secretIdentity(secretName),
        origin: 'created',
        entry: { kind: 'secret', secretArn: '', secretName },
      },
    ]);
    const password = await generateScramPassword(deps.secretsManager);
    const tags: Record<string, string> = {
      ...request.tags,
      [TAG_REQUEST_ID]: request.requestId,
      [TAG_PRINCIPAL]: request.principal,
      ...(executionName ? { [TAG_EXECUTION]: executionName } : {}),
    };
    let secretArn: string;
    try {
      const out = await deps.secretsManager.send(
        new CreateSecretCommand({
          Name: secretName,
          Description: `SCRAM credentials of Kafka principal ${request.principal} (msk-flows request ${request.requestId})`,
          // Always the platform's customer-managed key: MSK cannot read secrets under aws/secretsmanager.
          KmsKeyId: kmsKeyArn,
          SecretString: JSON.stringify({ username: request.principal, password }),
          ClientRequestToken: createSecretToken(request.requestId, secretName),
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
      secretArn = out.ARN ?? '';
    } catch (error) {
      // Another run created it between our DescribeSecret and CreateSecret: judge it like any existing
      // secret (it is not this claim's doing, so the claim is withdrawn first).
      if (awsErrorName(error) === 'ResourceExistsException') {
        const raced = await describeScramSecret(secretName, deps.secretsManager);
        if (raced) {
          if (ticket)
            await registry.settle([{ ticket, state: 'released', note: 'exists: not created here' }]);
          return adoptExistingSecret(raced, request.principal, journal, kmsKeyArn, deps, from);
        }
      }
      // Any other failure leaves the intent: whether the secret was created is checked when undone.
      throw toAwsCallError('CreateSecret', secretName, error);
    }
    const entry: LedgerEntry = { kind: 'secret', secretArn, secretName };
    if (ticket) await registry.settle([{ ticket: { ...ticket, entry }, state: 'owned' }]);
    deps.logger.info('SCRAM secret created', { secretName, secretArn, requestId: request.requestId });
    return appendToJournal(
      journal,
      [{ kind: 'secret', id: secretName, action: 'create', detail: 'encrypted with the platform KMS key' }],
      [entry],
    );
  });
}

/** Builds the handler of the "Ensure SCRAM Secret" state over the deps given (local runs pass their own). */
export const createEnsureScramSecretHandler = taskHandlerFactory(ensureScramSecret);

/** Lambda entry point of the "Ensure SCRAM Secret" state. */
export const handler = createEnsureScramSecretHandler(mskCredentialsDeps);
