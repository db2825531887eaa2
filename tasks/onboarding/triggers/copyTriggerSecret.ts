import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { awsCall, awsErrorName, toAwsCallError } from '../cluster/awsCall';
import type { ClusterRef, Journal } from '../contracts';
import { appendToJournal } from '../journal';
import { privateAccessDeps } from '../privateAccess/clients';
import { consumerAccountClients } from '../privateAccess/consumerAccount';
import type { PrivateAccessDeps } from '../privateAccess/types';
import { secretNameFor } from '../request/names';
import type { PrivateLink, Trigger } from '../request/privateAccessSchema';
import { taskHandlerFactory } from '../taskHandler';
import { SecretCopyConflictError, TriggerSecretMissingError } from './errors';
import { inConsumerAccount, secretCopyNameFor, TAG_PRINCIPAL, TAG_REQUEST_ID } from './names';

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
 */
export async function copyTriggerSecret(
  input: CopyTriggerSecretInput,
  deps: Pick<
    PrivateAccessDeps,
    'sts' | 'consumerClients' | 'secretsManager' | 'consumerSecretKey' | 'logger'
  >,
): Promise<Journal> {
  const { request, journal } = input;
  const needed = (request.triggers ?? []).filter((t) => inConsumerAccount(t, request.cluster));
  const first = needed[0];
  if (!first || !request.privateLink || request.cluster.kind !== 'msk') return journal;
  const sourceName = secretNameFor(request.principal);
  const source = await secretValue(deps.secretsManager, sourceName);
  if (!source) throw new TriggerSecretMissingError(first.functionArn, sourceName, 'the cluster account');
  const consumer = await consumerAccountClients(
    request.cluster.arn,
    request.privateLink,
    request.requestId,
    deps,
  );
  const name = secretCopyNameFor(request.principal);
  const account = request.privateLink.consumerAccountId;
  const existing = await secretValue(consumer.secretsManager, name);
  if (!existing) {
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
    deps.logger.info('SCRAM secret copied into the consumer account', { secretName: name, account });
    return appendToJournal(
      journal,
      [{ kind: 'secret-copy', id: out.ARN ?? name, action: 'create', detail: `in ${account}, its KMS key` }],
      [
        {
          kind: 'secret-copy',
          consumerAccountId: account,
          secretArn: out.ARN ?? '',
          secretName: name,
          versionId: out.VersionId ?? '',
        },
      ],
    );
  }
  const described = await awsCall('DescribeSecret', name, () =>
    consumer.secretsManager.send(new DescribeSecretCommand({ SecretId: name })),
  );
  const tags = Object.fromEntries((described.Tags ?? []).map((t) => [t.Key, t.Value]));
  if (tags[TAG_PRINCIPAL] !== request.principal)
    throw new SecretCopyConflictError(existing.arn, request.principal);
  if (existing.value === source.value) {
    return appendToJournal(journal, [
      { kind: 'secret-copy', id: existing.arn, action: 'none', detail: `in ${account}, up to date` },
    ]);
  }
  const previousVersionId = Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) =>
    stages.includes('AWSCURRENT'),
  )?.[0];
  const out = await awsCall('PutSecretValue', name, () =>
    consumer.secretsManager.send(new PutSecretValueCommand({ SecretId: name, SecretString: source.value })),
  );
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
    [
      {
        kind: 'secret-copy',
        consumerAccountId: account,
        secretArn: existing.arn,
        secretName: name,
        versionId: out.VersionId ?? '',
        previousVersionId,
      },
    ],
  );
}

/** Builds the handler of the "Copy Trigger Secret" state over the deps given (local runs pass their own). */
export const createCopyTriggerSecretHandler = taskHandlerFactory(copyTriggerSecret);

/** Lambda entry point of the "Copy Trigger Secret" state. */
export const handler = createCopyTriggerSecretHandler(privateAccessDeps);
