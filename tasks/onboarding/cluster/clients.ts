import { Logger } from '@aws-lambda-powertools/logger';
import { KafkaClient } from '@aws-sdk/client-kafka';
import { tracer } from '../tracing';

/** What the cores log through: structured attributes, never a secret value. Powertools' Logger fits it. */
export type TaskLogger = Pick<Logger, 'info' | 'warn'>;

/** The logger of this Lambda container. */
export const logger = new Logger({ serviceName: 'msk-flows-onboarding' });

/** The MSK control-plane client of this Lambda container, created once (region from the Lambda's env). */
export const kafkaClient = tracer.captureAWSv3Client(new KafkaClient({}));
