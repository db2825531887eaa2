import { jest } from '@jest/globals';
import { Admin } from '@platformatic/kafka';
import type { WorkflowTaskKey } from '../../../cli/local/onboardingTasks';
import { REGISTRY_TOPIC } from '../../../tasks/onboarding/registry/registryTopic';
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

/** A failure no Retry lists, so the state's Catch sends the execution to Undo Changes at once. */
class InjectedFailure extends Error {
  constructor(step: string) {
    super(`injected failure in ${step}`);
    this.name = 'InjectedFailure';
  }
}

type Tasks = Record<WorkflowTaskKey, LocalTaskHandler>;

interface Injection {
  step: WorkflowTaskKey;
  state: string;
  /** The handlers to swap in; `failing` records the error the failed state throws. */
  wrap: (real: Tasks) => Partial<Tasks>;
  /** The Error name the execution must fail with. */
  expectedName: () => string;
  /** Kinds of ledger entries Undo Changes must have reversed (what the run created before failing). */
  undone: string[];
}

/**
 * Lets the one CreateAcls of Grant ACLs reach the broker, then fails before the task records the outcome
 * (as a crash right after the call would): the ACLs exist, only their `intent` is in the registry, and
 * they are not in the journal's ledger. Armed only while Grant ACLs runs.
 */
function failAfterCreateAcls() {
  const control = { armed: false, calls: 0 };
  const original = Admin.prototype.createAcls;
  const spy = jest.spyOn(Admin.prototype, 'createAcls').mockImplementation(async function (
    this: Admin,
    options: Parameters<Admin['createAcls']>[0],
  ) {
    await (original as (o: typeof options) => Promise<void>).call(this, options);
    if (control.armed && !options.creations.every((acl) => acl.resourceName === REGISTRY_TOPIC)) {
      control.calls++;
      throw new InjectedFailure('grantAcls');
    }
  } as Admin['createAcls']);
  return { control, restore: () => spy.mockRestore() };
}

let aclInjection: ReturnType<typeof failAfterCreateAcls> | undefined;

const injections: Injection[] = [
  {
    step: 'upsertScramUser',
    state: 'Upsert Scram User',
    wrap: () => ({
      upsertScramUser: async () => {
        throw new InjectedFailure('upsertScramUser');
      },
    }),
    expectedName: () => 'InjectedFailure',
    undone: [],
  },
  {
    step: 'ensureTopics',
    state: 'Ensure Topics',
    wrap: () => ({
      ensureTopics: async () => {
        throw new InjectedFailure('ensureTopics');
      },
    }),
    expectedName: () => 'InjectedFailure',
    undone: ['scram-user'],
  },
  {
    step: 'grantAcls',
    state: 'Grant ACLs',
    // The ACLs are created, then the task dies before recording them: Undo finds them in the registry.
    wrap: (real) => ({
      grantAcls: async (event, context) => {
        aclInjection = failAfterCreateAcls();
        aclInjection.control.armed = true;
        try {
          return await real.grantAcls(event, context);
        } finally {
          aclInjection.control.armed = false;
          aclInjection.restore();
        }
      },
    }),
    expectedName: () => 'InjectedFailure',
    undone: ['acl', 'scram-user', 'topic'],
  },
  {
    step: 'verifyAccess',
    state: 'Verify Access',
    wrap: () => ({
      verifyAccess: async () => {
        throw new InjectedFailure('verifyAccess');
      },
    }),
    expectedName: () => 'InjectedFailure',
    undone: ['acl', 'scram-user', 'topic'],
  },
];

describe('onboarding workflow compensation', () => {
  const requests: TestRequest[] = [];

  afterEach(async () => {
    aclInjection?.restore();
    aclInjection = undefined;
    for (const request of requests.splice(0)) await offboard(request);
  });

  it.each(injections)(
    'undoes everything and fails with the original error when $step fails',
    async (injection) => {
      // Prepare
      const { request } = await randomRequest();
      requests.push(request);
      const topics = request.topics.map((t) => t.name);
      const before = await brokerState(request.principal, topics);
      expect(before).toEqual(NOTHING);

      // Act
      const result: RunResult = await runWithTasks(
        'onboarding',
        request,
        localWorkflowDeps(),
        injection.wrap,
      );

      // Assess
      expect(result.status).toBe('FAILED');
      expect(result.error?.name).toBe(injection.expectedName());
      expect(result.error?.cause).toContain(`injected failure in ${injection.step}`);
      const entered = statesEntered(result);
      expect(entered).toContain(injection.state);
      expect(entered).toContain('Undo Changes');
      expect(entered).not.toContain('Record Undo Failure');
      const undo = result.events.find((e) => e.type === 'StateExited' && e.state === 'Undo Changes');
      const undoOutput = undo?.output as
        | { undo?: { changes: { kind: string; action: string }[] } }
        | undefined;
      const undoneKinds = (undoOutput?.undo?.changes ?? [])
        .filter((c) => c.action === 'delete')
        .map((c) => c.kind);
      expect([...new Set(undoneKinds)].sort()).toEqual(injection.undone);
      if (injection.step === 'grantAcls') expect(aclInjection?.control.calls).toBe(1);
      expect(await eventually(() => brokerState(request.principal, topics), NOTHING)).toEqual(NOTHING);
    },
  );
});
