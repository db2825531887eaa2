import { mkdirSync, writeFileSync } from 'node:fs';
import { LOCAL_AWS_REGION } from '../awsClients';
import { defineJvmService } from '../jvmService';
import type { S3StackEntry } from '../stackFile';
import { renderLoopbackBeans, s3MockArgs } from './config';
import { checkS3Health } from './health';
import { s3MockLayout } from './layout';
import { LOCAL_BUCKETS, S3_HOST, S3_HTTP_PORT, S3_HTTPS_PORT, S3MOCK_VERSION } from './version';

const ENDPOINT = `http://${S3_HOST}:${S3_HTTP_PORT}`;

/** The local S3: Adobe S3Mock on 127.0.0.1:9090 (HTTP) with the local buckets, answering the real AWS SDK. */
export const s3MockService = defineJvmService({
  name: 's3',
  label: 'S3Mock',
  version: S3MOCK_VERSION,
  host: S3_HOST,
  ports: [S3_HTTP_PORT, S3_HTTPS_PORT],
  endpoint: ENDPOINT,
  healthCall: 'ListBuckets',
  health: checkS3Health,
  startupTimeoutMs: 90_000,
  stopGraceMs: 15_000,
  layout: () => {
    const layout = s3MockLayout();
    return { ...layout, marker: layout.loopbackBeans };
  },
  mavenProperties: { 's3mock.version': S3MOCK_VERSION },
  dataPaths: () => [{ path: s3MockLayout().dataDir, what: 'S3Mock buckets and objects' }],
  prepare: () => {
    const layout = s3MockLayout();
    mkdirSync(layout.dataDir, { recursive: true });
    writeFileSync(layout.loopbackBeans, renderLoopbackBeans());
    return s3MockArgs(layout);
  },
  stackEntry: (): S3StackEntry => ({
    endpoint: ENDPOINT,
    region: LOCAL_AWS_REGION,
    forcePathStyle: true,
    buckets: [...LOCAL_BUCKETS],
  }),
});
