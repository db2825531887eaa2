import {
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  KafkaClient,
} from '@aws-sdk/client-kafka';
import { mockClient } from 'aws-sdk-client-mock';
import {
  batchScramSecrets,
  MAX_SECRETS_PER_BATCH,
} from '../../../../../tasks/onboarding/credentials/msk/associations';
import { CN, otherTeamsSecretArns } from './fixtures';

const kafka = mockClient(KafkaClient);

describe('batchScramSecrets', () => {
  afterEach(() => {
    kafka.reset();
  });

  it.each(['associate', 'disassociate'] as const)(
    'sends at most 10 ARNs per %s call and collects every unprocessed secret',
    async (operation) => {
      // Prepare
      const arns = otherTeamsSecretArns(CN, 23);
      const command =
        operation === 'associate' ? BatchAssociateScramSecretCommand : BatchDisassociateScramSecretCommand;
      kafka
        .on(command)
        .resolvesOnce({ UnprocessedScramSecrets: [{ SecretArn: arns[3], ErrorCode: 'A' }] })
        .resolvesOnce({})
        .resolves({ UnprocessedScramSecrets: [{ SecretArn: arns[22], ErrorCode: 'B' }] });

      // Act
      const unprocessed = await batchScramSecrets(
        operation,
        CN.clusterArn,
        arns,
        new KafkaClient({ region: CN.region }),
      );

      // Assess
      const calls = kafka.commandCalls(command).map((call) => call.args[0].input);
      expect(MAX_SECRETS_PER_BATCH).toBe(10);
      expect(calls.map((input) => input.SecretArnList?.length)).toEqual([10, 10, 3]);
      expect(calls.flatMap((input) => input.SecretArnList)).toEqual(arns);
      expect(calls.every((input) => input.ClusterArn === CN.clusterArn)).toBe(true);
      expect(unprocessed.map((entry) => entry.ErrorCode)).toEqual(['A', 'B']);
    },
  );
});
