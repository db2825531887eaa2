import type {
  CreateEventSourceMappingRequest,
  EventSourceMappingConfiguration,
  SourceAccessConfiguration,
} from '@aws-sdk/client-lambda';
import type { MappingSettings } from '../contracts';
import type { Trigger } from '../request/privateAccessSchema';
import type { MappingTarget } from './mappingTarget';
import { TAG_PRINCIPAL, TAG_REQUEST_ID } from './names';

/** The source access configurations: SASL/SCRAM-512 with the secret, and for self-managed the VPC. */
export function sourceAccessOf(target: MappingTarget): SourceAccessConfiguration[] {
  return [
    { Type: 'SASL_SCRAM_512_AUTH', URI: target.secretArn },
    ...(target.bootstrapServers
      ? (target.subnetIds ?? []).map((id) => ({ Type: 'VPC_SUBNET' as const, URI: `subnet:${id}` }))
      : []),
    ...(target.bootstrapServers
      ? (target.securityGroupIds ?? []).map((id) => ({
          Type: 'VPC_SECURITY_GROUP' as const,
          URI: `security_group:${id}`,
        }))
      : []),
  ];
}

/**
 * The CreateEventSourceMapping request of a trigger: MSK (cluster or VPC connection ARN, consumer group in
 * AmazonManagedKafkaEventSourceConfig) or self-managed (bootstrap servers, group in
 * SelfManagedKafkaEventSourceConfig); batch size, window, starting position, on-failure destination and
 * ReportBatchItemFailures always stated, so an existing mapping compares field by field.
 */
export function createMappingRequest(
  trigger: Trigger,
  target: MappingTarget,
  tags: { principal: string; requestId: string },
): CreateEventSourceMappingRequest {
  const group = { ConsumerGroupId: trigger.group };
  return {
    FunctionName: trigger.functionArn,
    Topics: trigger.topics,
    StartingPosition: trigger.startingPosition,
    BatchSize: trigger.batchSize,
    MaximumBatchingWindowInSeconds: trigger.batchingWindowSeconds,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    SourceAccessConfigurations: sourceAccessOf(target),
    ...(trigger.onFailure
      ? { DestinationConfig: { OnFailure: { Destination: trigger.onFailure.destinationArn } } }
      : {}),
    ...(target.eventSourceArn
      ? { EventSourceArn: target.eventSourceArn, AmazonManagedKafkaEventSourceConfig: group }
      : {
          SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: target.bootstrapServers ?? [] } },
          SelfManagedKafkaEventSourceConfig: group,
        }),
    Tags: { [TAG_PRINCIPAL]: tags.principal, [TAG_REQUEST_ID]: tags.requestId },
  };
}

/** Whether an existing mapping reads the trigger's topic from the same source. */
export function sameSource(
  mapping: EventSourceMappingConfiguration,
  trigger: Pick<Trigger, 'topics'>,
  target: Pick<MappingTarget, 'eventSourceArn' | 'bootstrapServers'>,
): boolean {
  if (mapping.Topics?.join(',') !== trigger.topics.join(',')) return false;
  if (target.eventSourceArn) return mapping.EventSourceArn === target.eventSourceArn;
  const endpoints = mapping.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS ?? [];
  return [...endpoints].sort().join(',') === [...(target.bootstrapServers ?? [])].sort().join(',');
}

/** The consumer group an existing mapping reads with. */
export const groupOf = (m: EventSourceMappingConfiguration): string | undefined =>
  m.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ??
  m.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId;

/** The updatable settings of an existing mapping, as msk-flows compares and restores them. */
export function settingsOf(m: EventSourceMappingConfiguration): MappingSettings {
  return {
    batchSize: m.BatchSize ?? 100,
    batchingWindowSeconds: m.MaximumBatchingWindowInSeconds ?? 0,
    ...(m.DestinationConfig?.OnFailure?.Destination
      ? { onFailureDestinationArn: m.DestinationConfig.OnFailure.Destination }
      : {}),
  };
}

/** The settings the trigger asks for. */
export function settingsOfTrigger(trigger: Trigger): MappingSettings {
  return {
    batchSize: trigger.batchSize,
    batchingWindowSeconds: trigger.batchingWindowSeconds,
    ...(trigger.onFailure ? { onFailureDestinationArn: trigger.onFailure.destinationArn } : {}),
  };
}

/** The settings' differences as `batchSize 10 -> 100` for the summary; empty when equal. */
export function settingsDiff(current: MappingSettings, wanted: MappingSettings): string[] {
  const keys: (keyof MappingSettings)[] = ['batchSize', 'batchingWindowSeconds', 'onFailureDestinationArn'];
  return keys
    .filter((k) => current[k] !== wanted[k])
    .map((k) => `${k} ${current[k] ?? '-'} -> ${wanted[k] ?? '-'}`);
}
