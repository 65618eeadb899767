#!/usr/bin/env node
'use strict';
/**
 * npm run test:metadata — converts the package to Metadata API format (as `sf project deploy` and
 * `sf package version create` would) into dist/metadata, then checks what would reach the org.
 * Prints each problem as one line on standard error and closes with
 * `metadata: N components converted, M problems` on standard output. Exit 0 only with 0 problems.
 *
 * Options: --root DIR (project folder, default: this repository), --out DIR (default: dist/metadata).
 */
const path = require('node:path');
const { readProject, findBuildProblems, convertSource, checkConverted } = require('./lib.cjs');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
}

function fail(message) {
  process.stderr.write(`metadata: ${message}\n`);
  process.exit(1);
}

async function main() {
  const root = option('--root', path.resolve(__dirname, '..', '..'));
  const outDir = option('--out', path.join(root, 'dist', 'metadata'));
  let project;
  try {
    project = readProject(root);
  } catch (e) {
    return fail(e.message);
  }
  const build = findBuildProblems(root, project.dirs);
  if (build.length > 0) {
    return fail(
      `build output missing or stale (${build[0]}${build.length > 1 ? ` and ${build.length - 1} more` : ''}): run npm run build first`
    );
  }
  const shownOut = path.relative(process.cwd(), outDir) || '.';
  process.stdout.write(
    `metadata: converting ${project.dirs.join(', ')} to Metadata API format in ${shownOut}\n`
  );
  let converted;
  try {
    converted = await convertSource(root, project.dirs, outDir, project.sourceApiVersion);
  } catch (e) {
    return fail(`conversion failed: ${String(e.message).split('\n')[0]}`);
  }
  const { components } = converted;
  const problems = [...converted.problems, ...checkConverted(outDir, project.sourceApiVersion)];
  for (const p of problems) process.stderr.write(`metadata: ${p}\n`);
  const noun = problems.length === 1 ? 'problem' : 'problems';
  process.stdout.write(`metadata: ${components.length} components converted, ${problems.length} ${noun}\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main().catch((e) => fail(String(e && e.message ? e.message : e).split('\n')[0]));
