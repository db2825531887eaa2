import {
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import { DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import {
  undoScramAssociation,
  undoSecret,
} from '../../../../../tasks/onboarding/credentials/msk/undoMskCredentials';
import { awsError, CN, depsFor, otherTeamsSecretArns, PARTITIONS, SECRET_NAME } from './fixtures';

const kafka = mockClient(KafkaClient);
const secretsManager = mockClient(SecretsManagerClient);

describe('undoSecret', () => {
  afterEach(() => {
    secretsManager.reset();
  });

  it.each(PARTITIONS)(
    'deletes the secret this execution created by ARN without recovery in $partition',
    async (fixture) => {
      // Prepare
      secretsManager.on(DeleteSecretCommand).resolves({ ARN: fixture.secretArn });
      const { deps } = depsFor(fixture);

      // Act
      const change = await undoSecret(
        { kind: 'secret', secretArn: fixture.secretArn, secretName: SECRET_NAME },
        deps,
      );

      // Assess
      expect(secretsManager.commandCalls(DeleteSecretCommand).map((call) => call.args[0].input)).toEqual([
        { SecretId: fixture.secretArn, ForceDeleteWithoutRecovery: true },
      ]);
      expect(change).toMatchObject({ kind: 'secret', id: SECRET_NAME, action: 'delete' });
    },
  );

  it('reports no change when the secret is already gone', async () => {
    // Prepare
    secretsManager.on(DeleteSecretCommand).rejects(awsError('ResourceNotFoundException'));
    const { deps } = depsFor(CN);

    // Act
    const change = await undoSecret(
      { kind: 'secret', secretArn: CN.secretArn, secretName: SECRET_NAME },
      deps,
    );

    // Assess
    expect(change).toMatchObject({ action: 'none' });
  });

  it('fails with AwsCallError when the deletion is denied', async () => {
    // Prepare
    secretsManager.on(DeleteSecretCommand).rejects(awsError('AccessDeniedException'));
    const { deps } = depsFor(CN);

    // Act
    const error = await undoSecret(
      { kind: 'secret', secretArn: CN.secretArn, secretName: SECRET_NAME },
      deps,
    ).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({
      name: 'AwsCallError',
      awsErrorName: 'AccessDeniedException',
      resource: CN.secretArn,
    });
  });
});

describe('undoScramAssociation', () => {
  const entry = { kind: 'scram-association' as const, clusterArn: CN.clusterArn, secretArn: CN.secretArn };

  afterEach(() => {
    kafka.reset();
  });

  it('disassociates exactly that secret and nothing else', async () => {
    // Prepare
    kafka
      .on(ListScramSecretsCommand)
      .resolves({ SecretArnList: [...otherTeamsSecretArns(CN, 2), CN.secretArn] });
    kafka.on(BatchDisassociateScramSecretCommand).resolves({ UnprocessedScramSecrets: [] });
    const { deps } = depsFor(CN);

    // Act
    const change = await undoScramAssociation(entry, deps);

    // Assess
    expect(kafka.commandCalls(BatchDisassociateScramSecretCommand).map((call) => call.args[0].input)).toEqual(
      [{ ClusterArn: CN.clusterArn, SecretArnList: [CN.secretArn] }],
    );
    expect(kafka).not.toHaveReceivedCommand(BatchAssociateScramSecretCommand);
    expect(change).toMatchObject({
      kind: 'scram-association',
      id: `${SECRET_NAME} -> ${CN.clusterArn}`,
      action: 'delete',
    });
  });

  it('treats a secret that is not associated as done without calling BatchDisassociateScramSecret', async () => {
    // Prepare
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: otherTeamsSecretArns(CN, 2) });
    const { deps } = depsFor(CN);

    // Act
    const change = await undoScramAssociation(entry, deps);

    // Assess
    expect(kafka).not.toHaveReceivedCommand(BatchDisassociateScramSecretCommand);
    expect(change).toMatchObject({ action: 'none', detail: 'not associated' });
  });

  it('treats an unprocessed disassociation as done when the secret is no longer associated', async () => {
    // Prepare
    kafka
      .on(ListScramSecretsCommand)
      .resolvesOnce({ SecretArnList: [CN.secretArn] })
      .resolves({ SecretArnList: [] });
    kafka
      .on(BatchDisassociateScramSecretCommand)
      .resolves({ UnprocessedScramSecrets: [{ SecretArn: CN.secretArn, ErrorCode: 'SecretNotAssociated' }] });
    const { deps } = depsFor(CN);

    // Act
    const change = await undoScramAssociation(entry, deps);

    // Assess
    expect(change).toMatchObject({ action: 'delete' });
  });

  it('fails with ScramSecretAssociationError when the secret stays associated', async () => {
    // Prepare
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [CN.secretArn] });
    kafka.on(BatchDisassociateScramSecretCommand).resolves({
      UnprocessedScramSecrets: [{ SecretArn: CN.secretArn, ErrorCode: 'InternalError', ErrorMessage: 'x' }],
    });
    const { deps } = depsFor(CN);

    // Act
    const error = await undoScramAssociation(entry, deps).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({
      name: 'ScramSecretAssociationError',
      operation: 'disassociate',
      errorCode: 'InternalError',
    });
  });
});
