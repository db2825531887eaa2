import type { ConnectorSpec } from '../../request/connectorsSchema';
import { ConnectorFailedError } from '../errors';
import type { ConnectorStatus } from './restClient';

/** The first line of a Java stack trace: the exception and its message. */
export const firstLine = (trace: string | undefined): string =>
  (trace ?? 'no trace').split('\n')[0]?.trim() ?? '';

/**
 * Whether the connector and all its tasks run. FAILED anywhere is a ConnectorFailedError carrying the
 * first line of its trace; a connector with no task yet is not running (the worker is still assigning).
 */
export function isRunning(
  spec: ConnectorSpec,
  status: ConnectorStatus | undefined,
): { running: boolean; state: string } {
  if (!status) return { running: false, state: 'MISSING' };
  if (status.connector.state === 'FAILED')
    throw new ConnectorFailedError(spec.name, 'the connector', firstLine(status.connector.trace));
  const failed = status.tasks.find((t) => t.state === 'FAILED');
  if (failed) throw new ConnectorFailedError(spec.name, `task ${failed.id}`, firstLine(failed.trace));
  const running =
    status.connector.state === 'RUNNING' &&
    status.tasks.length > 0 &&
    status.tasks.every((t) => t.state === 'RUNNING');
  const state = running
    ? 'RUNNING'
    : `${status.connector.state} (${status.tasks.length} tasks: ${status.tasks.map((t) => t.state).join(', ') || 'none yet'})`;
  return { running, state };
}
