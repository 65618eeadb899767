/**
 * The engine's read declaration and what it takes from the checklist, the candidate ranking that
 * moved out of Apex, and the comparison of two reports (--compare).
 */
import {
  CANDIDATE_READS,
  CANDIDATE_WEIGHTS,
  HIGH_RISK_PERMISSIONS,
  READ_LIMITS,
  SNAPSHOT_READS,
  asComparableReport,
  compareReports,
  limitOf,
  rankCandidates,
  readInputs
} from 'c/readinessEngine';
import type { CandidateSources, CheckDefinition, ComparableReport } from 'c/readinessEngine';
import { definitions, fixture, score } from './helpers';

describe('read declaration', () => {
  it('names every read once, with a limit that resolves to a number or none', () => {
    const all = [...SNAPSHOT_READS, ...CANDIDATE_READS];
    expect(new Set(all.map((r) => r.name)).size).toBe(all.length);
    for (const read of all) {
      const limit = limitOf(read);
      expect(limit === null || (Number.isInteger(limit) && limit > 0)).toBe(true);
      expect(read.fields.length).toBeGreaterThan(0);
    }
    expect(limitOf(SNAPSHOT_READS.find((r) => r.name === 'loginHistory')!)).toBe(
      READ_LIMITS.LOGIN_HISTORY_LIMIT
    );
  });

  it('gives every read that can be cut the truncated key the engine looks at', () => {
    const keys = SNAPSHOT_READS.filter((r) => r.truncates).map((r) => r.truncates);
    expect(new Set(keys)).toEqual(
      new Set(['assignments', 'objectPermissions', 'fieldPermissions', 'readableFields', 'loginHistory'])
    );
  });
});

describe('readInputs (what the reads take from the checklist)', () => {
  const inputs = readInputs(definitions, {});

  it('reads the checked objects plus Task, each once', () => {
    expect(inputs.objects).toEqual(
      expect.arrayContaining(['Task', 'Lead', 'Contact', 'Account', 'Campaign'])
    );
    expect(new Set(inputs.objects).size).toBe(inputs.objects.length);
  });

  it('names task fields under Activity too, and mapped fields through the default until mapped', () => {
    expect(inputs.checkedFields).toEqual(
      expect.arrayContaining(['Task.WhoId', 'Activity.WhoId', 'Contact.Email'])
    );
    const mapped = definitions.filter((d) => d.mapped && d.rule === 'field-access');
    expect(mapped.length).toBeGreaterThan(0);
    const defaults = mapped
      .filter((d) => d.defaultField)
      .map((d) => `${(d.target as string).split('.')[0]}.${d.defaultField}`);
    expect(defaults.length).toBeGreaterThan(0);
    expect(inputs.checkedFields).toEqual(expect.arrayContaining(defaults));
  });

  it('follows the field mapping', () => {
    const mapped = definitions.find((d) => d.mapped && d.target === 'Lead.LeadScore') as CheckDefinition;
    expect(mapped).toBeDefined();
    const withMapping = readInputs(definitions, { 'Lead.LeadScore': 'Lead.Score__c' });
    expect(withMapping.checkedFields).toContain('Lead.Score__c');
  });

  it('reads every permission the checklist names and the high-risk list', () => {
    expect(inputs.permissionFields).toEqual(
      expect.arrayContaining(['PermissionsApiEnabled', 'PermissionsTwoFactorApi', ...HIGH_RISK_PERMISSIONS])
    );
  });

  it('looks for Act-On tokens under the spellings admins use', () => {
    expect(inputs.oauthAppNames).toEqual(['Act-On']);
    expect(inputs.oauthPatterns).toEqual(['%Act-On%', '%ActOn%', '%Act On%']);
    expect(inputs.relatedParents).toEqual(expect.arrayContaining(['Lead', 'Contact']));
  });
});

describe('rankCandidates', () => {
  const user = (Id: string, Username: string, extra: object = {}) => ({
    Id,
    Username,
    Name: Username.split('@')[0],
    IsActive: true,
    LastLoginDate: null,
    Profile: { Name: 'Minimum Access - Salesforce', UserLicense: { Name: 'Salesforce' } },
    ...extra
  });
  const sources: CandidateSources = {
    apiOnly: [{ AssigneeId: '005A' }],
    permissionSets: [
      {
        AssigneeId: '005A',
        PermissionSet: { Name: 'Act_On_Integration_User', Label: 'Act-On Integration User' }
      }
    ],
    names: [
      { Id: '005A', Name: 'Act-On Sync', Username: 'acton@acme.example' },
      { Id: '005B', Name: 'Integration', Username: 'integration@acme.example' },
      { Id: '005C', Name: 'Old Act-On', Username: 'old.acton@acme.example' }
    ],
    oauthTokens: [{ UserId: '005B', AppName: 'Act-On Lightning Support App' }],
    logins: [
      { UserId: '005B', Status: 'Success' },
      { UserId: '005B', Status: 'Success' },
      { UserId: '005B', Status: 'Invalid Password' }
    ],
    users: [
      user('005A', 'acton@acme.example'),
      user('005B', 'integration@acme.example', {
        Profile: {
          Name: 'Minimum Access - API Only Integrations',
          UserLicense: { Name: 'Salesforce Integration' }
        }
      }),
      user('005C', 'old.acton@acme.example', { IsActive: false }),
      user('005Z', 'nobody@acme.example')
    ]
  };

  it('adds the weight of each source, halves inactive users, and ranks best first', () => {
    const ranked = rankCandidates(sources);
    expect(ranked.map((c) => c.userId)).toEqual(['005A', '005B', '005C']);
    const w = CANDIDATE_WEIGHTS;
    expect(ranked[0].score).toBe(w.apiOnly + w.permissionSet + w.nameActOn + w.license);
    expect(ranked[1].score).toBe(w.nameIntegration + w.oauth + w.apiLogins);
    expect(ranked[2].score).toBe(Math.floor((w.nameActOn + w.license) / 2));
    expect(ranked[2].isActive).toBe(false);
  });

  it('says why, counting only successful logins, and names a non-Salesforce license', () => {
    const b = rankCandidates(sources).find((c) => c.userId === '005B');
    expect(b?.reasons).toEqual([
      'name or username mentions integration',
      'holds an OAuth token for Act-On Lightning Support App',
      '2 successful API logins in 30 days',
      'Salesforce Integration license'
    ]);
    expect(b?.license).toBe('Salesforce Integration');
  });

  it('leaves out users no source found, breaks ties by username, and keeps at most the cap', () => {
    const many: CandidateSources = {
      names: Array.from({ length: 60 }, (_, i) => ({
        Id: `005${i}`,
        Name: 'Integration',
        Username: `u${String(i).padStart(2, '0')}@x`
      })),
      users: Array.from({ length: 60 }, (_, i) => user(`005${i}`, `u${String(i).padStart(2, '0')}@x`))
    };
    const ranked = rankCandidates(many);
    expect(ranked).toHaveLength(READ_LIMITS.MAX_CANDIDATES);
    expect(ranked[0].username).toBe('u00@x');
    expect(rankCandidates(sources).some((c) => c.userId === '005Z')).toBe(false);
    expect(rankCandidates({})).toEqual([]);
  });
});

describe('compareReports', () => {
  const base = score(fixture('perfect-dedicated-user'));
  const worse = score(fixture('mfa-api-via-permission-set'));

  it('finds what started failing, the status drop, and calls a new failing blocker a regression', () => {
    const c = compareReports(base, worse);
    expect(c.status).toEqual({ before: base.status, after: 'blocked' });
    expect(c.score.delta).toBe(worse.score - base.score);
    expect(c.startedFailing.map((x) => x.id)).toContain('mfa.api-logins-disabled');
    expect(c.regression).toBe(true);
    expect(c.regressionReasons.join(' ')).toMatch(/blocker.*mfa\.api-logins-disabled/);
  });

  it('lists the fixes the other way round, and no regression', () => {
    const c = compareReports(worse, base);
    expect(c.fixed.map((x) => x.id)).toContain('mfa.api-logins-disabled');
    expect(c.startedFailing).toEqual([]);
    expect(c.regression).toBe(false);
  });

  it('finds nothing between a report and itself', () => {
    const c = compareReports(base, base);
    expect([c.startedFailing, c.fixed, c.otherChanges]).toEqual([[], [], []]);
    expect(c.regression).toBe(false);
    expect(c.otherUser).toBe(false);
  });

  it('counts a new check that fails, and flags a previous report of another user', () => {
    const previous: ComparableReport = {
      ...base,
      user: { Id: '005OTHER' },
      checks: base.checks.filter((x) => x.id !== 'mfa.api-logins-disabled')
    };
    const c = compareReports(previous, worse);
    expect(c.startedFailing.find((x) => x.id === 'mfa.api-logins-disabled')?.before).toBeNull();
    expect(c.otherUser).toBe(true);
  });

  it('rejects a file that is not a report, naming what is missing', () => {
    expect(() => asComparableReport({ score: 1 })).toThrow(/status/);
    expect(() => asComparableReport({ score: 1, status: 'ready' })).toThrow(/checks/);
    expect(() =>
      asComparableReport({ score: 1, status: 'ready', checks: [{ id: 'x', status: 'bad' }] })
    ).toThrow(/checks\[0\]/);
    expect(() => asComparableReport([])).toThrow(/not a JSON object/);
    expect(() => asComparableReport({ score: 1, status: 'ready', checks: [] })).toThrow(/no "checks"/);
    expect(asComparableReport(JSON.parse(JSON.stringify(base))).score).toBe(base.score);
  });

  it('reads version 1 reports and sf --json envelopes, and refuses a newer version (0.3)', () => {
    const saved = JSON.parse(JSON.stringify(base));
    expect(asComparableReport({ status: 0, result: saved, warnings: [] }).schemaVersion).toBe(2);
    const v1 = { ...saved, schemaVersion: 1, score: 100 };
    delete v1.scoreRange;
    const c = compareReports(asComparableReport(v1), base);
    expect(c.score).toEqual({ before: 100, after: base.score, delta: null, comparable: false });
    expect(c.status.before).toBe(base.status);
    const { schemaVersion: _dropped, ...unversioned } = v1;
    expect(asComparableReport(unversioned).schemaVersion).toBe(1);
    expect(() => asComparableReport({ ...saved, schemaVersion: 3 })).toThrow(
      /version 3, newer than this command reads \(2\)/
    );
    expect(() => asComparableReport({ ...saved, schemaVersion: 'two' })).toThrow(/not a report version/);
    expect(compareReports(base, base).score).toMatchObject({ delta: 0, comparable: true });
  });
});
