import {
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { Journal } from '../../../../../tasks/onboarding/contracts';
import { associateScramSecret } from '../../../../../tasks/onboarding/credentials/msk/associateScramSecret';
import { isRetriable } from '../../../../../tasks/shared/errors/retriable';
import { awsError, CN, depsFor, otherTeamsSecretArns, PARTITIONS, requestFor, SECRET_NAME } from './fixtures';

const kafka = mockClient(KafkaClient);
const secretsManager = mockClient(SecretsManagerClient);

/** The journal Ensure SCRAM Secret hands over after creating the secret in this execution. */
function createdHere(secretArn: string): Journal {
  return {
    ledger: [{ kind: 'secret', secretArn, secretName: SECRET_NAME }],
    changes: [{ kind: 'secret', id: SECRET_NAME, action: 'create' }],
  };
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.catch((error: unknown) => error);
}

describe('associateScramSecret', () => {
  afterEach(() => {
    kafka.reset();
    secretsManager.reset();
  });

  it.each(PARTITIONS)(
    "associates exactly our secret, leaving other teams' associations alone, in $partition",
    async (fixture) => {
      // Prepare
      const others = otherTeamsSecretArns(fixture, 3);
      kafka
        .on(ListScramSecretsCommand)
        .resolvesOnce({ SecretArnList: others.slice(0, 2), NextToken: 'page-2' })
        .resolves({ SecretArnList: others.slice(2) });
      kafka
        .on(BatchAssociateScramSecretCommand)
        .resolves({ ClusterArn: fixture.clusterArn, UnprocessedScramSecrets: [] });
      const { deps } = depsFor(fixture);

      // Act
      const journal = await associateScramSecret(
        { request: requestFor(fixture), journal: createdHere(fixture.secretArn) },
        deps,
      );

      // Assess
      expect(kafka.commandCalls(ListScramSecretsCommand).map((call) => call.args[0].input)).toEqual([
        { ClusterArn: fixture.clusterArn, MaxResults: 100, NextToken: undefined },
        { ClusterArn: fixture.clusterArn, MaxResults: 100, NextToken: 'page-2' },
      ]);
      expect(kafka).toHaveReceivedCommandTimes(BatchAssociateScramSecretCommand, 1);
      expect(kafka.commandCalls(BatchAssociateScramSecretCommand)[0].args[0].input).toEqual({
        ClusterArn: fixture.clusterArn,
        SecretArnList: [fixture.secretArn],
      });
      expect(kafka).not.toHaveReceivedCommand(BatchDisassociateScramSecretCommand);
      expect(journal.ledger).toEqual([
        { kind: 'secret', secretArn: fixture.secretArn, secretName: SECRET_NAME },
        { kind: 'scram-association', clusterArn: fixture.clusterArn, secretArn: fixture.secretArn },
      ]);
      expect(journal.changes.at(-1)).toMatchObject({ kind: 'scram-association', action: 'create' });
    },
  );

  it('sends no mutating command and journals nothing when the pre-existing secret is already associated', async () => {
    // Prepare
    secretsManager
      .on(DescribeSecretCommand)
      .resolves({ ARN: CN.secretArn, Name: SECRET_NAME, KmsKeyId: CN.kmsKeyArn });
    kafka
      .on(ListScramSecretsCommand)
      .resolves({ SecretArnList: [...otherTeamsSecretArns(CN, 2), CN.secretArn] });
    const { deps } = depsFor(CN);
    const before: Journal = { ledger: [], changes: [{ kind: 'secret', id: SECRET_NAME, action: 'none' }] };

    // Act
    const journal = await associateScramSecret({ request: requestFor(CN), journal: before }, deps);

    // Assess
    expect(kafka).not.toHaveReceivedCommand(BatchAssociateScramSecretCommand);
    expect(kafka).not.toHaveReceivedCommand(BatchDisassociateScramSecretCommand);
    expect(journal.ledger).toEqual([]);
    expect(journal.changes.at(-1)).toEqual({
      kind: 'scram-association',
      id: `${SECRET_NAME} -> ${CN.clusterArn}`,
      action: 'none',
    });
  });

  it('fails with ScramSecretAssociationError carrying the code when MSK returns the secret as unprocessed', async () => {
    // Prepare
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    kafka.on(BatchAssociateScramSecretCommand).resolves({
      ClusterArn: CN.clusterArn,
      UnprocessedScramSecrets: [
        {
          SecretArn: CN.secretArn,
          ErrorCode: 'TooManyUsers',
          ErrorMessage: 'The cluster has 1000 users already',
        },
      ],
    });
    const { deps } = depsFor(CN);

    // Act
    const error = await outcome(
      associateScramSecret({ request: requestFor(CN), journal: createdHere(CN.secretArn) }, deps),
    );

    // Assess
    expect(error).toMatchObject({
      name: 'ScramSecretAssociationError',
      errorCode: 'TooManyUsers',
      clusterArn: CN.clusterArn,
      operation: 'associate',
    });
    expect((error as Error).message).toContain('The cluster has 1000 users already');
    expect(isRetriable(error)).toBe(false);
  });

  it('fails with the retriable ScramSecretNotYetVisibleError on InvalidSecretArn for a secret this execution created', async () => {
    // Prepare
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    kafka.on(BatchAssociateScramSecretCommand).resolves({
      UnprocessedScramSecrets: [
        {
          SecretArn: CN.secretArn,
          ErrorCode: 'InvalidSecretArn',
          ErrorMessage: "Amazon MSK wasn't able to access the provided secret.",
        },
      ],
    });
    const { deps } = depsFor(CN);

    // Act
    const error = await outcome(
      associateScramSecret({ request: requestFor(CN), journal: createdHere(CN.secretArn) }, deps),
    );

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretNotYetVisibleError', clusterArn: CN.clusterArn });
    expect(isRetriable(error)).toBe(true);
  });

  it("succeeds on the state machine's retry once MSK sees the new secret (InvalidSecretArn, then success)", async () => {
    // Prepare
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    kafka
      .on(BatchAssociateScramSecretCommand)
      .resolvesOnce({ UnprocessedScramSecrets: [{ SecretArn: CN.secretArn, ErrorCode: 'InvalidSecretArn' }] })
      .resolves({ UnprocessedScramSecrets: [] });
    const { deps } = depsFor(CN);
    const input = { request: requestFor(CN), journal: createdHere(CN.secretArn) };

    // Act
    const first = await outcome(associateScramSecret(input, deps));
    const second = await associateScramSecret(input, deps);

    // Assess
    expect(first).toMatchObject({ name: 'ScramSecretNotYetVisibleError' });
    expect(second.ledger.at(-1)).toEqual({
      kind: 'scram-association',
      clusterArn: CN.clusterArn,
      secretArn: CN.secretArn,
    });
    expect(kafka).toHaveReceivedCommandTimes(BatchAssociateScramSecretCommand, 2);
  });

  it('treats InvalidSecretArn on a secret that existed before this execution as a non-retriable error', async () => {
    // Prepare
    secretsManager
      .on(DescribeSecretCommand)
      .resolves({ ARN: CN.secretArn, Name: SECRET_NAME, KmsKeyId: CN.kmsKeyArn });
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    kafka.on(BatchAssociateScramSecretCommand).resolves({
      UnprocessedScramSecrets: [{ SecretArn: CN.secretArn, ErrorCode: 'InvalidSecretArn' }],
    });
    const { deps } = depsFor(CN);

    // Act
    const error = await outcome(associateScramSecret({ request: requestFor(CN) }, deps));

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretAssociationError', errorCode: 'InvalidSecretArn' });
  });

  it('fails with ScramSecretMissingError and associates nothing when the secret does not exist', async () => {
    // Prepare
    secretsManager.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException'));
    const { deps } = depsFor(CN);

    // Act
    const error = await outcome(associateScramSecret({ request: requestFor(CN) }, deps));

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretMissingError' });
    expect(kafka.calls()).toHaveLength(0);
  });

  it('refuses to associate a pre-existing secret under the default key', async () => {
    // Prepare
    secretsManager.on(DescribeSecretCommand).resolves({ ARN: CN.secretArn, Name: SECRET_NAME });
    const { deps } = depsFor(CN);

    // Act
    const error = await outcome(associateScramSecret({ request: requestFor(CN) }, deps));

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretKeyMismatchError' });
    expect(kafka).not.toHaveReceivedCommand(BatchAssociateScramSecretCommand);
  });

  it('journals an association found in place when this execution created the secret (retried Lambda)', async () => {
    // Prepare
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [CN.secretArn] });
    const { deps } = depsFor(CN);

    // Act
    const journal = await associateScramSecret(
      { request: requestFor(CN), journal: createdHere(CN.secretArn) },
      deps,
    );

    // Assess
    expect(kafka).not.toHaveReceivedCommand(BatchAssociateScramSecretCommand);
    expect(journal.ledger.at(-1)).toEqual({
      kind: 'scram-association',
      clusterArn: CN.clusterArn,
      secretArn: CN.secretArn,
    });
  });

  it('maps MSK TooManyRequestsException to the retriable AwsThrottledError', async () => {
    // Prepare
    kafka.on(ListScramSecretsCommand).rejects(awsError('TooManyRequestsException'));
    const { deps } = depsFor(CN);

    // Act
    const error = await outcome(
      associateScramSecret({ request: requestFor(CN), journal: createdHere(CN.secretArn) }, deps),
    );

    // Assess
    expect(error).toMatchObject({
      name: 'AwsThrottledError',
      operation: 'ListScramSecrets',
      resource: CN.clusterArn,
    });
  });
});
