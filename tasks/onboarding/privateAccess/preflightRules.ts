/**
 * The pure rules of the private access preflight, each returning why it fails (undefined: it holds).
 * https://docs.aws.amazon.com/msk/latest/developerguide/aws-access-mult-vpc.html (requirements and limitations)
 */

/** Multi-VPC private connectivity needs Apache Kafka 2.7.1 or later. */
export const MIN_KAFKA_VERSION = [2, 7, 1] as const;

/** `3.7.x.kraft` → [3, 7, 0]; `2.8.2.tiered` → [2, 8, 2]; an `x` counts as 0. */
export function kafkaVersionParts(version: string): number[] {
  return version
    .split('.')
    .slice(0, 3)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : 0));
}

/** Why the Kafka version is too old for multi-VPC connectivity. */
export function kafkaVersionProblem(version: string | undefined): string | undefined {
  if (!version) return 'MSK reports no Kafka version';
  const parts = kafkaVersionParts(version);
  for (let i = 0; i < MIN_KAFKA_VERSION.length; i += 1) {
    const have = parts[i] ?? 0;
    const need = MIN_KAFKA_VERSION[i] ?? 0;
    if (have !== need) {
      return have > need
        ? undefined
        : `Kafka ${version} is older than 2.7.1: upgrade the cluster (UpdateClusterKafkaVersion) first`;
    }
  }
  return undefined;
}

/** `server.properties` text → key/value map (comments and blank lines skipped; `key=value` or `key: value`). */
export function parseServerProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (match?.[1]) out.set(match[1], (match[2] ?? '').trim());
  }
  return out;
}

/** Why the cluster's configuration would let SCRAM clients of other VPCs in without ACLs. */
export function aclDefaultProblem(properties: Map<string, string> | undefined): string | undefined {
  const value = properties?.get('allow.everyone.if.no.acl.found');
  if (value === 'false') return undefined;
  const now = properties ? `it is ${value ?? 'not set'}` : 'the cluster uses no custom configuration';
  return `SASL/SCRAM over multi-VPC needs allow.everyone.if.no.acl.found=false in the cluster configuration (${now}): grant the admin its ACLs first, then update the configuration`;
}

/** `super.users=User:a;User:b` → the principals. */
export function superUsers(properties: Map<string, string> | undefined): string[] {
  return (properties?.get('super.users') ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Why the consumer subnets cannot host a VPC connection to brokers in `brokerAzIds`. */
export function availabilityZoneProblem(
  subnets: { subnetId: string; azId: string }[],
  brokerAzIds: string[],
): string | undefined {
  const brokers = new Set(brokerAzIds);
  const outside = subnets.filter((s) => !brokers.has(s.azId));
  if (outside.length > 0) {
    const list = outside.map((s) => `${s.subnetId} (${s.azId})`).join(', ');
    return `${list} not in the brokers' AZ IDs ${[...brokers].sort().join(', ')}: pick subnets in those AZ IDs (AZ names differ between accounts, IDs do not)`;
  }
  const distinct = new Set(subnets.map((s) => s.azId));
  if (distinct.size < 2) {
    return `the subnets cover ${distinct.size} Availability Zone(s); a VPC connection needs subnets in at least two of ${[...brokers].sort().join(', ')}`;
  }
  return undefined;
}
