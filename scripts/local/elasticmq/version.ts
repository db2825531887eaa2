/**
 * The local SQS server: ElasticMQ, pinned here (passed to pom.xml as -Delasticmq.version). 1.6.16 is the
 * oldest whose errors the current SQS client (JSON protocol) can parse.
 */
export const ELASTICMQ_VERSION = '1.7.1';

/** Loopback only: ElasticMQ binds 0.0.0.0 unless told otherwise. */
export const SQS_HOST = '127.0.0.1';
export const SQS_PORT = 9324;

/** The account id ElasticMQ puts in queue URLs and ARNs. */
export const SQS_ACCOUNT_ID = '000000000000';

/** Queues created at start-up: the dead-letter queue our ingest functions publish DLQ envelopes to. */
export const LOCAL_QUEUES = ['msk-flows-local-dlq'] as const;
