import { Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** Why a call happens: an SDK command our code sends, or another thing our code does (checked in the source). */
export type CallEvidence =
  /** `new <command>(` in the function's own modules. */
  | { command: string }
  /** A call that is not an SDK command (a Kafka operation over MSK IAM, an RDS IAM token): `pattern` in its modules. */
  | { code: RegExp; what: string }
  /** What AWS does on the call's behalf (a KMS use behind an SSE-KMS upload): named, not checked. */
  | { dependentOf: string };

/** One thing the function's code does to AWS, and the IAM actions it takes. */
export interface Call {
  actions: string[];
  /** The resource it acts on: a key the construct maps to ARNs (`deadLetterQueue`, `claimCheckKey` …). */
  on: string;
  by: CallEvidence;
  /** Only in this mode of the function (e.g. its Kafka auth scheme `scram` or `iam`). */
  when?: string;
  /** The resource may be absent (a queue without a customer-managed key): then nothing is granted. */
  optional?: boolean;
  /** KMS only through this service (`kms:ViaService`), e.g. `secretsmanager`. */
  via?: string;
  /** Other `StringEquals` conditions (`iam:PassedToService` of a PassRole). */
  stringEquals?: Record<string, string>;
  /** Only on resources carrying this tag (`aws:ResourceTag/<key>` present), e.g. the secrets msk-flows created. */
  resourceTag?: string;
  /** Only when the request sets this tag (`aws:RequestTag/<key>` present), e.g. a CreateSecret with its tags. */
  requestTag?: string;
}

/** A function's table: its entry file, what it calls, and SDK commands its modules hold but never send. */
export interface CallTable {
  /** Statement ids of its grants start with this (`BridgeCalls0` …), which the tests read back. */
  sid: string;
  entry: string;
  calls: Call[];
  /** Command → why this function never sends it (a shared module's other callers). */
  neverSent?: Record<string, string>;
  /** The other tables of the same function (its connector part …): the commands they list count as listed. */
  alongside?: CallTable[];
}

/** The calls active in `mode` (calls without `when` always are). */
export function callsIn(table: CallTable, mode?: string): Call[] {
  return table.calls.filter((call) => call.when === undefined || call.when === mode);
}

/**
 * Grants `grantee` exactly the table's calls in `mode`, each on the ARNs the construct gives for its
 * resource key, with a statement id `<table.sid><n>`. A resource key the construct does not give fails,
 * unless the call is optional.
 */
export function grantCalls(
  scope: IConstruct,
  grantee: IGrantable,
  table: CallTable,
  resources: Record<string, string[] | undefined>,
  mode?: string,
): void {
  callsIn(table, mode).forEach((call, i) => {
    const arns = resources[call.on];
    if (!arns || arns.length === 0) {
      if (call.optional) return;
      throw new Error(`${table.sid}: no resource given for ${call.on} (${call.actions.join(', ')})`);
    }
    const stack = Stack.of(scope);
    const stringEquals = {
      ...call.stringEquals,
      ...(call.via ? { 'kms:ViaService': `${call.via}.${stack.region}.${stack.urlSuffix}` } : {}),
    };
    const present = {
      ...(call.resourceTag ? { [`aws:ResourceTag/${call.resourceTag}`]: 'false' } : {}),
      ...(call.requestTag ? { [`aws:RequestTag/${call.requestTag}`]: 'false' } : {}),
    };
    const conditions = {
      ...(Object.keys(stringEquals).length > 0 ? { StringEquals: stringEquals } : {}),
      ...(Object.keys(present).length > 0 ? { Null: present } : {}),
    };
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: `${table.sid}${i}`,
        actions: call.actions,
        resources: arns,
        ...(Object.keys(conditions).length > 0 ? { conditions } : {}),
      }),
    );
  });
}
