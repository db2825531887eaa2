import { randomBytes } from 'node:crypto';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { emptyJournal } from '../../../tasks/onboarding/contracts';
import { mskCredentialsDeps } from '../../../tasks/onboarding/credentials/msk/clients';
import { registryAccessVia } from '../../../tasks/onboarding/registry/access';
import { ownerOf } from '../../../tasks/onboarding/registry/fold';
import type { Registry } from '../../../tasks/onboarding/registry/registry';
import { runIdentity } from '../../../tasks/onboarding/registry/runContext';
import { withAdminAndRegistry } from '../../../tasks/onboarding/registry/session';
import { ensureEventSourceMappings } from '../../../tasks/onboarding/triggers/ensureEventSourceMappings';
import { undoChanges } from '../../../tasks/onboarding/undoChanges';
import { userName } from '../../helpers/names';
import { mockedDeps } from '../../unit/onboarding/privateAccess/fixtures';
import { type LocalDeps, localDeps, localRequest } from './fixtures';

const FUNCTION = 'arn:aws-cn:lambda:cn-northwest-1:111122223333:function:orders-to-s3';

/** A registry whose `settle` fails: the step dies between CreateEventSourceMapping and recording `owned`. */
function crashingOnSettle(registry: Registry): Registry {
  return Object.assign(Object.create(registry) as Registry, {
    settle: async () => {
      throw new Error('injected: the Lambda timed out');
    },
  });
}

describe('event source mappings in the ownership registry (local Kafka)', () => {
  let deps: LocalDeps;

  beforeEach(() => {
    deps = localDeps();
  });

  afterEach(() => deps.cleanUp());

  it('Undo Changes deletes a mapping whose creation a crash cut off before the ledger had it, found by its coordinates in the registry', async () => {
    // Prepare: a self-managed trigger on the local cluster; Lambda and Secrets Manager are mocked.
    const principal = userName();
    const base = await localRequest({ principal, topics: [], grants: [] });
    const topic = `trg-${randomBytes(4).toString('hex')}`;
    const request = {
      ...base,
      triggers: [
        {
          functionArn: FUNCTION,
          source: 'self-managed' as const,
          topics: [topic],
          group: `${topic}-lambda`,
          batchSize: 100,
          batchingWindowSeconds: 5,
          startingPosition: 'LATEST' as const,
        },
      ],
    };
    const run = `it-trg-${randomBytes(4).toString('hex')}`;
    const { deps: aws, mocks } = mockedDeps();
    mocks.secrets.on(DescribeSecretCommand).resolves({ ARN: 'arn:aws-cn:secretsmanager:x:1:secret:s' });
    const brokers = request.cluster.kind === 'self-managed' ? request.cluster.bootstrapServers : [];
    const mapping = {
      UUID: 'uuid-lost',
      EventSourceMappingArn: 'arn:aws-cn:lambda:cn-northwest-1:111122223333:event-source-mapping:uuid-lost',
      Topics: [topic],
      SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: brokers } },
    };
    let created = false;
    mocks.lambda
      .on(ListEventSourceMappingsCommand)
      .callsFake(() => ({ EventSourceMappings: created ? [mapping] : [] }));
    mocks.lambda.on(CreateEventSourceMappingCommand).callsFake(() => {
      created = true;
      return { UUID: 'uuid-lost' };
    });
    mocks.lambda.on(ListTagsCommand).resolves({
      Tags: { 'msk-flows:principal': principal, 'msk-flows:request-id': request.requestId },
    });
    const access = registryAccessVia(deps.connect);
    const crashing = { ...aws, registry: access };
    crashing.registry = (cluster, operation, fn) =>
      access(cluster, operation, (registry) => fn(crashingOnSettle(registry)));
    await expect(
      ensureEventSourceMappings({ request, journal: { ...emptyJournal(), run } }, crashing),
    ).rejects.toThrow();

    // Act: the ledger lost the mapping; the registry still holds its intent.
    const undone = await undoChanges(
      { request, ledger: [], run },
      { kafka: deps, msk: mskCredentialsDeps, privateAccess: aws },
    );

    // Assess
    expect(mocks.lambda).toHaveReceivedCommandWith(DeleteEventSourceMappingCommand, { UUID: 'uuid-lost' });
    expect(undone.changes).toContainEqual({
      kind: 'event-source-mapping',
      id: 'uuid-lost',
      action: 'delete',
      detail: 'found by its coordinates',
    });
    const view = await withAdminAndRegistry(await deps.connect(request.cluster), 'test', (_a, r) => r.view());
    const id = `${FUNCTION} <- ${[...brokers].sort().join(',')} [${topic}]`;
    expect(ownerOf(view, { kind: 'event-source-mapping', id })).toBeUndefined();
    expect(ownerOf(view, runIdentity(run))).toBeUndefined();
  }, 60_000);
});
