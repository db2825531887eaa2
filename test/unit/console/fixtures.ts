import type { AslDefinition } from '../../../workflows/local/asl';
import type { RecordedHistoryEvent } from '../../../workflows/local/history/types';

/** Validate (retried) → Is Dry Run? → Report Dry Run → Dry Run Complete, or Apply → Done; Apply's Catch → Undo → Failed. */
export const definition: AslDefinition = {
  StartAt: 'Validate',
  States: {
    Validate: {
      Type: 'Task',
      Resource: 'local:validate',
      Retry: [{ ErrorEquals: ['FooRetriableError'], MaxAttempts: 3 }],
      Next: 'Is Dry Run?',
    },
    'Is Dry Run?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.dryRun', BooleanEquals: true, Next: 'Report Dry Run' }],
      Default: 'Apply',
    },
    'Report Dry Run': { Type: 'Pass', Next: 'Dry Run Complete' },
    'Dry Run Complete': { Type: 'Succeed' },
    Apply: {
      Type: 'Task',
      Resource: 'local:apply',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Undo', ResultPath: '$.error' }],
      Next: 'Done',
    },
    Undo: { Type: 'Task', Resource: 'local:undo', Next: 'Failed' },
    Failed: { Type: 'Fail', Error: 'ApplyFailed' },
    Done: { Type: 'Succeed' },
  },
};

/** A history written event by event, as Step Functions numbers them, one second apart. */
export function history(
  ...steps: [type: string, details?: Partial<RecordedHistoryEvent>][]
): RecordedHistoryEvent[] {
  return steps.map(([type, details], i) => ({
    id: i + 1,
    previousEventId: i,
    timestamp: new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString(),
    type: type as RecordedHistoryEvent['type'],
    ...details,
  }));
}

/** `<Type>StateEntered` of `name`. */
export const entered = (type: string, name: string): [string, Partial<RecordedHistoryEvent>] => [
  `${type}StateEntered`,
  { stateEnteredEventDetails: { name, input: '{}' } },
];
/** `<Type>StateExited` of `name`. */
export const exited = (type: string, name: string): [string, Partial<RecordedHistoryEvent>] => [
  `${type}StateExited`,
  { stateExitedEventDetails: { name, output: '{"ok":true}' } },
];
/** A Lambda task's attempt: scheduled and started. */
export const attempt: [string][] = [['TaskScheduled'], ['TaskStarted']];
/** A Lambda task's failed attempt. */
export const taskFailed = (error: string): [string, Partial<RecordedHistoryEvent>] => [
  'TaskFailed',
  { taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error, cause: 'boom' } },
];
