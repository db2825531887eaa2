import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AclOperations, AclPermissionTypes, ResourcePatternTypes, ResourceTypes } from '@platformatic/kafka';
import { awsCall } from '../cluster/awsCall';
import type { ClusterRef } from '../contracts';
import { withPlatformaticAdmin } from '../kafka/platformaticAdmin';
import type { KafkaStepDeps } from '../kafka/types';

/**
 * The platform's SCRAM admin and how many ALLOW ACLs name it: with allow.everyone.if.no.acl.found=false an
 * admin holding none (and not a super user) locks the operators out. Undefined for an IAM admin, whom IAM
 * policies authorize, not ACLs. Only the secret's username is read into a variable that leaves this function.
 */
export async function adminAclsOf(
  cluster: ClusterRef,
  deps: { secretsManager: SecretsManagerClient; kafka: KafkaStepDeps },
): Promise<{ user: string; acls: number } | undefined> {
  const secretArn = cluster.adminSecretArn;
  if (cluster.kind !== 'msk' || !secretArn) return undefined;
  const out = await awsCall('GetSecretValue', secretArn, () =>
    deps.secretsManager.send(new GetSecretValueCommand({ SecretId: secretArn })),
  );
  const user = String((JSON.parse(out.SecretString ?? '{}') as { username?: unknown }).username ?? '');
  const connection = await deps.kafka.connect(cluster);
  const acls = await withPlatformaticAdmin(connection, 'describeAcls', async (admin) => {
    const resources = await admin.describeAcls({
      filter: {
        resourceType: ResourceTypes.ANY,
        resourceName: null,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal: `User:${user}`,
        host: null,
        operation: AclOperations.ANY,
        permissionType: AclPermissionTypes.ALLOW,
      },
    });
    return resources.reduce((sum, resource) => sum + resource.acls.length, 0);
  });
  return { user, acls };
}
