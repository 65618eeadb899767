#!/usr/bin/env node
/**
 * npm test: every offline check, one stage after another, each stage's output kept in
 * artifacts/test-logs/<stage>.log. A passing stage prints one line; a failing stage prints the end of
 * its log. The run closes with one summary line per stage and a final total, and exits non-zero when
 * any stage failed. Stages that need the build are skipped when the build fails.
 *
 *   npm test                 all stages
 *   npm test -- --verbose    stream every stage's output as it runs
 *   npm test -- lint jest    only the named stages (names as in the summary)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOGS = path.join(ROOT, 'artifacts', 'test-logs');
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const last = (pattern) => (out) => {
  const all = [...out.matchAll(pattern)];
  return all.length ? all[all.length - 1] : null;
};
const jestSummary = (out) => {
  const tests = last(/^Tests:\s+(.+)$/gm)(out);
  const suites = last(/^Test Suites:\s+(.+)$/gm)(out);
  return tests ? `${tests[1]} (suites: ${suites?.[1] ?? '?'})` : '';
};

/** name, what it proves, command, how to summarise its output, whether it needs the build. */
const STAGES = [
  {
    name: 'types',
    what: 'TypeScript type-check',
    cmd: [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json'],
    summary: (out, ok) => (ok ? 'no type errors' : `${(out.match(/error TS/g) ?? []).length} type errors`)
  },
  {
    name: 'build',
    what: 'TypeScript to the .js the platform deploys',
    cmd: ['scripts/build.cjs'],
    summary: (out, ok) => {
      const took = last(/in ([\d.]+ s)/g)(out)?.[1];
      return ok ? `compiled${took ? ` in ${took}` : ''}` : 'build failed';
    }
  },
  {
    name: 'lint',
    what: 'ESLint',
    cmd: [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '.'],
    summary: (out, ok) => (ok ? 'no problems' : (last(/✖ (.+)$/gm)(out)?.[1] ?? 'problems found'))
  },
  {
    name: 'format',
    what: 'Prettier (Apex included)',
    cmd: [bin('prettier', 'bin/prettier.cjs'), '--check', '.'],
    summary: (out, ok) =>
      ok
        ? 'every file formatted'
        : `${(out.match(/^\[warn\] (?!Code style)/gm) ?? []).length} files need npm run format`
  },
  {
    name: 'jest-lwc',
    what: 'engine and components (Jest, with coverage thresholds)',
    cmd: [bin('jest', 'bin/jest.js'), '--selectProjects', 'lwc', '--coverage'],
    needsBuild: true,
    summary: jestSummary
  },
  {
    name: 'jest-node',
    what: 'CLI, sf plugin (packed and installed), notifications, LWC compile, Apex metadata and SOQL contracts, metadata, README',
    cmd: [bin('jest', 'bin/jest.js'), '--selectProjects', 'node'],
    needsBuild: true,
    summary: jestSummary
  },
  {
    name: 'apex',
    what: 'Apex parse, apex-ls, PMD, SOQL schema, and the non-test Apex size',
    cmd: ['scripts/apex/check.cjs'],
    summary: (out) => last(/^apex: (.+)$/gm)(out)?.[1] ?? ''
  },
  {
    name: 'apex-graph',
    what: 'Salesforce Graph Engine (sfge) over every Apex class and trigger',
    cmd: ['scripts/apex/sfge.cjs'],
    summary: (out) => last(/^sfge: (\d+ rules?, .+)$/gm)(out)?.[1] ?? ''
  },
  {
    name: 'browser',
    what: 'the preview in Chromium: every scenario, tab and width, keyboard path, axe',
    cmd: ['test/browser/run.mjs'],
    needsBuild: true,
    summary: (out) => last(/^browser: (\d+ passed, \d+ failed.*)$/gm)(out)?.[1] ?? ''
  }
];

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.filter((a) => !a.startsWith('--'));
const unknown = only.filter((n) => !STAGES.some((s) => s.name === n));
if (unknown.length) {
  process.stderr.write(
    `test: no stage named ${unknown.join(', ')}; stages: ${STAGES.map((s) => s.name).join(', ')}\n`
  );
  process.exit(2);
}
const chosen = only.length ? STAGES.filter((s) => only.includes(s.name)) : STAGES;

function run(stage) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, stage.cmd, {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let out = '';
    const take = (chunk) => {
      out += chunk;
      if (verbose) process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code, signal) => {
      const ok = code === 0;
      fs.writeFileSync(path.join(LOGS, `${stage.name}.log`), out);
      resolve({ ok, out, code: code ?? signal, seconds: (Date.now() - started) / 1000 });
    });
  });
}

fs.mkdirSync(LOGS, { recursive: true });
const results = [];
let buildFailed = false;
const total = Date.now();
for (const stage of chosen) {
  if (stage.needsBuild && buildFailed) {
    results.push({ stage, state: 'skipped', detail: 'the build failed', seconds: 0 });
    continue;
  }
  if (!verbose) process.stdout.write(`test: ${stage.name} (${stage.what})...\n`);
  const r = await run(stage);
  const detail = stage.summary(r.out, r.ok) || (r.ok ? 'passed' : `exit ${r.code}`);
  if (stage.name === 'build' && !r.ok) buildFailed = true;
  if (!r.ok && !verbose) {
    const tail = r.out.trimEnd().split('\n').slice(-60).join('\n');
    process.stdout.write(
      `\n---- ${stage.name} failed; the end of ${path.relative(ROOT, LOGS)}/${stage.name}.log:\n${tail}\n----\n\n`
    );
  }
  results.push({ stage, state: r.ok ? 'passed' : 'FAILED', detail, seconds: r.seconds });
}

const width = Math.max(...results.map((r) => r.stage.name.length));
process.stdout.write('\nsummary\n');
for (const r of results) {
  process.stdout.write(
    `  ${r.state.padEnd(7)} ${r.stage.name.padEnd(width)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.detail}\n`
  );
}
const failed = results.filter((r) => r.state !== 'passed');
const seconds = ((Date.now() - total) / 1000).toFixed(1);
process.stdout.write(
  failed.length
    ? `test: ${failed.length} of ${results.length} stages did not pass (${failed.map((r) => r.stage.name).join(', ')}) in ${seconds} s; logs in ${path.relative(ROOT, LOGS)}/\n`
    : `test: all ${results.length} stages passed in ${seconds} s\n`
);
process.exit(failed.length ? 1 : 0);
