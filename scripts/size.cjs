#!/usr/bin/env node
'use strict';
/**
 * Size of the product's components: the JavaScript that npm run build emits for every bundle under
 * force-app/main/default/lwc (unminified, the engine included; tests and mocks excluded). Prints one
 * line per bundle, then total_kb=<number> as the last line. Target: under 60 KB.
 */
const fs = require('node:fs');
const path = require('node:path');

const LWC = path.join(__dirname, '..', 'force-app', 'main', 'default', 'lwc');
const TARGET_KB = 60;

function jsFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '__tests__' || entry.name === '__mocks__') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsFiles(full));
    else if (entry.name.endsWith('.js')) out.push(full);
  }
  return out;
}

const bundles = fs
  .readdirSync(LWC, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
let total = 0;
const missing = [];
for (const bundle of bundles) {
  const dir = path.join(LWC, bundle);
  const hasTs = fs.readdirSync(dir).some((f) => f.endsWith('.ts'));
  const files = jsFiles(dir);
  if (hasTs && !files.length) missing.push(bundle);
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  total += bytes;
  process.stdout.write(`${bundle.padEnd(24)} ${(bytes / 1024).toFixed(1).padStart(7)} KB\n`);
}
if (missing.length) {
  process.stderr.write(`size: no build output for ${missing.join(', ')}: run npm run build first\n`);
  process.exit(1);
}
const kb = total / 1024;
process.stdout.write(`target: under ${TARGET_KB} KB (${kb <= TARGET_KB ? 'met' : 'over'})\n`);
process.stdout.write(`total_kb=${kb.toFixed(1)}\n`);
