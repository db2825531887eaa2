import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { alterUserScramCredentialsV0, Connection, ScramMechanisms } from '@platformatic/kafka';
import type { ScramCredentials } from '../../tasks/shared/secrets/scramCredentials';
import { type LocalKafka, localKafka } from './localStack';

/** Kafka's default and MSK's: SCRAM iterations for SHA-512 credentials. */
const ITERATIONS = 4096;

async function adminConnection(target?: LocalKafka): Promise<Connection> {
  const kafka = target ?? (await localKafka());
  const [host = '', port = ''] = (kafka.brokers[0] ?? '').split(':');
  const connection = new Connection('msk-flows-test-scram', {
    sasl: { mechanism: 'SCRAM-SHA-512', username: kafka.admin.username, password: kafka.admin.password },
  });
  await connection.connect(host, Number(port));
  return connection;
}

/**
 * Creates or updates a SCRAM-SHA-512 user on the local broker (KIP-554 AlterUserScramCredentials, which
 * kafkajs lacks). The broker stores PBKDF2-HMAC-SHA-512 of the password, i.e. SCRAM's SaltedPassword (RFC 5802).
 * `target`: another broker than the local stack's (e.g. a private one a test started).
 */
export async function upsertScramUser(credentials: ScramCredentials, target?: LocalKafka): Promise<void> {
  const salt = randomBytes(32);
  const saltedPassword = pbkdf2Sync(credentials.password, salt, ITERATIONS, 64, 'sha512');
  const connection = await adminConnection(target);
  try {
    await alterUserScramCredentialsV0.api.async(
      connection,
      [],
      [
        {
          name: credentials.username,
          mechanism: ScramMechanisms.SCRAM_SHA_512,
          iterations: ITERATIONS,
          salt,
          saltedPassword,
        },
      ],
    );
  } finally {
    await connection.close();
  }
}

/** Deletes a user's SCRAM-SHA-512 credentials from the local broker (or `target`). */
export async function deleteScramUser(username: string, target?: LocalKafka): Promise<void> {
  const connection = await adminConnection(target);
  try {
    await alterUserScramCredentialsV0.api.async(
      connection,
      [{ name: username, mechanism: ScramMechanisms.SCRAM_SHA_512 }],
      [],
    );
  } finally {
    await connection.close();
  }
}
