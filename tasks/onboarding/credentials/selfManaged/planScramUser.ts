import type { Change } from '../../contracts';
import { withPlatformaticAdmin } from '../../kafka/platformaticAdmin';
import type { OnboardingRequest } from '../../request';
import { decideScramUser, inspectScramUser } from './scramUserState';
import type { ScramUserDeps } from './upsertScramUser';

/**
 * What Upsert Scram User would change on a self-managed cluster, touching nothing; throws
 * ScramUserConflictError exactly where the upsert would.
 */
export async function planScramUser(
  request: Pick<OnboardingRequest, 'principal' | 'cluster'>,
  deps: ScramUserDeps,
): Promise<Change[]> {
  const connection = await deps.connect(request.cluster);
  return withPlatformaticAdmin(
    connection,
    'planScramUser',
    async (admin) => decideScramUser(await inspectScramUser(admin, deps.secrets, request.principal)).changes,
  );
}
