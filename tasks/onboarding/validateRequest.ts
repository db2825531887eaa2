import middy from '@middy/core';
import { parseOnboardingRequest } from './request/parse';
import type { OnboardingRequest } from './request/schema';

/** The raw execution input: whatever was submitted as the onboarding request. */
export type ValidateRequestInput = unknown;

/** The request, validated and normalized (defaults applied), for `$.request`. */
export interface ValidateRequestOutput {
  request: OnboardingRequest;
}

/**
 * Core of the "Validate Request" state: validates and normalizes the request. Throws
 * RequestValidationError naming every bad field (never retriable); touches nothing, so it needs no deps.
 */
export async function validateRequest(input: ValidateRequestInput): Promise<ValidateRequestOutput> {
  return { request: parseOnboardingRequest(input) };
}

/** Lambda entry point of the "Validate Request" state. */
export const handler = middy(async (event: ValidateRequestInput) => validateRequest(event));
