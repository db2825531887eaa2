import { BatchDisassociateScramSecretCommand, KafkaClient } from '@aws-sdk/client-kafka';
import { DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { WorkflowTaskDeps } from '../../../cli/local/onboardingTasks';
import type { Change } from '../../../tasks/onboarding/contracts';
import { reconcile } from '../../../tasks/onboarding/registry/reconcile';
import { KafkaConnectionError } from '../../../tasks/shared/kafka/errors';
import type { RunResult } from '../../../workflows/local';
import { groupName, topicName, userName } from '../../helpers/names';
import { CLUSTER_ARN, mskWorkflowDeps, secretArnOf } from '../helpers/msk';
import { type CrashPoint, MskWorld } from '../helpers/mskWorld';
import { removeFromBroker, runWithTasks, statesEntered } from '../helpers/onboarding';

const kafkaMock = mockClient(KafkaClient);
const secretsMock = mockClient(SecretsManagerClient);

function requestFor(principal: string, topic: string) {
  return {
    requestId: `crash-${principal}`,
    cluster: { kind: 'msk' as const, arn: CLUSTER_ARN },
    principal,
    topics: [{ name: topic, partitions: 1, replicationFactor: 1 }],
    grants: [{ role: 'consumer', topic, group: groupName() }],
  };
}

/**
 * An MSK onboarding that crashes the worst way: the task of `point` dies right after its AWS call acted
 * (only its intent is in the registry, nothing in the ledger), and Undo Changes cannot reach the cluster
 * through all its retries. The run fails as Compensation Incomplete with everything left behind.
 */
async function crashedOnboarding(
  world: MskWorld,
  deps: WorkflowTaskDeps,
  request: ReturnType<typeof requestFor>,
  point: CrashPoint,
): Promise<RunResult> {
  world.crashOnce(point);
  return runWithTasks('onboarding', request, deps, () => ({
    undoChanges: async () => {
      throw new KafkaConnectionError('broker unreachable (injected)');
    },
  }));
}

describe('MSK secrets and associations of runs that could not finish their compensation', () => {
  const cleanUp: { principal: string; topics: string[] }[] = [];

  afterEach(async () => {
    kafkaMock.reset();
    secretsMock.reset();
    for (const { principal, topics } of cleanUp.splice(0)) await removeFromBroker(principal, topics);
  });

  it('are undone by Undo Changes from the registry when the crash left the association out of the ledger', async () => {
    // Prepare
    const [principal, topic] = [userName(), topicName()];
    cleanUp.push({ principal, topics: [topic] });
    const world = new MskWorld(secretsMock, kafkaMock);
    const { deps } = await mskWorkflowDeps();
    const request = requestFor(principal, topic);
    world.crashOnce('BatchAssociateScramSecret');

    // Act
    const failed = await runWithTasks('onboarding', request, deps);
    const report = await reconcile(
      request.cluster,
      { requestId: request.requestId, dryRun: true },
      { ...deps.kafka, msk: deps.msk },
    );

    // Assess
    expect(failed.status).toBe('FAILED');
    expect(failed.error?.name).not.toBe('CompensationIncompleteError');
    expect(statesEntered(failed)).toContain('Undo Changes');
    expect(kafkaMock).toHaveReceivedCommandWith(BatchDisassociateScramSecretCommand, {
      ClusterArn: CLUSTER_ARN,
      SecretArnList: [secretArnOf(principal)],
    });
    expect(secretsMock).toHaveReceivedCommandWith(DeleteSecretCommand, {
      SecretId: secretArnOf(principal),
      ForceDeleteWithoutRecovery: true,
    });
    expect(world.state()).toEqual({ live: [], scheduled: [], associated: [] });
    expect(report.runs).toEqual([]);
  });

  it('are left as intents after a crash right after CreateSecret, and reconcile deletes the secret', async () => {
    // Prepare
    const [principal, topic] = [userName(), topicName()];
    cleanUp.push({ principal, topics: [topic] });
    const world = new MskWorld(secretsMock, kafkaMock);
    const { deps } = await mskWorkflowDeps();
    const request = requestFor(principal, topic);

    // Act
    const failed = await crashedOnboarding(world, deps, request, 'CreateSecret');
    const left = world.state();
    const report = await reconcile(
      request.cluster,
      { requestId: request.requestId },
      { ...deps.kafka, msk: deps.msk },
    );

    // Assess
    expect(failed.status).toBe('FAILED');
    expect(failed.error?.name).toBe('CompensationIncompleteError');
    expect(statesEntered(failed)).not.toContain('Associate Scram Secret');
    expect(left).toEqual({ live: [`AmazonMSK_${principal}`], scheduled: [], associated: [] });
    expect(report.runs).toHaveLength(1);
    expect(report.leftovers).toEqual([]);
    expect(report.changes).toEqual([
      expect.objectContaining({ kind: 'secret', id: `AmazonMSK_${principal}`, action: 'delete' }),
    ]);
    expect(secretsMock).toHaveReceivedCommandWith(DeleteSecretCommand, {
      SecretId: secretArnOf(principal),
      ForceDeleteWithoutRecovery: true,
    });
    expect(world.state()).toEqual({ live: [], scheduled: [], associated: [] });
    const again = await reconcile(
      request.cluster,
      { requestId: request.requestId },
      { ...deps.kafka, msk: deps.msk },
    );
    expect(again.runs).toEqual([]);
  });

  it('are finished by the offboarding of the principal after a crash right after BatchAssociateScramSecret', async () => {
    // Prepare
    const [principal, topic] = [userName(), topicName()];
    cleanUp.push({ principal, topics: [topic] });
    const world = new MskWorld(secretsMock, kafkaMock);
    const { deps } = await mskWorkflowDeps();
    const request = requestFor(principal, topic);
    const failed = await crashedOnboarding(world, deps, request, 'BatchAssociateScramSecret');
    const left = world.state();

    // Act
    const off = await runWithTasks(
      'offboarding',
      { ...request, requestId: `${request.requestId}-off`, topics: [], grants: [] },
      deps,
    );

    // Assess
    expect(failed.error?.name).toBe('CompensationIncompleteError');
    expect(left).toEqual({
      live: [`AmazonMSK_${principal}`],
      scheduled: [],
      associated: [secretArnOf(principal)],
    });
    expect(off.error).toBeUndefined();
    expect(off.status).toBe('SUCCEEDED');
    expect(statesEntered(off)).toContain('Finish Unfinished Runs');
    expect(kafkaMock).toHaveReceivedCommandWith(BatchDisassociateScramSecretCommand, {
      ClusterArn: CLUSTER_ARN,
      SecretArnList: [secretArnOf(principal)],
    });
    // Finished from the registry: created by the crashed run, so deleted at once (no recovery window).
    expect(secretsMock).toHaveReceivedCommandWith(DeleteSecretCommand, {
      SecretId: secretArnOf(principal),
      ForceDeleteWithoutRecovery: true,
    });
    expect(world.state()).toEqual({ live: [], scheduled: [], associated: [] });
    const report = await reconcile(
      request.cluster,
      { principal, dryRun: true },
      { ...deps.kafka, msk: deps.msk },
    );
    expect(report.runs).toEqual([]);
  });

  it('are taken over by a rerun of the request, which then owns them and deletes nothing', async () => {
    // Prepare
    const [principal, topic] = [userName(), topicName()];
    cleanUp.push({ principal, topics: [topic] });
    const world = new MskWorld(secretsMock, kafkaMock);
    const { deps } = await mskWorkflowDeps();
    const request = requestFor(principal, topic);
    await crashedOnboarding(world, deps, request, 'BatchAssociateScramSecret');

    // Act
    const rerun = await runWithTasks('onboarding', request, deps);
    const closed = await reconcile(
      request.cluster,
      { requestId: request.requestId },
      { ...deps.kafka, msk: deps.msk },
    );

    // Assess
    expect(rerun.error).toBeUndefined();
    expect(rerun.status).toBe('SUCCEEDED');
    const changes = (rerun.output as { changes: Change[] }).changes;
    expect(changes.filter((c) => c.kind === 'secret' || c.kind === 'scram-association')).toEqual([
      expect.objectContaining({
        kind: 'secret',
        action: 'create',
        detail: 'made by an unfinished run of this request',
      }),
      expect.objectContaining({
        kind: 'scram-association',
        action: 'create',
        detail: 'made by an unfinished run of this request',
      }),
    ]);
    // The crashed run's record is still open, but the rerun holds what it made: closing it removes nothing.
    expect(closed.runs).toHaveLength(1);
    expect(closed.changes).toEqual([]);
    expect(secretsMock).not.toHaveReceivedCommand(DeleteSecretCommand);
    expect(kafkaMock).not.toHaveReceivedCommand(BatchDisassociateScramSecretCommand);
    expect(world.state()).toEqual({
      live: [`AmazonMSK_${principal}`],
      scheduled: [],
      associated: [secretArnOf(principal)],
    });
  });
});
