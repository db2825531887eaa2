import { RequestValidationError } from './errors';
import type { PlatformPolicy } from './guardRails/defaults';
import { processPlatformPolicy } from './guardRails/processPolicy';
import { reservedPrincipalIssues } from './guardRails/reservedPrincipals';
import { parseOnboardingRequest } from './request/parse';
import type { OnboardingRequest } from './request/schema';
import { taskHandlerFactory } from './taskHandler';

/** The raw execution input: whatever was submitted as the onboarding request. */
export type ValidateRequestInput = unknown;

/** The request, validated and normalized (defaults applied), for `$.request`. */
export interface ValidateRequestOutput {
  request: OnboardingRequest;
}

/**
 * Core of the "Validate Request" state (onboarding and offboarding): validates and normalizes the request
 * and refuses a principal the platform policy reserves. Throws RequestValidationError naming every bad
 * field (never retriable); touches nothing. The admin and the brokers' super users, which only the
 * cluster knows, are refused in Plan Changes (onboarding) and Check Principal Is Not Reserved (offboarding).
 */
export async function validateRequest(
  input: ValidateRequestInput,
  policy: Pick<PlatformPolicy, 'reservedPrincipals'> = processPlatformPolicy(),
): Promise<ValidateRequestOutput> {
  const request = parseOnboardingRequest(input);
  const reserved = reservedPrincipalIssues(request.principal, policy);
  if (reserved.length > 0) throw new RequestValidationError(reserved);
  return { request };
}

/**
 * Builds the handler of the "Validate Request" state over a policy; none (Lambda): the container's policy,
 * parsed on first use, so a malformed one fails the invocation, not the import.
 */
export const createValidateRequestHandler = taskHandlerFactory(
  (input: ValidateRequestInput, policy: Pick<PlatformPolicy, 'reservedPrincipals'> | undefined) =>
    validateRequest(input, policy),
);

/** Lambda entry point of the "Validate Request" state. */
export const handler = createValidateRequestHandler(undefined);
