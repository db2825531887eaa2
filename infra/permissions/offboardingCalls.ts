import { WORKFLOW_TASKS } from '../../workflows/taskRegistry';
import type { CallTable } from './calls';
import { FINISH_RUNS_CONNECTORS_CALLS } from './connectorCalls';
import {
  ADMIN_LOGIN,
  DELETE_ACLS,
  DELETE_OWN_SECRET,
  DELETE_TOPICS,
  DESCRIBE_ACLS,
  DESCRIBE_BROKER_CONFIGS,
  DESCRIBE_SECRET,
  DESCRIBE_TOPICS,
  DISASSOCIATE,
  excused,
  LIST_SCRAM_SECRETS,
  MSK_SUPER_USERS,
  READ_OWN_SECRET,
  REGISTRY_READ,
  REGISTRY_WRITE,
  SELF_MANAGED_ADMIN,
  STORE_WRITES,
  UNDO_FROM_REGISTRY,
} from './kafkaAdminCalls';
import { UNDO_MAPPINGS_FROM_REGISTRY, UNDO_SHARED_ACCESS_FROM_REGISTRY } from './privateAccessCalls';

const READS_ONLY =
  'tasks/onboarding/kafka/clients.ts holds the secret store; this task only reads the admin secret';
const STORE_WRITES_BUT_DELETE = STORE_WRITES.filter((c) => c !== 'DeleteSecretCommand');

/** Plan Offboarding: what of the request exists, and who owns it (refuses what msk-flows does not own). */
export const PLAN_OFFBOARDING_CALLS: CallTable = {
  sid: 'PlanOffboardingCalls',
  entry: WORKFLOW_TASKS.planOffboarding.entry,
  calls: [...ADMIN_LOGIN, ...REGISTRY_READ, DESCRIBE_ACLS, DESCRIBE_TOPICS],
  neverSent: excused(STORE_WRITES, READS_ONLY),
};

/**
 * Finish Unfinished Runs: what a principal's unfinished runs hold, undone from the registry; its connector
 * part is FINISH_RUNS_CONNECTORS_CALLS.
 */
export const FINISH_UNFINISHED_RUNS_CALLS: CallTable = {
  sid: 'FinishUnfinishedRunsCalls',
  entry: WORKFLOW_TASKS.finishUnfinishedRuns.entry,
  alongside: [FINISH_RUNS_CONNECTORS_CALLS],
  calls: [...UNDO_FROM_REGISTRY, ...UNDO_MAPPINGS_FROM_REGISTRY, ...UNDO_SHARED_ACCESS_FROM_REGISTRY],
  neverSent: {
    ...excused(
      [
        'ListVpcConnectionsCommand',
        'DescribeVpcConnectionCommand',
        'DeleteVpcConnectionCommand',
        'UntagResourceCommand',
      ],
      'a VPC connection is found and ended in the consumer account, with its role (sts:AssumeRole)',
    ),
    UpdateSecretVersionStageCommand:
      "a secret copy's previous version (in the consumer account, with its role): only a ledger entry has one",
    ...excused(
      STORE_WRITES_BUT_DELETE.filter((c) => c !== 'DescribeSecretCommand'),
      'undo only deletes what its runs created',
    ),
    BatchAssociateScramSecretCommand: 'associations.ts also associates (Associate Scram Secret)',
    ...excused(
      ['DeleteItemCommand', 'PutItemCommand'],
      'lockTable.ts (with the undo of a shared use): only Undo Changes releases the cluster lock',
    ),
  },
};

/** Check Principal Is Not Reserved: the admin, the brokers' super.users (MSK: its configuration revision). */
export const CHECK_PRINCIPAL_CALLS: CallTable = {
  sid: 'CheckPrincipalCalls',
  entry: WORKFLOW_TASKS.checkPrincipal.entry,
  calls: [...ADMIN_LOGIN, DESCRIBE_BROKER_CONFIGS, ...MSK_SUPER_USERS],
  neverSent: excused(STORE_WRITES, READS_ONLY),
};

/** Revoke ACLs: the principal's bindings msk-flows owns, in one DeleteAcls. */
export const REVOKE_ACLS_CALLS: CallTable = {
  sid: 'RevokeAclsCalls',
  entry: WORKFLOW_TASKS.revokeAcls.entry,
  calls: [...ADMIN_LOGIN, ...REGISTRY_READ, REGISTRY_WRITE, DESCRIBE_ACLS, DELETE_ACLS],
  neverSent: excused(STORE_WRITES, READS_ONLY),
};

/** Delete Topics: the request's topics msk-flows owns. */
export const DELETE_TOPICS_CALLS: CallTable = {
  sid: 'DeleteTopicsCalls',
  entry: WORKFLOW_TASKS.deleteTopics.entry,
  calls: [...ADMIN_LOGIN, ...REGISTRY_READ, REGISTRY_WRITE, DESCRIBE_TOPICS, DELETE_TOPICS],
  neverSent: excused(STORE_WRITES, READS_ONLY),
};

/**
 * Remove Credentials: on MSK, disassociate and schedule the deletion of our secret (no Kafka login);
 * on self-managed Kafka, the SCRAM user (as the admin) and its stored password.
 */
export const REMOVE_CREDENTIALS_CALLS: CallTable = {
  sid: 'RemoveCredentialsCalls',
  entry: WORKFLOW_TASKS.removeCredentials.entry,
  calls: [
    DESCRIBE_SECRET,
    DELETE_OWN_SECRET,
    LIST_SCRAM_SECRETS,
    ...DISASSOCIATE,
    ...SELF_MANAGED_ADMIN,
    ...READ_OWN_SECRET,
  ],
  neverSent: {
    ...excused(
      STORE_WRITES_BUT_DELETE.filter((c) => c !== 'DescribeSecretCommand'),
      'removal never writes',
    ),
    BatchAssociateScramSecretCommand: 'associations.ts also associates (Associate Scram Secret)',
    GetBootstrapBrokersCommand:
      'the admin logs in only on self-managed clusters here (no MSK brokers or IAM)',
  },
};
