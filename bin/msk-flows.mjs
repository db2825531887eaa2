#!/usr/bin/env node
// The `msk-flows` command. Our sources are TypeScript; tsx loads them in-process (no build step).
import { register } from 'tsx/esm/api';

register();
// Task logs are for CloudWatch; a person at a terminal reads the progress lines (override to debug).
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// EMF metrics go to stdout, where the CLI prints results; CloudWatch is not listening locally.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
