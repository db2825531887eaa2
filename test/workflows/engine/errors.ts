/** A retriable error as our tasks throw them: the class name is the Step Functions error name. */
export class FooRetriableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FooRetriableError';
  }
}

/** A non-retriable task error. */
export class ScramSecretNotYetVisibleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScramSecretNotYetVisibleError';
  }
}
