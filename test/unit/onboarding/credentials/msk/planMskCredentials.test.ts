import {
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { planMskCredentials } from '../../../../../tasks/onboarding/credentials/msk/planMskCredentials';
import { commandNames } from '../../../../helpers/sdkCalls';
import { awsError, CN, depsFor, PARTITIONS, requestFor, SECRET_NAME } from './fixtures';

const kafka = mockClient(KafkaClient);
const secretsManager = mockClient(SecretsManagerClient);
const ASSOCIATION_ID = `${SECRET_NAME} -> ${CN.clusterArn}`;

describe('planMskCredentials', () => {
  afterEach(() => {
    kafka.reset();
    secretsManager.reset();
  });

  it('plans a secret and an association when the secret does not exist', async () => {
    // Prepare
    secretsManager.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException'));
    const { deps } = depsFor(CN);

    // Act
    const changes = await planMskCredentials(requestFor(CN), deps);

    // Assess
    expect(changes).toEqual([
      { kind: 'secret', id: SECRET_NAME, action: 'create', detail: 'encrypted with the platform KMS key' },
      { kind: 'scram-association', id: ASSOCIATION_ID, action: 'create' },
    ]);
    expect(secretsManager).toHaveReceivedCommandWith(DescribeSecretCommand, { SecretId: SECRET_NAME });
  });

  it.each(PARTITIONS)(
    'plans nothing and only reads when the secret exists and is associated in $partition',
    async (fixture) => {
      // Prepare
      secretsManager
        .on(DescribeSecretCommand)
        .resolves({ ARN: fixture.secretArn, Name: SECRET_NAME, KmsKeyId: fixture.kmsKeyArn });
      kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [fixture.secretArn] });
      const { deps } = depsFor(fixture);

      // Act
      const changes = await planMskCredentials(requestFor(fixture), deps);

      // Assess
      expect(changes.map((change) => change.action)).toEqual(['none', 'none']);
      expect(commandNames(secretsManager)).toEqual(['DescribeSecretCommand']);
      expect(commandNames(kafka)).toEqual(['ListScramSecretsCommand']);
    },
  );

  it('plans only the association when the secret exists but is not associated', async () => {
    // Prepare
    secretsManager
      .on(DescribeSecretCommand)
      .resolves({ ARN: CN.secretArn, Name: SECRET_NAME, KmsKeyId: CN.kmsKeyArn });
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    const { deps } = depsFor(CN);

    // Act
    const changes = await planMskCredentials(requestFor(CN), deps);

    // Assess
    expect(changes).toEqual([
      {
        kind: 'secret',
        id: SECRET_NAME,
        action: 'none',
        detail: 'exists, encrypted with the platform KMS key',
      },
      { kind: 'scram-association', id: ASSOCIATION_ID, action: 'create' },
    ]);
    expect(kafka).not.toHaveReceivedCommand(BatchAssociateScramSecretCommand);
    expect(kafka).not.toHaveReceivedCommand(BatchDisassociateScramSecretCommand);
  });

  it('fails the plan with ScramSecretKeyMismatchError when the existing secret uses the default key', async () => {
    // Prepare
    secretsManager.on(DescribeSecretCommand).resolves({ ARN: CN.secretArn, Name: SECRET_NAME });
    const { deps } = depsFor(CN);

    // Act
    const error = await planMskCredentials(requestFor(CN), deps).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretKeyMismatchError' });
  });
});
