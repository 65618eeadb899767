/**
 * The org scripts (npm run deploy / org:test / scratch / package:version) refuse quickly, with one
 * line on standard error and exit code 1, when the Salesforce CLI is missing or no org or Dev Hub
 * is authorised, and never start a deploy, a scratch org or a package version in that case.
 * The "no org" cases use a stand-in `sf` that answers like the real one does offline
 * (NoDefaultEnvError, NamedOrgNotFoundError) and records every call it gets.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { coverageOf, packageApex } = require('../../scripts/org/org.cjs') as {
  coverageOf: (
    result: unknown,
    covered: string[]
  ) => { percent: number; rows: { name: string }[]; missing: string[] };
  packageApex: () => { tests: string[]; covered: string[] };
};

const ROOT = path.resolve(__dirname, '..', '..');
const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<
  string,
  string
>;
const ORG_SCRIPTS = ['deploy', 'org:test', 'scratch', 'package:version'];

/** Runs an npm script's own command (not through npm, whose banner would add lines). */
function runScript(name: string, args: string[], env: Record<string, string>) {
  const command = scripts[name];
  const m = /^node (scripts\/org\/org\.cjs) ([\w-]+)$/.exec(command ?? '');
  if (!m) throw new Error(`npm script ${name} is not "node scripts/org/org.cjs <command>": ${command}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, m[1]), m[2], ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { HOME: os.tmpdir(), ...env },
    timeout: 20000
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** A PATH holding only node: no sf anywhere. */
function pathWithoutSf(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-nosf-'));
  fs.symlinkSync(process.execPath, path.join(dir, 'node'));
  return dir;
}

/** A stand-in sf with no authorised org; it logs its arguments, one call per line. */
function fakeSf(): { dir: string; log: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-fakesf-'));
  const log = path.join(dir, 'calls.log');
  const sf = path.join(dir, 'sf');
  fs.writeFileSync(
    sf,
    `#!/bin/sh
echo "$*" >> "${log}"
case "$*" in
  "config get target-dev-hub --json")
    echo '{"status":0,"result":[{"name":"target-dev-hub","success":true}],"warnings":[]}' ;;
  "org display --json")
    echo '{"name":"NoDefaultEnvError","message":"No default environment found. Use -o or --target-org to specify an environment.","exitCode":1,"status":1}'
    exit 1 ;;
  "org display --target-org "*)
    echo '{"name":"NamedOrgNotFoundError","message":"No authorization information found.","exitCode":1,"status":1}'
    exit 1 ;;
  *)
    echo '{"status":1,"name":"UnexpectedCall","message":"the stand-in sf was asked for something else"}'
    exit 1 ;;
esac
`
  );
  fs.chmodSync(sf, 0o755);
  return { dir, log };
}

function calls(log: string): string[] {
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

describe('org scripts without the Salesforce CLI', () => {
  it.each(ORG_SCRIPTS)('npm run %s exits 1 at once with one line saying how to install sf', (name) => {
    const r = runScript(name, ['--target-org', 'demo'], { PATH: pathWithoutSf() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'org: the Salesforce CLI (sf) is not installed: npm install --global @salesforce/cli (it needs Node.js 22 or later)\n'
    );
    expect(r.ms).toBeLessThan(5000);
  });
});

describe('org scripts with sf but no authorised org', () => {
  it.each([
    ['deploy', [], /^org: no org is authorised as the default \(target-org\): .*NoDefaultEnvError\)$/],
    ['deploy', ['--target-org', 'demo'], /^org: no org is authorised "demo": .*NamedOrgNotFoundError\)$/],
    ['org:test', [], /^org: no org is authorised as the default \(target-org\): .*NoDefaultEnvError\)$/],
    ['org:test', ['--target-org', 'demo'], /^org: no org is authorised "demo": /],
    ['scratch', [], /^org: no Dev Hub is authorised: run sf org login web --set-default-dev-hub/],
    [
      'scratch',
      ['--target-dev-hub', 'hub'],
      /^org: no Dev Hub is authorised: .*\("hub" is not authorised\)$/
    ],
    ['package:version', [], /^org: no Dev Hub is authorised: /]
  ] as [string, string[], RegExp][])(
    'npm run %s %j exits 1 with one line and changes nothing',
    (name, args, line) => {
      const sf = fakeSf();
      const r = runScript(name, args, {
        PATH: `${sf.dir}${path.delimiter}${path.dirname(process.execPath)}`
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      // Only look-ups reached sf: no deploy, test run, scratch org or package version was started.
      for (const call of calls(sf.log)) expect(call).toMatch(/^(org display|config get)\b/);
      expect(calls(sf.log).length).toBeGreaterThan(0);
      expect(r.ms).toBeLessThan(5000);
    }
  );

  it('rejects an unknown command and a flag without its value in one line', () => {
    const sf = fakeSf();
    const env = { PATH: `${sf.dir}${path.delimiter}${path.dirname(process.execPath)}` };
    const bad = spawnSync(process.execPath, [path.join(ROOT, 'scripts/org/org.cjs'), 'launch'], {
      encoding: 'utf8',
      env
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(
      'org: unknown command "launch": use one of deploy, test, scratch, package-version\n'
    );
    const r = runScript('deploy', ['--target-org'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('org: --target-org needs a value\n');
    expect(calls(sf.log)).toEqual([]);
  });
});

describe('org:test coverage gate', () => {
  const row = (name: string, totalLines: number, totalCovered: number) => ({
    name,
    totalLines,
    totalCovered,
    coveredPercent: Math.round((100 * totalCovered) / totalLines)
  });

  it('counts only the package classes, weighted by lines', () => {
    const result = {
      coverage: { coverage: [row('A', 100, 95), row('B', 300, 255), row('Unrelated', 1000, 0)] }
    };
    expect(coverageOf(result, ['A', 'B'])).toEqual(expect.objectContaining({ percent: 87.5, missing: [] }));
  });

  it('names a package class that no test reached', () => {
    const result = { coverage: { coverage: [row('A', 10, 10)] } };
    expect(coverageOf(result, ['A', 'B']).missing).toEqual(['B']);
  });

  it('runs every test class of the package and gates every other class and trigger', () => {
    const { tests, covered } = packageApex();
    expect(tests).toEqual(expect.arrayContaining(['ReadinessControllerTest', 'ReadinessWriterTest']));
    expect(tests.every((t) => t.endsWith('Test'))).toBe(true);
    expect(covered).toEqual(expect.arrayContaining(['ReadinessController', 'ReadinessFixEventTrigger']));
    expect(covered.some((c) => c.endsWith('Test'))).toBe(false);
    expect(covered).not.toContain('ReadinessTestFactory');
  });
});

describe('the demo data scripts', () => {
  const demo = fs.readFileSync(path.join(ROOT, 'scripts/org/demo-users.apex'), 'utf8');
  it('creates the Act-On Integration user with MFA for API logins and no Campaign access', () => {
    expect(demo).toMatch(/FirstName = 'Act-On',\s+LastName = 'Integration'/);
    expect(demo).toMatch(/PermissionsTwoFactorApi = true/);
    expect(demo).not.toMatch(/'Campaign'/);
  });
  it('keeps setup and non-setup writes in separate transactions (MIXED_DML)', () => {
    expect(demo).not.toMatch(/ReadinessController|Readiness_Settings__c/);
    const settings = fs.readFileSync(path.join(ROOT, 'scripts/org/demo-settings.apex'), 'utf8');
    expect(settings).toMatch(/ReadinessController\.saveIntegrationUser\(/);
    expect(settings).not.toMatch(/\binsert\b|new User\(|PermissionSet\(/);
  });
});
