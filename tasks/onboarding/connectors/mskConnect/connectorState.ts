import { DescribeConnectorCommand } from '@aws-sdk/client-kafkaconnect';
import { awsCall } from '../../cluster/awsCall';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { ConnectorFailedError } from '../errors';
import type { ConnectorDeps } from '../types';
import { findConnector } from './lookup';

/** Whether the MSK Connect connector runs; FAILED surfaces its state description. */
export async function mskConnectorState(
  spec: ConnectorSpec,
  deps: Pick<ConnectorDeps, 'mskConnect'>,
): Promise<{ running: boolean; state: string }> {
  const summary = await findConnector(deps.mskConnect, spec.name);
  if (!summary?.connectorArn) return { running: false, state: 'MISSING' };
  const arn = summary.connectorArn;
  const out = await awsCall('DescribeConnector', arn, () =>
    deps.mskConnect.send(new DescribeConnectorCommand({ connectorArn: arn })),
  );
  const state = out.connectorState ?? 'UNKNOWN';
  if (state === 'FAILED')
    throw new ConnectorFailedError(
      spec.name,
      'the connector',
      [out.stateDescription?.code, out.stateDescription?.message].filter(Boolean).join(': ') || state,
    );
  return { running: state === 'RUNNING', state };
}
