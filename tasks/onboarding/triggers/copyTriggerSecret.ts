import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { awsCall, awsErrorName, toAwsCallError } from '../cluster/awsCall';
import type { ClusterRef, Journal, LedgerEntry } from '../contracts';
import { appendToJournal } from '../journal';
import { consumerAccountClients } from '../privateAccess/consumerAccount';
import { runContextOf } from '../registry/runContext';
import { secretNameFor } from '../request/names';
import type { PrivateLink, Trigger } from '../request/privateAccessSchema';
import { taskHandlerFactory } from '../taskHandler';
// The handler's deps: the private access clients with the registry (the handler line names them so).
import { triggerRegistryDeps as privateAccessDeps } from './clients';
import { SecretCopyConflictError, TriggerSecretMissingError } from './errors';
import { secretCopyIdentity } from './identity';
import { inConsumerAccount, secretCopyNameFor, TAG_PRINCIPAL, TAG_REQUEST_ID } from './names';
import {
  carriedThing,
  claimCreate,
  settleOwned,
  type TriggerDeps,
  withTriggerRegistry,
} from './registryClaims';

type CopyEntry = Extract<LedgerEntry, { kind: 'secret-copy' }>;

export interface CopyTriggerSecretInput {
  request: {
    requestId: string;
    principal: string;
    cluster: ClusterRef;
    privateLink?: PrivateLink;
    triggers?: Trigger[];
  };
  journal: Journal;
}

async function secretValue(
  sm: SecretsManagerClient,
  id: string,
): Promise<{ value: string; arn: string } | undefined> {
  try {
    const out = await sm.send(new GetSecretValueCommand({ SecretId: id }));
    return { value: out.SecretString ?? '', arn: out.ARN ?? '' };
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
    throw toAwsCallError('GetSecretValue', id, error);
  }
}

/**
 * Copy Trigger Secret: a trigger in the consumer account authenticates with a SCRAM secret in THAT account.
 * Creates `msk-flows/scram/<principal>` there (the consumer's KMS key, tagged) or updates it when the
 * password changed; no consumer-account trigger → nothing to do. The password only passes through memory.
 * A copy to create is claimed in the cluster's ownership registry first (`intent`, by account and name)
 * and recorded `owned` with its ARN after; one found in place that an earlier attempt of this run or an
 * unfinished run of this request made (its intent and its tags say so) is carried by this run.
 */
export async function copyTriggerSecret(
  input: CopyTriggerSecretInput,
  deps: Pick<
    TriggerDeps,
    'sts' | 'consumerClients' | 'secretsManager' | 'consumerSecretKey' | 'logger' | 'registry'
  >,
): Promise<Journal> {
  const { request, journal } = input;
  const needed = (request.triggers ?? []).filter((t) => inConsumerAccount(t, request.cluster));
  const first = needed[0];
  if (!first || !request.privateLink || request.cluster.kind !== 'msk') return journal;
  const sourceName = secretNameFor(request.principal);
  const source = await secretValue(deps.secretsManager, sourceName);
  if (!source) throw new TriggerSecretMissingError(first.functionArn, sourceName, 'the cluster account');
  const link = request.privateLink;
  const consumer = await consumerAccountClients(request.cluster.arn, link, request.requestId, deps);
  const name = secretCopyNameFor(request.principal);
  const account = link.consumerAccountId;
  const base: CopyEntry = {
    kind: 'secret-copy',
    consumerAccountId: account,
    secretArn: '',
    secretName: name,
    versionId: '',
    consumer: { clusterArn: request.cluster.arn, roleArn: link.roleArn, externalId: link.externalId },
  };
  const identity = secretCopyIdentity(base);
  const ctx = runContextOf(request, journal);
  return withTriggerRegistry(request, deps, 'copyTriggerSecret', async (reg) => {
    const existing = await secretValue(consumer.secretsManager, name);
    if (!existing) {
      const ticket = await claimCreate(reg, ctx, identity, base);
      const out = await awsCall('CreateSecret', name, () =>
        consumer.secretsManager.send(
          new CreateSecretCommand({
            Name: name,
            Description: `Copy of the SCRAM credentials of Kafka principal ${request.principal} for Lambda triggers (msk-flows)`,
            KmsKeyId: deps.consumerSecretKey,
            SecretString: source.value,
            Tags: [
              { Key: TAG_PRINCIPAL, Value: request.principal },
              { Key: TAG_REQUEST_ID, Value: request.requestId },
            ],
          }),
        ),
      );
      const entry: CopyEntry = { ...base, secretArn: out.ARN ?? '', versionId: out.VersionId ?? '' };
      await settleOwned(reg, ticket, entry);
      deps.logger.info('SCRAM secret copied into the consumer account', { secretName: name, account });
      return appendToJournal(
        journal,
        [
          {
            kind: 'secret-copy',
            id: out.ARN ?? name,
            action: 'create',
            detail: `in ${account}, its KMS key`,
          },
        ],
        [entry],
      );
    }
    const described = await awsCall('DescribeSecret', name, () =>
      consumer.secretsManager.send(new DescribeSecretCommand({ SecretId: name })),
    );
    const tags = Object.fromEntries((described.Tags ?? []).map((t) => [t.Key, t.Value]));
    if (tags[TAG_PRINCIPAL] !== request.principal)
      throw new SecretCopyConflictError(existing.arn, request.principal);
    const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) =>
      stages.includes('AWSCURRENT'),
    )?.[0];
    const made: CopyEntry = { ...base, secretArn: existing.arn, versionId: current ?? '' };
    const madeByThisRequest = tags[TAG_REQUEST_ID] === request.requestId;
    if (await carriedThing(reg, ctx, identity, madeByThisRequest, made)) {
      const entry =
        existing.value === source.value ? made : await putValue(consumer.secretsManager, made, source.value);
      const detail = 'made by an earlier attempt of this execution or an unfinished run of this request';
      return appendToJournal(
        journal,
        [{ kind: 'secret-copy', id: existing.arn, action: 'create', detail }],
        [entry],
      );
    }
    if (existing.value === source.value) {
      return appendToJournal(journal, [
        { kind: 'secret-copy', id: existing.arn, action: 'none', detail: `in ${account}, up to date` },
      ]);
    }
    const entry = await putValue(consumer.secretsManager, made, source.value);
    deps.logger.info('SCRAM secret copy updated in the consumer account', { secretName: name, account });
    return appendToJournal(
      journal,
      [
        {
          kind: 'secret-copy',
          id: existing.arn,
          action: 'update',
          detail: `in ${account}: the password changed`,
        },
      ],
      [{ ...entry, previousVersionId: current }],
    );
  });
}

/** Puts the new password into the copy; the entry with the version it made. */
async function putValue(sm: SecretsManagerClient, entry: CopyEntry, value: string): Promise<CopyEntry> {
  const out = await awsCall('PutSecretValue', entry.secretName, () =>
    sm.send(new PutSecretValueCommand({ SecretId: entry.secretName, SecretString: value })),
  );
  return { ...entry, versionId: out.VersionId ?? '' };
}

/** Builds the handler of the "Copy Trigger Secret" state over the deps given (local runs pass their own). */
export const createCopyTriggerSecretHandler = taskHandlerFactory(copyTriggerSecret);

/** Lambda entry point of the "Copy Trigger Secret" state. */
export const handler = createCopyTriggerSecretHandler(privateAccessDeps);
