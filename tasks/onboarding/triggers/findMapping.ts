import {
  type EventSourceMappingConfiguration,
  type LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import { awsCall } from '../cluster/awsCall';
import type { Trigger } from '../request/privateAccessSchema';
import { sameSource } from './mappingSpec';
import type { MappingTarget } from './mappingTarget';

/** The function's existing mapping for the trigger's topic and source (ListEventSourceMappings), if any. */
export async function findMapping(
  lambda: LambdaClient,
  trigger: Pick<Trigger, 'functionArn' | 'topics'>,
  target: Pick<MappingTarget, 'eventSourceArn' | 'bootstrapServers'>,
): Promise<EventSourceMappingConfiguration | undefined> {
  // A source that does not exist yet (VPC connection or connectivity still to come in a plan) has no mapping.
  if (target.eventSourceArn === '' || target.bootstrapServers?.length === 0) return undefined;
  let marker: string | undefined;
  do {
    const page = await awsCall('ListEventSourceMappings', trigger.functionArn, () =>
      lambda.send(
        new ListEventSourceMappingsCommand({
          FunctionName: trigger.functionArn,
          ...(target.eventSourceArn ? { EventSourceArn: target.eventSourceArn } : {}),
          Marker: marker,
        }),
      ),
    );
    const found = (page.EventSourceMappings ?? []).find((m) => sameSource(m, trigger, target));
    if (found) return found;
    marker = page.NextMarker;
  } while (marker);
  return undefined;
}
