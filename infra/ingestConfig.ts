import type { Construct } from 'constructs';
import { type IngestConfig, readDeploymentConfig } from './config';

export type { IngestConfig } from './config';

/** The validated `msk-flows:ingest` context (see infra/config/ingestSchema.ts); throws naming every bad field. */
export function readIngestConfig(scope: Construct): IngestConfig {
  return readDeploymentConfig(scope).ingest;
}
