import {
  BatchAssociateScramSecretCommand,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { jest } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { Journal } from '../../../../../tasks/onboarding/contracts';
import { memoryRegistryAccess } from '../../../../helpers/memoryRegistry';
import { awsError, CN, PASSWORD, requestFor, SECRET_NAME } from './fixtures';

const kafka = mockClient(KafkaClient);
const secretsManager = mockClient(SecretsManagerClient);

const context = {
  functionName: 'msk-flows-ensure-scram-secret',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws-cn:lambda:cn-northwest-1:111122223333:function:msk-flows-ensure-scram-secret',
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

describe('MSK credential handlers', () => {
  let stdout: string[];

  beforeEach(() => {
    stdout = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
  });

  afterAll(() => {
    delete process.env.SCRAM_SECRET_KMS_KEY_ARN;
    delete process.env.POWERTOOLS_LOG_LEVEL;
  });

  afterEach(() => {
    jest.restoreAllMocks();
    kafka.reset();
    secretsManager.reset();
  });

  it('creates then associates with the key from SCRAM_SECRET_KMS_KEY_ARN, logging no password', async () => {
    // Prepare
    process.env.SCRAM_SECRET_KMS_KEY_ARN = CN.kmsKeyArn;
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    const ensure = (await import('../../../../../tasks/onboarding/credentials/msk/ensureScramSecret'))
      .handler as unknown as Handler<unknown, Journal>;
    const associate = (await import('../../../../../tasks/onboarding/credentials/msk/associateScramSecret'))
      .handler as unknown as Handler<unknown, Journal>;
    // The container's registry reaches the cluster's brokers; here it is swapped for one in memory.
    const { mskCredentialsDeps } = await import('../../../../../tasks/onboarding/credentials/msk/clients');
    const { access, log } = memoryRegistryAccess();
    mskCredentialsDeps.registry = access;
    secretsManager.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException'));
    secretsManager.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
    secretsManager.on(CreateSecretCommand).resolves({ ARN: CN.secretArn, Name: SECRET_NAME });
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    kafka.on(BatchAssociateScramSecretCommand).resolves({ UnprocessedScramSecrets: [] });

    // Act
    const afterSecret = await ensure({ request: requestFor(CN) }, context);
    const afterAssociation = await associate({ request: requestFor(CN), journal: afterSecret }, context);

    // Assess
    expect(secretsManager).toHaveReceivedCommandWith(CreateSecretCommand, { KmsKeyId: CN.kmsKeyArn });
    expect(afterAssociation.ledger.map((entry) => entry.kind)).toEqual(['secret', 'scram-association']);
    expect(log.records().map(({ record }) => `${record.kind}:${record.state}`)).toEqual([
      'run:intent',
      'secret:intent',
      'secret:owned',
      'run:intent',
      'scram-association:intent',
      'scram-association:owned',
    ]);
    expect(stdout.join('')).toContain('SCRAM secret created');
    expect(stdout.join('')).not.toContain(PASSWORD);
    expect(JSON.stringify(afterAssociation)).not.toContain(PASSWORD);
  });
});
