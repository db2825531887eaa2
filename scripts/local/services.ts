import { elasticMqService } from './elasticmq/service';
import { kafkaService } from './kafka/service';
import { s3MockService } from './s3mock/service';
import type { LocalService } from './service';

/** Every service of the local stack, started in this order and stopped in reverse. */
export const services: readonly LocalService[] = [kafkaService, elasticMqService, s3MockService];

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
