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

/**
 * One process of the local stack (Kafka now; ElasticMQ, S3Mock later). Adding a service is one file
 * implementing this plus one line in services.ts.
 */
export interface LocalService {
  /** Key of the service's entry in .local/stack.json. */
  readonly name: string;
  /** Starts the service unless ours already runs healthy; idempotent. */
  up(log: (message: string) => void): Promise<ServiceUp>;
  /** Stops the service if we started it; true when something was stopped. */
  down(): Promise<boolean>;
  status(): Promise<ServiceStatus>;
}
