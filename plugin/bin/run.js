#!/usr/bin/env node
// The plugin's commands through oclif, without the sf CLI: bin/run.js acton readiness score ...
import { execute, settings } from '@oclif/core';
import { score } from '../src/readiness.js';

// The commands are JavaScript: never look for TypeScript sources (oclif does when NODE_ENV is test).
settings.enableAutoTranspile = false;
await execute({ dir: import.meta.url });
score.exitWhenFlushed();
