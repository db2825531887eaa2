/**
 * The trace context Lambda hands an invocation under active tracing: `_X_AMZN_TRACE_ID`,
 * `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1` (Parent: the function's
 * segment, which Lambda itself records). https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader
 */
export interface TraceContext {
  traceId: string;
  parentId: string;
  sampled: boolean;
}

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SEGMENT_ID = /^[0-9a-f]{16}$/;

/** The header's trace id, parent segment and sampling decision; undefined when it is absent or malformed. */
export function parseTraceHeader(header: string | undefined): TraceContext | undefined {
  if (!header) return undefined;
  const fields = new Map(
    header.split(';').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const traceId = fields.get('Root') ?? '';
  const parentId = fields.get('Parent') ?? '';
  if (!TRACE_ID.test(traceId) || !SEGMENT_ID.test(parentId)) return undefined;
  return { traceId, parentId, sampled: fields.get('Sampled') === '1' };
}
