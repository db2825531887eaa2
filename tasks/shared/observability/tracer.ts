import { traceAwsCalls } from './xray/awsCalls';
import { DaemonEmitter, daemonAddress } from './xray/daemon';
import { Subsegment } from './xray/subsegment';
import { parseTraceHeader } from './xray/traceHeader';

/** How a tracer is made; `env` defaults to process.env (tests pass their own). */
export interface TracerOptions {
  /** The `Service` annotation (default `POWERTOOLS_SERVICE_NAME`, else `service_undefined`, as Powertools). */
  serviceName?: string;
  /** Off whatever the environment says when false; else on inside Lambda unless `POWERTOOLS_TRACE_ENABLED=false`. */
  enabled?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Where documents go (default: the daemon at `AWS_XRAY_DAEMON_ADDRESS`). */
  emitter?: Pick<DaemonEmitter, 'send'>;
}

const isFalse = (value: string | undefined): boolean => value?.trim().toLowerCase() === 'false';

/**
 * X-Ray tracing for a Lambda function with active tracing, in the shape Powertools' Tracer writes: a
 * `## <handler>` subsegment under the function's segment for every sampled invocation, annotated `ColdStart`
 * and `Service`, with the response (`<handler> response`) or the error as metadata, and one `aws`
 * subsegment per call of a captured SDK client. It writes the segment documents to the X-Ray daemon itself
 * instead of through the X-Ray SDK: that SDK weighs ~128 KB per bundle and its cls-hooked async hooks made
 * every promise of the process several times slower (aws/aws-xray-sdk-node#420), while the documents are a
 * published format. It honours Powertools' `POWERTOOLS_TRACE_ENABLED`, `POWERTOOLS_TRACER_CAPTURE_RESPONSE`
 * and `POWERTOOLS_TRACER_CAPTURE_ERROR`. One invocation at a time per container (Lambda's model), so the
 * open handler subsegment is the tracer's own state.
 */
export class Tracer {
  readonly serviceName: string;
  readonly #enabled: boolean;
  readonly #env: NodeJS.ProcessEnv;
  readonly #emitter: Pick<DaemonEmitter, 'send'>;
  #coldStart = true;
  #current: Subsegment | undefined;

  constructor(options: TracerOptions) {
    this.#env = options.env ?? process.env;
    this.serviceName = options.serviceName ?? this.#env.POWERTOOLS_SERVICE_NAME ?? 'service_undefined';
    this.#enabled =
      options.enabled !== false &&
      !isFalse(this.#env.POWERTOOLS_TRACE_ENABLED) &&
      Boolean(this.#env.AWS_LAMBDA_FUNCTION_NAME) &&
      !this.#env.AWS_SAM_LOCAL;
    this.#emitter = options.emitter ?? new DaemonEmitter(daemonAddress(this.#env.AWS_XRAY_DAEMON_ADDRESS));
  }

  /** Whether this tracer records anything at all. */
  isTracingEnabled(): boolean {
    return this.#enabled;
  }

  /** Whether responses go into the handler subsegment's metadata (`POWERTOOLS_TRACER_CAPTURE_RESPONSE`). */
  get capturesResponse(): boolean {
    return !isFalse(this.#env.POWERTOOLS_TRACER_CAPTURE_RESPONSE);
  }

  /** The open handler subsegment of the invocation being handled, if it is traced. */
  currentSegment(): Subsegment | undefined {
    return this.#current;
  }

  /**
   * Opens `name` under the invocation's segment (from `_X_AMZN_TRACE_ID`, set per invocation) when tracing is
   * on and the invocation sampled; annotates ColdStart (true once per container) and Service.
   */
  openHandlerSegment(name: string): Subsegment | undefined {
    const coldStart = this.#coldStart;
    this.#coldStart = false;
    const trace = this.#enabled ? parseTraceHeader(this.#env._X_AMZN_TRACE_ID) : undefined;
    if (!trace?.sampled) return undefined;
    const segment = new Subsegment(name, trace);
    segment.annotate('ColdStart', coldStart);
    segment.annotate('Service', this.serviceName);
    this.#current = segment;
    return segment;
  }

  /** Closes the handler subsegment with the invocation's response or error, and sends it. */
  async closeHandlerSegment(
    segment: Subsegment,
    outcome: { response?: unknown; responseKey?: string; error?: unknown },
  ): Promise<void> {
    if (this.#current === segment) this.#current = undefined;
    if ('error' in outcome)
      segment.addError(outcome.error, !isFalse(this.#env.POWERTOOLS_TRACER_CAPTURE_ERROR));
    else if (outcome.responseKey)
      segment.addMetadata(this.serviceName, outcome.responseKey, outcome.response);
    segment.close();
    if (!(await this.#send(segment)) && segment.document.metadata) {
      // A response too large for one datagram: the subsegment still goes, saying so instead of the response.
      segment.document.metadata = {
        [this.serviceName]: { 'response omitted': 'larger than a daemon datagram' },
      };
      await this.#send(segment);
    }
  }

  /** Sends a closed subsegment (an AWS call's) to the daemon. */
  async emit(subsegment: Subsegment): Promise<void> {
    await this.#send(subsegment);
  }

  /** Records every call of `client` as an `aws` subsegment of the open handler subsegment; the same client. */
  captureAWSv3Client<C>(client: C): C {
    return this.#enabled ? traceAwsCalls(client, this) : client;
  }

  async #send(subsegment: Subsegment): Promise<boolean> {
    const datagram = DaemonEmitter.datagram(subsegment.document);
    if (!datagram) return false;
    await this.#emitter.send(datagram);
    return true;
  }
}
