import { CreateCustomPluginCommand, CreateWorkerConfigurationCommand } from '@aws-sdk/client-kafkaconnect';
import { awsCall } from '../../cluster/awsCall';
import type { Change, LedgerEntry } from '../../contracts';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { customPluginNameFor } from '../names';
import type { ConnectorDeps, ConnectorRequest } from '../types';
import { findCustomPlugin, findWorkerConfiguration } from './lookup';
import { workerConfigurationNameFor, workerProperties } from './workerConfigurationName';

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
