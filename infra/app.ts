#!/usr/bin/env node
import { buildApp } from './buildApp';
import { ContextError } from './config';

// Entry point for `cdk synth` / `cdk deploy` (see cdk.json). Env-agnostic unless context sets a region.
try {
  buildApp().app.synth();
} catch (error) {
  // A bad setting is the operator's to fix: say which, without a stack trace.
  if (!(error instanceof ContextError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
