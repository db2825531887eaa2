import type { AslDefinition } from '../../../workflows/local/asl';

/**
 * The states of the dry-run branch: from the Choice rule that tests `$.…dryRun`, along `Next` to the
 * branch's end. Read from the definition, so a renamed state cannot make the test pass by accident.
 */
export function dryRunBranch(definition: AslDefinition): string[] {
  const states: string[] = [];
  for (const state of Object.values(definition.States)) {
    const rule = state.Choices?.find((r) => JSON.stringify(r).includes('.dryRun'));
    for (let name = rule?.Next; name && !states.includes(name); name = definition.States[name]?.Next) {
      states.push(name);
    }
  }
  return states;
}
