import { mkdirSync, writeFileSync } from 'node:fs';
import { LOCAL_AWS_REGION } from '../awsClients';
import { defineJvmService } from '../jvmService';
import type { SqsStackEntry } from '../stackFile';
import { elasticMqJvmFlags, renderElasticMqConfig } from './config';
import { checkSqsHealth } from './health';
import { elasticMqLayout } from './layout';
import { ELASTICMQ_VERSION, LOCAL_QUEUES, SQS_ACCOUNT_ID, SQS_HOST, SQS_PORT } from './version';

const ENDPOINT = `http://${SQS_HOST}:${SQS_PORT}`;

/** The local SQS: ElasticMQ on 127.0.0.1:9324 with the DLQ queue, answering the real AWS SDK. */
export const elasticMqService = defineJvmService({
  name: 'sqs',
  label: 'ElasticMQ',
  version: ELASTICMQ_VERSION,
  host: SQS_HOST,
  ports: [SQS_PORT],
  endpoint: ENDPOINT,
  healthCall: 'ListQueues',
  health: checkSqsHealth,
  startupTimeoutMs: 60_000,
  stopGraceMs: 10_000,
  layout: () => {
    const layout = elasticMqLayout();
    return { ...layout, marker: layout.configFile };
  },
  mavenProperties: { 'elasticmq.version': ELASTICMQ_VERSION },
  dataPaths: () => [{ path: elasticMqLayout().dataDir, what: 'ElasticMQ queues and messages (H2 database)' }],
  prepare: () => {
    const layout = elasticMqLayout();
    mkdirSync(layout.dataDir, { recursive: true });
    writeFileSync(layout.configFile, renderElasticMqConfig(layout.dataDir));
    return elasticMqJvmFlags(layout.configFile, layout.libsDir);
  },
  stackEntry: (): SqsStackEntry => ({
    endpoint: ENDPOINT,
    region: LOCAL_AWS_REGION,
    queues: Object.fromEntries(LOCAL_QUEUES.map((q) => [q, `${ENDPOINT}/${SQS_ACCOUNT_ID}/${q}`])),
  }),
});
