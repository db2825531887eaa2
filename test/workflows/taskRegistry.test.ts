import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CfnResource, Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { workflowTasks } from '../../cli/local/onboardingTasks';
import { replayTasks } from '../../cli/local/replayTasks';
import { DEFINITION_ONLY_CONTEXT } from '../../cli/local/runReplayLocally';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { TaskFunction } from '../../infra/constructs/taskFunction';
import { mskCredentialsDeps } from '../../tasks/onboarding/credentials/msk/clients';
import { createKafkaTaskDeps } from '../../tasks/onboarding/kafka/clients';
import type { ReplayDeps } from '../../tasks/replay/deps';
import { extractStateMachineDefinition, listStates } from '../../workflows/local';
import { REPLAY_TASKS, type TaskEntry, WORKFLOW_TASKS } from '../../workflows/taskRegistry';

const ROOT = resolve(import.meta.dirname, '..', '..');

const built = buildAppWithoutBundling(DEFINITION_ONLY_CONTEXT, { checks: false });
const replayStack = built.replay as Stack & NonNullable<typeof built.replay>;

/** Each machine, the stack it lives in, its task functions by registry key and the registry it reads. */
const machines: [
  string,
  Stack,
  StateMachine,
  Record<string, IFunction>,
  Readonly<Record<string, TaskEntry>>,
][] = [
  [
    'onboarding',
    built.onboarding,
    built.onboarding.stateMachines.onboarding,
    { ...built.onboarding.functions.onboarding },
    WORKFLOW_TASKS,
  ],
  [
    'offboarding',
    built.onboarding,
    built.onboarding.stateMachines.offboarding,
    { ...built.onboarding.functions.offboarding },
    WORKFLOW_TASKS,
  ],
  [
    'replay',
    replayStack,
    replayStack.machine.stateMachine,
    { ...replayStack.functions.functions },
    REPLAY_TASKS,
  ],
];

const registered = [
  ...Object.entries(WORKFLOW_TASKS).map(([key, task]) => [`workflow ${key}`, task] as const),
  ...Object.entries(REPLAY_TASKS).map(([key, task]) => [`replay ${key}`, task] as const),
];

const logicalIdOf = (stack: Stack, fn: IFunction) =>
  stack.resolve((fn.node.defaultChild as CfnResource).logicalId) as string;

describe('the task registry (workflows/taskRegistry.ts)', () => {
  it.each(registered)('%s: its entry exports `handler` and the factory named', async (_key, task) => {
    // Prepare
    expect(existsSync(join(ROOT, task.entry))).toBe(true);

    // Act
    const module = (await import(join(ROOT, task.entry))) as Record<string, unknown>;

    // Assess
    expect(typeof module.handler).toBe('function');
    expect(typeof module[task.factory]).toBe('function');
  });

  it.each(machines)(
    '%s: each task function bundles the entry the registry gives its key',
    (_name, _s, _m, fns, registry) => {
      // Act
      const entries = Object.entries(fns).map(([key, fn]) => [key, (fn as TaskFunction).entry]);

      // Assess
      expect(entries.length).toBeGreaterThan(0);
      expect(entries).toEqual(Object.keys(fns).map((key) => [key, registry[key]?.entry]));
    },
  );

  it.each(machines)(
    '%s: every Task state invokes a function with a registry key',
    (_name, stack, machine, fns, registry) => {
      // Prepare
      const keyOf = new Map(Object.entries(fns).map(([key, fn]) => [logicalIdOf(stack, fn), key]));
      const { definition, taskResources } = extractStateMachineDefinition(stack, machine);

      // Act
      const unregistered = listStates(definition)
        .filter(({ state }) => state.Type === 'Task')
        .flatMap(({ name }) => {
          const key = keyOf.get(taskResources.get(name)?.functionLogicalId ?? '');
          return key && registry[key] ? [] : [name];
        });

      // Assess
      expect(taskResources.size).toBeGreaterThan(0);
      expect(unregistered).toEqual([]);
    },
  );

  it('names every task function of the stacks (none bundles a file the registry does not list)', () => {
    // Act
    const bundled = [built.onboarding, replayStack].flatMap((stack) =>
      stack.node
        .findAll()
        .filter((c): c is TaskFunction => c instanceof TaskFunction)
        .map((fn) => fn.entry),
    );
    const listed = new Set(
      [...Object.values(WORKFLOW_TASKS), ...Object.values(REPLAY_TASKS)].map((t) => t.entry),
    );

    // Assess: the onboarding stack's other functions are the workflow API's (one per machine), not tasks.
    expect([...new Set(bundled.filter((entry) => !listed.has(entry)))]).toEqual([
      'tasks/workflowApi/startWorkflow.ts',
    ]);
  });

  it('keys the local bindings exactly as the registry', () => {
    // Act
    const workflow = workflowTasks({ kafka: createKafkaTaskDeps({}), msk: mskCredentialsDeps });
    const replay = replayTasks({} as ReplayDeps);

    // Assess
    expect(Object.keys(workflow).sort()).toEqual(Object.keys(WORKFLOW_TASKS).sort());
    expect(Object.keys(replay).sort()).toEqual(Object.keys(REPLAY_TASKS).sort());
  });

  it('puts every offboarding-only task under tasks/offboarding/', () => {
    // Prepare
    const onboardingKeys = new Set(Object.keys(built.onboarding.functions.onboarding));

    // Act
    const misplaced = Object.keys(built.onboarding.functions.offboarding)
      .filter((key) => !onboardingKeys.has(key))
      .map((key) => WORKFLOW_TASKS[key as keyof typeof WORKFLOW_TASKS].entry)
      .filter((entry) => !entry.startsWith('tasks/offboarding/'));

    // Assess
    expect(misplaced).toEqual([]);
  });
});
