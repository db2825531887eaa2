#!/usr/bin/env node
import { buildApp } from './buildApp';

// Entry point for `cdk synth` / `cdk deploy` (see cdk.json). Env-agnostic unless context sets a region.
buildApp().app.synth();
