import type { CfnResource } from 'aws-cdk-lib';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import type { ReplayDeps } from '../../tasks/replay/deps';
import {
  type AslDefinition,
  extractStateMachineDefinition,
  type LocalTaskHandler,
  type RunEvent,
  type RunResult,
  runLocally,
  type TaskResource,
} from '../../workflows/local';
import { type ExecutionHistoryStore, recordRun } from '../../workflows/local/history';
import type { ReplayTaskKey } from '../../workflows/taskRegistry';
import { localHistoryStore } from './historyStore';
import { replayTasks } from './replayTasks';

interface SynthesizedReplay {
  definition: AslDefinition;
  taskResources: Map<string, TaskResource>;
  taskOfFunction: Map<string, ReplayTaskKey>;
}

let synthesized: SynthesizedReplay | undefined;

/** Enough `msk-flows:replay` context to synthesize the Replay stack; local runs take their target from the request. */
export const DEFINITION_ONLY_CONTEXT = {
  'msk-flows:replay': {
    cluster: {
      kind: 'self-managed',
      bootstrapServers: ['127.0.0.1:9096'],
      adminSecretName: 'msk-flows/admin/local-AbCdEf',
    },
    deadLetterTopic: 'msk-flows.local.replayed',
  },
};

/** The replay definition CDK synthesizes (what `cdk deploy` ships), each task's function mapped back to its registry key. */
export function synthesizedReplay(): SynthesizedReplay {
  if (synthesized) return synthesized;
  // The Replay stack is built only when configured; its state machine does not depend on the settings.
  const { replay: stack } = buildAppWithoutBundling(DEFINITION_ONLY_CONTEXT, { checks: false });
  if (!stack) throw new Error('the replay stack was not synthesized');
  const taskOfFunction = new Map<string, ReplayTaskKey>();
  for (const [key, fn] of Object.entries(stack.functions.functions)) {
    taskOfFunction.set(
      stack.resolve((fn.node.defaultChild as CfnResource).logicalId) as string,
      key as ReplayTaskKey,
    );
  }
  const { definition, taskResources } = extractStateMachineDefinition(stack, stack.machine.stateMachine);
  synthesized = { definition, taskResources, taskOfFunction };
  return synthesized;
}

export interface RunReplayOptions {
  input: unknown;
  deps: ReplayDeps;
  executionName?: string;
  onEvent?: (event: RunEvent) => void;
  /** Wait states: as defined (the rate holds; default) or a fixed pause in ms (tests). */
  waitMs?: number | 'asDefined';
  /** Replace some task handlers (tests that make a task fail); by task key. */
  override?: (
    tasks: Record<ReplayTaskKey, LocalTaskHandler>,
  ) => Partial<Record<ReplayTaskKey, LocalTaskHandler>>;
  /** Where the run is recorded for `msk-flows console`; default `.local/executions/`; false: nowhere. */
  history?: ExecutionHistoryStore | false;
}

/** Runs the synthesized replay machine in-process, each Task state bound to its handler over `deps`, recorded for the console. */
export async function runReplayLocally(options: RunReplayOptions): Promise<RunResult> {
  const replay = synthesizedReplay();
  const real = replayTasks(options.deps);
  const tasks = { ...real, ...options.override?.(real) };
  const recording = recordRun(options.history ?? localHistoryStore(), {
    workflow: 'replay',
    name: options.executionName ?? 'local',
    input: options.input,
    definition: replay.definition,
  });
  const run = runLocally({
    definition: replay.definition,
    taskResources: replay.taskResources,
    handlers: (task) => {
      const key = task.functionLogicalId ? replay.taskOfFunction.get(task.functionLogicalId) : undefined;
      return key ? tasks[key] : undefined;
    },
    input: options.input,
    executionName: options.executionName,
    onEvent: recording.tap(options.onEvent),
    waitTimeOverride: options.waitMs ?? 'asDefined',
    retryIntervalOverride: 0,
  });
  return recording.settle(run);
}
