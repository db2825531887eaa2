/** A topic config key as the broker describes it: its effective value and whether it is set on the topic. */
export interface CurrentConfigValue {
  value: string | null;
  /** True when set on the topic itself (DYNAMIC_TOPIC_CONFIG); false when it comes from a default. */
  setOnTopic: boolean;
}

/** The keys to set and, for undo, what each was before (`null` = not set on the topic: a default). */
export interface ConfigDiff {
  set: Record<string, string>;
  previous: Record<string, string | null>;
}

/**
 * Compares the request's config with the topic's: only keys whose effective value differs are set
 * (IncrementalAlterConfigs SET); keys the request does not name are never touched.
 */
export function diffTopicConfig(
  requested: Record<string, string>,
  current: ReadonlyMap<string, CurrentConfigValue>,
): ConfigDiff {
  const diff: ConfigDiff = { set: {}, previous: {} };
  for (const [key, value] of Object.entries(requested).sort(([a], [b]) => a.localeCompare(b))) {
    const now = current.get(key);
    if (now?.value === value) continue;
    diff.set[key] = value;
    diff.previous[key] = now?.setOnTopic ? now.value : null;
  }
  return diff;
}

/** Whether the diff changes anything. */
export function isEmptyDiff(diff: ConfigDiff): boolean {
  return Object.keys(diff.set).length === 0;
}

/** `retention.ms 86400000 -> 604800000, cleanup.policy (default delete) -> compact` for a Change's detail. */
export function describeConfigDiff(
  diff: ConfigDiff,
  current: ReadonlyMap<string, CurrentConfigValue>,
): string {
  return Object.entries(diff.set)
    .map(([key, value]) => {
      const before = diff.previous[key];
      const from = before !== null ? before : `(default ${current.get(key)?.value ?? 'unset'})`;
      return `${key} ${from} -> ${value}`;
    })
    .join(', ');
}
