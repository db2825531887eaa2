#!/usr/bin/env node
// The `msk-flows` command. Our sources are TypeScript; tsx loads them in-process (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
