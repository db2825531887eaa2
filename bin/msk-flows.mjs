#!/usr/bin/env node
// The `msk-flows` command. Our sources are TypeScript; tsx loads them in-process (no build step).
import { register } from 'tsx/esm/api';

register();
// Task logs are for CloudWatch; a person at a terminal reads the progress lines (override to debug).
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
