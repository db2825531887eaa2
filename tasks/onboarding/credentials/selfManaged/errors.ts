import { OnboardingError } from '../../errors';

/**
 * A SCRAM credential change was committed by the controller but the broker has not applied it within
 * SCRAM_VISIBILITY_TIMEOUT_MS. Retriable: the change is durable, a retry of the (idempotent) step finds it.
 */
export class ScramCredentialNotYetVisibleError extends OnboardingError {
  static readonly retriable = true;
  readonly user: string;

  constructor(user: string, created: boolean) {
    super(
      `the broker does not ${created ? 'show' : 'drop'} the SCRAM-SHA-512 credential of ${user} yet; retry the step`,
    );
    this.name = 'ScramCredentialNotYetVisibleError';
    this.user = user;
  }
}
