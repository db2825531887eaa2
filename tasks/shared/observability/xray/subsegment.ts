import { randomBytes } from 'node:crypto';

/** A value X-Ray indexes for search (annotations) or keeps as it is (metadata). */
export type Annotation = string | number | boolean;

/** An exception in a subsegment's `cause`, as the X-Ray SDK records one. */
export interface XrayException {
  id: string;
  message: string;
  type: string;
  remote: boolean;
}

/**
 * An X-Ray subsegment document, sent to the daemon on its own (`type: subsegment` with its trace and parent).
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html
 */
export interface SubsegmentDocument {
  id: string;
  name: string;
  trace_id: string;
  parent_id: string;
  type: 'subsegment';
  start_time: number;
  end_time?: number;
  namespace?: 'aws' | 'remote';
  annotations?: Record<string, Annotation>;
  metadata?: Record<string, Record<string, unknown>>;
  aws?: { operation?: string; request_id?: string; retries?: number };
  http?: { response: { status: number } };
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  cause?: { exceptions: XrayException[] };
}

const newId = (): string => randomBytes(8).toString('hex');
const now = (): number => Date.now() / 1000;

/** One unit of work in a trace: started when made, closed once, then sent as a document. */
export class Subsegment {
  readonly document: SubsegmentDocument;

  constructor(name: string, trace: { traceId: string; parentId: string }, namespace?: 'aws' | 'remote') {
    this.document = {
      id: newId(),
      name,
      trace_id: trace.traceId,
      parent_id: trace.parentId,
      type: 'subsegment',
      start_time: now(),
      ...(namespace ? { namespace } : {}),
    };
  }

  /** A subsegment under this one (an AWS call made while handling). */
  child(name: string, namespace?: 'aws' | 'remote'): Subsegment {
    return new Subsegment(name, { traceId: this.document.trace_id, parentId: this.document.id }, namespace);
  }

  /** Adds a searchable key/value. */
  annotate(key: string, value: Annotation): void {
    this.document.annotations = { ...this.document.annotations, [key]: value };
  }

  /** Adds a value under `namespace` (the service name, as Powertools does). */
  addMetadata(namespace: string, key: string, value: unknown): void {
    const metadata = this.document.metadata ?? {};
    this.document.metadata = { ...metadata, [namespace]: { ...metadata[namespace], [key]: value } };
  }

  /** Records the error: the fault flag, and the exception itself unless `withException` is false. */
  addError(error: unknown, withException = true): void {
    this.document.fault = true;
    if (withException) this.addException(error, false);
  }

  /** Records the exception in `cause` (`remote`: raised by the service called, not by our code). */
  addException(error: unknown, remote: boolean): void {
    const e = error instanceof Error ? error : new Error(String(error));
    this.document.cause = { exceptions: [{ id: newId(), message: e.message, type: e.name, remote }] };
  }

  /** Marks the end; closing twice keeps the first end. */
  close(): SubsegmentDocument {
    this.document.end_time ??= now();
    return this.document;
  }
}
