import { createHash } from 'node:crypto';
import {
  CreateCustomPluginCommand,
  CreateWorkerConfigurationCommand,
  DescribeCustomPluginCommand,
} from '@aws-sdk/client-kafkaconnect';
import { awsCall } from '../../cluster/awsCall';
import type { Change, LedgerEntry } from '../../contracts';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { ConnectorFailedError } from '../errors';
import { customPluginNameFor } from '../names';
import type { ConnectorDeps, ConnectorRequest } from '../types';
import { findCustomPlugin, findWorkerConfiguration } from './lookup';

/** Worker properties as a properties file (sorted, so equal settings give equal content). */
export function workerProperties(worker: Record<string, string>): string {
  return `${Object.entries(worker)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`;
}

/**
 * A worker configuration's name carries a hash of its content: MSK Connect keeps revisions, never edits in
 * place, so other settings are another configuration and an existing one with this name is exactly ours.
 */
export function workerConfigurationNameFor(connector: string, worker: Record<string, string>): string {
  const hash = createHash('sha256').update(workerProperties(worker)).digest('hex').slice(0, 10);
  return `msk-flows-${connector}-${hash}`;
}

const tagsOf = (request: ConnectorRequest) => ({ ...request.tags, 'msk-flows:request': request.requestId });

/** Plans the custom plugin and worker configuration of one MSK Connect connector. Read-only. */
export async function planMskPlugins(
  spec: ConnectorSpec,
  deps: Pick<ConnectorDeps, 'mskConnect'>,
): Promise<Change[]> {
  const pluginName = customPluginNameFor(spec.name);
  const plugin = await findCustomPlugin(deps.mskConnect, pluginName);
  const changes: Change[] = [{ kind: 'custom-plugin', id: pluginName, action: plugin ? 'none' : 'create' }];
  if (spec.workerConfiguration) {
    const name = workerConfigurationNameFor(spec.name, spec.workerConfiguration);
    const existing = await findWorkerConfiguration(deps.mskConnect, name);
    changes.push({ kind: 'worker-configuration', id: name, action: existing ? 'none' : 'create' });
  }
  return changes;
}

/** Creates the custom plugin (from S3) and the worker configuration when missing; journals what it created. */
export async function ensureMskPlugins(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  deps: Pick<ConnectorDeps, 'mskConnect' | 'logger'>,
): Promise<{ changes: Change[]; entries: LedgerEntry[] }> {
  const changes: Change[] = [];
  const entries: LedgerEntry[] = [];
  const pluginName = customPluginNameFor(spec.name);
  if (spec.plugin && !(await findCustomPlugin(deps.mskConnect, pluginName))) {
    const { s3, contentType } = spec.plugin;
    const out = await awsCall('CreateCustomPlugin', pluginName, () =>
      deps.mskConnect.send(
        new CreateCustomPluginCommand({
          name: pluginName,
          contentType,
          location: {
            s3Location: { bucketArn: s3.bucketArn, fileKey: s3.fileKey, objectVersion: s3.objectVersion },
          },
          tags: tagsOf(request),
        }),
      ),
    );
    changes.push({ kind: 'custom-plugin', id: pluginName, action: 'create' });
    entries.push({ kind: 'custom-plugin', name: pluginName, customPluginArn: out.customPluginArn ?? '' });
  } else changes.push({ kind: 'custom-plugin', id: pluginName, action: 'none' });
  if (spec.workerConfiguration) {
    const name = workerConfigurationNameFor(spec.name, spec.workerConfiguration);
    if (await findWorkerConfiguration(deps.mskConnect, name)) {
      changes.push({ kind: 'worker-configuration', id: name, action: 'none' });
    } else {
      const content = Buffer.from(workerProperties(spec.workerConfiguration)).toString('base64');
      const out = await awsCall('CreateWorkerConfiguration', name, () =>
        deps.mskConnect.send(
          new CreateWorkerConfigurationCommand({
            name,
            propertiesFileContent: content,
            tags: tagsOf(request),
          }),
        ),
      );
      changes.push({ kind: 'worker-configuration', id: name, action: 'create' });
      entries.push({
        kind: 'worker-configuration',
        name,
        workerConfigurationArn: out.workerConfigurationArn ?? '',
      });
    }
  }
  return { changes, entries };
}

/** Whether the connector's custom plugin is ACTIVE; CREATE_FAILED surfaces MSK Connect's reason. */
export async function mskPluginState(
  spec: ConnectorSpec,
  deps: Pick<ConnectorDeps, 'mskConnect'>,
): Promise<{ active: boolean; state: string; arn?: string; revision?: number }> {
  const summary = await findCustomPlugin(deps.mskConnect, customPluginNameFor(spec.name));
  if (!summary?.customPluginArn) return { active: false, state: 'MISSING' };
  const arn = summary.customPluginArn;
  const out = await awsCall('DescribeCustomPlugin', arn, () =>
    deps.mskConnect.send(new DescribeCustomPluginCommand({ customPluginArn: arn })),
  );
  const state = out.customPluginState ?? 'UNKNOWN';
  if (state === 'CREATE_FAILED')
    throw new ConnectorFailedError(spec.name, 'its custom plugin', out.stateDescription?.message ?? state);
  return { active: state === 'ACTIVE', state, arn, revision: out.latestRevision?.revision };
}
