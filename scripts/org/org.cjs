#!/usr/bin/env node
'use strict';
/**
 * The org scripts: thin steps over the Salesforce CLI (`sf`), each printed before it runs.
 *
 *   node scripts/org/org.cjs deploy          [--target-org ALIAS]   build, deploy, assign the admin permission set
 *   node scripts/org/org.cjs test            [--target-org ALIAS]   Apex tests with coverage; fails under 90%
 *   node scripts/org/org.cjs scratch         [--target-dev-hub HUB] [--alias NAME]
 *                                            new scratch org, deploy, demo integration user
 *   node scripts/org/org.cjs package-version [--target-dev-hub HUB] build, create an unlocked package version
 *
 * Without a flag the CLI's defaults apply (`sf config set target-org=...`, `target-dev-hub=...`).
 * When `sf` is missing, or no org / Dev Hub is authorised, it exits 1 with one line and runs nothing.
 * Set SF_BIN to use a particular sf executable.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const ADMIN_PERMISSION_SET = 'Act_On_Readiness_Admin';
const PACKAGE_NAME = 'Act-On Readiness';
const COVERAGE_GATE = 90;
const SCRATCH_ALIAS = 'act-on-readiness';
const SCRATCH_DEF = 'config/project-scratch-def.json';
const DEMO_SCRIPTS = ['scripts/org/demo-users.apex', 'scripts/org/demo-settings.apex'];
const APP_PATH = 'lightning/n/Act_On_Readiness';

class OrgError extends Error {}

function say(line) {
  process.stdout.write(`org: ${line}\n`);
}

function option(args, name) {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new OrgError(`${name} needs a value`);
  return value;
}

/** The sf executable: SF_BIN, else `sf` on PATH. */
function findSf() {
  if (process.env.SF_BIN) return fs.existsSync(process.env.SF_BIN) ? process.env.SF_BIN : null;
  const exts = process.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = path.join(dir, `sf${ext}`);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

function requireSf() {
  const sf = findSf();
  if (!sf) {
    throw new OrgError(
      'the Salesforce CLI (sf) is not installed: npm install --global @salesforce/cli (it needs Node.js 22 or later)'
    );
  }
  return sf;
}

/** Runs sf with --json and returns its parsed answer (sf prints JSON even when it fails). */
function sfJson(sf, args) {
  const r = spawnSync(sf, [...args, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SF_AUTOUPDATE_DISABLE: 'true' }
  });
  if (r.error) throw new OrgError(`could not run ${sf}: ${r.error.message}`);
  try {
    return { code: r.status, json: JSON.parse(r.stdout) };
  } catch {
    return {
      code: r.status ?? 1,
      json: { status: r.status ?? 1, message: (r.stderr || r.stdout || '').trim().split('\n')[0] }
    };
  }
}

/** Runs one visible step; stops everything when it fails. */
function step(what, command, args) {
  say(what);
  process.stdout.write(
    `  $ ${path.basename(command)} ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`
  );
  const r = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, SF_AUTOUPDATE_DISABLE: 'true' }
  });
  if (r.error) throw new OrgError(`${what} failed: ${r.error.message}`);
  if (r.status !== 0) throw new OrgError(`${what} failed (exit code ${r.status})`);
}

/** The org a command will use, checked before any work: one line when none is authorised. */
function requireOrg(sf, targetOrg) {
  const { json } = sfJson(sf, ['org', 'display', ...(targetOrg ? ['--target-org', targetOrg] : [])]);
  if (json.status !== 0 || !json.result) {
    const name = targetOrg ? `"${targetOrg}"` : 'as the default (target-org)';
    throw new OrgError(
      `no org is authorised ${name}: run sf org login web --alias ALIAS, then pass --target-org ALIAS (${json.name ?? json.message ?? 'sf org display failed'})`
    );
  }
  return { alias: targetOrg ?? json.result.alias ?? json.result.username, username: json.result.username };
}

function requireDevHub(sf, hub) {
  let name = hub;
  if (!name) {
    const { json } = sfJson(sf, ['config', 'get', 'target-dev-hub']);
    name = json.result?.[0]?.value;
  }
  const noHub =
    'no Dev Hub is authorised: run sf org login web --set-default-dev-hub --alias devhub, or pass --target-dev-hub ALIAS';
  if (!name) throw new OrgError(noHub);
  const { json } = sfJson(sf, ['org', 'display', '--target-org', name]);
  if (json.status !== 0 || !json.result) throw new OrgError(`${noHub} ("${name}" is not authorised)`);
  return name;
}

function build() {
  step('building the TypeScript components (npm run build)', process.execPath, [
    path.join(ROOT, 'scripts', 'build.cjs')
  ]);
}

function packageDirs() {
  const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8'));
  return project.packageDirectories.map((d) => d.path);
}

function assignAdmin(sf, org) {
  say(`assigning the permission set ${ADMIN_PERMISSION_SET} to ${org.username}`);
  const { json } = sfJson(sf, [
    'org',
    'assign',
    'permset',
    '--name',
    ADMIN_PERMISSION_SET,
    '--target-org',
    org.alias
  ]);
  const failures = json.result?.failures ?? [];
  if (json.status === 0 && failures.length === 0) return say(`assigned ${ADMIN_PERMISSION_SET}`);
  if (failures.length > 0 && failures.every((f) => /duplicate|already/i.test(f.message ?? ''))) {
    return say(`${ADMIN_PERMISSION_SET} was already assigned`);
  }
  const why = failures.map((f) => f.message).join('; ') || json.message || 'unknown error';
  throw new OrgError(`assigning ${ADMIN_PERMISSION_SET} failed: ${why}`);
}

function deployTo(sf, org) {
  build();
  const dirs = packageDirs().flatMap((d) => ['--source-dir', d]);
  step(`deploying ${packageDirs().join(', ')} to ${org.alias}`, sf, [
    'project',
    'deploy',
    'start',
    ...dirs,
    '--target-org',
    org.alias,
    '--wait',
    '30'
  ]);
  assignAdmin(sf, org);
}

function deploy(args) {
  const sf = requireSf();
  const org = requireOrg(sf, option(args, '--target-org'));
  deployTo(sf, org);
  say(`done: open the app with sf org open --target-org ${org.alias} --path ${APP_PATH}`);
}

/** The package's Apex: test classes to run, and the classes and triggers whose coverage counts. */
function packageApex() {
  const tests = [];
  const covered = [];
  for (const dir of packageDirs()) {
    const walk = (d) =>
      fs
        .readdirSync(d, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const file of walk(path.join(ROOT, dir))) {
      const m = /([^/\\]+)\.(cls|trigger)$/.exec(file);
      if (!m) continue;
      const source = fs.readFileSync(file, 'utf8');
      const isTest = m[2] === 'cls' && /@isTest\b/i.test(source.split(/\bclass\b/i)[0]);
      if (isTest) {
        if (
          /@isTest\b[\s\S]*\b(static|void)\b/i.test(
            source
              .split(/\bclass\b/i)
              .slice(1)
              .join('class')
          )
        )
          tests.push(m[1]);
      } else covered.push(m[1]);
    }
  }
  return { tests: tests.sort(), covered: covered.sort() };
}

/** Coverage of the package's own Apex from sf apex run test --json: { percent, rows, missing }. */
function coverageOf(result, covered) {
  const rows = (result?.coverage?.coverage ?? []).filter((c) => covered.includes(c.name));
  const missing = covered.filter((name) => !rows.some((r) => r.name === name));
  const lines = rows.reduce((n, r) => n + (r.totalLines ?? 0), 0);
  const hit = rows.reduce((n, r) => n + (r.totalCovered ?? 0), 0);
  return { percent: lines === 0 ? 0 : Math.floor((hit * 1000) / lines) / 10, rows, missing };
}

function orgTest(args) {
  const sf = requireSf();
  const org = requireOrg(sf, option(args, '--target-org'));
  const { tests, covered } = packageApex();
  if (tests.length === 0) throw new OrgError('no Apex test classes found in the package');
  say(
    `running ${tests.length} Apex test classes in ${org.alias} with code coverage (gate: ${COVERAGE_GATE}%)`
  );
  const { json } = sfJson(sf, [
    'apex',
    'run',
    'test',
    ...tests.flatMap((t) => ['--class-names', t]),
    '--code-coverage',
    '--result-format',
    'json',
    '--wait',
    '60',
    '--target-org',
    org.alias
  ]);
  const result = json.result;
  if (!result?.summary) throw new OrgError(`the Apex test run failed: ${json.message ?? 'no result'}`);
  for (const t of result.tests ?? []) {
    if (t.Outcome !== 'Pass')
      say(
        `FAIL ${t.FullName ?? `${t.ApexClass?.Name}.${t.MethodName}`}: ${(t.Message ?? '').split('\n')[0]}`
      );
  }
  const { percent, rows, missing } = coverageOf(result, covered);
  for (const r of rows)
    say(
      `  ${String(r.coveredPercent ?? Math.round((100 * r.totalCovered) / (r.totalLines || 1))).padStart(3)}%  ${r.name}`
    );
  for (const name of missing) say(`    0%  ${name} (no test reached it)`);
  const s = result.summary;
  say(`${s.testsRan} tests, ${s.passing} passed, ${s.failing} failed; package coverage ${percent}%`);
  if (Number(s.failing) > 0 || s.outcome === 'Failed') throw new OrgError(`${s.failing} Apex test(s) failed`);
  if (missing.length > 0 || percent < COVERAGE_GATE) {
    throw new OrgError(`package coverage ${percent}% is under the ${COVERAGE_GATE}% gate`);
  }
}

function scratch(args) {
  const sf = requireSf();
  const hub = requireDevHub(sf, option(args, '--target-dev-hub'));
  const alias = option(args, '--alias') ?? SCRATCH_ALIAS;
  step(`creating scratch org "${alias}" from ${SCRATCH_DEF} with Dev Hub ${hub}`, sf, [
    'org',
    'create',
    'scratch',
    '--definition-file',
    SCRATCH_DEF,
    '--alias',
    alias,
    '--duration-days',
    '7',
    '--set-default',
    '--target-dev-hub',
    hub,
    '--wait',
    '20'
  ]);
  const org = requireOrg(sf, alias);
  deployTo(sf, org);
  step(
    'loading the demo: user "Act-On Integration" with MFA for API logins and a missing object permission',
    sf,
    ['apex', 'run', '--file', DEMO_SCRIPTS[0], '--target-org', alias]
  );
  step('saving "Act-On Integration" as the integration user the app and home card watch', sf, [
    'apex',
    'run',
    '--file',
    DEMO_SCRIPTS[1],
    '--target-org',
    alias
  ]);
  say(`done: sf org open --target-org ${alias} --path ${APP_PATH}`);
}

function packageVersion(args) {
  const sf = requireSf();
  const hub = requireDevHub(sf, option(args, '--target-dev-hub'));
  const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8'));
  if (!project.packageAliases?.[PACKAGE_NAME]) {
    step(`creating the unlocked package "${PACKAGE_NAME}" in Dev Hub ${hub} (first time only)`, sf, [
      'package',
      'create',
      '--name',
      PACKAGE_NAME,
      '--package-type',
      'Unlocked',
      '--no-namespace',
      '--path',
      packageDirs()[0],
      '--description',
      "Scores the user Act-On's Salesforce connector logs in as against Act-On's checklist and applies previewed, undoable fixes.",
      '--target-dev-hub',
      hub
    ]);
  }
  build();
  step(`creating a package version of "${PACKAGE_NAME}" with code coverage`, sf, [
    'package',
    'version',
    'create',
    '--package',
    PACKAGE_NAME,
    '--code-coverage',
    '--installation-key-bypass',
    '--wait',
    '60',
    '--target-dev-hub',
    hub
  ]);
  say('done: sfdx-project.json now lists the new version under packageAliases (commit it); install it with');
  say('  sf package install --package <04t id> --target-org ALIAS --wait 10');
}

const COMMANDS = { deploy, test: orgTest, scratch, 'package-version': packageVersion };

function main() {
  const [command, ...args] = process.argv.slice(2);
  const run = COMMANDS[command];
  try {
    if (!run)
      throw new OrgError(
        `unknown command "${command ?? ''}": use one of ${Object.keys(COMMANDS).join(', ')}`
      );
    run(args);
  } catch (e) {
    if (!(e instanceof OrgError)) throw e;
    process.stderr.write(`org: ${e.message}\n`);
    process.exit(1);
  }
}

if (require.main === module) main();

module.exports = { coverageOf, packageApex, findSf };
