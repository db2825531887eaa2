import { parseArn } from '../request/arns';
import type { Trigger } from '../request/privateAccessSchema';

/** The name of the principal's SCRAM secret copy in a consumer account. */
export function secretCopyNameFor(principal: string): string {
  return `msk-flows/scram/${principal}`;
}

/** Tags on everything a trigger creates: whose it is (offboarding deletes only what carries its principal). */
export const TAG_PRINCIPAL = 'msk-flows:principal';
export const TAG_REQUEST_ID = 'msk-flows:request-id';

/** The account a trigger's function lives in. */
export const functionAccountOf = (trigger: Pick<Trigger, 'functionArn'>): string =>
  parseArn(trigger.functionArn)?.account ?? '';

/** Whether the trigger's function is in another account than the MSK cluster (then it goes through privateLink). */
export function inConsumerAccount(
  trigger: Pick<Trigger, 'functionArn'>,
  cluster: { kind: string; arn?: string },
): boolean {
  if (cluster.kind !== 'msk' || !cluster.arn) return false;
  return functionAccountOf(trigger) !== parseArn(cluster.arn)?.account;
}
