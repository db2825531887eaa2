import { jest } from '@jest/globals';
import { Admin } from '@platformatic/kafka';
import type { WorkflowTaskKey } from '../../../cli/local/onboardingTasks';
import { localPaths } from '../../../scripts/local/paths';
import { createKafkaTaskDeps } from '../../../tasks/onboarding/kafka/clients';
import { reconcile } from '../../../tasks/onboarding/registry/reconcile';
import { REGISTRY_TOPIC } from '../../../tasks/onboarding/registry/registryTopic';
import { KafkaConnectionError } from '../../../tasks/shared/kafka/errors';
import type { LocalTaskHandler, RunResult } from '../../../workflows/local';
import {
  brokerState,
  eventually,
  localWorkflowDeps,
  NOTHING,
  offboard,
  randomRequest,
  runWithTasks,
  statesEntered,
  type TestRequest,
} from '../helpers/onboarding';

type Tasks = Record<WorkflowTaskKey, LocalTaskHandler>;

class Crash extends Error {
  constructor() {
    super('the task died after its CreateAcls');
    this.name = 'Crash';
  }
}

/**
 * An onboarding that crashes the worst way: Grant ACLs dies right after its CreateAcls reached the broker
 * (the ACLs exist, only their intent is in the registry, not in the ledger), and Undo Changes cannot reach
 * the cluster through all its retries. The run fails as Compensation Incomplete with everything left behind.
 */
async function crashedOnboarding(request: TestRequest): Promise<RunResult> {
  const original = Admin.prototype.createAcls;
  const spy = jest.spyOn(Admin.prototype, 'createAcls').mockImplementation(async function (
    this: Admin,
    options: Parameters<Admin['createAcls']>[0],
  ) {
    await (original as (o: typeof options) => Promise<void>).call(this, options);
    // The registry topic's own ACLs (made once, on first use) are not Grant ACLs' call.
    if (options.creations.every((acl) => acl.resourceName === REGISTRY_TOPIC)) return;
    throw new Crash();
  } as Admin['createAcls']);
  try {
    return await runWithTasks(
      'onboarding',
      request,
      localWorkflowDeps(),
      (): Partial<Tasks> => ({
        undoChanges: async () => {
          throw new KafkaConnectionError('broker unreachable (injected)');
        },
      }),
    );
  } finally {
    spy.mockRestore();
  }
}

const kafkaDeps = () => createKafkaTaskDeps({ localStackFile: localPaths().stackFile });

describe('runs that could not finish their compensation', () => {
  const requests: TestRequest[] = [];

  afterEach(async () => {
    for (const request of requests.splice(0)) await offboard(request);
  });

  it('fail as Compensation Incomplete, never as changes, and reconcile removes every leftover', async () => {
    // Prepare
    const { request } = await randomRequest();
    requests.push(request);
    const topics = request.topics.map((t) => t.name);

    // Act
    const failed = await crashedOnboarding(request);
    const left = await brokerState(request.principal, topics);
    const report = await reconcile(request.cluster, { requestId: request.requestId }, kafkaDeps());

    // Assess
    expect(failed.status).toBe('FAILED');
    expect(failed.error?.name).toBe('CompensationIncompleteError');
    expect(failed.error?.cause).toMatch(/onboarding failed with Crash; compensation incomplete/);
    expect(failed.error?.cause).toMatch(/msk-flows reconcile/);
    expect(statesEntered(failed)).toContain('Compensation Incomplete');
    expect(statesEntered(failed)).not.toContain('Report Changes');
    expect(left.acls).toBeGreaterThan(0);
    expect(left.topics).toEqual(topics);
    expect(report.runs).toHaveLength(1);
    expect(report.leftovers).toEqual([]);
    expect(await eventually(() => brokerState(request.principal, topics), NOTHING)).toEqual(NOTHING);
    const again = await reconcile(request.cluster, { requestId: request.requestId }, kafkaDeps());
    expect(again.runs).toEqual([]);
  });

  it('are finished by the offboarding of the principal', async () => {
    // Prepare
    const { request } = await randomRequest();
    const topics = request.topics.map((t) => t.name);
    await crashedOnboarding(request);

    // Act
    const off = await runWithTasks(
      'offboarding',
      { ...request, requestId: `${request.requestId}-off`, topics: [], grants: [] },
      localWorkflowDeps(),
    );

    // Assess
    expect(off.status).toBe('SUCCEEDED');
    expect(statesEntered(off)).toContain('Finish Unfinished Runs');
    expect(await eventually(() => brokerState(request.principal, topics), NOTHING)).toEqual(NOTHING);
  });

  it('are taken over by a rerun of the request, which then owns them and leaves no unfinished run', async () => {
    // Prepare
    const { request } = await randomRequest();
    requests.push(request);
    await crashedOnboarding(request);

    // Act
    const rerun = await runWithTasks('onboarding', request, localWorkflowDeps());
    const report = await reconcile(
      request.cluster,
      { requestId: request.requestId, dryRun: true },
      kafkaDeps(),
    );

    // Assess
    expect(rerun.status).toBe('SUCCEEDED');
    const changes = (rerun.output as { changes: { kind: string; action: string }[] }).changes;
    expect(changes.filter((c) => c.kind === 'acl' && c.action === 'create').length).toBeGreaterThan(0);
    // The crashed run's record is still open (nothing of it is left to undo); reconcile closes it harmlessly.
    const closed = await reconcile(request.cluster, { requestId: request.requestId }, kafkaDeps());
    expect(closed.changes).toEqual([]);
    expect(report.runs.length).toBeLessThanOrEqual(1);
    const state = await brokerState(
      request.principal,
      request.topics.map((t) => t.name),
    );
    expect(state.acls).toBeGreaterThan(0);
    expect(state.scramMechanisms).toEqual(['SCRAM-SHA-512']);
  });
});
