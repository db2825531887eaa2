import { Kafka, type KafkaConfig } from 'kafkajs';
import { KafkaAuthenticationError, KafkaAuthorizationError, toKafkaError } from '../shared/kafka/errors';
import { aclBindingsForRequest } from './acl/roleTemplates';
import type { ClusterRef } from './contracts';
import { AccessVerificationError } from './errors';
import { kafkaTaskDeps } from './kafka/clients';
import type { TaskLogger } from './kafka/types';
import type { OnboardingRequest } from './request';
import { taskHandlerFactory } from './taskHandler';

export interface VerifyAccessInput {
  request: Pick<OnboardingRequest, 'principal' | 'cluster' | 'grants' | 'topics'>;
  /** The previous result of this step (`$.verification`); `{ attempt: 0 }` before the first check. */
  verification?: { attempt?: number };
}

/** Goes to `$.verification`: the Choice reads `verified`, the Wait reads `waitSeconds`. */
export interface VerifyAccessOutput {
  verified: boolean;
  attempt: number;
  waitSeconds: number;
}

export interface VerifyAccessDeps {
  /** A kafkajs config logging in as the principal with its own secret (connectionAsPrincipal). */
  principalConnection: (cluster: ClusterRef, principal: string) => Promise<KafkaConfig>;
  logger: TaskLogger;
}

/** Checks before giving up: the waits between them add up to about 15 minutes (MSK takes up to ~10). */
export const MAX_VERIFY_ATTEMPTS = 13;
/** Authenticated but denied is only "not yet" this many times (ACLs reach brokers in seconds). */
export const AUTHORIZATION_GRACE_ATTEMPTS = 3;

/** Seconds to wait after check number `attempt`: 5, 10, 20, 40, then 20 more each time up to 120. */
export function verifyWaitSeconds(attempt: number): number {
  const n = Math.max(attempt, 1);
  return n <= 4 ? 5 * 2 ** (n - 1) : Math.min(40 + 20 * (n - 4), 120);
}

/**
 * The topics to describe as the principal: every literal topic grant, and for prefixed grants the
 * request's own topics under that prefix.
 */
export function topicsToVerify(
  request: Pick<OnboardingRequest, 'principal' | 'grants' | 'topics'>,
): string[] {
  const topics = new Set<string>();
  for (const binding of aclBindingsForRequest(request)) {
    if (binding.resourceType !== 'TOPIC') continue;
    if (binding.patternType === 'LITERAL') topics.add(binding.resourceName);
    else for (const t of request.topics) if (t.name.startsWith(binding.resourceName)) topics.add(t.name);
  }
  return [...topics].sort();
}

type Probe =
  | { outcome: 'ok'; missing: string[] }
  | { outcome: 'unauthenticated' }
  | { outcome: 'denied'; topics: string[] };

/**
 * Logs in as the principal and describes each topic; a refused login or a denied topic is an answer, not
 * an error. UNKNOWN_TOPIC_OR_PARTITION proves DESCRIBE too: Kafka answers TOPIC_AUTHORIZATION_FAILED
 * instead to a principal that may not know whether the topic exists.
 */
async function probe(config: KafkaConfig, principal: string, topics: string[]): Promise<Probe> {
  const admin = new Kafka(config).admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const denied: string[] = [];
    const missing: string[] = [];
    for (const topic of topics) {
      try {
        await admin.fetchTopicMetadata({ topics: [topic] });
      } catch (error) {
        if ((error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION') missing.push(topic);
        else if (toKafkaError(error) instanceof KafkaAuthorizationError) denied.push(topic);
        else throw error;
      }
    }
    return denied.length > 0 ? { outcome: 'denied', topics: denied } : { outcome: 'ok', missing };
  } catch (error) {
    const typed = toKafkaError(error, { principal, operation: 'verifyAccess' });
    if (typed instanceof KafkaAuthenticationError) return { outcome: 'unauthenticated' };
    throw typed;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Verify Access: logs in as the new principal with its own credentials and describes every granted topic.
 * A refused login (a new MSK secret takes minutes to reach the brokers) is `verified: false` with a
 * growing wait; after MAX_VERIFY_ATTEMPTS it fails with AccessVerificationError. Never logs the password.
 */
export async function verifyAccess(
  input: VerifyAccessInput,
  deps: VerifyAccessDeps,
): Promise<VerifyAccessOutput> {
  const { request } = input;
  const attempt = (input.verification?.attempt ?? 0) + 1;
  const topics = topicsToVerify(request);
  const config = await deps.principalConnection(request.cluster, request.principal);
  const result = await probe(config, request.principal, topics);
  if (result.outcome === 'ok') {
    const { principal } = request;
    // A granted topic that does not exist (yet) is worth a warning, not a failure: the grant works.
    if (result.missing.length > 0)
      deps.logger.warn('granted topics do not exist', { principal, missing: result.missing });
    deps.logger.info('access verified', { principal, attempt, topics });
    return { verified: true, attempt, waitSeconds: 0 };
  }
  const reason = result.outcome === 'unauthenticated' ? 'authentication' : 'authorization';
  const denied = result.outcome === 'denied' ? result.topics : [];
  const limit = reason === 'authentication' ? MAX_VERIFY_ATTEMPTS : AUTHORIZATION_GRACE_ATTEMPTS;
  if (attempt >= limit) throw new AccessVerificationError(request.principal, attempt, reason, denied);
  const waitSeconds = verifyWaitSeconds(attempt);
  deps.logger.info('access not verified yet', {
    principal: request.principal,
    attempt,
    reason,
    denied,
    waitSeconds,
  });
  return { verified: false, attempt, waitSeconds };
}

/** Builds the handler of the "Verify Access" state over the deps given (local runs pass their own). */
export const createVerifyAccessHandler = taskHandlerFactory(verifyAccess);

/** Lambda entry point of the "Verify Access" state. */
export const handler = createVerifyAccessHandler(kafkaTaskDeps);
