#!/usr/bin/env node
'use strict';
/**
 * npm pack's prepack: puts the one engine and the command line's readers into dist/ (build output,
 * git-ignored), laid out as in the repository so that scripts/lib/load-ts.cjs and checklist-xml.cjs
 * find them where they look:
 *   dist/force-app/main/default/lwc/readinessEngine/*.js   the engine's TypeScript compiled to CommonJS
 *   dist/force-app/main/default/customMetadata/...          the shipped checklist records
 *   dist/scripts/score.cjs, dist/scripts/lib/*.cjs          the command line, unchanged
 * Nothing here is written by hand: every file is compiled or copied from the repository.
 * With --clean (npm's postpack) it only removes dist/ again: the copy lives as long as the pack.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const PLUGIN = path.resolve(__dirname, '..');
const ROOT = path.resolve(PLUGIN, '..');
const DIST = path.join(PLUGIN, 'dist');
const started = Date.now();

fs.rmSync(DIST, { recursive: true, force: true });
if (process.argv.includes('--clean')) process.exit(0);

const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(__dirname, 'tsconfig.engine.json')], {
  stdio: 'inherit'
});
if (compiled.status !== 0) {
  process.stderr.write('prepack: compiling the engine failed (see above)\n');
  process.exit(compiled.status ?? 1);
}

function copy(relative, keep = () => true) {
  const from = path.join(ROOT, relative);
  const to = path.join(DIST, relative);
  fs.mkdirSync(to, { recursive: true });
  const files = fs.readdirSync(from).filter((f) => fs.statSync(path.join(from, f)).isFile() && keep(f));
  for (const f of files) fs.copyFileSync(path.join(from, f), path.join(to, f));
  return files.length;
}
copy('scripts', (f) => f === 'score.cjs');
copy('scripts/lib', (f) => f.endsWith('.cjs'));
const checks = copy(
  'force-app/main/default/customMetadata',
  (f) => f.startsWith('Readiness_Check.') && f.endsWith('.md-meta.xml')
);
// The plugin's package is an ES module package; the compiled engine and the scripts are CommonJS.
fs.writeFileSync(path.join(DIST, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

process.stdout.write(
  `prepack: engine compiled, command line and ${checks} checklist records copied to ${path.relative(ROOT, DIST)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
);
