import type { CfnResource } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import type { Change } from '../../tasks/onboarding/contracts';
import {
  type AslDefinition,
  extractStateMachineDefinition,
  type RunEvent,
  type RunResult,
  runLocally,
  type TaskResource,
} from '../../workflows/local';
import { type ExecutionHistoryStore, recordRun } from '../../workflows/local/history';
import type { RunSummary } from '../summary';
import { localHistoryStore } from './historyStore';
import { type WorkflowTaskDeps, type WorkflowTaskKey, workflowTasks } from './onboardingTasks';

export type WorkflowName = 'onboarding' | 'offboarding';

interface SynthesizedWorkflow {
  definition: AslDefinition;
  taskResources: Map<string, TaskResource>;
  /** Function logical id → which task it runs. */
  taskOfFunction: Map<string, WorkflowTaskKey>;
}

const synthesized = new Map<WorkflowName, SynthesizedWorkflow>();

/**
 * The definition CDK synthesizes for the workflow (the very one `cdk deploy` ships, not a copy), with
 * each Task state's function mapped back to the task it runs. Synthesized once per process.
 */
export function synthesizedWorkflow(name: WorkflowName): SynthesizedWorkflow {
  const cached = synthesized.get(name);
  if (cached) return cached;
  const { onboarding: stack } = buildAppWithoutBundling({}, { checks: false });
  const machine = name === 'onboarding' ? stack.stateMachines.onboarding : stack.stateMachines.offboarding;
  const functions: Record<string, IFunction> = {
    ...stack.functions.onboarding,
    ...stack.functions.offboarding,
  };
  const taskOfFunction = new Map<string, WorkflowTaskKey>();
  for (const [key, fn] of Object.entries(functions)) {
    const logicalId = stack.resolve((fn.node.defaultChild as CfnResource).logicalId) as string;
    taskOfFunction.set(logicalId, key as WorkflowTaskKey);
  }
  const { definition, taskResources } = extractStateMachineDefinition(stack, machine);
  const workflow = { definition, taskResources, taskOfFunction };
  synthesized.set(name, workflow);
  return workflow;
}

export interface RunWorkflowOptions {
  workflow: WorkflowName;
  input: unknown;
  deps: WorkflowTaskDeps;
  executionName?: string;
  onEvent?: (event: RunEvent) => void;
  /** Pause of each Wait state in ms; default 0 (the local broker needs no propagation time). */
  waitMs?: number;
  /** Where the run is recorded for `msk-flows console`; default `.local/executions/`; false: nowhere. */
  history?: ExecutionHistoryStore | false;
}

/** Runs the synthesized workflow in-process, each Task state resolved to its task handler over `deps`. */
export async function runWorkflowLocally(options: RunWorkflowOptions): Promise<RunResult> {
  const workflow = synthesizedWorkflow(options.workflow);
  const tasks = workflowTasks(options.deps);
  const { input, executionName } = options;
  const recording = recordRun(options.history ?? localHistoryStore(), {
    workflow: options.workflow,
    name: executionName ?? 'local',
    input,
    definition: workflow.definition,
  });
  const run = runLocally({
    definition: workflow.definition,
    taskResources: workflow.taskResources,
    handlers: (task) => {
      const key = task.functionLogicalId ? workflow.taskOfFunction.get(task.functionLogicalId) : undefined;
      return key ? tasks[key] : undefined;
    },
    input: options.input,
    executionName: options.executionName,
    onEvent: recording.tap(options.onEvent),
    waitTimeOverride: options.waitMs ?? 0,
    retryIntervalOverride: 0,
  });
  return recording.settle(run, (result) => summarizeLocalRun(result, executionName ?? 'local'));
}

function changesOf(value: unknown): Change[] {
  const changes = (value as { changes?: unknown } | undefined)?.changes;
  return Array.isArray(changes) ? (changes as Change[]) : [];
}

/**
 * The run as our summary. A failed run reports what it did before failing (the journal's changes) and
 * what compensation undid, taken from the last states that carried them.
 */
export function summarizeLocalRun(result: RunResult, execution: string): RunSummary {
  const output = result.output as { dryRun?: boolean } | undefined;
  let changes = changesOf(result.output);
  if (result.status !== 'SUCCEEDED') {
    const exited = result.events.filter((e) => e.type === 'StateExited' || e.type === 'StateEntered');
    const lastJournal = [...exited]
      .reverse()
      .find((e) => changesOf((e.input as { journal?: unknown })?.journal).length);
    const undo = [...exited].reverse().find((e) => e.state === 'Undo Changes' && e.type === 'StateExited');
    changes = [
      ...changesOf((lastJournal?.input as { journal?: unknown } | undefined)?.journal),
      ...changesOf((undo?.output as { undo?: unknown } | undefined)?.undo),
    ];
  }
  return {
    status: result.status,
    execution,
    dryRun: output?.dryRun === true ? true : undefined,
    changes,
    error: result.error,
    transitions: result.transitions,
    durationMs: result.durationMs,
  };
}
