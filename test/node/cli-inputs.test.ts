/**
 * @jest-environment node
 *
 * Strict inputs of the command line (issue 15), through score.cjs's run(argv, io) in-process:
 * what is refused exits 2 with one plain line before any call to an org; what is only unusual
 * (a byte-order mark) is read. The process itself is covered by cli.test.ts and cli-org.test.ts.
 */
/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectRefused"] }] */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { run, EXIT } = require('../../scripts/score.cjs') as {
  run: (argv: string[], io: Record<string, unknown>) => Promise<number>;
  EXIT: Record<string, number>;
};
const { RestClient } = require('../../scripts/lib/org-reader.cjs');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'fixtures', 'snapshots');
const SNAPSHOT = path.join(FIXTURES, 'perfect-dedicated-user.json');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-inputs-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

const { plainText } = require('../../scripts/lib/plain-text.cjs') as { plainText: (s: string) => string };

type Connected = { targetOrg: string; timeoutMs?: number };
async function score(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const connected: Connected[] = [];
  const code = await run(argv, {
    stdout: { write: (s: string) => stdout.push(s) },
    stderr: { write: (s: string) => stderr.push(s) },
    // Records the call and stops there: what is asked here is decided before any call.
    connect: async (targetOrg: string, { timeoutMs }: { timeoutMs?: number }) => {
      connected.push({ targetOrg, timeoutMs });
      const error = new Error('stop here');
      error.name = 'OrgError';
      throw error;
    }
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join(''), connected };
}

/** Exit 2, nothing on stdout, one plain line on stderr matching `message`, and no call made. */
function expectRefused(r: Awaited<ReturnType<typeof score>>, message: RegExp | string) {
  expect(r.code).toBe(EXIT.INPUT);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  // No control characters (plain-text.cjs's list: C0, C1, DEL, bidirectional overrides).
  expect(plainText(r.stderr.trimEnd())).toBe(r.stderr.trimEnd());
  if (typeof message === 'string') expect(r.stderr.trimEnd()).toBe(message);
  else expect(r.stderr.trimEnd()).toMatch(message);
  expect(r.connected).toEqual([]);
}

describe('--checklist', () => {
  it('an empty folder, or one without Readiness_Check records, exits 2 instead of scoring 0/100', async () => {
    const empty = fs.mkdtempSync(path.join(TMP, 'empty-'));
    expectRefused(
      await score(['--snapshot', SNAPSHOT, '--checklist', empty]),
      `score: --checklist ${empty} holds no Readiness_Check records (Readiness_Check.NAME.md-meta.xml files)`
    );
    const other = fs.mkdtempSync(path.join(TMP, 'other-'));
    fs.writeFileSync(path.join(other, 'README.md'), '# not a record\n');
    expectRefused(
      await score(['--snapshot', SNAPSHOT, '--checklist', other]),
      /holds no Readiness_Check records/
    );
    expectRefused(
      await score(['--snapshot', SNAPSHOT, '--checklist', path.join(TMP, 'missing')]),
      `score: --checklist folder not found: ${path.join(TMP, 'missing')}`
    );
  });
});

describe('JSON files', () => {
  it('a UTF-8 byte-order mark before a snapshot or a --compare report is read', async () => {
    const plain = await score(['--snapshot', SNAPSHOT, '--json']);
    expect(plain.code).toBe(0);
    const withBom = path.join(TMP, 'bom-snapshot.json');
    fs.writeFileSync(withBom, `\ufeff${fs.readFileSync(SNAPSHOT, 'utf8')}`);
    const report = path.join(TMP, 'bom-report.json');
    fs.writeFileSync(report, `\ufeff${plain.stdout}`);
    const r = await score(['--snapshot', withBom, '--json', '--compare', report]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.score).toBe(JSON.parse(plain.stdout).score);
    expect(json.comparison.regression).toBe(false);
  });

  it('messages hold no control characters, whatever the file name or its content', async () => {
    const name = path.join(TMP, 'evil\u001b[2J\nScore 100 Ready\u202e.json');
    expectRefused(
      await score(['--snapshot', name]),
      /^score: snapshot file not found: .*evil \[2J Score 100 Ready .json$/
    );
    fs.writeFileSync(name, '{"schemaVersion": 1,\n\u001b[31m}');
    expectRefused(
      await score(['--snapshot', name]),
      /^score: snapshot file .*evil \[2J Score 100 Ready .json is not valid JSON: /
    );
  });
});

describe('--user and --target-org', () => {
  it('an over-long --user exits 2 before any call; a username of 80 characters or an id is asked', async () => {
    expectRefused(
      await score(['--target-org', 'fake', '--user', 'x'.repeat(20000)]),
      'score: --user takes a username (at most 80 characters) or a user id (15 or 18 characters); got 20000 characters'
    );
    expectRefused(
      await score(['--target-org', 'fake', '--user', `${'a'.repeat(70)}@acme.example`]),
      /got 83 characters$/
    );
    const asked = await Promise.all(
      [`${'a'.repeat(67)}@acme.example`, '0058d00000000RSAAM', '0058d00000000RS'].map((user) =>
        score(['--target-org', 'fake', '--user', user])
      )
    );
    for (const r of asked) {
      expect(r.code).toBe(EXIT.ORG);
      expect(r.connected).toEqual([{ targetOrg: 'fake', timeoutMs: undefined }]);
    }
  });

  it('an over-long --target-org exits 2 before any call', async () => {
    expectRefused(
      await score(['--target-org', 'o'.repeat(256)]),
      'score: --target-org takes an alias or a username of at most 255 characters; got 256'
    );
  });

  it('a value with control characters is shown plain', async () => {
    expectRefused(
      await score(['--snapshot', SNAPSHOT, '--fail-on', 'blocked\u001b[2J\nScore 100/100 Ready']),
      'score: --fail-on takes at-risk, blocked, regression; got "blocked [2J Score 100/100 Ready"'
    );
  });
});

describe('--timeout', () => {
  it.each(['0', '-1', 'abc', '601', '1e3', '30s', ' 5', 'Infinity', 'NaN', '0.0'])(
    '--timeout %j exits 2 with one line',
    async (value) => {
      expectRefused(
        await score(['--target-org', 'fake', '--user', 'a@b.example', '--timeout', value]),
        `score: --timeout takes seconds, a number above 0 and at most 600; got "${value}"`
      );
    }
  );

  it('takes seconds, fractions too, up to 600, and passes the limit to every call', async () => {
    const asked = await Promise.all(
      ['0.5', '30', '600'].map((value) =>
        score(['--target-org', 'fake', '--user', 'a@b.example', `--timeout=${value}`])
      )
    );
    expect(asked.map((r) => r.connected)).toEqual([
      [{ targetOrg: 'fake', timeoutMs: 500 }],
      [{ targetOrg: 'fake', timeoutMs: 30000 }],
      [{ targetOrg: 'fake', timeoutMs: 600000 }]
    ]);
  });

  it('goes with --target-org, not with --snapshot; the usage names it', async () => {
    expectRefused(
      await score(['--snapshot', SNAPSHOT, '--timeout', '5']),
      'score: --timeout goes with --target-org, not with --snapshot'
    );
    const help = await score(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('[--timeout SECONDS]');
  });
});

describe('an org that cannot be reached', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it.each([
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND acme.invalid'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'],
    ['CERT_HAS_EXPIRED', 'certificate has expired']
  ])('%s exits 3 naming the org and the call', async (code, message) => {
    globalThis.fetch = (async () => {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error(message), { code })
      });
    }) as typeof fetch;
    const stderr: string[] = [];
    const exit = await run(['--target-org', 'acme', '--user', 'a@b.example'], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => stderr.push(s) },
      connect: async (targetOrg: string, { log, timeoutMs }: { log: null; timeoutMs?: number }) => {
        const client = new RestClient({
          instanceUrl: 'https://acme.invalid',
          accessToken: 'T',
          log,
          timeoutMs
        });
        client.targetOrg = targetOrg;
        client.username = 'admin@acme.example';
        return client;
      }
    });
    expect(exit).toBe(EXIT.ORG);
    expect(stderr.join('')).toBe(`score: cannot reach https://acme.invalid (${code}): GET /services/data\n`);
  });
});
