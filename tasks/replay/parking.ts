import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsCall } from './awsErrors';
import type { QueueMessage } from './messages/types';
import type { ReplayRecord } from './records';

/** Where parked dead letters go. */
export interface ParkingLot {
  s3: S3Client;
  bucket: string;
  prefix: string;
}

/** One reason a message or one of its records was parked. */
export interface ParkedItem {
  reason: string;
  /** The record, when only part of the message was parked (its bytes are kept, base64). */
  record?: ReplayRecord;
}

/** The parking object's key: one per message and replay, so parking the same message again overwrites it. */
export function parkingKey(prefix: string, replayId: string, messageId: string): string {
  return `${prefix}${replayId}/${messageId}.json`;
}

const b64 = (value: Buffer | null) => (value === null ? null : value.toString('base64'));

/**
 * Parks a dead letter in S3 before it leaves the queue: the original message (body, attributes), every
 * reason, and the bytes of each parked record, so nothing is lost and an operator can replay it by hand.
 * Returns the object's key.
 */
export async function parkMessage(
  lot: ParkingLot,
  input: {
    replayId: string;
    queueUrl: string;
    message: QueueMessage;
    items: ParkedItem[];
    parkedAt?: string;
  },
): Promise<string> {
  const key = parkingKey(lot.prefix, input.replayId, input.message.messageId);
  const document = {
    parkedAt: input.parkedAt ?? new Date().toISOString(),
    replayId: input.replayId,
    queueUrl: input.queueUrl,
    messageId: input.message.messageId,
    reasons: input.items.map((item) => ({
      reason: item.reason,
      ...(item.record ? { recordId: item.record.id } : {}),
    })),
    message: { body: input.message.body, attributes: input.message.attributes },
    records: input.items
      .filter((item) => item.record)
      .map(({ record }) => ({
        id: record?.id,
        origin: record?.origin,
        key: b64(record?.key ?? null),
        value: b64(record?.value ?? null),
        headers: record?.headers.map(([name, value]) => ({ [name]: value.toString('base64') })),
      })),
  };
  await awsCall('PutObject', `s3://${lot.bucket}/${key}`, () =>
    lot.s3.send(
      new PutObjectCommand({
        Bucket: lot.bucket,
        Key: key,
        Body: JSON.stringify(document),
        ContentType: 'application/json',
      }),
    ),
  );
  return key;
}
