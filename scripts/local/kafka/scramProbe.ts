import { randomBytes } from 'node:crypto';
import { Connection, saslAuthenticateV2, saslHandshakeV1 } from '@platformatic/kafka';
import { protocolErrorIds } from '../../../tasks/onboarding/kafka/platformaticErrors';

/** RFC 5802 §5.1 saslname: `=` and `,` are escaped. */
const saslName = (user: string): string => user.replaceAll('=', '=3D').replaceAll(',', '=2C');

/**
 * Whether the broker has a SCRAM-SHA-512 credential for `user`, asked without any password: Kafka's SCRAM server
 * answers the client-first message with its salt and iterations only when it knows the user, and fails the
 * authentication right there when it does not (ScramSaslServer, state RECEIVE_CLIENT_FIRST_MESSAGE). A wrong
 * password only fails one message later. The exchange is abandoned after the first answer.
 */
export async function brokerKnowsScramUser(host: string, port: number, user: string): Promise<boolean> {
  const connection = new Connection('msk-flows-local-scram-probe', { connectTimeout: 5_000 });
  await connection.connect(host, port);
  try {
    await saslHandshakeV1.api.async(connection, 'SCRAM-SHA-512');
    const nonce = randomBytes(18).toString('base64url');
    try {
      const answer = await saslAuthenticateV2.api.async(
        connection,
        Buffer.from(`n,,n=${saslName(user)},r=${nonce}`),
      );
      return answer.authBytes.toString('utf8').startsWith(`r=${nonce}`);
    } catch (error) {
      if (protocolErrorIds(error).includes('SASL_AUTHENTICATION_FAILED')) return false;
      throw error;
    }
  } finally {
    await connection.close();
  }
}
