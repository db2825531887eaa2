import middy from '@middy/core';
import { parseReplayRequest } from './request/parse';
import type { ReplayRequest } from './request/schema';

/** The raw execution input: whatever was submitted (CLI, API, EventBridge Scheduler). */
export type ValidateReplayRequestInput = unknown;

/** The request, validated and normalized, for `$.request`. */
export interface ValidateReplayRequestOutput {
  request: ReplayRequest;
}

/**
 * Core of "Validate Request": validates and normalizes a replay request. Throws ReplayRequestError naming
 * every bad field (never retriable); touches nothing.
 */
export async function validateReplayRequest(
  input: ValidateReplayRequestInput,
): Promise<ValidateReplayRequestOutput> {
  return { request: parseReplayRequest(input) };
}

/** Builds the handler of the replay's "Validate Request" (it needs no deps). */
export const createValidateReplayRequestHandler = () =>
  middy(async (event: ValidateReplayRequestInput) => validateReplayRequest(event));

/** Lambda entry point of "Validate Request". */
export const handler = createValidateReplayRequestHandler();
