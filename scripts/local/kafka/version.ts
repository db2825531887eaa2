/** The one place the local broker's Kafka version is pinned (passed to pom.xml as -Dkafka.version). */
export const KAFKA_VERSION = '3.9.1';

/** Loopback only: the local broker is never reachable from other hosts. */
export const KAFKA_HOST = '127.0.0.1';
/** Same port as MSK's SASL/SCRAM listener. */
export const KAFKA_CLIENT_PORT = 9096;
export const KAFKA_CONTROLLER_PORT = 9097;

export const ADMIN_USER = 'admin';
export const CONTROLLER_USER = 'controller';
