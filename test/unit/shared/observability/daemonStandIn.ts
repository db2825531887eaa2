import { createSocket } from 'node:dgram';
import type { SubsegmentDocument } from '../../../../tasks/shared/observability/xray/subsegment';

/** A UDP socket on a free local port standing in for the X-Ray daemon: it keeps every document sent to it. */
export interface DaemonStandIn {
  address: string;
  documents: SubsegmentDocument[];
  /** Resolves once `n` documents have arrived (UDP on loopback: they do, in order). */
  received(n: number): Promise<SubsegmentDocument[]>;
  close(): Promise<void>;
}

/** Starts a daemon stand-in; each datagram must be the daemon's header line, then one JSON document. */
export async function startDaemonStandIn(): Promise<DaemonStandIn> {
  const socket = createSocket('udp4');
  const documents: SubsegmentDocument[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (message) => {
    const [header, body] = message.toString('utf8').split('\n');
    if (header !== '{"format": "json", "version": 1}') throw new Error(`bad header ${header}`);
    documents.push(JSON.parse(body as string));
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const received = async (n: number): Promise<SubsegmentDocument[]> => {
    while (documents.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    return documents.slice(0, n);
  };
  return {
    address: `127.0.0.1:${socket.address().port}`,
    documents,
    received,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
