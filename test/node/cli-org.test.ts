/**
 * @jest-environment node
 *
 * Scoring a live org without an org: the REST reader and the command line against a fake org on
 * 127.0.0.1 (test/node/support/fake-org.cjs) that answers with Salesforce's documented REST shapes
 * from a fixture snapshot. No other network address is used: the Salesforce CLI authorization the
 * command line reads is a file in a temporary HOME that points at the fake org.
 */
import { execFile } from 'node:child_process';
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
const { startFakeOrg } = require('./support/fake-org.cjs') as {
  startFakeOrg: (options: Record<string, unknown>) => Promise<FakeOrg>;
};
type Proxy = { url: string; hits: unknown[]; close: () => Promise<void> };
const { startDamagingProxy } = require('./support/damaging-proxy.cjs') as {
  startDamagingProxy: (upstream: string, rules?: { match: RegExp; kind: string }[]) => Promise<Proxy>;
};
const { RestClient, OrgReader, API_VERSION } = require('../../scripts/lib/org-reader.cjs');
const { sfHome, sfEnv } = require('./support/sf-home.cjs') as {
  sfHome: (
    org: { url: string; token: string; runningUser: { Username: string } },
    token?: string,
    options?: { url?: string; refreshToken?: string }
  ) => string;
  sfEnv: (homeDir: string) => NodeJS.ProcessEnv;
};
const { describeSoql } = require('../../scripts/apex/soql.cjs');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loaded from its TypeScript sources at run time, untyped
const { loadEngine } = require('../../scripts/lib/load-ts.cjs') as { loadEngine: () => Record<string, any> };
const { readChecklistRecords } = require('../../scripts/lib/checklist-xml.cjs');

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'scripts', 'score.cjs');
const FIXTURES = path.join(ROOT, 'fixtures', 'snapshots');
const engine = loadEngine();
const definitions = engine.definitionsFromRecords(readChecklistRecords());
const fixtureNames = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));

const orgs: FakeOrg[] = [];
async function fakeOrg(name: string, options: Record<string, unknown> = {}): Promise<FakeOrg> {
  const org = await startFakeOrg({ snapshot: fixture(name), ...options });
  orgs.push(org);
  return org;
}
afterEach(async () => {
  await Promise.all(orgs.splice(0).map((o) => o.close()));
});

async function capture(org: FakeOrg, userId: string) {
  const client = new RestClient({ instanceUrl: org.url, accessToken: org.token });
  client.username = org.runningUser.Username;
  const reader = new OrgReader(client, engine, definitions);
  await reader.start();
  return { snapshot: await reader.read(userId), client, reader };
}

/** What a person sees of a report: score, status, completeness and every check's status. */
function verdict(snapshot: unknown) {
  const report = engine.evaluate(definitions, engine.validateSnapshot(snapshot));
  return {
    score: report.score,
    status: report.status,
    complete: report.completeness.complete,
    checks: Object.fromEntries(report.checks.map((c: { id: string; status: string }) => [c.id, c.status]))
  };
}

describe('the REST reader captures what the Apex reader would', () => {
  it.each(fixtureNames)('%s: the captured snapshot scores exactly as the file does', async (name) => {
    const org = await fakeOrg(name);
    const { snapshot, client } = await capture(org, fixture(name).user.Id);
    expect(verdict(snapshot)).toEqual(verdict(fixture(name)));
    expect(client.version).toBe(API_VERSION);
    // Only what the fixture says the admin could not read is refused (and the mapping where the package is absent).
    const unreadable = Object.entries(fixture(name).access ?? {})
      .filter(([, ok]) => ok === false)
      .map(
        ([flag]) =>
          ({
            loginHistory: 'LoginHistory',
            userLogin: 'UserLogin',
            oauthTokens: 'OauthToken',
            fieldClassification: 'FieldDefinition'
          })[flag]
      );
    const refused = org.requests
      .filter((r) => r.status >= 400)
      .map((r) => /FROM\s+(\w+)/i.exec(r.soql ?? '')?.[1]);
    expect(refused.filter((o) => !unreadable.includes(o) && o !== 'Readiness_Field_Mapping__c')).toEqual([]);
  });

  it('follows nextRecordsUrl across pages and counts every call', async () => {
    const org = await fakeOrg('new-user-fixable', { pageSize: 2 });
    const { snapshot, client } = await capture(org, fixture('new-user-fixable').user.Id);
    expect(verdict(snapshot)).toEqual(verdict(fixture('new-user-fixable')));
    const pages = org.requests.filter((r) => /\/query\/[^?]+$/.test(r.path));
    expect(pages.length).toBeGreaterThan(5);
    expect(client.calls).toBe(org.requests.length);
  });

  it('falls back to a plain query where the org refuses to group FieldPermissions', async () => {
    const org = await fakeOrg('too-many-fields', { refuseGroupBy: true });
    const { snapshot } = await capture(org, fixture('too-many-fields').user.Id);
    expect(verdict(snapshot)).toEqual(verdict(fixture('too-many-fields')));
    expect(org.requests.some((r) => r.status === 400 && /GROUP BY/.test(r.soql ?? ''))).toBe(true);
  });

  it('turns the checks unknown, naming the right, when the running user lacks it', async () => {
    const org = await fakeOrg('perfect-dedicated-user', {
      runningUser: {
        Id: '0058d0000000901AAM',
        Username: 'viewer@acme.example',
        Name: 'Viewer',
        rights: ['PermissionsApiEnabled', 'PermissionsViewSetup']
      }
    });
    const { snapshot } = await capture(org, fixture('perfect-dedicated-user').user.Id);
    expect(snapshot.access).toEqual(
      expect.objectContaining({ loginHistory: false, userLogin: false, oauthTokens: false })
    );
    expect(snapshot.accessMissing.loginHistory).toBe(engine.LOGIN_HISTORY_RIGHT);
    const v = verdict(snapshot);
    expect(v.checks['user.not-frozen']).toBe('unknown');
    expect(v.checks['auth.recent-logins']).toBe('unknown');
    expect(v.complete).toBe(false);
    expect(v.status).not.toBe('ready');
    // It never asked for what it knew it could not read.
    expect(org.requests.some((r) => /FROM\s+LoginHistory/i.test(r.soql ?? ''))).toBe(false);
  });

  it('turns a source unknown when the org refuses it (INSUFFICIENT_ACCESS) although the rights say yes', async () => {
    const org = await fakeOrg('perfect-dedicated-user', {
      failures: [
        {
          match: /FROM\s+LoginHistory/i,
          status: 400,
          errorCode: 'INSUFFICIENT_ACCESS',
          message: 'insufficient access rights on object id'
        }
      ]
    });
    const { snapshot } = await capture(org, fixture('perfect-dedicated-user').user.Id);
    expect(snapshot.access.loginHistory).toBe(false);
    expect(verdict(snapshot).checks['auth.recent-logins']).toBe('unknown');
  });

  it("counts only the running user's own sets as their rights (not the product's set that comes along)", async () => {
    const snapshot = fixture('mfa-api-via-permission-set');
    const product = snapshot.permissionSets.find(
      (ps: { Name: string }) => ps.Name === 'Act_On_Integration_User'
    );
    product.PermissionsCustomizeApplication = true;
    const org = await startFakeOrg({
      snapshot,
      runningUser: {
        Id: '0058d0000000901AAM',
        Username: 'viewer@acme.example',
        Name: 'Viewer',
        rights: ['PermissionsApiEnabled', 'PermissionsViewSetup']
      }
    });
    orgs.push(org);
    const client = new RestClient({ instanceUrl: org.url, accessToken: org.token });
    client.username = org.runningUser.Username;
    const reader = new OrgReader(client, engine, definitions);
    await reader.start();
    const sources = await reader.candidateSources();
    expect(sources.oauthTokens).toBeNull();
    expect(sources.skipped.join(' ')).toContain(
      "OAuth tokens: reading other users' tokens needs Customize Application"
    );
  });

  it('reads the candidates from the same raw rows the Apex finder returns, ranked by the engine', async () => {
    const org = await fakeOrg('mfa-api-via-permission-set');
    const client = new RestClient({ instanceUrl: org.url, accessToken: org.token });
    client.username = org.runningUser.Username;
    const reader = new OrgReader(client, engine, definitions);
    await reader.start();
    const sources = await reader.candidateSources();
    const ranked = engine.rankCandidates(sources);
    expect(ranked[0]).toEqual(
      expect.objectContaining({ userId: fixture('mfa-api-via-permission-set').user.Id })
    );
    expect(ranked[0].reasons).toContain('name or username mentions Act-On');
  });
});

describe('the REST reader sends only declared reads', () => {
  const declared = [...engine.SNAPSHOT_READS, ...engine.CANDIDATE_READS];
  const lower = (v: string[]) =>
    v
      .map((s) => s.toLowerCase())
      .sort()
      .join();

  function declarationOf(soql: string) {
    const q = describeSoql(soql);
    expect(q.errors).toEqual([]);
    return declared.find((d) => {
      const fields = d.withPermissionFields
        ? q.fields.filter((f: string) => !/^Permissions[A-Z]/.test(f))
        : q.fields;
      const limit = engine.limitOf(d);
      return (
        d.object.toLowerCase() === q.object.toLowerCase() &&
        lower(fields) === lower([...d.fields]) &&
        lower(q.filters) === lower([...d.filters]) &&
        lower(q.groupBy) === lower([...(d.groupBy ?? [])]) &&
        (q.orderBy ?? '').toLowerCase() === (d.orderBy ?? '').toLowerCase() &&
        (limit === null ? q.limit === null : typeof q.limit === 'number' && q.limit <= limit)
      );
    });
  }

  it('every query of a capture and of the candidate list is a declared read; every snapshot read is used', async () => {
    const org = await fakeOrg('restricted-field-readable', { refuseGroupBy: true });
    const { reader } = await capture(org, fixture('restricted-field-readable').user.Id);
    await reader.candidateSources();
    // An Act-On app installed for admin-approved users only: the read of who approves it.
    const approved = fixture('soap-login');
    const app = {
      Id: '0H48d0000000ACTAAM',
      Name: 'Act-On Lightning Support App',
      OptionsAllowAdminApprovedUsersOnly: true
    };
    const profileSet = (approved.permissionSets as { Id: string; IsOwnedByProfile?: boolean }[]).find(
      (ps) => ps.IsOwnedByProfile
    ) as { Id: string };
    const appOrg = await startFakeOrg({
      snapshot: {
        ...approved,
        connectedApps: [app],
        setupEntityAccess: [
          { ParentId: profileSet.Id, SetupEntityId: app.Id, SetupEntityType: 'ConnectedApplication' }
        ]
      }
    });
    orgs.push(appOrg);
    const appCapture = await capture(appOrg, approved.user.Id);
    expect(appCapture.snapshot?.setupEntityAccess).toEqual([
      { ParentId: profileSet.Id, SetupEntityId: app.Id, SetupEntityType: 'ConnectedApplication' }
    ]);
    const used = new Set<string>();
    const undeclared: string[] = [];
    for (const r of [...org.requests, ...appOrg.requests].filter((x) => x.soql)) {
      const d = declarationOf(r.soql as string);
      if (d) used.add(d.name);
      else undeclared.push(r.soql as string);
    }
    expect(undeclared).toEqual([]);
    expect(declared.filter((d) => !used.has(d.name)).map((d) => d.name)).toEqual([]);
  });
});

// ------------------------------------------------------------------ the command line

const home = sfHome;

function run(
  args: string[],
  homeDir: string
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: ROOT,
        env: sfEnv(homeDir)
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    );
  });
}

const oneLine = (s: string) => s.trim().split('\n').length === 1;

describe('npm run score -- --target-org', () => {
  it('scores --user from the org, saves the snapshot, and the saved file scores the same', async () => {
    const org = await fakeOrg('mfa-api-via-profile');
    const dir = home(org);
    const saved = path.join(dir, 'captured.json');
    const user = fixture('mfa-api-via-profile').user;
    const r = await run(
      ['--target-org', 'fake', '--user', user.Username, '--json', '--save-snapshot', saved, '--verbose'],
      dir
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.status).toBe('blocked');
    expect(report.user.Id).toBe(user.Id);
    expect(r.stderr).toMatch(/score: \d+ API calls to http:\/\/127\.0\.0\.1:\d+ \(API v67\.0\)/);
    expect(r.stderr).not.toContain(org.token);
    const again = await run(['--snapshot', saved, '--json'], dir);
    expect(JSON.parse(again.stdout).score).toBe(report.score);
    expect(fs.readFileSync(saved, 'utf8')).not.toContain(org.token);
  }, 30000);

  it('without --user lists the ranked candidates and asks nothing', async () => {
    const org = await fakeOrg('mfa-api-via-group');
    const dir = home(org);
    const r = await run(['--target-org', 'fake'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Likely integration users in fake, best first');
    expect(r.stdout).toContain(fixture('mfa-api-via-group').user.Username);
    const json = await run(['--target-org', 'fake', '--json'], dir);
    expect(JSON.parse(json.stdout).candidates[0].userId).toBe(fixture('mfa-api-via-group').user.Id);
  }, 30000);

  it('--fail-on blocked exits 1 on a blocked user from the org', async () => {
    const org = await fakeOrg('frozen-user');
    const r = await run(
      ['--target-org', 'fake', '--user', fixture('frozen-user').user.Id, '--fail-on', 'blocked'],
      home(org)
    );
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[1]).toBe('Blocked: Freeze status fails');
  }, 30000);

  it.each([
    ['an expired session', { stale: true }, /INVALID_SESSION_ID\).*sf org login web --alias fake/],
    [
      'an org without the REST API',
      {
        failures: [
          {
            all: true,
            status: 403,
            errorCode: 'API_DISABLED_FOR_ORG',
            message: 'The REST API is not enabled for this Organization.'
          }
        ]
      },
      /REST API is not enabled for "fake" \(API_DISABLED_FOR_ORG\)/
    ],
    [
      'an admin who may not read assignments',
      {
        failures: [
          {
            match: /FROM\s+PermissionSetAssignment/i,
            status: 400,
            errorCode: 'INSUFFICIENT_ACCESS',
            message: 'insufficient access rights on object id'
          }
        ]
      },
      /cannot read PermissionSetAssignment in "fake" \(INSUFFICIENT_ACCESS\): log in as an admin with View Setup/
    ]
  ])(
    '%s exits 3 with one line saying what to do',
    async (_name, options, message) => {
      const { stale, ...rest } = options as { stale?: boolean };
      const org = await fakeOrg('perfect-dedicated-user', rest);
      const r = await run(
        ['--target-org', 'fake', '--user', fixture('perfect-dedicated-user').user.Id],
        home(org, stale ? '00D000000000001!EXPIRED.TOKEN' : org.token)
      );
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).toMatch(message);
    },
    30000
  );

  it('exits 3 when the org cannot be reached', async () => {
    const org = await fakeOrg('perfect-dedicated-user');
    const dir = home(org);
    await org.close();
    orgs.splice(orgs.indexOf(org), 1);
    const r = await run(['--target-org', 'fake', '--user', 'x@y.z'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^score: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(oneLine(r.stderr)).toBe(true);
  }, 30000);

  it('exits 3 for an alias the Salesforce CLI does not know, naming the login to run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-home-'));
    const r = await run(['--target-org', 'nosuchalias'], dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'score: no Salesforce CLI authorization for "nosuchalias": run sf org login web --alias nosuchalias (sf org list shows the orgs you are logged in to)'
    );
  }, 30000);

  describe('behind a proxy that damages answers (more in cli-damaged.test.ts)', () => {
    const proxies: Proxy[] = [];
    afterEach(async () => {
      await Promise.all(proxies.splice(0).map((p) => p.close()));
    });
    async function behindProxy(rules: { match: RegExp; kind: string }[], refreshToken?: string) {
      const org = await fakeOrg('perfect-dedicated-user', refreshToken ? { refreshToken } : {});
      const proxy = await startDamagingProxy(org.url, rules);
      proxies.push(proxy);
      return { org, proxy };
    }
    const user = () => fixture('perfect-dedicated-user').user.Id;

    it('a proxy page instead of login history makes the user at-risk, not ready: --fail-on at-risk exits 1', async () => {
      const { org, proxy } = await behindProxy([{ match: /FROM LoginHistory/, kind: 'html' }]);
      const r = await run(
        ['--target-org', 'fake', '--user', user(), '--fail-on', 'at-risk'],
        home(org, org.token, { url: proxy.url })
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('LoginHistory: the answer was not JSON (text/html)');
      expect(r.stdout).not.toContain('Manage Users would');
    }, 30000);

    it('a required read whose server hangs after its headers exits 3 at --timeout, naming the call', async () => {
      const { org, proxy } = await behindProxy([{ match: /FROM ObjectPermissions/, kind: 'hang' }]);
      const started = Date.now();
      const r = await run(
        ['--target-org', 'fake', '--user', user(), '--json', '--timeout', '1'],
        home(org, org.token, { url: proxy.url })
      );
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'score: the org did not answer GET /services/data/v67.0/query?q=SELECT ... FROM ObjectPermissions ... within 1 s (--timeout sets the limit)\n'
      );
      // The process does not wait for the hung connection.
      expect(Date.now() - started).toBeLessThan(20000);
    }, 30000);

    it('a connection reset mid-body exits 3 with one line, not an internal error', async () => {
      const { org, proxy } = await behindProxy([{ match: /FROM PermissionSet\b/, kind: 'reset' }]);
      const r = await run(
        ['--target-org', 'fake', '--user', user()],
        home(org, org.token, { url: proxy.url })
      );
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^score: cannot read PermissionSet from "fake": the connection was reset \(GET \/services\/data\/v67\.0\/query\?q=SELECT \.\.\. FROM PermissionSet \.\.\.\)\n$/
      );
    }, 30000);

    it('--verbose shows the token refresh: its calls, its outcome and the call retried', async () => {
      const { org, proxy } = await behindProxy([], 'REFRESH-TOKEN-1');
      const r = await run(
        ['--target-org', 'fake', '--user', user(), '--json', '--verbose'],
        home(org, '00D000000000001!EXPIRED.TOKEN', { url: proxy.url, refreshToken: 'REFRESH-TOKEN-1' })
      );
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).status).toBe('ready');
      const lines = r.stderr.split('\n');
      const at = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
      const refreshing = at(/^score: refreshing the access token \(GET .* answered 401\)$/);
      const post = at(/^score: 200 POST \/services\/oauth2\/token \(\d+ ms, token refresh\)$/);
      const refreshed = at(/^score: the access token was refreshed \(\d+ ms\)$/);
      const retried = at(/^score: retrying GET .* with the new access token$/);
      expect(refreshing).toBeGreaterThan(-1);
      expect(post).toBeGreaterThan(refreshing);
      expect(refreshed).toBeGreaterThan(post);
      expect(retried).toBeGreaterThan(refreshed);
      expect(lines[retried + 1]).toMatch(/^score: 200 GET /);
      expect(r.stderr).not.toContain(org.token);
      expect(r.stderr).not.toContain('REFRESH-TOKEN-1');
    }, 30000);
  });

  it('exits 2 for a user the org does not have', async () => {
    const org = await fakeOrg('perfect-dedicated-user');
    const r = await run(['--target-org', 'fake', '--user', 'nobody@nowhere.example'], home(org));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('score: no user "nobody@nowhere.example" is visible in fake');
  }, 30000);
});
