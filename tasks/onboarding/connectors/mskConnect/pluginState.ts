import { DescribeCustomPluginCommand } from '@aws-sdk/client-kafkaconnect';
import { awsCall } from '../../cluster/awsCall';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { ConnectorFailedError } from '../errors';
import { customPluginNameFor } from '../names';
import type { ConnectorDeps } from '../types';
import { findCustomPlugin } from './lookup';

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
