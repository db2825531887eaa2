/** What `status` reports for one local service. */
export interface ServiceStatus {
  name: string;
  state: 'running' | 'stopped' | 'unhealthy' | 'port-taken';
  pid?: number;
  endpoint?: string;
  detail?: string;
}

/** Result of bringing one service up. */
export interface ServiceUp {
  /** False when an already running, healthy instance was reused. */
  startedNow: boolean;
  /** The service's entry in .local/stack.json. */
  entry: unknown;
}

/** A file or folder holding a service's data: what `npm run local:reset` deletes, and what it is. */
export interface DataPath {
  path: string;
  what: string;
}

/**
 * One process of the local stack (Kafka now; ElasticMQ, S3Mock later). Adding a service is one file
 * implementing this plus one line in services.ts.
 */
export interface LocalService {
  /** Key of the service's entry in .local/stack.json. */
  readonly name: string;
  /** Starts the service unless ours already runs healthy, on the data it already has; idempotent. */
  up(log: (message: string) => void): Promise<ServiceUp>;
  /** Stops the service if we started it; true when something was stopped. */
  down(): Promise<boolean>;
  status(): Promise<ServiceStatus>;
  /** Where the service keeps data that survives restarts (only `local:reset` deletes it). */
  dataPaths(): DataPath[];
}
