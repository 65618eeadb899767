/**
 * @jest-environment node
 *
 * Never ready from a read that failed (issue 15, shared/spec/snapshot.md 0.3): the command line
 * against the fake org (support/fake-org.cjs) behind a proxy that damages answers
 * (support/damaging-proxy.cjs). For every read a capture makes, taken from the proxy's log of a
 * clean capture (so a new read is covered without touching this file), and every kind of damage
 * (an HTML page with 200, a cut JSON body, JSON of the wrong shape, a 500 with a Salesforce error, a
 * connection reset or closed mid-body, headers and then nothing), `score --target-org ... --user ...
 * --json` must:
 * - for an optional read (the access keys): exit 0 with access.<key> false, readErrors.<key> the
 *   cause as it happened, naming the object, no right blamed, the checks it feeds unknown, quoting
 *   the cause; never "ready" unless every unread check is only recommended or info (the engine's
 *   status rule) and the reason says so;
 * - for any other read: exit 3, nothing on stdout, one line on stderr naming the call.
 * The org's data is a ready user (perfect-dedicated-user): a failure read as zero rows would show.
 *
 * The command runs in-process (score.cjs's run, with the Salesforce CLI authorization replaced by a
 * client pointed at the proxy): one process for the whole matrix. cli-org.test.ts runs the real
 * process and authorization.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type FakeOrg = {
  url: string;
  token: string;
  requests: { method: string; path: string; soql?: string; status: number }[];
  runningUser: { Id: string; Username: string; Name: string };
  close: () => Promise<void>;
};
type Proxy = {
  url: string;
  hits: { target: string; kind: string }[];
  requests: string[];
  close: () => Promise<void>;
};
type Rule = { match: string | RegExp; kind: string; times?: number };
type Check = { id: string; status: string; severity: string; evidence: string; needs: string | null };
type Report = {
  status: string;
  statusReason: string;
  checks: Check[];
  completeness: { complete: boolean; rights: string[] };
};
type Snapshot = {
  access: Record<string, boolean>;
  accessMissing: Record<string, string>;
  readErrors: Record<string, string>;
  userLogin?: unknown;
};

const { startFakeOrg } = require('./support/fake-org.cjs') as {
  startFakeOrg: (options: Record<string, unknown>) => Promise<FakeOrg>;
};
const { startDamagingProxy, DAMAGE_KINDS } = require('./support/damaging-proxy.cjs') as {
  startDamagingProxy: (upstream: string, rules?: Rule[]) => Promise<Proxy>;
  DAMAGE_KINDS: string[];
};
const { RestClient } = require('../../scripts/lib/org-reader.cjs');
const { run } = require('../../scripts/score.cjs') as {
  run: (argv: string[], io: Record<string, unknown>) => Promise<number>;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loaded from its TypeScript sources at run time, untyped
const { loadEngine } = require('../../scripts/lib/load-ts.cjs') as { loadEngine: () => Record<string, any> };

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'fixtures', 'snapshots', 'perfect-dedicated-user.json'), 'utf8')
);
const USER_ID: string = FIXTURE.user.Id;
const engine = loadEngine();
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-damaged-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

/** The optional reads: the object each queries, and its access key. */
const OPTIONAL: Record<string, string> = {
  UserLogin: 'userLogin',
  LoginHistory: 'loginHistory',
  OauthToken: 'oauthTokens',
  FieldDefinition: 'fieldClassification'
};
/**
 * Reads that only add evidence (snapshot.md 0.3): damaged, the run goes on, readErrors holds the
 * cause, and no check turns unknown because of them. The Metadata API's SOAP calls share one path.
 */
const EVIDENCE: Record<string, string> = {
  Organization: 'organization',
  ConnectedApplication: 'connectedApps',
  SetupEntityAccess: 'setupEntityAccess',
  'Metadata API': 'passwordPolicy'
};
/** The limit the hang cases run with, in seconds. */
const HANG_TIMEOUT = '1';

/** The cause readErrors must hold for a damage kind on an optional read of `object`. */
function expectedCause(kind: string, object: string): RegExp {
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const cause: Record<string, string> = {
    html: quote('the answer was not JSON (text/html)'),
    garble: quote('the answer was not JSON (') + '.+\\)',
    shape: quote('the answer was not a query result (no records array)'),
    error500: quote('HTTP 500 UNKNOWN_EXCEPTION: An unexpected error occurred'),
    reset: quote('the connection was reset'),
    close: quote('the connection was closed before the answer was complete'),
    hang: quote(`the org did not answer within ${HANG_TIMEOUT} s`)
  };
  return new RegExp(`^${object}: ${cause[kind]}$`);
}

type Outcome = {
  code: number;
  stdout: string;
  stderr: string;
  hits: Proxy['hits'];
  targets: string[];
  snapshot: Snapshot | null;
};

let saved = 0;
/** `score --target-org fake --user <the fixture's user> --json --save-snapshot FILE ...args`, in-process. */
async function score(
  args: string[] = [],
  { damage = [], org: orgOptions = {} }: { damage?: Rule[]; org?: Record<string, unknown> } = {}
): Promise<Outcome> {
  const org = await startFakeOrg({ snapshot: FIXTURE, ...orgOptions });
  const proxy = await startDamagingProxy(org.url, damage);
  const file = path.join(TMP, `snapshot-${++saved}.json`);
  const stdout: string[] = [];
  const stderr: string[] = [];
  try {
    const code = await run(
      ['--target-org', 'fake', '--user', USER_ID, '--json', '--save-snapshot', file, ...args],
      {
        stdout: { write: (s: string) => stdout.push(s) },
        stderr: { write: (s: string) => stderr.push(s) },
        connect: async (
          targetOrg: string,
          { log, timeoutMs }: { log: ((line: string) => void) | null; timeoutMs?: number }
        ) => {
          const client = new RestClient({ instanceUrl: proxy.url, accessToken: org.token, log, timeoutMs });
          client.username = org.runningUser.Username;
          client.targetOrg = targetOrg;
          return client;
        }
      }
    );
    const snapshot = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
    return {
      code,
      stdout: stdout.join(''),
      stderr: stderr.join(''),
      hits: [...proxy.hits],
      targets: [...proxy.requests],
      snapshot
    };
  } finally {
    await proxy.close();
    await org.close();
  }
}

/** Runs fn over items, at most `width` at a time (the hang cases mostly wait). */
async function pool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    const i = next++;
    if (i >= items.length) return;
    out[i] = await fn(items[i]);
    await worker();
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

/** A read, as the proxy saw it: its exact target, the object it reads and the access key if optional. */
type Read = { target: string; object: string; key: string | null; call: string; evidence?: boolean };

function readOf(target: string): Read {
  const url = new URL(target.replace(/\?q=.*$/, ''), 'http://x');
  const soql = /\?q=(.*)$/.exec(target)?.[1] ?? null;
  if (soql !== null) {
    const object = /\bFROM\s+(\w+)/i.exec(soql)?.[1] ?? '?';
    const call = `query?q=SELECT ... FROM ${object} ...`;
    if (EVIDENCE[object]) return { target, object, key: EVIDENCE[object], call, evidence: true };
    return { target, object, key: OPTIONAL[object] ?? null, call };
  }
  if (/^\/services\/Soap\/m\//.test(url.pathname))
    return {
      target,
      object: 'Metadata API',
      key: EVIDENCE['Metadata API'],
      call: `POST ${url.pathname}`,
      evidence: true
    };
  const describe = /\/sobjects\/(\w+)\/describe$/.exec(url.pathname);
  return {
    target,
    object: describe ? `${describe[1]} describe` : url.pathname,
    key: null,
    call: `GET ${url.pathname}`
  };
}

/** Whether a hang case also timed out on a call it did not damage. */
function disturbed(read: Read, outcome: Outcome): boolean {
  const others = Object.entries(outcome.snapshot?.readErrors ?? {}).filter(([key]) => key !== read.key);
  return (
    !outcome.hits.length ||
    others.some(([, cause]) => /did not answer/.test(cause)) ||
    (/did not answer/.test(outcome.stderr) && !outcome.stderr.includes(read.call))
  );
}

let reads: Read[] = [];
let clean: Outcome;

beforeAll(async () => {
  clean = await score();
  reads = [...new Set(clean.targets)].map(readOf);
}, 60000);

describe('the reads a capture makes', () => {
  it('are taken from a clean capture, which scores the ready user ready and validates', () => {
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('');
    expect((JSON.parse(clean.stdout) as Report).status).toBe('ready');
    expect(() => engine.validateSnapshot(clean.snapshot)).not.toThrow();
    expect(clean.snapshot?.readErrors).toEqual({});
    // Every optional read and the required ones around them are in the list.
    expect(reads.filter((r) => r.key).map((r) => r.object)).toEqual(
      expect.arrayContaining(Object.keys(OPTIONAL))
    );
    const objects = reads.map((r) => r.object);
    for (const required of [
      '/services/data',
      'User',
      'PermissionSetAssignment',
      'PermissionSet',
      'ObjectPermissions',
      'FieldPermissions',
      'PermissionSet describe',
      '/services/data/v67.0/sobjects'
    ])
      expect(objects).toContain(required);
    expect(reads.length).toBeGreaterThan(15);
  });
});

describe.each(DAMAGE_KINDS)('every read, damaged: %s', (kind) => {
  it('an optional read makes its checks unknown with the cause; any other ends the run naming the call', async () => {
    const attempt = (read: Read) =>
      score(kind === 'hang' ? ['--timeout', HANG_TIMEOUT] : [], { damage: [{ match: read.target, kind }] });
    const outcomes = await pool(reads, kind === 'hang' ? 6 : 3, async (read) => {
      const outcome = await attempt(read);
      // Side by side in one process, an undamaged call may miss the 1 s limit of a hang case on a
      // loaded machine: such a case runs again alone.
      return { read, outcome: kind === 'hang' && disturbed(read, outcome) ? await attempt(read) : outcome };
    });
    const problems: string[] = [];
    for (const { read, outcome } of outcomes) {
      const say = (what: string) => problems.push(`${read.object} (${read.target.slice(0, 80)}): ${what}`);
      if (!outcome.hits.length) {
        say(`the damage was never applied (exit ${outcome.code}: ${outcome.stderr.trim()})`);
        continue;
      }
      if (read.evidence && read.key) {
        if (outcome.code !== 0) {
          say(`exit ${outcome.code}, not 0: ${outcome.stderr.trim()}`);
          continue;
        }
        const report = JSON.parse(outcome.stdout) as Report;
        const cause = (outcome.snapshot as Snapshot).readErrors?.[read.key] ?? '';
        if (!cause.startsWith(`${read.object}`)) say(`readErrors.${read.key} is "${cause}"`);
        const unknown = report.checks.filter((c) => c.status === 'unknown').map((c) => c.id);
        if (unknown.length) say(`checks turned unknown: ${unknown.join(', ')}`);
        if (report.status !== 'ready') say(`status ${report.status}, not ready as in the clean run`);
        if (outcome.stderr !== '') say(`stderr: ${outcome.stderr}`);
      } else if (read.key) {
        if (outcome.code !== 0) {
          say(`exit ${outcome.code}, not 0: ${outcome.stderr.trim()}`);
          continue;
        }
        const report = JSON.parse(outcome.stdout) as Report;
        const snapshot = outcome.snapshot as Snapshot;
        const cause = snapshot.readErrors?.[read.key] ?? '';
        if (snapshot.access?.[read.key] !== false) say(`access.${read.key} is not false`);
        if (!expectedCause(kind, read.object).test(cause)) say(`readErrors.${read.key} is "${cause}"`);
        if (snapshot.accessMissing?.[read.key] !== undefined)
          say(`a right is blamed: ${snapshot.accessMissing[read.key]}`);
        const unknown = report.checks.filter((c) => c.status === 'unknown');
        if (!unknown.length) say('no check is unknown');
        for (const c of unknown) {
          if (!c.evidence.includes(cause)) say(`${c.id} does not quote the cause: ${c.evidence}`);
          if (c.needs !== null) say(`${c.id} needs ${c.needs}`);
        }
        if (report.completeness.complete) say('the report says it is complete');
        if (report.completeness.rights.length) say(`rights named: ${report.completeness.rights.join(', ')}`);
        // "Ready" only where every unread check is recommended or info, and the reason says so.
        const decisive = unknown.filter((c) => c.severity === 'blocker' || c.severity === 'required');
        if (report.status === 'ready' && (decisive.length || !/could not be read/.test(report.statusReason)))
          say(`status ready (${report.statusReason})`);
        if (outcome.stderr !== '') say(`stderr: ${outcome.stderr}`);
      } else {
        const lines = outcome.stderr.split('\n').filter(Boolean);
        if (outcome.code !== 3) say(`exit ${outcome.code}, not 3 (${lines.join(' | ').slice(0, 200)})`);
        if (outcome.stdout !== '') say('something on stdout');
        if (lines.length !== 1) say(`${lines.length} lines on stderr`);
        else if (!lines[0].startsWith('score: ') || !lines[0].includes(read.call))
          say(`the line does not name ${read.call}: ${lines[0]}`);
        if (outcome.snapshot) say('a snapshot was saved');
      }
    }
    expect(problems).toEqual([]);
  }, 180000);
});

describe('optional reads and rights', () => {
  it('names the right, and sends no read, only when the running user lacks it', async () => {
    const r = await score([], {
      org: {
        runningUser: {
          Id: '0058d0000000901AAM',
          Username: 'viewer@acme.example',
          Name: 'Viewer',
          rights: ['PermissionsApiEnabled', 'PermissionsViewSetup']
        }
      }
    });
    expect(r.code).toBe(0);
    const snapshot = r.snapshot as Snapshot;
    expect(snapshot.accessMissing).toEqual({
      userLogin: 'Manage Users',
      loginHistory: engine.LOGIN_HISTORY_RIGHT,
      oauthTokens: 'Customize Application'
    });
    expect(snapshot.readErrors.userLogin).toBe('not read: the running user lacks Manage Users');
    expect(snapshot.access).toEqual(
      expect.objectContaining({ userLogin: false, loginHistory: false, oauthTokens: false })
    );
    expect(r.targets.some((t) => /FROM (UserLogin|LoginHistory|OauthToken)\b/.test(t))).toBe(false);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.checks.find((c) => c.id === 'user.not-frozen')?.needs).toBe('Manage Users');
    expect(report.completeness.rights).toEqual(expect.arrayContaining(['Manage Users']));
    expect(report.status).not.toBe('ready');
  }, 30000);

  it('an org that refuses a read the rights allow (INSUFFICIENT_ACCESS) blames no right', async () => {
    const r = await score([], {
      org: {
        failures: [
          {
            match: /FROM\s+UserLogin/i,
            status: 400,
            errorCode: 'INSUFFICIENT_ACCESS',
            message: 'insufficient access rights on object id'
          }
        ]
      }
    });
    const snapshot = r.snapshot as Snapshot;
    expect(snapshot.readErrors.userLogin).toBe(
      'UserLogin: HTTP 400 INSUFFICIENT_ACCESS: insufficient access rights on object id'
    );
    expect(snapshot.accessMissing).toEqual({});
    const report = JSON.parse(r.stdout) as Report;
    expect(report.checks.find((c) => c.id === 'user.not-frozen')).toEqual(
      expect.objectContaining({ status: 'unknown', needs: null })
    );
    expect(report.status).not.toBe('ready');
  }, 30000);

  it('a UserLogin query that returns no row is userLogin null, not a failed read', async () => {
    const r = await score([], { org: { snapshot: { ...FIXTURE, userLogin: null } } });
    expect(r.code).toBe(0);
    const snapshot = r.snapshot as Snapshot;
    expect(snapshot.userLogin).toBeNull();
    expect(snapshot.access.userLogin).toBe(true);
    expect(snapshot.readErrors).toEqual({});
    const check = (JSON.parse(r.stdout) as Report).checks.find((c) => c.id === 'user.not-frozen');
    expect(check?.status).toBe('unknown');
    expect(check?.evidence).toContain('Salesforce returned no UserLogin row');
  }, 30000);

  it('a failed read of the field mapping is not read as "no mapping"; a missing object is', async () => {
    const broken = await score([], {
      damage: [{ match: /FROM Readiness_Field_Mapping__c/, kind: 'html' }]
    });
    expect(broken.code).toBe(3);
    expect(broken.stderr.trim()).toMatch(
      /^score: cannot read Readiness_Field_Mapping__c from "fake": the answer was not JSON \(text\/html\)/
    );
    const absent = await score([], { org: { fieldMappingObject: false } });
    expect(absent.code).toBe(0);
    expect((JSON.parse(absent.stdout) as Report).status).toBe('ready');
  }, 30000);

  it('the grouped readable-field query falls back only when the org refuses it (400), not on a 500', async () => {
    const refused = await score([], { org: { refuseGroupBy: true } });
    expect(refused.code).toBe(0);
    const failed = await score([], { damage: [{ match: /GROUP BY SobjectType, Field/, kind: 'error500' }] });
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(
      /^score: cannot read FieldPermissions from "fake": HTTP 500 UNKNOWN_EXCEPTION/
    );
  }, 30000);

  it('a query page that is not done must say where the next page is, on the org', async () => {
    // The fake org pages at 2 rows: every query of more is followed; a page pointing off the org is refused.
    const paged = await score([], { org: { pageSize: 2 } });
    expect(paged.code).toBe(0);
    expect((JSON.parse(paged.stdout) as Report).status).toBe('ready');
    expect(paged.targets.some((t) => /\/query\/[^?]+$/.test(t))).toBe(true);
    const cut = await score([], {
      org: { pageSize: 2 },
      damage: [{ match: /\/query\/[^?]+-2$/, kind: 'garble', times: 1 }]
    });
    expect(cut.code).toBe(3);
    expect(cut.stderr).toMatch(
      /\(GET \/services\/data\/v67\.0\/query\/\S+ \(the next page of \.\.\. FROM \w+ \.\.\.\)\)$/m
    );
  }, 30000);
});

describe('--verbose', () => {
  it('lists every call with its status and time, the call that failed with its failure, and the reads not made', async () => {
    const r = await score(['--verbose', '--timeout', HANG_TIMEOUT], {
      damage: [{ match: /FROM LoginHistory/, kind: 'hang' }]
    });
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter(Boolean);
    const calls = lines.filter((l) => /^score: (\d{3} )?(GET|POST) /.test(l));
    expect(calls).toHaveLength(r.targets.length);
    for (const l of calls)
      expect(l).toMatch(/^score: (\d{3} (GET|POST) \S.* \(\d+ ms\)|200 GET \S.* failed after \d+ ms: .+)$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^score: 200 GET \/services\/data\/v67\.0\/query\?q=SELECT LoginTime.* failed after \d+ ms: the org did not answer within 1 s$/
      )
    );
    expect(lines).toContain('score: not read: LoginHistory: the org did not answer within 1 s');
    expect(lines[lines.length - 1]).toMatch(
      /^score: \d+ API calls to http:\/\/127\.0\.0\.1:\d+ \(API v67\.0\)$/
    );
    expect((JSON.parse(r.stdout) as Report).status).not.toBe('ready');
  }, 30000);
});

describe('the candidate list', () => {
  it('says which source could not be read and why, never an empty source', async () => {
    const org = await startFakeOrg({ snapshot: FIXTURE });
    const proxy = await startDamagingProxy(org.url, [
      { match: /FROM LoginHistory WHERE LoginTime/, kind: 'html' }
    ]);
    const out: string[] = [];
    try {
      const code = await run(['--target-org', 'fake', '--json'], {
        stdout: { write: (s: string) => out.push(s) },
        stderr: { write: () => true },
        connect: async (targetOrg: string, { log }: { log: null }) => {
          const client = new RestClient({ instanceUrl: proxy.url, accessToken: org.token, log });
          client.username = org.runningUser.Username;
          client.targetOrg = targetOrg;
          return client;
        }
      });
      expect(code).toBe(0);
      expect(JSON.parse(out.join('')).skipped).toContain(
        'Login history: not read (LoginHistory: the answer was not JSON (text/html))'
      );
    } finally {
      await proxy.close();
      await org.close();
    }
  }, 30000);
});
