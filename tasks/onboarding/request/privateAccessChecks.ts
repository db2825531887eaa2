import type * as z from 'zod';
import { MSK_CLUSTER_ARN, parseArn } from './arns';
import { FUNCTION_ARN, IAM_ROLE_ARN } from './privateAccessSchema';

/**
 * Checks across `cluster`, `privateLink` and `triggers`. Like crossChecks.ts they run on possibly
 * invalid input and stay silent about fields whose own rule already failed.
 */

type Ctx = z.RefinementCtx<unknown>;
type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const fail = (ctx: Ctx, path: PropertyKey[], message: string): void =>
  ctx.addIssue({ code: 'custom', message, path });

/** The cluster's partition, Region and account, when it is a valid MSK cluster ARN. */
function mskClusterOf(request: Obj) {
  const cluster = isObj(request.cluster) ? request.cluster : undefined;
  const arn = str(cluster?.arn);
  return cluster?.kind === 'msk' && arn && MSK_CLUSTER_ARN.test(arn) ? parseArn(arn) : undefined;
}

function privateLinkIssues(request: Obj, ctx: Ctx): void {
  const link = request.privateLink;
  if (!isObj(link)) return;
  const cluster = isObj(request.cluster) ? request.cluster : {};
  if (cluster.kind !== 'msk') {
    fail(
      ctx,
      ['privateLink'],
      'multi-VPC private connectivity is an Amazon MSK feature: use cluster.kind "msk"',
    );
    return;
  }
  const msk = mskClusterOf(request);
  const account = str(link.consumerAccountId);
  const roleArn = str(link.roleArn);
  if (msk && account === msk.account) {
    fail(
      ctx,
      ['privateLink', 'consumerAccountId'],
      `is the cluster's own account: privateLink is for another account`,
    );
  }
  if (roleArn && IAM_ROLE_ARN.test(roleArn)) {
    const role = parseArn(roleArn);
    if (account && role?.account !== account) {
      fail(
        ctx,
        ['privateLink', 'roleArn'],
        `must be a role in consumerAccountId ${account}, not ${role?.account}`,
      );
    }
    if (msk && role?.partition !== msk.partition) {
      fail(ctx, ['privateLink', 'roleArn'], `must be in the cluster's partition ${msk.partition}`);
    }
  }
}

function triggerIssues(request: Obj, trigger: unknown, index: number, ctx: Ctx): void {
  if (!isObj(trigger)) return;
  const path = (field: string) => ['triggers', index, field];
  const cluster = isObj(request.cluster) ? request.cluster : {};
  const msk = mskClusterOf(request);
  const link = isObj(request.privateLink) ? request.privateLink : undefined;
  if (trigger.source === 'msk' && cluster.kind !== 'msk') {
    fail(ctx, path('source'), 'an "msk" trigger needs an MSK cluster: use "self-managed" for other Kafka');
  }
  const functionArn = str(trigger.functionArn);
  if (!functionArn || !FUNCTION_ARN.test(functionArn) || !msk) return;
  const fn = parseArn(functionArn);
  if (fn?.partition !== msk.partition || fn?.region !== msk.region) {
    fail(
      ctx,
      path('functionArn'),
      `must be in the cluster's partition ${msk.partition} and Region ${msk.region}`,
    );
    return;
  }
  const inConsumer = fn.account !== msk.account;
  if (inConsumer && str(link?.consumerAccountId) !== fn.account) {
    fail(
      ctx,
      path('functionArn'),
      `is in account ${fn.account}: a trigger outside the cluster's account ${msk.account} needs privateLink to that account`,
    );
  }
  if (trigger.source === 'self-managed' && !inConsumer && trigger.vpc === undefined) {
    fail(
      ctx,
      path('vpc'),
      "required for a self-managed trigger in the cluster's account: Lambda reaches the brokers through these subnets",
    );
  }
}

/** Duplicate triggers (same function and topic) would be one mapping. */
function duplicateIssues(triggers: unknown[], ctx: Ctx): void {
  const seen = new Map<string, number>();
  triggers.forEach((trigger, index) => {
    if (!isObj(trigger) || !Array.isArray(trigger.topics)) return;
    const key = `${str(trigger.functionArn)}|${trigger.topics.join(',')}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else fail(ctx, ['triggers', index], `same function and topic as triggers[${first}]`);
  });
}

/** Every issue of the privateLink and triggers sections that spans fields. */
export function privateAccessIssues(request: unknown, ctx: Ctx): void {
  if (!isObj(request)) return;
  privateLinkIssues(request, ctx);
  const triggers = Array.isArray(request.triggers) ? request.triggers : [];
  triggers.forEach((trigger, index) => {
    triggerIssues(request, trigger, index, ctx);
  });
  duplicateIssues(triggers, ctx);
}
