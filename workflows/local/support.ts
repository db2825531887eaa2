import { type AslDefinition, listStates } from './asl';
import { UnsupportedDefinitionError } from './errors';

// Map fields of the Distributed Map mode, which aws-local-stepfunctions does not run.
const DISTRIBUTED_MAP_FIELDS = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailureCount',
  'ToleratedFailurePercentage',
];

/**
 * Rejects what the local engine would run differently from AWS instead of failing: JSONata, Distributed
 * Map, heartbeats. (aws-local-stepfunctions runs JSONPath, inline Map, Parallel, Retry/Catch.)
 */
export function assertRunnableLocally(definition: AslDefinition): void {
  const problems: string[] = [];
  if (definition.QueryLanguage === 'JSONata') problems.push('the machine uses JSONata');
  for (const { name, state } of listStates(definition)) {
    if (state.QueryLanguage === 'JSONata') problems.push(`'${name}' uses JSONata`);
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined;
      const mode = processor?.ProcessorConfig?.Mode;
      const fields = DISTRIBUTED_MAP_FIELDS.filter((field) => field in state);
      if (mode === 'DISTRIBUTED' || fields.length > 0) problems.push(`'${name}' is a Distributed Map`);
    }
    if ('HeartbeatSeconds' in state || 'HeartbeatSecondsPath' in state)
      problems.push(`'${name}' has a heartbeat`);
  }
  if (problems.length > 0) {
    throw new UnsupportedDefinitionError(`Cannot run this definition locally: ${problems.join('; ')}`);
  }
}
