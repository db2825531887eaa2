import { Logger } from '@aws-lambda-powertools/logger';
import { s3Client } from '../shared/aws/s3Client';
import type { ReplayDeps } from './deps';
import { ReplayConfigError } from './errors';

/**
 * The replay's buckets from the environment (see clients.ts): parking (required) and the locks' (default: the
 * parking bucket). A missing `PARKING_BUCKET` fails the invocation.
 */
export function replayBuckets(env: NodeJS.ProcessEnv = process.env): {
  parkingBucket: string;
  lockBucket: string;
} {
  const parkingBucket = env.PARKING_BUCKET?.trim();
  if (!parkingBucket) throw new ReplayConfigError('PARKING_BUCKET is not set');
  return { parkingBucket, lockBucket: env.LOCK_BUCKET?.trim() || parkingBucket };
}

/** What "Acquire/Release Replay Lock" need: S3 and the lock bucket. No Kafka client: their bundles stay small. */
export type ReplayLockDeps = Pick<ReplayDeps, 's3' | 'lockBucket'>;

let deps: ReplayLockDeps | undefined;

/** This container's lock deps, built on first use from the environment. */
export function replayLockDeps(env: NodeJS.ProcessEnv = process.env): ReplayLockDeps {
  deps ??= { s3: s3Client(), lockBucket: replayBuckets(env).lockBucket };
  return deps;
}

/** The lock tasks' logger (service `dlq-replay-lock`). */
export const replayLockLogger = (): Logger => new Logger({ serviceName: 'dlq-replay-lock' });
