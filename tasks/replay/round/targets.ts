import { Consumer, Producer } from '@platformatic/kafka';
import type { ReplayDeps } from '../deps';
import { ReplayRequestError } from '../errors';
import type { OffsetRange } from '../messages/onFailureRecords';
import type { ReplayRequest } from '../request/schema';
import { type RangeRead, readOffsetRange } from '../sources/kafkaRanges';
import { LambdaTargetWriter } from '../targets/lambdaTarget';
import { QueueTargetWriter } from '../targets/queueTarget';
import { javaCompatiblePartitioner, TopicTargetWriter } from '../targets/topicTarget';
import type { ReplayTargetWriter } from '../targets/types';

/** The writer for a request's target; a topic target connects its producer only when a record needs it. */
export function createTargetWriter(request: ReplayRequest, deps: ReplayDeps): ReplayTargetWriter {
  const { target } = request;
  switch (target.kind) {
    case 'topic':
      return new TopicTargetWriter(target, async () => {
        const options = await deps.kafkaClientOptions(await deps.kafkaConnection(target.cluster));
        // Idempotent (KIP-98) with acks=-1: a retried produce request is written once, and only records
        // every in-sync replica holds are acknowledged.
        return new Producer({
          ...options,
          clientId: 'msk-flows-replay',
          idempotent: true,
          acks: -1,
          compression: 'none',
          autocreateTopics: false,
          partitioner: javaCompatiblePartitioner,
        });
      });
    case 'lambda':
      return new LambdaTargetWriter(deps.lambda(), target.functionArn);
    case 'sqs':
      return new QueueTargetWriter(deps.sqs, target.queueUrl);
  }
}

/**
 * Reads on-failure ranges back by offset with one consumer (no group is joined, nothing committed), one
 * range at a time: the consumer's fetch session with a broker allows one request in flight.
 */
export function kafkaSourceFor(
  request: ReplayRequest,
  deps: ReplayDeps,
): { read: (range: OffsetRange) => Promise<RangeRead>; close: () => Promise<void> } {
  let consumer: Promise<Consumer> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const get = (): Promise<Consumer> => {
    consumer ??= (async () => {
      const cluster =
        request.source.cluster ?? (request.target.kind === 'topic' ? request.target.cluster : undefined);
      if (!cluster) {
        throw new ReplayRequestError([
          {
            path: 'source.cluster',
            message: 'required to read Kafka on-failure records back when the target is not a topic',
          },
        ]);
      }
      const options = await deps.kafkaClientOptions(await deps.kafkaConnection(cluster));
      return new Consumer({
        ...options,
        clientId: 'msk-flows-replay-fetch',
        groupId: 'msk-flows-replay-fetch',
      });
    })();
    return consumer;
  };
  return {
    read: (range) => {
      const next = queue.then(async () => readOffsetRange(await get(), range));
      queue = next.catch(() => undefined);
      return next;
    },
    close: async () => {
      await consumer?.then((c) => c.close()).catch(() => undefined);
    },
  };
}
