import { privateAccessDeps } from '../privateAccess/clients';
import { nextPoll } from '../privateAccess/polling';
import type { PrivateAccessDeps } from '../privateAccess/types';
import { taskHandlerFactory } from '../taskHandler';
import { EventSourceMappingFailedError } from './errors';
import { findMapping } from './findMapping';
import { mappingTargetOf, type TriggerRequest } from './mappingTarget';

export interface DescribeEventSourceMappingsInput {
  request: TriggerRequest;
  /** `$.triggers` of the previous check. */
  triggers?: { attempt?: number };
}

/** Goes to `$.triggers`: the Choice reads `enabled`, the Wait `waitSeconds`. */
export interface DescribeEventSourceMappingsOutput {
  enabled: boolean;
  states: string[];
  attempt: number;
  waitSeconds: number;
}

/** Checks before giving up: 10, 20 … 120 s, about 20 minutes. */
export const MAX_MAPPING_CHECKS = 14;

const SETTLING = new Set(['Creating', 'Enabling', 'Updating']);

/**
 * Describe Event Source Mappings: one check that every trigger's mapping is `Enabled`. A mapping that
 * settles elsewhere (Disabled …) fails with Lambda's StateTransitionReason and last processing result.
 */
export async function describeEventSourceMappings(
  input: DescribeEventSourceMappingsInput,
  deps: PrivateAccessDeps,
): Promise<DescribeEventSourceMappingsOutput> {
  const poll = nextPoll(input.triggers, 10, 120);
  const states: string[] = [];
  for (const trigger of input.request.triggers ?? []) {
    const target = await mappingTargetOf(trigger, input.request, deps);
    const mapping = await findMapping(target.lambda, trigger, target);
    const state = mapping?.State ?? 'Missing';
    states.push(state);
    if (state === 'Enabled' || SETTLING.has(state)) continue;
    throw new EventSourceMappingFailedError(
      trigger.functionArn,
      mapping?.UUID ?? '(none)',
      state,
      mapping?.StateTransitionReason ?? 'no reason given',
      mapping?.LastProcessingResult,
    );
  }
  const enabled = states.every((s) => s === 'Enabled');
  if (enabled) return { enabled, states, attempt: poll.attempt, waitSeconds: 0 };
  if (poll.attempt >= MAX_MAPPING_CHECKS) {
    const trigger = input.request.triggers?.[states.findIndex((s) => s !== 'Enabled')];
    throw new EventSourceMappingFailedError(
      trigger?.functionArn ?? '',
      '(settling)',
      states.join(','),
      `not Enabled after ${poll.attempt} checks`,
    );
  }
  deps.logger.info('event source mappings not enabled yet', { states, ...poll });
  return { enabled, states, ...poll };
}

/** Builds the handler of the "Describe Event Source Mappings" state over the deps given (local runs pass their own). */
export const createDescribeEventSourceMappingsHandler = taskHandlerFactory(describeEventSourceMappings);

/** Lambda entry point of the "Describe Event Source Mappings" state. */
export const handler = createDescribeEventSourceMappingsHandler(privateAccessDeps);
