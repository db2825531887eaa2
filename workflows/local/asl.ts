/**
 * The slice of the Amazon States Language (JSONPath flavour) that our tooling reads.
 * https://states-language.net/spec.html
 */

export type AslStateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export interface AslRetrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface AslCatcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

/** A Choice rule: a data test or a boolean combination, with `Next` on top-level rules only. */
export interface AslChoiceRule {
  Next?: string;
  Variable?: string;
  And?: AslChoiceRule[];
  Or?: AslChoiceRule[];
  Not?: AslChoiceRule;
  [operator: string]: unknown;
}

export interface AslState {
  Type: AslStateType;
  Comment?: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  TimeoutSeconds?: number;
  Retry?: AslRetrier[];
  Catch?: AslCatcher[];
  Choices?: AslChoiceRule[];
  Default?: string;
  Branches?: AslDefinition[];
  Iterator?: AslDefinition;
  ItemProcessor?: AslDefinition;
  QueryLanguage?: string;
  [field: string]: unknown;
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  Comment?: string;
  TimeoutSeconds?: number;
  QueryLanguage?: string;
  Version?: string;
}

/** One state found while walking a definition, with the Map/Parallel state that contains it. */
export interface StateVisit {
  name: string;
  state: AslState;
  /** The enclosing Map or Parallel state, if any. */
  parent?: string;
  /** The (sub-)definition whose `States` holds this state. */
  owner: AslDefinition;
}

/** The sub-definitions a Map or Parallel state runs (its branches or its item processor). */
export function childDefinitions(state: AslState): AslDefinition[] {
  if (state.Type === 'Parallel') return state.Branches ?? [];
  if (state.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    return processor ? [processor] : [];
  }
  return [];
}

/** Every state of a definition, nested ones included, depth-first in the definition's key order. */
export function listStates(definition: AslDefinition, parent?: string): StateVisit[] {
  const visits: StateVisit[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    visits.push({ name, state, parent, owner: definition });
    for (const child of childDefinitions(state)) visits.push(...listStates(child, name));
  }
  return visits;
}

/**
 * A deep copy through JSON. Not structuredClone: under jest's vm contexts that returns objects of
 * another realm, and the engine only treats same-realm plain objects as payload templates.
 */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
