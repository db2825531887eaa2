import type { MiddlewareObj } from '@middy/core';
import type { Tracer } from './tracer';
import type { Subsegment } from './xray/subsegment';

const SEGMENT = Symbol('msk-flows.tracer.handlerSegment');

type WithSegment = { internal: Record<string | symbol, unknown> };

/**
 * The middy middleware that traces each invocation as `## <handler>` (Lambda's `_HANDLER`): opened before the
 * handler, closed with its response (unless `captureResponse` is false: pages of data are not trace metadata)
 * or its error. Nothing happens when the tracer is off or the invocation is not sampled.
 */
export function captureLambdaHandler(
  tracer: Tracer,
  options: { captureResponse?: boolean } = {},
): MiddlewareObj {
  const handlerName = (): string => process.env._HANDLER ?? 'handler';
  const take = (request: WithSegment): Subsegment | undefined => {
    const segment = request.internal[SEGMENT] as Subsegment | undefined;
    delete request.internal[SEGMENT];
    return segment;
  };
  return {
    before: (request) => {
      const segment = tracer.openHandlerSegment(`## ${handlerName()}`);
      if (segment) (request as unknown as WithSegment).internal[SEGMENT] = segment;
    },
    after: async (request) => {
      const segment = take(request as unknown as WithSegment);
      if (!segment) return;
      const capture = (options.captureResponse ?? true) && tracer.capturesResponse;
      await tracer.closeHandlerSegment(
        segment,
        capture ? { response: request.response, responseKey: `${handlerName()} response` } : {},
      );
    },
    onError: async (request) => {
      const segment = take(request as unknown as WithSegment);
      if (segment) await tracer.closeHandlerSegment(segment, { error: request.error });
    },
  };
}
