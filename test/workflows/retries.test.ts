import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CfnResource, Stack } from 'aws-cdk-lib';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { DEFINITION_ONLY_CONTEXT } from '../../cli/local/runReplayLocally';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { TaskFunction } from '../../infra/constructs/taskFunction';
import { extractStateMachineDefinition } from '../../workflows/local';
import { declaredClasses, retriableClasses } from '../../workflows/shared/errorClasses';
import { graphSource } from '../../workflows/shared/moduleGraph';
import { retriableErrorsThrownBy } from '../../workflows/shared/retriableErrors';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface Retrier {
  ErrorEquals: string[];
  JitterStrategy?: string;
}

interface TaskState {
  workflow: string;
  name: string;
  entry: string;
  timeoutSeconds?: number;
  functionTimeoutSeconds: number;
  retry: Retrier[];
}

type AslStates = Record<
  string,
  { Type: string; TimeoutSeconds?: number; Retry?: Retrier[] } & Record<string, unknown>
>;

/** Every Task state of the three synthesized machines, with the task file its function bundles. */
function taskStates(): TaskState[] {
  const built = buildAppWithoutBundling(DEFINITION_ONLY_CONTEXT);
  const replay = built.replay;
  if (!replay) throw new Error('the replay stack was not synthesized');
  const machines: [string, Stack, StateMachine][] = [
    ['onboarding', built.onboarding, built.onboarding.stateMachines.onboarding],
    ['offboarding', built.onboarding, built.onboarding.stateMachines.offboarding],
    ['replay', replay, replay.machine.stateMachine],
  ];
  return machines.flatMap(([workflow, stack, machine]) => {
    const functions = new Map(
      stack.node
        .findAll()
        .filter((c): c is TaskFunction => c instanceof TaskFunction)
        .map((fn) => [stack.resolve((fn.node.defaultChild as CfnResource).logicalId) as string, fn]),
    );
    const { definition, taskResources } = extractStateMachineDefinition(stack, machine);
    const found: TaskState[] = [];
    const walk = (states: AslStates) => {
      for (const [name, state] of Object.entries(states)) {
        for (const branch of (state.Branches as { States: AslStates }[] | undefined) ?? [])
          walk(branch.States);
        const nested = (state.ItemProcessor ?? state.Iterator) as { States: AslStates } | undefined;
        if (nested) walk(nested.States);
        if (state.Type !== 'Task') continue;
        const resource = taskResources.get(name);
        const fn = resource && functions.get(resource.functionLogicalId);
        if (!fn) throw new Error(`${workflow}: no task function for state ${name}`);
        found.push({
          workflow,
          name,
          entry: fn.entry,
          timeoutSeconds: state.TimeoutSeconds,
          functionTimeoutSeconds: fn.timeout?.toSeconds() ?? 3,
          retry: state.Retry ?? [],
        });
      }
    };
    walk(definition.States as unknown as AslStates);
    return found;
  });
}

/** The task-error retrier of a state (the one that is not about Lambda itself), or none. */
function taskErrorsRetried(state: TaskState): string[] {
  return state.retry
    .filter((r) => r.ErrorEquals.every((e) => !e.startsWith('Lambda.') && !e.startsWith('States.')))
    .flatMap((r) => r.ErrorEquals)
    .sort();
}

describe('Retry lists and timeouts of the synthesized state machines', () => {
  const states = taskStates();
  const byName = (workflow: string, name: string) => {
    const state = states.find((s) => s.workflow === workflow && s.name === name);
    if (!state) throw new Error(`${workflow}: no state ${name}`);
    return state;
  };

  it('covers the Task states of onboarding, offboarding and replay', () => {
    // Assess
    expect(new Set(states.map((s) => s.workflow))).toEqual(new Set(['onboarding', 'offboarding', 'replay']));
    expect(states.length).toBeGreaterThan(20);
  });

  it("gives every Task a timeout beyond its function's own, and retries Lambda throttling with jitter", () => {
    // Assess
    for (const state of states) {
      expect({
        state: state.name,
        timeout: (state.timeoutSeconds ?? 0) > state.functionTimeoutSeconds,
      }).toEqual({
        state: state.name,
        timeout: true,
      });
      const throttling = state.retry.find((r) => r.ErrorEquals.includes('Lambda.TooManyRequestsException'));
      expect({ state: state.name, jitter: throttling?.JitterStrategy }).toEqual({
        state: state.name,
        jitter: 'FULL',
      });
    }
  });

  it('retries, per state, exactly the retriable errors its own task code constructs', () => {
    // Assess
    const retriable = retriableClasses();
    for (const state of states) {
      const retried = taskErrorsRetried(state);
      expect({ state: `${state.workflow}/${state.name}`, retried }).toEqual({
        state: `${state.workflow}/${state.name}`,
        retried: retriableErrorsThrownBy(state.entry),
      });
      for (const name of retried) {
        expect({ name, retriable: retriable.get(name) }).toEqual({ name, retriable: true });
        expect(graphSource(state.entry)).toMatch(new RegExp(`new ${name}\\(`));
      }
    }
  });

  it('retries throttling where the task can meet it (Verify Access on MSK, Secrets Manager reads)', () => {
    // Assess
    expect(taskErrorsRetried(byName('onboarding', 'Verify Access'))).toEqual(
      expect.arrayContaining([
        'AwsThrottledError',
        'KafkaConnectionError',
        'KafkaRetriableError',
        'SecretThrottledError',
      ]),
    );
    expect(taskErrorsRetried(byName('onboarding', 'Plan Changes'))).toContain('SecretThrottledError');
  });

  it('retries "MSK does not see the new secret yet" only in the states whose task throws it', () => {
    // Prepare
    const throwing = states.filter((s) => /new ScramSecretNotYetVisibleError\(/.test(graphSource(s.entry)));

    // Assess
    expect(throwing.map((s) => s.name)).toContain('Associate Scram Secret');
    for (const state of states) {
      expect({
        state: state.name,
        retried: taskErrorsRetried(state).includes('ScramSecretNotYetVisibleError'),
      }).toEqual({
        state: state.name,
        retried: throwing.includes(state),
      });
    }
    expect(
      states.filter((s) => taskErrorsRetried(s).includes('ScramSecretNotYetVisibleError')).length,
    ).toBeLessThan(states.length / 4);
  });

  it('never retries an error a retry cannot fix', () => {
    // Prepare
    const permanent = [
      'SecretAccessError',
      'RequestValidationError',
      'AccessVerificationError',
      'CompensationIncompleteError',
      'AwsCallError',
      'KafkaAuthError',
      'KafkaOperationError',
      'ReplayRequestError',
    ];

    // Assess
    for (const state of states) {
      expect(taskErrorsRetried(state).filter((name) => permanent.includes(name))).toEqual([]);
    }
  });
});

describe('error classes (what the Retry lists are derived from)', () => {
  const classes = declaredClasses();

  it('are read from the source with the flag each class declares, as the running code sees it', async () => {
    // Prepare
    const retriable = retriableClasses();
    const files = [...new Set(classes.map((c) => c.file))];

    // Act
    const runtime = new Map<string, boolean>();
    for (const file of files) {
      const module = (await import(join(ROOT, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        if (typeof value === 'function' && value.prototype instanceof Error)
          runtime.set(name, (value as { retriable?: unknown }).retriable === true);
      }
    }

    // Assess
    expect(runtime.size).toBeGreaterThan(40);
    for (const [name, flag] of runtime)
      expect({ name, retriable: retriable.get(name) }).toEqual({ name, retriable: flag });
    expect([...runtime].filter(([, flag]) => flag).map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'AwsThrottledError',
        'KafkaConnectionError',
        'KafkaRetriableError',
        'ScramSecretNotYetVisibleError',
        'SecretThrottledError',
        'ReplayServiceUnavailableError',
        'ClusterBusyError',
      ]),
    );
  });

  it("name their errors after themselves (Step Functions matches the thrown error's name)", () => {
    // Assess
    for (const cls of classes) {
      const text = readFileSync(join(ROOT, cls.file), 'utf8');
      const body = text.slice(text.indexOf(`export class ${cls.name} `));
      const own = /this\.name = '(\w+)'/.exec(body.slice(0, body.indexOf('\nexport ', 1) >>> 0));
      if (own) expect({ cls: cls.name, name: own[1] }).toEqual({ cls: cls.name, name: cls.name });
    }
  });
});
