import {
  BatchAssociateScramSecretCommand,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import { jest } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { Journal } from '../../../tasks/onboarding/contracts';
import { handler as associateScramSecret } from '../../../tasks/onboarding/credentials/msk/associateScramSecret';
import { CHANGES_MADE_METRIC, changesMade } from '../../../tasks/onboarding/observability';
import { CN, requestFor, SECRET_NAME } from './credentials/msk/fixtures';

const kafka = mockClient(KafkaClient);

const context = {
  functionName: 'associate-scram-secret',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

interface EmfEntry {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

/** The EMF entries written to stdout while `act` runs. */
async function emfWrittenBy(act: () => Promise<unknown>): Promise<EmfEntry[]> {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n'));
    return true;
  });
  try {
    await act();
  } finally {
    write.mockRestore();
  }
  return lines.flatMap((line) => {
    if (!line.startsWith('{')) return [];
    const parsed = JSON.parse(line) as Partial<EmfEntry>;
    return parsed._aws?.CloudWatchMetrics ? [parsed as EmfEntry] : [];
  });
}

describe('onboarding task observability', () => {
  afterEach(() => kafka.reset());

  it('emits ChangesMade by kind and action for the changes the handler made, not those it was handed', async () => {
    // Prepare
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    kafka.on(BatchAssociateScramSecretCommand).resolves({ UnprocessedScramSecrets: [] });
    const journal: Journal = {
      ledger: [{ kind: 'secret', secretArn: CN.secretArn, secretName: SECRET_NAME }],
      changes: [{ kind: 'secret', id: SECRET_NAME, action: 'create' }],
    };

    // Act
    const emf = await emfWrittenBy(() => associateScramSecret({ request: requestFor(CN), journal }, context));

    // Assess
    const changes = emf.filter((e) => e._aws.CloudWatchMetrics[0]?.Metrics[0]?.Name === CHANGES_MADE_METRIC);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'scram-association',
      action: 'create',
      [CHANGES_MADE_METRIC]: 1,
      _aws: { CloudWatchMetrics: [{ Namespace: 'MskFlows' }] },
    });
    expect(changes[0]?._aws.CloudWatchMetrics[0]?.Dimensions[0]).toEqual(
      expect.arrayContaining(['kind', 'action']),
    );
  });

  it('emits no ChangesMade when the handler changed nothing (associated by this execution already)', async () => {
    // Prepare
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [CN.secretArn] });
    const journal: Journal = {
      ledger: [
        { kind: 'secret', secretArn: CN.secretArn, secretName: SECRET_NAME },
        { kind: 'scram-association', clusterArn: CN.clusterArn, secretArn: CN.secretArn },
      ],
      changes: [{ kind: 'secret', id: SECRET_NAME, action: 'create' }],
    };

    // Act
    const emf = await emfWrittenBy(() => associateScramSecret({ request: requestFor(CN), journal }, context));

    // Assess
    expect(kafka).not.toHaveReceivedCommand(BatchAssociateScramSecretCommand);
    expect(emf.filter((e) => e._aws.CloudWatchMetrics[0]?.Metrics[0]?.Name === CHANGES_MADE_METRIC)).toEqual(
      [],
    );
  });
});

describe('changesMade', () => {
  it('is what the output journal holds beyond the input one, without the nones', () => {
    // Prepare
    const before = { journal: { ledger: [], changes: [{ kind: 'topic', id: 'a', action: 'create' }] } };
    const after = {
      ledger: [],
      changes: [
        { kind: 'topic', id: 'a', action: 'create' },
        { kind: 'acl', id: 'x', action: 'create' },
        { kind: 'acl', id: 'y', action: 'none' },
      ],
    };

    // Act
    const made = changesMade(before, after);

    // Assess
    expect(made).toEqual([{ kind: 'acl', id: 'x', action: 'create' }]);
  });

  it('is nothing for a task given no journal (a plan is not a change)', () => {
    // Act
    const made = changesMade({ request: {} }, { changes: [{ kind: 'topic', id: 'a', action: 'create' }] });

    // Assess
    expect(made).toEqual([]);
  });
});
