import { AssumeRoleCommand, type AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import { awsErrorName, toAwsCallError } from '../cluster/awsCall';
import { parseMskClusterArn } from '../cluster/mskArn';
import type { PrivateLink } from '../request/privateAccessSchema';
import { ConsumerRoleError } from './errors';
import type { ConsumerClients, PrivateAccessDeps } from './types';

/** The request fields every consumer-account step reads. */
export interface ConsumerAccessRequest {
  requestId: string;
  cluster: { kind: 'msk'; arn: string } | { kind: 'self-managed' };
  privateLink?: PrivateLink;
}

// AssumeRole answers these when the trust policy, ExternalId or role is wrong: retrying cannot help.
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'NoSuchEntity', 'InvalidIdentityToken']);

/**
 * Clients in the consumer account: assumes `privateLink.roleArn` with its ExternalId (a 15-minute session
 * named after the request) in the cluster's Region.
 */
export async function consumerAccountClients(
  clusterArn: string,
  privateLink: Pick<PrivateLink, 'roleArn' | 'externalId'>,
  requestId: string,
  deps: Pick<PrivateAccessDeps, 'sts' | 'consumerClients'>,
): Promise<ConsumerClients> {
  const { region } = parseMskClusterArn(clusterArn);
  let out: AssumeRoleCommandOutput;
  try {
    out = await deps.sts.send(
      new AssumeRoleCommand({
        RoleArn: privateLink.roleArn,
        ExternalId: privateLink.externalId,
        RoleSessionName: `msk-flows-${requestId}`.slice(0, 64),
        DurationSeconds: 900,
      }),
    );
  } catch (error) {
    const name = awsErrorName(error);
    if (DENIED.has(name))
      throw new ConsumerRoleError(clusterArn, privateLink.roleArn, name, { cause: error });
    throw toAwsCallError('AssumeRole', privateLink.roleArn, error);
  }
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) {
    throw new ConsumerRoleError(clusterArn, privateLink.roleArn, 'NoCredentials');
  }
  return deps.consumerClients(
    {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    },
    region,
  );
}
