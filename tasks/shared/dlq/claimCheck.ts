import { createHash } from 'node:crypto';
import type { DlqEnvelope } from './schema';

/**
 * SQS's message size limit as our queues are configured: 256 KiB, body plus attributes (SQS has accepted up
 * to 1 MiB since 2025, but ElasticMQ and queues created with the old default still stop at 256 KiB).
 * SendMessageBatch has the same limit for the sum of its entries.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
 */
export const SQS_MAX_MESSAGE_BYTES = 256 * 1024;

/** SendMessageBatch takes at most 10 entries. */
export const SQS_MAX_BATCH_ENTRIES = 10;

/**
 * The message body of an envelope: its JSON. U+FFFE/U+FFFF are legal in JSON strings but not in SQS
 * messages, so they are written as escapes (JSON.stringify already escapes controls and lone surrogates).
 */
export function envelopeBody(envelope: DlqEnvelope): string {
  return JSON.stringify(envelope).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** Size SQS counts for a body: its UTF-8 bytes. */
export function bodyBytes(body: string): number {
  return Buffer.byteLength(body, 'utf8');
}

function sha256(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * The S3 key (after the prefix) a parked value gets: derived from the record's identity only, so parking the
 * same record again overwrites one object instead of adding another.
 */
export function claimCheckKey(envelope: DlqEnvelope): string {
  const { source } = envelope;
  switch (source.kind) {
    case 'kafka':
      return `kafka/${source.topic}/${source.partition}/${source.offset}.bin`;
    case 'kinesis': {
      const stream = source.streamArn.slice(source.streamArn.indexOf(':stream/') + ':stream/'.length);
      return `kinesis/${stream}/${source.shardId}/${source.sequenceNumber}.bin`;
    }
    case 'mqtt':
      // Topics and client ids may hold any character: name the object by a hash of the message's identity.
      return `mqtt/${sha256(source.topic, source.clientId, source.receivedAt, envelope.value ?? '')}.bin`;
    case 'malformed':
      // Whatever identity it had plus what was received: the same bad record parked twice is one object.
      return `malformed/${source.trigger}/${sha256(JSON.stringify(source), envelope.value ?? '')}.bin`;
  }
}

/** FIFO queues: order per source partition, and de-duplicate the same record parked twice within 5 minutes. */
export function fifoFields(envelope: DlqEnvelope): {
  MessageGroupId: string;
  MessageDeduplicationId: string;
} {
  const { source } = envelope;
  const group =
    source.kind === 'kafka'
      ? `${source.topic}-${source.partition}`
      : source.kind === 'kinesis'
        ? source.shardId
        : source.kind === 'mqtt'
          ? source.clientId || source.topic
          : `malformed-${source.trigger}`;
  return {
    MessageGroupId: group.slice(0, 128),
    MessageDeduplicationId: sha256(
      JSON.stringify(source),
      envelope.value ?? '',
      JSON.stringify(envelope.valueRef ?? null),
    ),
  };
}
