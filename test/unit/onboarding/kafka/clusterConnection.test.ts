import { ScramSecretContentError } from '../../../../tasks/onboarding/credentials/msk/errors';
import {
  type ClusterConnectionDeps,
  connectionAsPrincipal,
  connectionFor,
} from '../../../../tasks/onboarding/kafka/clusterConnection';
import { SecretFormatError } from '../../../../tasks/shared/secrets/errors';
import type { SecretStore } from '../../../../tasks/shared/secrets/store';

const MSK_ARN =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const ADMIN_SECRET = 'arn:aws-cn:secretsmanager:cn-northwest-1:111122223333:secret:AmazonMSK_admin-AbCdEf';
const local = {
  bootstrapServers: ['127.0.0.1:9096'],
  adminSecretFile: '/repo/.local/secrets/kafka-admin.json',
};

/** Deps whose MSK lookup answers per listener and records what it was asked. */
function deps(withLocal = true) {
  const asked: string[] = [];
  const connection: ClusterConnectionDeps = {
    resolveMskBootstrapBrokers: async (arn, auth) => {
      asked.push(`${arn} ${auth}`);
      return auth === 'iam' ? ['b-1.orders:9098', 'b-2.orders:9098'] : ['b-1.orders:9096', 'b-2.orders:9096'];
    },
    local: withLocal ? () => local : undefined,
  };
  return { connection, asked };
}

/** An in-memory secret store. */
function store(values: Record<string, string>): SecretStore {
  return {
    get: async (id) => {
      const value = values[id];
      if (value === undefined) throw new Error(`missing ${id}`);
      return value;
    },
    put: async () => undefined,
    delete: async () => undefined,
  };
}

describe('connectionFor', () => {
  it('uses the local admin secret file over plaintext for the local stack cluster', async () => {
    // Prepare
    const { connection } = deps();

    // Act
    const config = await connectionFor(
      { kind: 'self-managed', bootstrapServers: ['127.0.0.1:9096'] },
      connection,
    );

    // Assess
    expect(config).toEqual({
      brokers: ['127.0.0.1:9096'],
      auth: { type: 'scram', secret: { kind: 'file', path: local.adminSecretFile }, plaintext: true },
      cluster: 'local',
    });
  });

  it('uses SCRAM with adminSecretArn over TLS for another self-managed cluster', async () => {
    // Prepare
    const { connection } = deps();
    const cluster = {
      kind: 'self-managed' as const,
      bootstrapServers: ['k1:9096', 'k2:9096'],
      adminSecretArn: ADMIN_SECRET,
    };

    // Act
    const config = await connectionFor(cluster, connection);

    // Assess
    expect(config).toEqual({
      brokers: ['k1:9096', 'k2:9096'],
      auth: { type: 'scram', secret: ADMIN_SECRET },
      cluster: 'k1:9096,k2:9096',
    });
  });

  it('rejects a self-managed cluster without admin credentials', async () => {
    // Prepare
    const { connection } = deps(false);

    // Act
    const config = connectionFor({ kind: 'self-managed', bootstrapServers: ['127.0.0.1:9096'] }, connection);

    // Assess
    await expect(config).rejects.toMatchObject({
      name: 'KafkaConfigError',
      message: expect.stringContaining('adminSecretArn'),
    });
  });

  it('uses the IAM listener and the ARN region for MSK without adminSecretArn', async () => {
    // Prepare
    const { connection, asked } = deps();

    // Act
    const config = await connectionFor({ kind: 'msk', arn: MSK_ARN }, connection);

    // Assess
    expect(asked).toEqual([`${MSK_ARN} iam`]);
    expect(config).toEqual({
      brokers: ['b-1.orders:9098', 'b-2.orders:9098'],
      auth: { type: 'iam', region: 'cn-northwest-1' },
      cluster: MSK_ARN,
    });
  });

  it('uses the SCRAM listener for MSK with adminSecretArn', async () => {
    // Prepare
    const { connection, asked } = deps();

    // Act
    const config = await connectionFor(
      { kind: 'msk', arn: MSK_ARN, adminSecretArn: ADMIN_SECRET },
      connection,
    );

    // Assess
    expect(asked).toEqual([`${MSK_ARN} scram`]);
    expect(config.auth).toEqual({ type: 'scram', secret: ADMIN_SECRET });
    expect(config.brokers).toEqual(['b-1.orders:9096', 'b-2.orders:9096']);
  });
});

describe('connectionAsPrincipal', () => {
  const secret = JSON.stringify({ username: 'orders-analytics', password: 'pw-0123456789' });

  it('logs in with the principal secret on the MSK SCRAM listener over TLS', async () => {
    // Prepare
    const { connection, asked } = deps();
    const secrets = store({ 'AmazonMSK_orders-analytics': secret });

    // Act
    const config = await connectionAsPrincipal({ kind: 'msk', arn: MSK_ARN }, 'orders-analytics', {
      ...connection,
      secrets,
    });

    // Assess
    expect(asked).toEqual([`${MSK_ARN} scram`]);
    expect(config).toMatchObject({
      brokers: ['b-1.orders:9096', 'b-2.orders:9096'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'orders-analytics', password: 'pw-0123456789' },
      retry: { retries: 0 },
    });
  });

  it('uses plaintext on the local stack cluster', async () => {
    // Prepare
    const { connection } = deps();
    const secrets = store({ 'AmazonMSK_orders-analytics': secret });

    // Act
    const config = await connectionAsPrincipal(
      { kind: 'self-managed', bootstrapServers: ['127.0.0.1:9096'] },
      'orders-analytics',
      { ...connection, secrets },
    );

    // Assess
    expect(config).toMatchObject({ brokers: ['127.0.0.1:9096'], ssl: false });
  });

  it('refuses a secret that belongs to another user', async () => {
    // Prepare
    const { connection } = deps();
    const secrets = store({
      'AmazonMSK_orders-analytics': JSON.stringify({ username: 'someone', password: 'x' }),
    });

    // Act
    const config = connectionAsPrincipal({ kind: 'msk', arn: MSK_ARN }, 'orders-analytics', {
      ...connection,
      secrets,
    });

    // Assess
    await expect(config).rejects.toBeInstanceOf(ScramSecretContentError);
  });

  it('names the bad fields of a malformed secret without echoing it', async () => {
    // Prepare
    const { connection } = deps();
    const secrets = store({ 'AmazonMSK_orders-analytics': '{"username":"orders-analytics","pw":"leak"}' });

    // Act
    const config = connectionAsPrincipal({ kind: 'msk', arn: MSK_ARN }, 'orders-analytics', {
      ...connection,
      secrets,
    });

    // Assess
    await expect(config).rejects.toBeInstanceOf(SecretFormatError);
    await expect(config).rejects.toThrow(/password/);
    await expect(config).rejects.not.toThrow(/leak/);
  });
});
