import { createSocket, type Socket } from 'node:dgram';

/**
 * Where segment documents go: the X-Ray daemon Lambda runs beside the function, at `AWS_XRAY_DAEMON_ADDRESS`
 * (`host:port`, or `tcp:host:port udp:host:port`: documents go over UDP).
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-daemon
 */
export interface DaemonAddress {
  host: string;
  port: number;
}

const DEFAULT_ADDRESS: DaemonAddress = { host: '127.0.0.1', port: 2000 };

/** The daemon's UDP address from `AWS_XRAY_DAEMON_ADDRESS`; the default when unset or unreadable. */
export function daemonAddress(value: string | undefined): DaemonAddress {
  const udp = value?.split(/\s+/).find((part) => part.startsWith('udp:'));
  const hostPort = (udp ? udp.slice('udp:'.length) : value)?.trim();
  const match = hostPort?.match(/^(.+):(\d{1,5})$/);
  return match ? { host: match[1] as string, port: Number(match[2]) } : DEFAULT_ADDRESS;
}

/** The daemon's datagram header line, then one JSON document per datagram. */
const HEADER = '{"format": "json", "version": 1}\n';

/** A datagram the daemon accepts is at most 64 KiB; a bigger document would be dropped whole. */
export const MAX_DATAGRAM_BYTES = 64 * 1024 - 1;

/** Sends segment documents to the daemon, one datagram each, never throwing into the handler. */
export class DaemonEmitter {
  readonly #address: DaemonAddress;
  #socket: Socket | undefined;

  constructor(address: DaemonAddress) {
    this.#address = address;
  }

  /** The datagram for `document`, or undefined when it is larger than the daemon takes. */
  static datagram(document: object): Buffer | undefined {
    const bytes = Buffer.from(HEADER + JSON.stringify(document));
    return bytes.length <= MAX_DATAGRAM_BYTES ? bytes : undefined;
  }

  /** Sends the datagram; a failed send is lost (tracing never fails an invocation), as the X-Ray SDK does. */
  send(datagram: Buffer): Promise<void> {
    if (!this.#socket) {
      this.#socket = createSocket('udp4');
      this.#socket.unref();
    }
    const socket = this.#socket;
    return new Promise((resolve) => {
      socket.send(datagram, this.#address.port, this.#address.host, () => resolve());
    });
  }
}
