import { type AslDefinition, listStates } from './asl';
import { MissingLocalHandlerError, UnknownHandlerStateError } from './errors';
import type { TaskResource } from './extractDefinition';
import { type LocalTaskHandler, toTaskFunction } from './lambdaTask';
import { type TaskIntegration, taskTargetOf } from './taskTargets';

/** A Task state as a handler resolver sees it. */
export interface LocalTask {
  stateName: string;
  integration: TaskIntegration;
  resource: string;
  /** The invoked function's logical id (from the placeholder ARN), for Lambda tasks. */
  functionLogicalId?: string;
  functionPath?: string;
  functionHandler?: string;
}

/** Picks the handler of a Task state, e.g. by `functionLogicalId` or `functionPath`. */
export type LocalHandlerResolver = (task: LocalTask) => LocalTaskHandler | undefined;

/** Handlers by Task state name, or a resolver. */
export type LocalHandlers = Record<string, LocalTaskHandler> | LocalHandlerResolver;

/**
 * Binds every Task state of `definition` (nested ones included) to its handler, adapted to the engine.
 * Fails before anything runs when a Task state has no handler, or a handler names no Task state.
 */
export function bindHandlers(
  definition: AslDefinition,
  handlers: LocalHandlers,
  taskResources?: ReadonlyMap<string, TaskResource>,
): Record<string, (input: unknown) => Promise<unknown>> {
  const bound: Record<string, (input: unknown) => Promise<unknown>> = {};
  const missing: { state: string; target?: string }[] = [];
  const taskStates: string[] = [];
  for (const { name, state } of listStates(definition)) {
    if (state.Type !== 'Task') continue;
    taskStates.push(name);
    const target = taskTargetOf(state);
    const known = taskResources?.get(name);
    const task: LocalTask = {
      stateName: name,
      integration: target.integration,
      resource: state.Resource ?? '',
      functionLogicalId: known?.functionLogicalId ?? target.functionName,
      functionPath: known?.functionPath,
      functionHandler: known?.functionHandler,
    };
    const handler = typeof handlers === 'function' ? handlers(task) : handlers[name];
    if (!handler) {
      missing.push({ state: name, target: task.functionPath ?? task.functionLogicalId ?? task.resource });
      continue;
    }
    bound[name] = toTaskFunction({
      stateName: name,
      integration: target.integration,
      handler,
      functionName: task.functionLogicalId,
      invokedFunctionArn: target.integration === 'lambda-function' ? task.resource : undefined,
      invocationType: target.invocationType,
      timeoutSeconds: typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined,
    });
  }
  if (missing.length > 0) throw new MissingLocalHandlerError(missing);
  if (typeof handlers !== 'function') {
    const unknown = Object.keys(handlers).filter((name) => !taskStates.includes(name));
    if (unknown.length > 0) throw new UnknownHandlerStateError(unknown, taskStates);
  }
  return bound;
}
