import { OnboardingError } from '../errors';

/**
 * Failures of Lambda triggers (event source mappings) and of the consumer account's SCRAM secret copy.
 * Each class says whether it is retriable; the messages carry ARNs and names, never a secret value.
 */
export class TriggerError extends OnboardingError {
  static readonly retriable: boolean = false;

  /** Whether this error's class is retriable (what the state machine's Retry lists are derived from). */
  get retriable(): boolean {
    return (this.constructor as { retriable?: boolean }).retriable === true;
  }
  readonly functionArn: string;

  constructor(message: string, functionArn: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TriggerError';
    this.functionArn = functionArn;
  }
}

/** An existing mapping for the function and topic reads with another consumer group: group ids are immutable. */
export class ConsumerGroupImmutableError extends TriggerError {
  constructor(functionArn: string, uuid: string, current: string, requested: string) {
    super(
      `event source mapping ${uuid} of ${functionArn} reads with group "${current}", the request asks for "${requested}": consumer group ids cannot change; delete the mapping or keep its group`,
      functionArn,
    );
    this.name = 'ConsumerGroupImmutableError';
  }
}

/** The mapping settled Disabled (or is being deleted) instead of Enabled; carries Lambda's StateTransitionReason. */
export class EventSourceMappingFailedError extends TriggerError {
  readonly uuid: string;
  readonly state: string;
  readonly stateTransitionReason: string;

  constructor(
    functionArn: string,
    uuid: string,
    state: string,
    reason: string,
    lastProcessingResult?: string,
  ) {
    const last = lastProcessingResult ? `; last processing result: ${lastProcessingResult}` : '';
    super(`event source mapping ${uuid} of ${functionArn} is ${state}: ${reason}${last}`, functionArn);
    this.name = 'EventSourceMappingFailedError';
    this.uuid = uuid;
    this.state = state;
    this.stateTransitionReason = reason;
  }
}

/** The principal's SCRAM secret to copy or reference does not exist (credentials not ensured?). Not retriable. */
export class TriggerSecretMissingError extends TriggerError {
  constructor(functionArn: string, secretName: string, where: string) {
    super(
      `secret ${secretName} does not exist in ${where}; the trigger of ${functionArn} cannot authenticate`,
      functionArn,
    );
    this.name = 'TriggerSecretMissingError';
  }
}

/** An existing secret copy in the consumer account was not made by msk-flows: never overwritten. Not retriable. */
export class SecretCopyConflictError extends TriggerError {
  constructor(secretArn: string, principal: string) {
    super(
      `secret ${secretArn} exists but was not made by msk-flows for ${principal}: rename or remove it`,
      secretArn,
    );
    this.name = 'SecretCopyConflictError';
  }
}
