import { KafkaConnectRequestError, KafkaConnectUnavailableError } from '../errors';

/** A connector's status as `GET /connectors/{name}/status` reports it. */
export interface ConnectorStatus {
  name: string;
  connector: { state: string; trace?: string };
  tasks: { id: number; state: string; trace?: string }[];
}

/** The Kafka Connect REST calls msk-flows makes (https://kafka.apache.org/documentation/#connect_rest). */
export interface KafkaConnectApi {
  readonly url: string;
  /** The stored (unresolved) configuration, or undefined when there is no such connector. */
  getConfig(name: string): Promise<Record<string, string> | undefined>;
  /** Creates or updates the connector (`PUT /connectors/{name}/config`); true when it was created. */
  putConfig(name: string, config: Record<string, string>): Promise<boolean>;
  /** The connector's and its tasks' states, or undefined when there is no such connector. */
  status(name: string): Promise<ConnectorStatus | undefined>;
  /** Deletes the connector; false when there was none. */
  delete(name: string): Promise<boolean>;
}

type Fetch = typeof fetch;

/** A client of one Kafka Connect cluster's REST API. 5xx, 409 (rebalance) and network errors are retriable. */
export function kafkaConnectApi(url: string, fetchImpl: Fetch = fetch): KafkaConnectApi {
  const base = url.replace(/\/+$/, '');
  async function call(name: string, operation: string, method: string, path: string, body?: unknown) {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new KafkaConnectUnavailableError(base, name, (error as Error).message, { cause: error });
    }
    if (response.status === 404) return undefined;
    const text = await response.text();
    if (response.status >= 500 || response.status === 409) {
      throw new KafkaConnectUnavailableError(base, name, `${operation} answered ${response.status}`);
    }
    if (response.status >= 400) {
      const message = (safeJson(text) as { message?: string } | undefined)?.message ?? text.slice(0, 500);
      throw new KafkaConnectRequestError(name, operation, response.status, message);
    }
    return { status: response.status, body: safeJson(text) };
  }
  const path = (name: string) => `/connectors/${encodeURIComponent(name)}`;
  return {
    url: base,
    async getConfig(name) {
      return (await call(name, 'GetConfig', 'GET', `${path(name)}/config`))?.body as
        | Record<string, string>
        | undefined;
    },
    async putConfig(name, config) {
      const out = await call(name, 'PutConfig', 'PUT', `${path(name)}/config`, config);
      return out?.status === 201;
    },
    async status(name) {
      return (await call(name, 'Status', 'GET', `${path(name)}/status`))?.body as ConnectorStatus | undefined;
    },
    async delete(name) {
      return (await call(name, 'Delete', 'DELETE', path(name))) !== undefined;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
