import { CreateEventSourceMappingCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { awsCall } from '../cluster/awsCall';
import type { Change, Journal, LedgerEntry } from '../contracts';
import { appendToJournal } from '../journal';
import { privateAccessDeps } from '../privateAccess/clients';
import type { PrivateAccessDeps } from '../privateAccess/types';
import type { Trigger } from '../request/privateAccessSchema';
import { taskHandlerFactory } from '../taskHandler';
import { ConsumerGroupImmutableError } from './errors';
import { findMapping } from './findMapping';
import {
  createMappingRequest,
  groupOf,
  settingsDiff,
  settingsOf,
  settingsOfTrigger,
  sourceAccessOf,
} from './mappingSpec';
import { mappingTargetOf, type TriggerRequest } from './mappingTarget';

export interface EnsureEventSourceMappingsInput {
  request: TriggerRequest;
  journal: Journal;
}

const mappingId = (trigger: Trigger) => `${trigger.functionArn} <- ${trigger.topics.join(',')}`;

async function ensureOne(
  trigger: Trigger,
  request: TriggerRequest,
  journal: Journal,
  deps: PrivateAccessDeps,
): Promise<{ change: Change; entry?: LedgerEntry }> {
  const id = mappingId(trigger);
  const target = await mappingTargetOf(trigger, request, deps);
  const existing = await findMapping(target.lambda, trigger, target);
  if (!existing?.UUID) {
    const out = await awsCall('CreateEventSourceMapping', trigger.functionArn, () =>
      target.lambda.send(new CreateEventSourceMappingCommand(createMappingRequest(trigger, target, request))),
    );
    deps.logger.info('event source mapping created', { functionArn: trigger.functionArn, uuid: out.UUID });
    return {
      change: {
        kind: 'event-source-mapping',
        id,
        action: 'create',
        detail: `group ${trigger.group}, ${trigger.source}`,
      },
      entry: { kind: 'event-source-mapping', uuid: out.UUID ?? '', functionArn: trigger.functionArn },
    };
  }
  const uuid = existing.UUID;
  const group = groupOf(existing);
  if (group !== undefined && group !== trigger.group)
    throw new ConsumerGroupImmutableError(trigger.functionArn, uuid, group, trigger.group);
  if (journal.ledger.some((e) => e.kind === 'event-source-mapping' && e.uuid === uuid)) {
    return { change: { kind: 'event-source-mapping', id, action: 'none', detail: 'made by this execution' } };
  }
  const current = settingsOf(existing);
  const diff = settingsDiff(current, settingsOfTrigger(trigger));
  const wantedAccess = JSON.stringify(sourceAccessOf(target));
  const accessChanged = JSON.stringify(existing.SourceAccessConfigurations ?? []) !== wantedAccess;
  const responseTypes = existing.FunctionResponseTypes?.includes('ReportBatchItemFailures') === true;
  if (diff.length === 0 && !accessChanged && responseTypes)
    return { change: { kind: 'event-source-mapping', id, action: 'none' } };
  await awsCall('UpdateEventSourceMapping', uuid, () =>
    target.lambda.send(
      new UpdateEventSourceMappingCommand({
        UUID: uuid,
        BatchSize: trigger.batchSize,
        MaximumBatchingWindowInSeconds: trigger.batchingWindowSeconds,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        SourceAccessConfigurations: sourceAccessOf(target),
        DestinationConfig: { OnFailure: { Destination: trigger.onFailure?.destinationArn ?? '' } },
      }),
    ),
  );
  const detail = [
    ...diff,
    ...(accessChanged ? ['source access'] : []),
    ...(responseTypes ? [] : ['ReportBatchItemFailures']),
  ].join(', ');
  return {
    change: { kind: 'event-source-mapping', id, action: 'update', detail },
    entry: { kind: 'event-source-mapping', uuid, functionArn: trigger.functionArn, previous: current },
  };
}

/**
 * Ensure Event Source Mappings: one Kafka trigger per request trigger, created or brought to the
 * requested settings (an equal one is no change; its consumer group can never change). The trigger's
 * READ ACLs came from Grant ACLs (each trigger adds its consumer grant).
 */
export async function ensureEventSourceMappings(
  input: EnsureEventSourceMappingsInput,
  deps: PrivateAccessDeps,
): Promise<Journal> {
  let journal = input.journal;
  for (const trigger of input.request.triggers ?? []) {
    const { change, entry } = await ensureOne(trigger, input.request, journal, deps);
    journal = appendToJournal(journal, [change], entry ? [entry] : []);
  }
  return journal;
}

/** Builds the handler of the "Ensure Event Source Mappings" state over the deps given (local runs pass their own). */
export const createEnsureEventSourceMappingsHandler = taskHandlerFactory(ensureEventSourceMappings);

/** Lambda entry point of the "Ensure Event Source Mappings" state. */
export const handler = createEnsureEventSourceMappingsHandler(privateAccessDeps);
