import type * as z from 'zod';

/**
 * Checks of the `connectors` section that span fields; like crossChecks.ts they run on possibly invalid
 * input and stay silent about values whose own rule already failed.
 */

type Ctx = z.RefinementCtx<unknown>;
type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Config keys that hold a credential: their value must be a config provider reference. */
const SECRET_KEY = /(password|secret|credential|jaas|api[._-]?key|token|private[._-]?key)/i;
/**
 * A worker's config provider declaration (`config.providers.<name>.class`, `….param.region`): the provider's
 * name (`secretsmanager`) is no secret; what follows it is checked like any key (a `….param.secret.key` is one).
 */
const PROVIDER_DECLARATION = /^config\.providers\.[^.]+\.?/;
/** `${provider:path:key}` or `${provider:key}`: resolved by the worker's config provider, never stored. */
const PROVIDER_REFERENCE = /^\$\{[A-Za-z0-9_-]+:[^}]+\}$/;
/** Client settings msk-flows writes itself on Kafka Connect: the connector authenticates as the principal. */
const SET_BY_MSK_FLOWS =
  /^(producer|consumer|admin)\.override\.(sasl|security|ssl)\.|^schema\.history\.internal\.(producer|consumer)\.(sasl|security|ssl)\./;
const MSK_CONNECT_ONLY = ['plugin', 'capacity', 'serviceExecutionRoleArn', 'workerConfiguration', 'logGroup'];
const MSK_CONNECT_REQUIRED = ['plugin', 'capacity', 'serviceExecutionRoleArn'];

function fail(ctx: Ctx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', message, path });
}

/** True when `value` is a secret reference a config provider resolves (never the secret itself). */
export function isSecretReference(value: string): boolean {
  return PROVIDER_REFERENCE.test(value);
}

function configIssues(config: Obj, path: PropertyKey[], ctx: Ctx): void {
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'string') continue;
    if (SECRET_KEY.test(key.replace(PROVIDER_DECLARATION, '')) && value !== '' && !isSecretReference(value)) {
      fail(
        ctx,
        [...path, key],
        `holds a secret inline: reference it (\${secretsmanager:…} or \${file:…}) instead`,
      );
    }
    if (SET_BY_MSK_FLOWS.test(key)) {
      fail(ctx, [...path, key], 'set by msk-flows: the connector authenticates as the request principal');
    }
  }
}

function platformIssues(connector: Obj, path: PropertyKey[], ctx: Ctx): void {
  if (connector.platform === 'kafka-connect') {
    for (const key of MSK_CONNECT_ONLY) {
      if (connector[key] !== undefined) fail(ctx, [...path, key], 'only for platform msk-connect');
    }
  } else if (connector.platform === 'msk-connect') {
    for (const key of MSK_CONNECT_REQUIRED) {
      if (connector[key] === undefined) fail(ctx, [...path, key], 'required for platform msk-connect');
    }
  }
}

/** Every connector needs its grant (role connector, same name and direction) and a unique name. */
export function connectorIssues(request: unknown, ctx: Ctx): void {
  if (!isObj(request) || !Array.isArray(request.connectors)) return;
  const grants = Array.isArray(request.grants) ? request.grants.filter(isObj) : [];
  const seen = new Map<string, number>();
  request.connectors.forEach((connector: unknown, index) => {
    if (!isObj(connector)) return;
    const path = ['connectors', index];
    const name = typeof connector.name === 'string' ? connector.name : undefined;
    if (isObj(connector.config)) {
      configIssues(connector.config, [...path, 'config'], ctx);
      if (typeof connector.config['connector.class'] !== 'string')
        fail(ctx, [...path, 'config', 'connector.class'], 'required');
      const history = connector.config['schema.history.internal.kafka.topic'];
      if (history !== undefined && history !== `${name}.schema-history`)
        fail(
          ctx,
          [...path, 'config', 'schema.history.internal.kafka.topic'],
          `msk-flows names it "${name}.schema-history" (its ACLs are granted on that name); leave it out`,
        );
      const configName = connector.config.name;
      if (configName !== undefined && configName !== name)
        fail(
          ctx,
          [...path, 'config', 'name'],
          `must equal the connector name ${JSON.stringify(name)} or be left out`,
        );
    }
    if (isObj(connector.workerConfiguration))
      configIssues(connector.workerConfiguration, [...path, 'workerConfiguration'], ctx);
    platformIssues(connector, path, ctx);
    if (!name) return;
    const first = seen.get(name);
    if (first !== undefined) fail(ctx, [...path, 'name'], `duplicates connectors[${first}].name`);
    else seen.set(name, index);
    const direction = connector.kind;
    if (!grants.some((g) => g.role === 'connector' && g.connector === name && g.direction === direction)) {
      fail(
        ctx,
        [...path, 'name'],
        `needs a grant { "role": "connector", "connector": "${name}", "direction": "${String(direction)}", "topic": … }`,
      );
    }
  });
}
