/**
 * The platform policy msk-flows enforces when no policy file says otherwise. Every bound carries its
 * reason; the README ("Guard rails and the platform policy") lists them, and a test keeps both in step.
 */

/** A numeric topic config: an inclusive range, and whether `-1` ("unlimited") is allowed besides. */
export interface IntegerRule {
  min?: number;
  max?: number;
  /** Kafka reads `-1` as "no limit" for retention.ms / retention.bytes. */
  allowMinusOne?: boolean;
  /** Why the bound exists, quoted in the refusal. */
  why?: string;
}

/** A topic config whose value is one of `values` (or, with `multiple`, a comma-separated set of them). */
export interface ListRule {
  values: string[];
  multiple?: boolean;
  why?: string;
}

export type ConfigRule = IntegerRule | ListRule;

/** The whole policy, defaults applied. */
export interface PlatformPolicy {
  /** Principals never onboarded or offboarded, besides the admin and the broker's super users. */
  reservedPrincipals: string[];
  partitions: { min: number; max: number };
  replicationFactor: { min: number; max?: number };
  /** Prefixed grants (topic, group, transactional id). */
  prefixes: { minLength: number; separators: string[] };
  /** The topic config keys a request may set, each with its bounds; keys not listed are refused. */
  topicConfig: Record<string, ConfigRule>;
}

export const HOUR_MS = 3_600_000;
export const MIB = 1_048_576;
export const GIB = 1_073_741_824;

/** The defaults, each bound with the reason a person would give. */
export const DEFAULT_POLICY: PlatformPolicy = {
  // Kafka's principal for unauthenticated connections: never a team's.
  reservedPrincipals: ['ANONYMOUS'],
  // MSK's guidance for its smallest brokers is about 1,000 partitions per broker (replicas included).
  partitions: { min: 1, max: 1_000 },
  replicationFactor: { min: 1 },
  // `d0.` covers every topic of every team whose name starts d0; a prefix ends at a word boundary.
  prefixes: { minLength: 6, separators: ['.', '-', '_'] },
  topicConfig: {
    'retention.ms': {
      min: HOUR_MS,
      allowMinusOne: false,
      why: 'shorter deletes data before a consumer that restarts can read it, and -1 keeps it forever (disk)',
    },
    'retention.bytes': {
      min: MIB,
      allowMinusOne: true,
      why: 'smaller than one segment deletes data as soon as it is written',
    },
    'segment.bytes': {
      min: MIB,
      max: GIB,
      why: 'tiny segments mean thousands of files and open handles per partition',
    },
    'segment.ms': { min: HOUR_MS, why: 'shorter rolls a new segment file too often' },
    'max.message.bytes': {
      min: 1_024,
      why: 'smaller rejects ordinary records (a record batch alone is 61 bytes of overhead)',
    },
    'min.insync.replicas': { min: 1, why: '0 would acknowledge writes no replica holds' },
    'cleanup.policy': {
      values: ['delete', 'compact'],
      multiple: true,
      why: 'Kafka knows delete and compact',
    },
    'compression.type': {
      values: ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'],
      why: "Kafka's codecs",
    },
    'message.timestamp.type': { values: ['CreateTime', 'LogAppendTime'], why: "Kafka's timestamp types" },
    'delete.retention.ms': {
      min: HOUR_MS,
      why: 'shorter lets a consumer of a compacted topic miss a delete (tombstone)',
    },
    'min.compaction.lag.ms': { min: 0, why: 'must not be negative' },
    'max.compaction.lag.ms': { min: HOUR_MS, why: 'shorter makes the cleaner recompact all the time' },
  },
};

/** Whether a rule is a list (enumeration) rule. */
export function isListRule(rule: ConfigRule): rule is ListRule {
  return 'values' in rule;
}
