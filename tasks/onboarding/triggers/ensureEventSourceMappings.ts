import { CreateEventSourceMappingCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { awsCall } from '../cluster/awsCall';
import type { Change, Journal, LedgerEntry } from '../contracts';
import { appendToJournal } from '../journal';
import type { PrivateAccessDeps } from '../privateAccess/types';
import { runContextOf } from '../registry/runContext';
import type { Trigger } from '../request/privateAccessSchema';
import { taskHandlerFactory } from '../taskHandler';
// The handler's deps: the private access clients with the registry (the handler line names them so).
import { triggerRegistryDeps as privateAccessDeps } from './clients';
import { ConsumerGroupImmutableError } from './errors';
import { findMapping } from './findMapping';
import { eventSourceMappingIdentity } from './identity';
import { coordinatesOf, mappingConsumerOf } from './mappingCoordinates';
import {
  createMappingRequest,
  groupOf,
  settingsDiff,
  settingsOf,
  settingsOfTrigger,
  sourceAccessOf,
} from './mappingSpec';
import { madeByRequest } from './mappingTags';
import { mappingTargetOf, type TriggerRequest } from './mappingTarget';
import {
  carriedThing,
  claimCreate,
  settleOwned,
  type TriggerDeps,
  type TriggerRegistry,
  withTriggerRegistry,
} from './registryClaims';

export interface EnsureEventSourceMappingsInput {
  request: TriggerRequest;
  journal: Journal;
}

const mappingId = (trigger: Trigger) => `${trigger.functionArn} <- ${trigger.topics.join(',')}`;

type MappingEntry = Extract<LedgerEntry, { kind: 'event-source-mapping' }>;

async function ensureOne(
  trigger: Trigger,
  request: TriggerRequest,
  journal: Journal,
  deps: PrivateAccessDeps,
  reg: TriggerRegistry | undefined,
): Promise<{ change: Change; entry?: LedgerEntry }> {
  const id = mappingId(trigger);
  const target = await mappingTargetOf(trigger, request, deps);
  const coords = coordinatesOf(trigger, target);
  const consumer = mappingConsumerOf(trigger, request);
  const base: MappingEntry = {
    kind: 'event-source-mapping',
    uuid: '',
    ...coords,
    ...(consumer ? { consumer } : {}),
  };
  const identity = eventSourceMappingIdentity(base);
  const ctx = runContextOf(request, journal);
  const existing = await findMapping(target.lambda, trigger, target);
  if (!existing?.UUID) {
    // The intent goes first: a crash before `owned` leaves it, and undo finds the mapping by its coordinates.
    const ticket = await claimCreate(reg, ctx, identity, base);
    const out = await awsCall('CreateEventSourceMapping', trigger.functionArn, () =>
      target.lambda.send(new CreateEventSourceMappingCommand(createMappingRequest(trigger, target, request))),
    );
    const entry: MappingEntry = { ...base, uuid: out.UUID ?? '' };
    await settleOwned(reg, ticket, entry);
    deps.logger.info('event source mapping created', { functionArn: trigger.functionArn, uuid: out.UUID });
    return {
      change: {
        kind: 'event-source-mapping',
        id,
        action: 'create',
        detail: `group ${trigger.group}, ${trigger.source}`,
      },
      entry,
    };
  }
  const uuid = existing.UUID;
  const group = groupOf(existing);
  if (group !== undefined && group !== trigger.group)
    throw new ConsumerGroupImmutableError(trigger.functionArn, uuid, group, trigger.group);
  if (journal.ledger.some((e) => e.kind === 'event-source-mapping' && e.uuid === uuid)) {
    return { change: { kind: 'event-source-mapping', id, action: 'none', detail: 'made by this execution' } };
  }
  const made: MappingEntry = { ...base, uuid };
  if (await carriedThing(reg, ctx, identity, () => madeByRequest(target.lambda, existing, ctx.owner), made)) {
    const detail = 'made by an earlier attempt of this execution or an unfinished run of this request';
    return { change: { kind: 'event-source-mapping', id, action: 'create', detail }, entry: made };
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
    entry: { ...made, previous: current },
  };
}

/**
 * Ensure Event Source Mappings: one Kafka trigger per request trigger, created or brought to the
 * requested settings (an equal one is no change; its consumer group can never change). The trigger's
 * READ ACLs came from Grant ACLs (each trigger adds its consumer grant). A mapping to create is claimed in
 * the cluster's ownership registry first (`intent`, by its coordinates: function, source, topics) and
 * recorded `owned` with its UUID after; one found in place that an earlier attempt of this run or an
 * unfinished run of this request made (its intent and its tags say so) is carried by this run.
 */
export async function ensureEventSourceMappings(
  input: EnsureEventSourceMappingsInput,
  deps: TriggerDeps,
): Promise<Journal> {
  return withTriggerRegistry(input.request, deps, 'ensureEventSourceMappings', async (reg) => {
    let journal = input.journal;
    for (const trigger of input.request.triggers ?? []) {
      const { change, entry } = await ensureOne(trigger, input.request, journal, deps, reg);
      journal = appendToJournal(journal, [change], entry ? [entry] : []);
    }
    return journal;
  });
}

/** Builds the handler of the "Ensure Event Source Mappings" state over the deps given (local runs pass their own). */
export const createEnsureEventSourceMappingsHandler = taskHandlerFactory(ensureEventSourceMappings);

/** Lambda entry point of the "Ensure Event Source Mappings" state. */
export const handler = createEnsureEventSourceMappingsHandler(privateAccessDeps);
