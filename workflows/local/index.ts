export type {
  AslCatcher,
  AslChoiceRule,
  AslDefinition,
  AslRetrier,
  AslState,
  AslStateType,
  StateVisit,
} from './asl';
export { childDefinitions, listStates } from './asl';
export {
  InvalidDefinitionError,
  LocalWorkflowError,
  MissingLocalHandlerError,
  StateMachineNotFoundError,
  UnknownHandlerStateError,
  UnsupportedDefinitionError,
} from './errors';
export type { ExtractedStateMachine, ExtractOptions, TaskResource } from './extractDefinition';
export { extractStateMachineDefinition } from './extractDefinition';
export type { LocalHandlerResolver, LocalHandlers, LocalTask } from './handlers';
export type { CfnTemplate } from './intrinsics';
export type { LambdaErrorDocument, LocalTaskHandler } from './lambdaTask';
export { LambdaFunctionError, lambdaErrorDocument, StatesDataLimitExceededError } from './lambdaTask';
export type { RunError, RunEvent, RunEventType } from './runEvents';
export type { RunLocallyOptions, RunResult, RunStatus } from './runLocally';
export { runLocally } from './runLocally';
export type { TaskIntegration } from './taskTargets';
