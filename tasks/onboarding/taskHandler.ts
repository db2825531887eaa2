import middy from '@middy/core';
import { type ObservabilityTarget, taskObservability } from './observability';

/**
 * The handler factory of an onboarding/offboarding task: its core over the deps given, with the tasks'
 * middlewares. Lambda builds it once per container with the module-scope clients (`export const handler`);
 * local runs build the same handler over their own deps and observability target (cli/local/), so the
 * engine invokes exactly what Lambda runs. Names its task in workflows/taskRegistry.ts.
 */
export function taskHandlerFactory<Input, Output, Deps>(core: (input: Input, deps: Deps) => Promise<Output>) {
  return (deps: Deps, target?: ObservabilityTarget) =>
    middy(async (event: Input) => core(event, deps)).use(taskObservability(target));
}
