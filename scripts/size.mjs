#!/usr/bin/env node
/**
 * npm run size: what the console and the card cost the browser. Bundles the two entry components
 * (readinessConsole, readinessCard) with everything of ours they import — templates and styles
 * compiled by the LWC compiler, the engine, the service, the labels — and leaves out what the
 * platform already serves (lwc, lightning/*, @salesforce/*). Code the two share is counted once,
 * as the org serves it once. Each piece is minified with terser and gzipped.
 *
 * Prints one line per piece, then the totals, then `total_min_kb=<n>` as the last line.
 * Target: under 90 KB minified in total. Exits 1 only when the build output is missing; an
 * over-target figure is reported, not failed (this is a measurement, not a test).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import { minify } from 'terser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LWC_DIR = path.join(ROOT, 'force-app', 'main', 'default', 'lwc');
const ENTRIES = ['readinessConsole', 'readinessCard'];
const TARGET_KB = 90;

const bundles = fs.readdirSync(LWC_DIR).filter((b) => fs.existsSync(path.join(LWC_DIR, b, `${b}.ts`)));
const missing = bundles.filter((b) => !fs.existsSync(path.join(LWC_DIR, b, `${b}.js`)));
if (missing.length) {
  process.stderr.write(`size: no build output for ${missing.join(', ')}: run npm run build first\n`);
  process.exit(1);
}

/** What the org provides is not ours to count. */
const platform = {
  name: 'platform-modules',
  resolveId(source) {
    if (source === 'lwc' || source.startsWith('lightning/') || source.startsWith('@salesforce/')) {
      return { id: source, external: true };
    }
    return null;
  }
};

const build = await rollup({
  input: Object.fromEntries(ENTRIES.map((b) => [b, path.join(LWC_DIR, b, `${b}.js`)])),
  plugins: [
    platform,
    lwc({
      rootDir: ROOT,
      modules: bundles.map((b) => ({ name: `c/${b}`, path: path.join(LWC_DIR, b, `${b}.js`) })),
      exclude: ['**/*.ts']
    })
  ],
  onwarn(warning) {
    if (warning.code === 'CIRCULAR_DEPENDENCY') return;
    process.stderr.write(`size: ${warning.message}\n`);
  }
});
const { output } = await build.generate({ format: 'esm', chunkFileNames: 'shared-[name].js' });

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
const minified = async (code) =>
  (await minify(code, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true })).code ?? '';

// Where the bytes go: the same build, one module per piece, grouped by kind.
const KINDS = [
  ['engine (rules, scoring, fix plan)', (f) => f.startsWith('readinessEngine/')],
  ['labels (one import per custom label)', (f) => f.startsWith('readinessLabels/')],
  ['templates and styles (LWC compiler output)', (f) => /\.(html|css)\.js$/.test(f)],
  ['component and service scripts', () => true]
];
const { output: modules } = await build.generate({ format: 'esm', preserveModules: true });
const byKind = new Map(KINDS.map(([name]) => [name, 0]));
for (const piece of modules.filter((o) => o.type === 'chunk')) {
  const [name] = KINDS.find(([, test]) => test(piece.fileName));
  byKind.set(name, byKind.get(name) + Buffer.byteLength(await minified(piece.code)));
}
let rawTotal = 0;
let minTotal = 0;
let gzipTotal = 0;
process.stdout.write(
  `${'piece'.padEnd(32)} ${'source'.padStart(10)} ${'minified'.padStart(10)} ${'gzip'.padStart(10)}\n`
);
for (const chunk of output.filter((o) => o.type === 'chunk')) {
  const min = await minified(chunk.code);
  const raw = Buffer.byteLength(chunk.code);
  const minBytes = Buffer.byteLength(min);
  const gzipBytes = zlib.gzipSync(min, { level: 9 }).length;
  rawTotal += raw;
  minTotal += minBytes;
  gzipTotal += gzipBytes;
  process.stdout.write(`${chunk.fileName.padEnd(32)} ${kb(raw)} KB ${kb(minBytes)} KB ${kb(gzipBytes)} KB\n`);
}
process.stdout.write(`${'total'.padEnd(32)} ${kb(rawTotal)} KB ${kb(minTotal)} KB ${kb(gzipTotal)} KB\n`);
process.stdout.write('minified, by kind (each module minified alone):\n');
for (const [name, bytes] of byKind) process.stdout.write(`  ${name.padEnd(44)} ${kb(bytes)} KB\n`);
await build.close();
const met = minTotal / 1024 <= TARGET_KB;
process.stdout.write(`target: console + card under ${TARGET_KB} KB minified (${met ? 'met' : 'over'})\n`);
process.stdout.write(`total_gzip_kb=${(gzipTotal / 1024).toFixed(1)}\n`);
process.stdout.write(`total_min_kb=${(minTotal / 1024).toFixed(1)}\n`);
