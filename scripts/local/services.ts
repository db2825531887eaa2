import { connectService } from './connect/service';
import { elasticMqService } from './elasticmq/service';
import { kafkaService } from './kafka/service';
import { mariaDbService } from './mariadb/service';
import { postgresService } from './postgres/service';
import { s3MockService } from './s3mock/service';
import type { LocalService } from './service';

/** Every service of the local stack, started in this order and stopped in reverse. */
export const services: readonly LocalService[] = [
  kafkaService,
  elasticMqService,
  s3MockService,
  mariaDbService,
  postgresService,
  connectService,
];

/**
 * The services the CDC example needs (a MariaDB with its binlog on, PostgreSQL, a Kafka Connect worker):
 * `local:up` starts them with the rest; the jest run starts them only in the test files that use them
 * (the Connect JVM is the heaviest part of the stack).
 */
export const CDC_SERVICES: readonly string[] = ['mariadb', 'postgres', 'connect'];

/** The services every test run needs (all but the CDC ones). */
export const CORE_SERVICES: readonly string[] = services
  .map((s) => s.name)
  .filter((name) => !CDC_SERVICES.includes(name));

/** The registered services with these names (all when `names` is undefined); unknown names are an error. */
export function selectServices(names?: readonly string[]): LocalService[] {
  if (names === undefined) return [...services];
  const unknown = names.filter((name) => !services.some((service) => service.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown local service(s): ${unknown.join(', ')}; known: ${services.map((s) => s.name).join(', ')}`,
    );
  }
  return services.filter((service) => names.includes(service.name));
}
