#!/usr/bin/env node
'use strict';
/**
 * Compiles every TypeScript LWC module to the .js the platform deploys, beside its .ts
 * (git-ignored build output). Uses tsconfig.build.json: target ESNext with standard class fields
 * and no experimental decorators, the one combination whose output the LWC compiler accepts.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');
const started = Date.now();
const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], {
  stdio: 'inherit'
});
if (result.status !== 0) {
  process.stderr.write('build: TypeScript compilation failed (see above)\n');
  process.exit(result.status ?? 1);
}
process.stdout.write(
  `build: TypeScript compiled to the .js the platform deploys in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
);
