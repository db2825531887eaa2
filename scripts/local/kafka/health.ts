import { logLevel } from 'kafkajs';
import { createKafka, withAdmin } from '../../../tasks/shared/kafka/client';
import { SecretError } from '../../../tasks/shared/secrets/errors';
import type { KafkaStackEntry } from '../stackFile';

/** A health check of the local broker; `authFailed` when it answered but refused the admin's credentials. */
export interface KafkaHealth {
  healthy: boolean;
  reason?: string;
  authFailed?: boolean;
}

/** True when `error` (or one it wraps) is a refused SASL login or an unusable admin secret file. */
function isAuthFailure(error: unknown): boolean {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current instanceof SecretError || current.name === 'KafkaJSSASLAuthenticationError') return true;
    const wrapped = current as { cause?: unknown; originalError?: unknown };
    current = wrapped.cause ?? wrapped.originalError;
  }
  return false;
}

/** Whether a SCRAM-SHA-512 admin client really connects and describes the cluster; the reason when not. */
export async function checkKafkaHealth(entry: KafkaStackEntry): Promise<KafkaHealth> {
  try {
    const kafka = await createKafka(
      {
        brokers: entry.bootstrapServers,
        clientId: 'msk-flows-local-health',
        auth: { type: 'scram', secret: { kind: 'file', path: entry.adminSecretFile }, plaintext: true },
      },
      {
        options: { logLevel: logLevel.NOTHING, connectionTimeout: 2_000, requestTimeout: 5_000, retries: 0 },
      },
    );
    await withAdmin(kafka, (admin) => admin.describeCluster());
    return { healthy: true };
  } catch (error) {
    return {
      healthy: false,
      reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      authFailed: isAuthFailure(error),
    };
  }
}

/** How long the admin's login must keep being refused before we call it wrong (not a broker still loading). */
const AUTH_REFUSED_FOR_MS = 5_000;

/** How waiting for the admin ended: it works, its login is refused, the process exited, or time ran out. */
export type AdminWait =
  | { outcome: 'healthy' }
  | { outcome: 'auth-failed' | 'exited' | 'timeout'; reason: string };

/** Polls the admin login until it works, is refused for 5 s running, `exited()` is true, or `timeoutMs` passes. */
export async function awaitAdmin(
  entry: KafkaStackEntry,
  options: { timeoutMs: number; exited?: () => boolean },
): Promise<AdminWait> {
  const deadline = Date.now() + options.timeoutMs;
  let refusedSince: number | undefined;
  let reason = 'no answer yet';
  for (;;) {
    if (options.exited?.()) return { outcome: 'exited', reason: 'the process exited' };
    const health = await checkKafkaHealth(entry);
    if (health.healthy) return { outcome: 'healthy' };
    reason = health.reason ?? reason;
    refusedSince = health.authFailed ? (refusedSince ?? Date.now()) : undefined;
    if (refusedSince !== undefined && Date.now() - refusedSince >= AUTH_REFUSED_FOR_MS) {
      return { outcome: 'auth-failed', reason };
    }
    if (Date.now() >= deadline) return { outcome: 'timeout', reason };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
