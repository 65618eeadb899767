/**
 * @jest-environment node
 *
 * The sf plugin as a consultant gets it: `npm pack` of plugin/ (its prepack compiles the engine and
 * copies the command line), installed with `npm install --global --prefix TMP` from the tarball alone,
 * in a folder outside this repository so that its lock file plays no part (the tarball's
 * npm-shrinkwrap.json does). Then the installed `act-on-readiness` bin and the plugin's commands,
 * run through oclif by the package's own bin/run.js (the sf CLI itself needs Node 22), against the
 * fake org on 127.0.0.1. The npm registry must be reachable for the install.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type FakeOrg = {
  url: string;
  token: string;
  runningUser: { Id: string; Username: string; Name: string };
  close: () => Promise<void>;
};
const { startFakeOrg } = require('./support/fake-org.cjs') as {
  startFakeOrg: (options: Record<string, unknown>) => Promise<FakeOrg>;
};
const { sfHome, sfEnv } = require('./support/sf-home.cjs') as {
  sfHome: (org: FakeOrg) => string;
  sfEnv: (homeDir: string) => NodeJS.ProcessEnv;
};

const ROOT = path.resolve(__dirname, '..', '..');
const PLUGIN = path.join(ROOT, 'plugin');
const NAME = JSON.parse(fs.readFileSync(path.join(PLUGIN, 'package.json'), 'utf8')).name as string;
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'snapshots', `${name}.json`), 'utf8'));
const FROZEN = fixture('frozen-user').user as { Id: string; Username: string };

type Result = { code: number | null; stdout: string; stderr: string };

/** The environment of a nested npm: none of the npm run variables that point it at this repository. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !/^npm_(package_|lifecycle_|config_(local_prefix|global_prefix|prefix|global)$)/i.test(k) &&
        !/^npm_config_(local_prefix|global_prefix|prefix|global)$/i.test(k)
    )
  );
}

function exec(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv }
): Promise<Result> {
  return new Promise((resolve) => {
    execFile(file, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({
        code: error ? ((error as { code?: number }).code ?? 1) : 0,
        stdout: String(stdout),
        stderr: String(stderr)
      })
    );
  });
}

let tmp: string;
let installed: string;
let bin: string;
let org: FakeOrg;
let home: string;
const timings: string[] = [];

/** The installed package's plugin commands, through oclif (bin/run.js), with HOME's authorization. */
const sf = (args: string[], dir = home) =>
  exec(process.execPath, [path.join(installed, 'bin', 'run.js'), 'acton', 'readiness', ...args], {
    cwd: tmp,
    env: sfEnv(dir)
  });
/** The installed act-on-readiness bin (the same command line as npm run score). */
const actOn = (args: string[], dir = home) => exec(bin, args, { cwd: tmp, env: sfEnv(dir) });
/** npm run score in this repository, to prove the package scores as the repository does. */
const repoScore = (args: string[], dir = home) =>
  exec(process.execPath, [path.join(ROOT, 'scripts', 'score.cjs'), ...args], { cwd: ROOT, env: sfEnv(dir) });

const lines = (s: string) => s.trim().split('\n').filter(Boolean);
/** A report without what differs between two runs a second apart. */
const stable = (report: Record<string, unknown>) => {
  const { evaluatedAt: _e, ...rest } = report;
  return JSON.parse(JSON.stringify(rest).replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"T"'));
};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-pack-'));
  let started = Date.now();
  const packed = await exec('npm', ['pack', '--json', '--pack-destination', tmp], {
    cwd: PLUGIN,
    env: npmEnv()
  });
  if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const tarball = path.join(tmp, JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0].filename);
  timings.push(`pack ${((Date.now() - started) / 1000).toFixed(1)} s`);

  started = Date.now();
  const prefix = path.join(tmp, 'prefix');
  const install = await exec(
    'npm',
    ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel', 'error', tarball],
    { cwd: tmp, env: npmEnv() }
  );
  if (install.code !== 0) throw new Error(`npm install of ${tarball} failed: ${install.stderr}`);
  timings.push(`install ${((Date.now() - started) / 1000).toFixed(1)} s`);
  installed = path.join(prefix, 'lib', 'node_modules', ...NAME.split('/'));
  bin = path.join(prefix, 'bin', 'act-on-readiness');

  org = await startFakeOrg({ snapshot: fixture('frozen-user') });
  home = sfHome(org);
}, 900000);

afterAll(async () => {
  await org?.close();
  // The tarball and the installed tree (tens of megabytes) are not kept.
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  // How long the pack and install took, for whoever waits on them.
  console.log(`plugin-pack: ${timings.join(', ')}`);
});

describe('the packed plugin', () => {
  it('carries the repository command line and checklist unchanged, the engine compiled, and the pinned tree', () => {
    for (const file of ['score.cjs', 'lib/org-reader.cjs', 'lib/load-ts.cjs', 'lib/checklist-xml.cjs'])
      expect(fs.readFileSync(path.join(installed, 'dist', 'scripts', file), 'utf8')).toBe(
        fs.readFileSync(path.join(ROOT, 'scripts', file), 'utf8')
      );
    const checklist = (dir: string) =>
      fs
        .readdirSync(path.join(dir, 'force-app/main/default/customMetadata'))
        .filter((f) => f.startsWith('Readiness_Check.'));
    expect(checklist(path.join(installed, 'dist'))).toEqual(checklist(ROOT));
    const engine = path.join(installed, 'dist/force-app/main/default/lwc/readinessEngine');
    expect(fs.readdirSync(engine).filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(fs.existsSync(path.join(engine, 'readinessEngine.js'))).toBe(true);
    // The shrinkwrap held: one @salesforce/core and one jsforce-node, the versions that run on Node 20.
    const versions = (pkg: string) => {
      const found: string[] = [];
      const walk = (dir: string) => {
        const modules = path.join(dir, 'node_modules');
        if (!fs.existsSync(modules)) return;
        const own = path.join(modules, pkg, 'package.json');
        if (fs.existsSync(own)) found.push(JSON.parse(fs.readFileSync(own, 'utf8')).version);
        for (const entry of fs.readdirSync(modules)) {
          const scoped = entry.startsWith('@')
            ? fs.readdirSync(path.join(modules, entry)).map((e) => path.join(modules, entry, e))
            : [path.join(modules, entry)];
          scoped.forEach(walk);
        }
      };
      walk(installed);
      return [...new Set(found)];
    };
    // Every package the shrinkwrap names is installed at its version (optional ones may be absent).
    const shrinkwrap = JSON.parse(fs.readFileSync(path.join(installed, 'npm-shrinkwrap.json'), 'utf8'));
    const astray = Object.entries(
      shrinkwrap.packages as Record<string, { version?: string; optional?: boolean }>
    )
      .filter(([where]) => where !== '')
      .filter(([where, pinned]) => {
        const file = path.join(installed, where, 'package.json');
        if (!fs.existsSync(file)) return !pinned.optional;
        return JSON.parse(fs.readFileSync(file, 'utf8')).version !== pinned.version;
      })
      .map(([where]) => where);
    expect(astray).toEqual([]);
    expect(Object.keys(shrinkwrap.packages).length).toBeGreaterThan(100);
    expect(versions('@salesforce/core')).toEqual(['8.31.3']);
    expect(versions('@jsforce/jsforce-node')).toEqual(['3.10.16']);
    expect(versions('typescript')).toEqual([]);
  });

  it('act-on-readiness scores the org exactly as npm run score does', async () => {
    const args = ['--target-org', 'fake', '--user', FROZEN.Username, '--json'];
    const [packed, repo] = await Promise.all([actOn(args), repoScore(args)]);
    expect(packed.stderr).toBe('');
    expect(packed.code).toBe(0);
    expect(repo.code).toBe(0);
    const report = JSON.parse(packed.stdout);
    expect(report.status).toBe('blocked');
    expect(stable(report)).toEqual(stable(JSON.parse(repo.stdout)));
  }, 120000);

  it('sf acton readiness score --json: the report in sf envelope, exit code as status', async () => {
    const r = await sf(['score', '-o', 'fake', '--user', FROZEN.Username, '--json']);
    expect(r.code).toBe(0);
    const envelope = JSON.parse(r.stdout);
    expect(Object.keys(envelope).sort()).toEqual(['result', 'status', 'warnings']);
    expect(envelope.status).toBe(0);
    expect(envelope.warnings).toEqual([]);
    expect(envelope.result.user.Id).toBe(FROZEN.Id);
    expect(envelope.result.status).toBe('blocked');
    expect(envelope.result.scoreRange.min).toBeLessThanOrEqual(envelope.result.scoreRange.max);

    const failed = await sf([
      'score',
      '--target-org',
      'fake',
      '--user',
      FROZEN.Id,
      '--fail-on',
      'blocked',
      '--json'
    ]);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout).status).toBe(1);
  }, 120000);

  it('sf acton readiness score without --json prints the readable report; --fail-on exits 1', async () => {
    const r = await sf(['score', '--target-org', 'fake', '--user', FROZEN.Id, '--fail-on', 'blocked']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[1]).toBe('Blocked: Freeze status fails');
    expect(r.stderr).toBe('');
  }, 120000);

  it('compares with a report saved in the sf envelope, and writes the Markdown and the snapshot', async () => {
    const last = path.join(tmp, 'last.json');
    const first = await sf(['score', '-o', 'fake', '--user', FROZEN.Id, '--json']);
    fs.writeFileSync(last, first.stdout);
    const markdown = path.join(tmp, 'out', 'report.md');
    const snapshot = path.join(tmp, 'out', 'snapshot.json');
    const args = ['-o', 'fake', '--user', FROZEN.Id, '--compare', last, '--fail-on', 'regression'];
    const r = await sf(['score', ...args, '--markdown', markdown, '--save-snapshot', snapshot, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { result } = JSON.parse(r.stdout);
    expect(result.comparison.regression).toBe(false);
    expect(result.comparison.score).toEqual({
      before: JSON.parse(first.stdout).result.score,
      after: result.score,
      delta: 0,
      comparable: true
    });
    expect(result.comparison.previousCapturedAt).toBe(JSON.parse(first.stdout).result.capturedAt ?? null);
    expect(fs.readFileSync(markdown, 'utf8')).toContain('Freeze status');
    const again = await actOn(['--snapshot', snapshot, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).score).toBe(result.score);
  }, 120000);

  it('sf acton readiness candidates lists the likely integration users', async () => {
    const json = await sf(['candidates', '--target-org', 'fake', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).result.candidates[0].userId).toBe(FROZEN.Id);
    const text = await sf(['candidates', '-o', 'fake']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Likely integration users in fake, best first');
  }, 120000);

  it('--target-org nosuchalias exits 3 with one line, or the error envelope with --json', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-home-'));
    const expected =
      'no Salesforce CLI authorization for "nosuchalias": run sf org login web --alias nosuchalias (sf org list shows the orgs you are logged in to)';
    const runs = await Promise.all([
      sf(['score', '--target-org', 'nosuchalias', '--user', 'x@y.z'], empty),
      sf(['candidates', '--target-org', 'nosuchalias'], empty)
    ]);
    for (const r of runs) {
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toEqual([`Error (ReadinessOrgError): ${expected}`]);
    }
    const json = await sf(['score', '-o', 'nosuchalias', '--user', 'x@y.z', '--json'], empty);
    expect(json.code).toBe(3);
    expect(json.stderr).toBe('');
    const envelope = JSON.parse(json.stdout);
    expect(envelope).toEqual(
      expect.objectContaining({ status: 3, exitCode: 3, name: 'ReadinessOrgError', message: expected })
    );
    const plain = await actOn(['--target-org', 'nosuchalias'], empty);
    expect(plain.code).toBe(3);
    expect(lines(plain.stderr)).toEqual([`score: ${expected}`]);
  }, 120000);

  it('bad input exits 2 with one line; an org the CLI cannot reach exits 3', async () => {
    const missing = await sf(['score', '-o', 'fake']);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toHaveLength(1);
    expect(missing.stderr).toMatch(/^Error \(2\): .*Missing required flag user/);
    const compare = await sf([
      'score',
      '-o',
      'fake',
      '--user',
      FROZEN.Id,
      '--compare',
      path.join(tmp, 'none.json')
    ]);
    expect(compare.code).toBe(2);
    expect(lines(compare.stderr)).toEqual([
      `Error (ReadinessInputError): --compare file not found: ${path.join(tmp, 'none.json')}`
    ]);

    const gone = await startFakeOrg({ snapshot: fixture('frozen-user') });
    const dir = sfHome(gone);
    await gone.close();
    const r = await sf(['score', '-o', 'fake', '--user', FROZEN.Id, '--json'], dir);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).message).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  }, 120000);

  it('--help shows the flags and examples', async () => {
    const r = await sf(['score', '--help']);
    expect(r.code).toBe(0);
    for (const flag of [
      '--target-org',
      '--user',
      '--compare',
      '--fail-on',
      '--save-snapshot',
      '--markdown',
      '--json'
    ])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('EXAMPLES');
    expect(r.stdout).toContain('sf acton readiness score --target-org acme --user acton@acme.example');
  }, 120000);
});
