import { OnboardingError } from '../errors';

/**
 * Failures of connectors (Kafka Connect and MSK Connect). Each class says whether it is retriable (the
 * state machine's Retry lists are derived from it); messages name the connector and never carry a secret.
 */
export class ConnectorError extends OnboardingError {
  static readonly retriable: boolean = false;
  readonly connector: string;

  constructor(message: string, connector: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectorError';
    this.connector = connector;
  }
}

/** The Kafka Connect REST API did not answer, or answered 5xx / 409 (a rebalance). Retriable. */
export class KafkaConnectUnavailableError extends ConnectorError {
  static override readonly retriable = true;

  constructor(url: string, connector: string, why: string, options?: { cause?: unknown }) {
    super(`Kafka Connect at ${url} is unavailable (${why}) for connector ${connector}`, connector, options);
    this.name = 'KafkaConnectUnavailableError';
  }
}

/** Kafka Connect refused a request (4xx): a bad config, an unknown connector class … Not retriable. */
export class KafkaConnectRequestError extends ConnectorError {
  readonly status: number;

  constructor(connector: string, operation: string, status: number, message: string) {
    super(`Kafka Connect refused ${operation} of connector ${connector} (${status}): ${message}`, connector);
    this.name = 'KafkaConnectRequestError';
    this.status = status;
  }
}

/**
 * A connector with this name exists with another configuration and msk-flows does not own it (not in the
 * cluster's ownership registry, or another principal's) nor did this execution create it: msk-flows never
 * changes or deletes what it did not create. Not retriable.
 */
export class ConnectorOwnershipError extends ConnectorError {
  constructor(
    connector: string,
    where: string,
    differing: string[],
    why = 'was not created by this execution',
  ) {
    super(
      `connector ${connector} already exists on ${where} with another configuration (${differing.join(', ')}) ` +
        `and ${why}: msk-flows leaves it alone (rename the connector or remove it by hand)`,
      connector,
    );
    this.name = 'ConnectorOwnershipError';
  }
}

/**
 * An MSK Connect custom plugin, worker configuration or service execution role policy of the name msk-flows
 * derives for a connector exists, and msk-flows does not own it for the principal (not in the cluster's
 * ownership registry and not marked as made by msk-flows for it, or another principal's): msk-flows leaves
 * it alone. Not retriable.
 */
export class ConnectorResourceOwnershipError extends ConnectorError {
  readonly resource: string;

  constructor(connector: string, what: string, resource: string, why: string) {
    super(
      `${what} ${resource} of connector ${connector} already exists and ${why}: msk-flows leaves it alone ` +
        '(rename the connector or remove it by hand)',
      connector,
    );
    this.name = 'ConnectorResourceOwnershipError';
    this.resource = resource;
  }
}

/** The connector or one of its tasks is FAILED; carries the first line of the worker's trace. Not retriable. */
export class ConnectorFailedError extends ConnectorError {
  constructor(connector: string, what: string, firstTraceLine: string) {
    super(`connector ${connector}: ${what} FAILED: ${firstTraceLine}`, connector);
    this.name = 'ConnectorFailedError';
  }
}

/** The connector did not reach RUNNING within the poll's limit. Not retriable (the Wait loop was the retry). */
export class ConnectorStartTimeoutError extends ConnectorError {
  constructor(connector: string, state: string, attempts: number) {
    super(`connector ${connector} is still ${state} after ${attempts} checks`, connector);
    this.name = 'ConnectorStartTimeoutError';
  }
}

/** A condition MSK Connect needs is not met (IAM auth off, forbidden worker keys …). Not retriable. */
export class ConnectorPreflightError extends ConnectorError {
  readonly check: string;

  constructor(connector: string, check: string, message: string) {
    super(`connector ${connector} preflight (${check}) failed: ${message}`, connector);
    this.name = 'ConnectorPreflightError';
    this.check = check;
  }
}

/** The deployment names no Kafka Connect URL (context msk-flows:kafkaConnectUrl / stack.json connect.url). */
export class KafkaConnectNotConfiguredError extends ConnectorError {
  constructor(connector: string) {
    super(
      `connector ${connector} is for platform kafka-connect but no Kafka Connect URL is configured ` +
        '(KAFKA_CONNECT_URL; context msk-flows:kafkaConnectUrl; locally .local/stack.json connect.url)',
      connector,
    );
    this.name = 'KafkaConnectNotConfiguredError';
  }
}
