import middy from '@middy/core';
import { RequestValidationError } from './errors';
import type { PlatformPolicy } from './guardRails/defaults';
import { processPlatformPolicy } from './guardRails/processPolicy';
import { reservedPrincipalIssues } from './guardRails/reservedPrincipals';
import { taskObservability } from './observability';
import { parseOnboardingRequest } from './request/parse';
import type { OnboardingRequest } from './request/schema';

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

/** Lambda entry point of the "Validate Request" state. */
export const handler = middy(async (event: ValidateRequestInput) => validateRequest(event)).use(
  taskObservability(),
);
