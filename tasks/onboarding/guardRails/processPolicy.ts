import type { PlatformPolicy } from './defaults';
import { platformPolicyFromEnv } from './policy';

let cached: PlatformPolicy | undefined;

/**
 * The policy of this Lambda container (`MSK_FLOWS_PLATFORM_POLICY` over the defaults), parsed on first
 * use: a malformed policy fails the task that needs it with PlatformPolicyError, not the module's import.
 */
export function processPlatformPolicy(): PlatformPolicy {
  cached ??= platformPolicyFromEnv();
  return cached;
}
