import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/local/paths';
import { DEFAULT_POLICY, type PlatformPolicy } from '../../tasks/onboarding/guardRails/defaults';
import { parsePlatformPolicyText } from '../../tasks/onboarding/guardRails/policy';
import { readInputFile } from '../readInputFile';

/** Where a local run finds the platform policy when `--policy` names none. */
export const LOCAL_POLICY_FILE = join('.local', 'platform-policy.json');

/**
 * The platform policy of a local run: `--policy FILE`, else `.local/platform-policy.json` when it exists,
 * else the built-in defaults. A malformed file is a PlatformPolicyError naming every bad field.
 */
export function localPlatformPolicy(policyFile?: string): { policy: PlatformPolicy; source: string } {
  const file = policyFile ?? join(repoRoot(), LOCAL_POLICY_FILE);
  if (!policyFile && !existsSync(file)) return { policy: DEFAULT_POLICY, source: 'the built-in defaults' };
  return { policy: parsePlatformPolicyText(readInputFile('--policy', file), file), source: file };
}
