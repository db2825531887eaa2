import { dlqEnvelopeSchema } from '../../shared/dlq/schema';
import { kafkaOnFailureSchema, kinesisOnFailureSchema } from './onFailureRecords';
import type { DecodedMessage } from './types';

type Json = Record<string, unknown>;

function issuesText(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}

/** True for a body that claims to be one of our envelopes (`version` and a `source` object). */
function looksLikeEnvelope(json: Json): boolean {
  return 'version' in json && typeof json.source === 'object' && json.source !== null;
}

/**
 * Detects what one dead-letter message is: our DLQ envelope (validated), a Lambda on-failure record of a
 * Kafka or Kinesis trigger, or a plain message (anything else, e.g. the IoT batcher's queue messages,
 * which only an `sqs` target re-sends). A body that claims a kind but breaks its contract is undecodable.
 */
export function decodeMessage(body: string): DecodedMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'plain' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'plain' };
  const object = json as Json;
  if (looksLikeEnvelope(object)) {
    const parsed = dlqEnvelopeSchema.safeParse(object);
    return parsed.success
      ? { kind: 'envelope', envelope: parsed.data }
      : { kind: 'undecodable', reason: `not a valid DLQ envelope: ${issuesText(parsed.error.issues)}` };
  }
  if ('KafkaBatchInfo' in object) {
    const parsed = kafkaOnFailureSchema.safeParse(object);
    return parsed.success
      ? { kind: 'kafka-on-failure', record: parsed.data }
      : {
          kind: 'undecodable',
          reason: `not a valid Kafka on-failure record: ${issuesText(parsed.error.issues)}`,
        };
  }
  if ('KinesisBatchInfo' in object) {
    const parsed = kinesisOnFailureSchema.safeParse(object);
    return parsed.success
      ? { kind: 'kinesis-on-failure', record: parsed.data }
      : {
          kind: 'undecodable',
          reason: `not a valid Kinesis on-failure record: ${issuesText(parsed.error.issues)}`,
        };
  }
  return { kind: 'plain' };
}
