import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'cdk.context.json');

/** `examples/cdk.context.json`: every feature on (producer and consumer accounts, VPC endpoints, alarms). */
export function exampleContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
}

/** The partition of a Region: `aws-cn` for cn-*, `aws-us-gov` for us-gov-*, else `aws`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The example context moved to `region`: every Region, partition and China host suffix in it rewritten. */
export function exampleContextIn(region: string): Record<string, unknown> {
  const text = JSON.stringify(exampleContext())
    .replaceAll('cn-northwest-1', region)
    .replaceAll('arn:aws-cn:', `arn:${partitionOf(region)}:`)
    .replaceAll('.amazonaws.com.cn', region.startsWith('cn-') ? '.amazonaws.com.cn' : '.amazonaws.com');
  return JSON.parse(text) as Record<string, unknown>;
}

/** The example's `msk-flows:ingest` with one section replaced (or removed with `undefined`). */
export function ingestWith(section: string, value: unknown): Record<string, unknown> {
  const ingest = { ...(exampleContext()['msk-flows:ingest'] as Record<string, unknown>), [section]: value };
  return { ...exampleContext(), 'msk-flows:ingest': ingest };
}

const EXAMPLE_BROKERS = ['b-1.example.kafka.internal:9096', 'b-2.example.kafka.internal:9096'];

/** A bridge on self-managed brokers and the DLQ replay producing to them: the Replay stack's test settings. */
export function replayContext(): Record<string, unknown> {
  return {
    'msk-flows:ingest': {
      bridge: {
        topic: 'telemetry.kinesis',
        bootstrapServers: EXAMPLE_BROKERS,
        auth: 'scram',
        scramSecretName: 'AmazonMSK_kinesis-bridge',
      },
      iot: {},
    },
    'msk-flows:replay': {
      cluster: {
        kind: 'self-managed',
        bootstrapServers: EXAMPLE_BROKERS,
        adminSecretName: 'msk-flows/admin/example-AbCdEf',
      },
      deadLetterTopic: 'telemetry.kinesis.replayed',
    },
  };
}
