import type { ChunkSender } from '../../../../tasks/ingest/kinesisToKafka/producer';
import type { BridgeMessage } from '../../../../tasks/ingest/kinesisToKafka/records';

/** A kafkajs protocol error as the producer throws it (e.g. `MESSAGE_TOO_LARGE`, retriable false). */
export function protocolError(type: string, retriable = false): Error {
  return Object.assign(new Error(`broker says ${type}`), { name: 'KafkaJSProtocolError', type, retriable });
}

/**
 * A producer stand-in: records every request, acknowledges it unless `fail` returns an error for it (then
 * nothing of that request counts as acknowledged, as with a real failed produce request).
 */
export class FakeSender implements ChunkSender {
  readonly requests: BridgeMessage[][] = [];
  readonly acknowledged: BridgeMessage[] = [];

  constructor(
    private readonly fail: (messages: BridgeMessage[], request: number) => Error | undefined = () =>
      undefined,
  ) {}

  async send(_topic: string, messages: BridgeMessage[]): Promise<void> {
    this.requests.push(messages);
    const error = this.fail(messages, this.requests.length);
    if (error) throw error;
    this.acknowledged.push(...messages);
  }
}

/** The `index` field of the default generated values, i.e. the record's position in the event. */
export const indexOf = (message: BridgeMessage): number =>
  (JSON.parse(message.value.toString()) as { index: number }).index;
