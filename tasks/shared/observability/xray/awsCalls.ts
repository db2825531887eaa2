import type { Subsegment } from './subsegment';

/** What a call's answer (or error) says of itself: SDK v3's `$metadata`. */
interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

/** The part of an SDK v3 client this needs: its middleware stack. */
export interface TraceableClient {
  middlewareStack: { add(middleware: never, options: never): void };
}

/** Where the open handler subsegment comes from (the tracer of the container). */
export interface SegmentSource {
  currentSegment(): Subsegment | undefined;
  emit(subsegment: Subsegment): Promise<void>;
}

const serviceOf = (clientName: unknown): string =>
  typeof clientName === 'string' ? clientName.replace(/Client$/, '') : 'AWS';
const operationOf = (commandName: unknown): string | undefined =>
  typeof commandName === 'string' ? commandName.replace(/Command$/, '') : undefined;

/** Fills the subsegment from the call's `$metadata`: request id, retries, HTTP status and its flags. */
function describeCall(sub: Subsegment, metadata: ResponseMetadata | undefined): void {
  if (metadata?.requestId) sub.document.aws = { ...sub.document.aws, request_id: metadata.requestId };
  if (metadata?.attempts && metadata.attempts > 1)
    sub.document.aws = { ...sub.document.aws, retries: metadata.attempts - 1 };
  const status = metadata?.httpStatusCode;
  if (status === undefined) return;
  sub.document.http = { response: { status } };
  if (status === 429) sub.document.throttle = true;
  if (status >= 400 && status < 500) sub.document.error = true;
  if (status >= 500) sub.document.fault = true;
}

/**
 * Records every call `client` sends as an `aws` subsegment of the open handler subsegment (service, operation,
 * request id, retries, status), as the X-Ray SDK's `captureAWSv3Client` does. Outside a traced invocation the
 * middleware passes the call through untouched. Returns the same client.
 */
export function traceAwsCalls<C>(client: C, source: SegmentSource): C {
  const middleware =
    (
      next: (args: unknown) => Promise<{ output?: { $metadata?: ResponseMetadata } }>,
      context: Record<string, unknown>,
    ) =>
    async (args: unknown) => {
      const parent = source.currentSegment();
      if (!parent) return next(args);
      const sub = parent.child(serviceOf(context.clientName), 'aws');
      sub.document.aws = { operation: operationOf(context.commandName) };
      try {
        const result = await next(args);
        describeCall(sub, result.output?.$metadata);
        return result;
      } catch (error) {
        describeCall(sub, (error as { $metadata?: ResponseMetadata }).$metadata);
        sub.addException(error, true);
        if (!sub.document.error) sub.document.fault = true;
        throw error;
      } finally {
        sub.close();
        await source.emit(sub);
      }
    };
  (client as unknown as TraceableClient).middlewareStack.add(
    middleware as never,
    { step: 'initialize', name: 'mskFlowsXrayAwsCall', override: true } as never,
  );
  return client;
}
