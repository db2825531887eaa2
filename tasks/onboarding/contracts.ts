/**
 * Shapes that travel between the onboarding tasks through the state machine's state.
 * The state is JSONPath-addressed: `$.request`, `$.plan`, `$.journal`, `$.cluster`, `$.verification`, `$.error`.
 * Nothing here may ever hold a password: only secret names/ARNs.
 */

/** Where the Kafka cluster is and how the workflow's admin reaches it. */
export type ClusterRef =
  | { kind: 'msk'; arn: string; adminSecretArn?: string }
  | { kind: 'self-managed'; bootstrapServers: string[]; adminSecretArn?: string };

export type ChangeKind =
  | 'secret'
  | 'scram-association'
  | 'scram-user'
  | 'topic'
  | 'topic-partitions'
  | 'topic-config'
  | 'acl'
  // Private access and triggers (tasks/onboarding/privateAccess, tasks/onboarding/triggers).
  | 'multi-vpc-connectivity'
  | 'cluster-policy-statement'
  | 'cluster-lock'
  | 'vpc-connection'
  | 'bootstrap-brokers'
  | 'secret-copy'
  | 'event-source-mapping'
  // Connectors (tasks/onboarding/connectors).
  | 'connector'
  | 'custom-plugin'
  | 'worker-configuration'
  | 'connector-role-policy';

export type ChangeAction = 'create' | 'update' | 'delete' | 'none';

/** One line of a plan or of a run's summary: what was (or would be) done to which thing. */
export interface Change {
  kind: ChangeKind;
  /** Human-readable identity: topic name, secret name, `User:x READ TOPIC:orders (LITERAL)` … */
  id: string;
  action: ChangeAction;
  /** Optional short explanation, e.g. `partitions 3 -> 6`, `retention.ms 1d -> 7d`. Never a secret. */
  detail?: string;
}

/** The Kafka ACL binding our role templates produce: always host `*`, always ALLOW. */
export interface AclBinding {
  resourceType: 'TOPIC' | 'GROUP' | 'CLUSTER' | 'TRANSACTIONAL_ID';
  resourceName: string;
  patternType: 'LITERAL' | 'PREFIXED';
  /** `User:<principal>` */
  principal: string;
  host: '*';
  operation: 'READ' | 'WRITE' | 'DESCRIBE' | 'IDEMPOTENT_WRITE';
  permission: 'ALLOW';
}

/**
 * What THIS execution created or changed, so a failure can undo exactly that, in reverse order.
 * Things that existed before the run are never in the ledger. Partition increases cannot be undone
 * in Kafka and are therefore reported as changes but not journaled.
 */
export type LedgerEntry =
  /**
   * An MSK secret this execution created. `secretArn` is empty only in a registry intent written before
   * CreateSecret answered: undo then finds the secret by name and checks its tags.
   */
  | { kind: 'secret'; secretArn: string; secretName: string }
  /** An offboarded secret this execution restored (undo schedules its deletion again). */
  | { kind: 'secret-restore'; secretArn: string; secretName: string }
  | { kind: 'scram-association'; clusterArn: string; secretArn: string }
  /** `secretCreated: false` when the stored password predates this run (then undo keeps it). */
  | { kind: 'scram-user'; user: string; secretName: string; secretCreated?: boolean }
  | { kind: 'topic'; topic: string }
  | { kind: 'topic-config'; topic: string; previous: Record<string, string | null> }
  | { kind: 'acl'; binding: AclBinding }
  | PrivateAccessLedgerEntry
  | TriggerLedgerEntry
  | ConnectorLedgerEntry;

/**
 * Private access entries (tasks/onboarding/privateAccess/ledger.ts): multi-VPC SCRAM connectivity this
 * execution turned on, the consumer account's cluster policy statement (`previous`: the statement with our
 * Sid it replaced, or null when added), the cluster lock it holds, the managed VPC connection it created.
 */
export type PrivateAccessLedgerEntry =
  | {
      kind: 'multi-vpc-connectivity';
      clusterArn: string;
      /** Empty on a registry use record of connectivity this run did not turn on. */
      operationArn: string;
    }
  | {
      kind: 'cluster-policy-statement';
      clusterArn: string;
      sid: string;
      previous: string | null;
      /** On a registry use record: msk-flows wrote the statement (so its last user may remove it). */
      madeByMskFlows?: boolean;
    }
  | { kind: 'cluster-lock'; clusterArn: string; owner: string }
  | {
      kind: 'vpc-connection';
      clusterArn: string;
      consumerAccountId: string;
      /** Empty only in a registry intent written before CreateVpcConnection answered (found by its VPC then). */
      vpcConnectionArn: string;
      /** The consumer VPC it connects (its registry identity, known before it exists). */
      vpcId?: string;
      /** How compensation reaches the consumer account from the registry alone. */
      consumer?: ConsumerRoleRef;
    };

/**
 * Trigger entries (tasks/onboarding/triggers/ledger.ts): the SCRAM secret copy in the consumer account
 * (`previousVersionId` when an existing copy was updated) and an event source mapping (`previous` holds
 * the settings an update replaced; absent when created).
 */
export type TriggerLedgerEntry =
  | {
      kind: 'secret-copy';
      consumerAccountId: string;
      /** Empty only in a registry intent written before CreateSecret answered (found by name then). */
      secretArn: string;
      secretName: string;
      versionId: string;
      previousVersionId?: string;
      /** How compensation reaches the consumer account from the registry alone. */
      consumer?: ConsumerRoleRef;
    }
  | {
      kind: 'event-source-mapping';
      /** Empty only in a registry intent written before CreateEventSourceMapping answered. */
      uuid: string;
      functionArn: string;
      /** Where it reads: the event source ARN (cluster or VPC connection), or the sorted bootstrap servers. */
      source?: string;
      topics?: string[];
      /** A mapping in a consumer account: the role reached it with (the cluster ARN gives the Region). */
      consumer?: ConsumerRoleRef;
      previous?: MappingSettings;
    };

/**
 * How compensation reaches a consumer account without the request: its ConsumerAccess role and the
 * ExternalId it requires (not a secret: it guards against the confused deputy), the cluster ARN for the Region.
 */
export interface ConsumerRoleRef {
  clusterArn: string;
  roleArn: string;
  externalId: string;
}

/**
 * Connector entries (tasks/onboarding/connectors): a connector this execution created on a Kafka Connect
 * cluster (by its REST URL and name) or on MSK Connect (by name and ARN; `previousCapacity` when it only updated the
 * capacity of one it had created earlier in this run), the MSK Connect custom plugin and worker
 * configuration it created for them, and the inline policy it put on a connector's service execution role
 * (`previous`: the document it replaced, null when it created the policy).
 */
export type ConnectorLedgerEntry =
  | { kind: 'connector'; platform: 'kafka-connect'; connectUrl: string; name: string }
  | {
      kind: 'connector';
      platform: 'msk-connect';
      name: string;
      /** Absent in the registry's `intent` record: it is claimed by name before CreateConnector answers. */
      connectorArn?: string;
      previousCapacity?: unknown;
    }
  // The ARNs are absent in the registry's `intent` records: claimed by name before MSK Connect answers.
  | { kind: 'custom-plugin'; name: string; customPluginArn?: string }
  | { kind: 'worker-configuration'; name: string; workerConfigurationArn?: string }
  | {
      kind: 'connector-role-policy';
      roleArn: string;
      policyName: string;
      previous: string | null;
      /** SHA-256 of the document msk-flows put: an uncertain put is undone only when IAM shows this one. */
      digest?: string;
    };

/** The updatable settings of an event source mapping msk-flows manages. */
export interface MappingSettings {
  batchSize: number;
  batchingWindowSeconds: number;
  onFailureDestinationArn?: string;
}

/** Carried in `$.journal`: every mutating task receives it and returns it extended. */
export interface Journal {
  ledger: LedgerEntry[];
  changes: Change[];
  /** The run's id in the ownership registry (set by Start Journal); absent, steps use the requestId. */
  run?: string;
}

/** An empty journal, the state of an execution before its first mutating step. */
export const emptyJournal = (): Journal => ({ ledger: [], changes: [] });
