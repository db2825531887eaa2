import { createHash } from 'node:crypto';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import { awsErrorName, toAwsCallError } from '../../cluster/awsCall';
import { mskClusterArnOf } from '../../cluster/mskArn';
import { type Change, emptyJournal, type Journal } from '../../contracts';
import { isSecretEntry } from '../../journal';
import { taskObservability } from '../../observability';
import { secretNameFor } from '../../request/names';
import { mskCredentialsDeps } from './clients';
import { platformKmsKeyArn } from './kmsKey';
import { generateScramPassword } from './password';
import { isPendingDeletion, journalRestore, restoreScramSecret, TAG_RESTORED_BY } from './restoreScramSecret';
import {
  assertHoldsUsername,
  assertUsableScramSecret,
  describeScramSecret,
  type ScramSecretInfo,
  TAG_EXECUTION,
  TAG_PRINCIPAL,
  TAG_REQUEST_ID,
} from './secretState';
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

  const existing = await describeScramSecret(secretName, deps.secretsManager);
  if (existing && isPendingDeletion(existing)) {
    return restoreScramSecret(
      existing,
      { principal: request.principal, executionName },
      journal,
      kmsKeyArn,
      deps,
    );
  }
  if (existing) return adoptExisting(existing, input, journal, kmsKeyArn, deps);

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
    // Another run created it between our DescribeSecret and CreateSecret: judge it like any existing secret.
    if (awsErrorName(error) === 'ResourceExistsException') {
      const raced = await describeScramSecret(secretName, deps.secretsManager);
      if (raced) return adoptExisting(raced, input, journal, kmsKeyArn, deps);
    }
    throw toAwsCallError('CreateSecret', secretName, error);
  }
  deps.logger.info('SCRAM secret created', { secretName, secretArn, requestId: request.requestId });
  return {
    ...journal,
    ledger: [...journal.ledger, { kind: 'secret', secretArn, secretName }],
    changes: [
      ...journal.changes,
      { kind: 'secret', id: secretName, action: 'create', detail: 'encrypted with the platform KMS key' },
    ],
  };
}

/** An existing secret: usable as is → no change; created by an earlier attempt of this execution → journaled. */
async function adoptExisting(
  secret: ScramSecretInfo,
  input: EnsureScramSecretInput,
  journal: Journal,
  kmsKeyArn: string,
  deps: MskCredentialsDeps,
): Promise<Journal> {
  assertUsableScramSecret(secret, kmsKeyArn);
  await assertHoldsUsername(secret, input.request.principal, deps.secretsManager);
  const { executionName } = input;
  const inLedger = journal.ledger.filter(isSecretEntry).some((entry) => entry.secretArn === secret.arn);
  if (executionName !== undefined && secret.tags[TAG_RESTORED_BY] === executionName && !inLedger) {
    // The Lambda was retried after this execution restored the secret: still ours to re-delete on failure.
    return journalRestore(secret, journal);
  }
  const ours = executionName !== undefined && secret.tags[TAG_EXECUTION] === executionName;
  if (ours && !inLedger) {
    // The Lambda was retried after CreateSecret succeeded: still ours to undo on failure.
    const change: Change = {
      kind: 'secret',
      id: secret.name,
      action: 'create',
      detail: 'created by an earlier attempt of this execution',
    };
    return {
      ...journal,
      ledger: [...journal.ledger, { kind: 'secret', secretArn: secret.arn, secretName: secret.name }],
      changes: [...journal.changes, change],
    };
  }
  deps.logger.info('SCRAM secret already exists and is usable', {
    secretName: secret.name,
    secretArn: secret.arn,
  });
  const change: Change = {
    kind: 'secret',
    id: secret.name,
    action: 'none',
    detail: 'exists, encrypted with the platform KMS key',
  };
  return { ...journal, changes: [...journal.changes, change] };
}

/** Lambda entry point of the "Ensure SCRAM Secret" state. */
export const handler = middy(async (event: EnsureScramSecretInput) =>
  ensureScramSecret(event, mskCredentialsDeps),
).use(taskObservability());
