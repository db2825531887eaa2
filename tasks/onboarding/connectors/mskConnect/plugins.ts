import { CreateCustomPluginCommand, CreateWorkerConfigurationCommand } from '@aws-sdk/client-kafkaconnect';
import { awsCall } from '../../cluster/awsCall';
import type { Change, Journal, LedgerEntry } from '../../contracts';
import { type RunContext, runContextOf } from '../../registry/runContext';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { customPluginNameFor, mskConnectorDescriptionFor } from '../names';
import { type ConnectorRegistry, claimConnectors, settleConnectorsOwned } from '../registryClaims';
import type { ConnectorDeps, ConnectorRequest } from '../types';
import { findCustomPlugin, findWorkerConfiguration } from './lookup';
import { type MskNamedEntry, namedResourceVerdict } from './ownedByName';
import { workerConfigurationNameFor, workerProperties } from './workerConfigurationName';

const tagsOf = (request: ConnectorRequest) => ({ ...request.tags, 'msk-flows:request': request.requestId });

type Deps = Pick<ConnectorDeps, 'mskConnect'>;

/** One named thing to ensure: its entry (by name), how to find it, and how to create it (returns the ARN). */
interface Named {
  entry: MskNamedEntry;
  find: () => Promise<{ arn?: string; description?: string } | undefined>;
  create: () => Promise<string | undefined>;
}

const withArn = (entry: MskNamedEntry, arn: string | undefined): MskNamedEntry =>
  !arn
    ? entry
    : entry.kind === 'custom-plugin'
      ? { ...entry, customPluginArn: arn }
      : { ...entry, workerConfigurationArn: arn };

/** The connector's custom plugin (when the spec has one) and worker configuration (when it sets one). */
function namedOf(spec: ConnectorSpec, request: ConnectorRequest, deps: Deps): Named[] {
  const named: Named[] = [];
  const description = mskConnectorDescriptionFor(request.principal);
  if (spec.plugin) {
    const { s3, contentType } = spec.plugin;
    const name = customPluginNameFor(spec.name);
    named.push({
      entry: { kind: 'custom-plugin', name },
      find: async () => {
        const p = await findCustomPlugin(deps.mskConnect, name);
        return p && { arn: p.customPluginArn, description: p.description };
      },
      create: async () =>
        (
          await awsCall('CreateCustomPlugin', name, () =>
            deps.mskConnect.send(
              new CreateCustomPluginCommand({
                name,
                description,
                contentType,
                location: {
                  s3Location: {
                    bucketArn: s3.bucketArn,
                    fileKey: s3.fileKey,
                    objectVersion: s3.objectVersion,
                  },
                },
                tags: tagsOf(request),
              }),
            ),
          )
        ).customPluginArn,
    });
  }
  if (spec.workerConfiguration) {
    const name = workerConfigurationNameFor(spec.name, spec.workerConfiguration);
    const content = Buffer.from(workerProperties(spec.workerConfiguration)).toString('base64');
    named.push({
      entry: { kind: 'worker-configuration', name },
      find: async () => {
        const w = await findWorkerConfiguration(deps.mskConnect, name);
        return w && { arn: w.workerConfigurationArn, description: w.description };
      },
      create: async () =>
        (
          await awsCall('CreateWorkerConfiguration', name, () =>
            deps.mskConnect.send(
              new CreateWorkerConfigurationCommand({
                name,
                description,
                propertiesFileContent: content,
                tags: tagsOf(request),
              }),
            ),
          )
        ).workerConfigurationArn,
    });
  }
  return named;
}

/**
 * Plans the custom plugin and worker configuration of one MSK Connect connector. Read-only; a same-named
 * one msk-flows does not own for the principal is refused (ownedByName.ts).
 */
export async function planMskPlugins(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  deps: Deps,
  registry?: ConnectorRegistry,
  ctx: RunContext = runContextOf(request),
): Promise<Change[]> {
  const changes: Change[] = [];
  if (!spec.plugin)
    changes.push({ kind: 'custom-plugin', id: customPluginNameFor(spec.name), action: 'none' });
  for (const { entry, find } of namedOf(spec, request, deps)) {
    const verdict = namedResourceVerdict(spec, entry, await find(), registry, ctx);
    changes.push({ kind: entry.kind, id: entry.name, action: verdict === 'create' ? 'create' : 'none' });
  }
  return changes;
}

/**
 * Creates the custom plugin (from S3) and the worker configuration when missing, each described as made by
 * msk-flows for the principal and claimed by name in the ownership registry before it is created, recorded
 * `owned` with its ARN after; journals what it created (or carries from an unfinished run of the request).
 */
export async function ensureMskPlugins(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  deps: Deps,
  registry?: ConnectorRegistry,
  journal?: Journal,
): Promise<{ changes: Change[]; entries: LedgerEntry[] }> {
  const changes: Change[] = [];
  const entries: LedgerEntry[] = [];
  const ctx = runContextOf(request, journal);
  if (!spec.plugin)
    changes.push({ kind: 'custom-plugin', id: customPluginNameFor(spec.name), action: 'none' });
  for (const { entry, find, create } of namedOf(spec, request, deps)) {
    const found = await find();
    const verdict = namedResourceVerdict(spec, entry, found, registry, ctx);
    if (verdict === 'reuse') {
      changes.push({ kind: entry.kind, id: entry.name, action: 'none' });
      continue;
    }
    const tickets = await claimConnectors(registry, ctx, [entry]);
    const arn = verdict === 'create' ? await create() : found?.arn;
    const done = withArn(entry, arn);
    await settleConnectorsOwned(registry, tickets, done);
    changes.push({ kind: entry.kind, id: entry.name, action: verdict === 'create' ? 'create' : 'none' });
    entries.push(done);
  }
  return { changes, entries };
}
