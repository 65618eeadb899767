/**
 * The 0.2 identity and authentication checks: freeze and lockout (UserLogin), the newest API login,
 * the login method (OAuth vs SOAP login()) and Use Any API Auth. Every pass / fail / warn /
 * unknown / n-a path, on fixtures and on small edits of them.
 */
import { PRODUCT_PERMISSION_SET, isApiLogin, loginKind, personReason } from 'c/readinessEngine';
import type { LoginHistoryRecord, Snapshot } from 'c/readinessEngine';
import { check, fixture, ps, score, statusOf } from './helpers';

const PERFECT = 'perfect-dedicated-user';
const product = (s: Snapshot) => ps(s, PRODUCT_PERMISSION_SET.name);

function login(
  LoginTime: string,
  Status = 'Success',
  LoginType: string | null = 'Remote Access 2.0',
  ApiType: string | null = null,
  ApiVersion: string | null = null
): LoginHistoryRecord {
  return { LoginTime, Status, LoginType, ApiType, ApiVersion, Application: 'Act-On' };
}
const ui = (t: string, status = 'Success') => ({
  ...login(t, status, 'Application'),
  Application: 'Browser'
});
const soap = (t: string, status = 'Success') => login(t, status, 'Other Apex API', 'SOAP Partner', '58.0');

describe('login classification', () => {
  it.each<[LoginHistoryRecord, string]>([
    [login('2026-11-22T00:00:00Z'), 'oauth'],
    [login('2026-11-22T00:00:00Z', 'Success', 'Remote Access Client'), 'oauth'],
    [soap('2026-11-22T00:00:00Z'), 'soap'],
    [login('2026-11-22T00:00:00Z', 'Success', 'Partner Product', 'SOAP Enterprise', '45.0'), 'soap'],
    [login('2026-11-22T00:00:00Z', 'Success', 'Other Apex API', 'REST API'), 'other-api'],
    [ui('2026-11-22T00:00:00Z'), 'interactive'],
    [login('2026-11-22T00:00:00Z', 'Success', 'SAML Idp Initiated SSO'), 'interactive']
  ])('%j is %s', (row, kind) => {
    expect(loginKind(row)).toBe(kind);
    expect(isApiLogin(row)).toBe(kind !== 'interactive');
  });
});

describe('user.not-frozen and user.not-locked-out (UserLogin)', () => {
  it('pass when neither flag is set', () => {
    const r = score(fixture(PERFECT));
    expect(check(r, 'user.not-frozen')).toMatchObject({ status: 'pass', needs: null });
    expect(check(r, 'user.not-locked-out').status).toBe('pass');
  });

  it('fail for a frozen user with the steps to unfreeze, and block the user', () => {
    const r = score(fixture('frozen-user'));
    const c = check(r, 'user.not-frozen');
    expect(c.status).toBe('fail');
    expect(c.evidence).toMatch(/is frozen: Salesforce refuses every login/);
    expect(c.fix).toMatchObject({ fixable: false, manual: { summary: 'Unfreeze the integration user' } });
    expect(r.status).toBe('blocked');
  });

  it('fail for a locked-out user and quote the failed API logins behind it', () => {
    const r = score(fixture('locked-out-user'));
    const c = check(r, 'user.not-locked-out');
    expect(c.status).toBe('fail');
    expect(c.details[0]).toMatch(/"Password Lockout"/);
    expect(c.fix?.manual?.steps[0]).toMatch(/Correct the password/);
    expect(r.status).toBe('blocked');
  });

  it('fail on the flag alone, even when the newest API login succeeded', () => {
    const r = score(fixture('password-locked-flag'));
    expect(check(r, 'user.not-locked-out').status).toBe('fail');
    expect(check(r, 'auth.recent-logins').status).toBe('pass');
  });

  it('are unknown, naming Manage Users, when UserLogin could not be read or is absent', () => {
    const c = check(score(fixture('limited-admin-rights')), 'user.not-frozen');
    expect(c).toMatchObject({ status: 'unknown', needs: 'Manage Users' });
    expect(c.evidence).toMatch(/could not be read: the running user needs Manage Users/);
    const s = fixture(PERFECT);
    delete s.userLogin;
    expect(statusOf(s, 'user.not-locked-out')).toBe('unknown');
    const t = fixture(PERFECT);
    t.userLogin = { IsFrozen: false };
    expect(statusOf(t, 'user.not-frozen')).toBe('pass');
    expect(statusOf(t, 'user.not-locked-out')).toBe('unknown');
  });

  it('an unread freeze flag is never "ready"', () => {
    const s = fixture(PERFECT);
    s.access = { ...s.access, userLogin: false };
    expect(score(s)).toMatchObject({ status: 'at-risk', completeness: { complete: false } });
  });
});

describe('auth.recent-logins (blocker, API logins only)', () => {
  it('passes on a recent successful API login', () => {
    const c = check(score(fixture(PERFECT)), 'auth.recent-logins');
    expect(c).toMatchObject({ status: 'pass', severity: 'blocker' });
    expect(c.evidence).toBe(
      "Act-On's newest API login succeeded at 2026-11-22T03:00:12.000Z (Remote Access 2.0, Act-On)."
    );
  });

  it('fails on a failed newest API login, quoting status, time and application', () => {
    const r = score(fixture('locked-out-user'));
    const c = check(r, 'auth.recent-logins');
    expect(c.status).toBe('fail');
    expect(c.evidence).toBe(
      `Act-On's newest API login failed at 2026-11-22T09:00:03.000Z (Remote Access 2.0, Act-On): "Password Lockout". Act-On cannot log in right now.`
    );
    expect(c.details[0]).toMatch(/Unlock the user/);
  });

  it.each([
    ['Failed: API security token required', /security token/],
    ['Invalid Password', /Correct the password/],
    ['Failed: Verification required', /second factor/],
    ['Restricted IP', /login history in Setup/]
  ])('advises on "%s"', (status, advice) => {
    const s = fixture(PERFECT);
    s.loginHistory = [login('2026-11-22T09:00:00.000Z', status)];
    expect(check(score(s), 'auth.recent-logins').details[0]).toMatch(advice);
  });

  it('uses the newest API login even when rows are not sorted', () => {
    const s = fixture('locked-out-user');
    s.loginHistory = [...(s.loginHistory ?? [])].reverse();
    expect(statusOf(s, 'auth.recent-logins')).toBe('fail');
  });

  it('ignores interactive logins: a failed UI login after a good API login still passes, and lists it', () => {
    const s = fixture(PERFECT);
    s.loginHistory = [ui('2026-11-22T09:30:00.000Z', 'Invalid Password'), ...(s.loginHistory ?? [])];
    const c = check(score(s), 'auth.recent-logins');
    expect(c.status).toBe('pass');
    expect(c.details.join('\n')).toMatch(/1 interactive login \(not used by Act-On\).*Invalid Password/);
  });

  it('a good UI login never hides a failed API login', () => {
    const s = fixture('locked-out-user');
    s.loginHistory = [ui('2026-11-22T09:30:00.000Z'), ...(s.loginHistory ?? [])];
    expect(statusOf(s, 'auth.recent-logins')).toBe('fail');
  });

  it('warns when the newest API login is older than 30 days', () => {
    const c = check(score(fixture('idle-connection')), 'auth.recent-logins');
    expect(c.status).toBe('warn');
    expect(c.evidence).toMatch(/succeeded, but 50 days ago at 2026-10-03T03:00:12.000Z/);
    const s = fixture(PERFECT);
    s.loginHistory = [login('2026-10-23T10:00:00.000Z')]; // exactly 30 days before capturedAt
    expect(statusOf(s, 'auth.recent-logins')).toBe('pass');
  });

  it('is n/a for a user who never logged in, and for one with only interactive logins', () => {
    expect(check(score(fixture('never-logged-in')), 'auth.recent-logins')).toMatchObject({
      status: 'n/a',
      evidence: expect.stringMatching(/has not connected as this user yet/)
    });
    const s = fixture(PERFECT);
    s.loginHistory = [ui('2026-11-22T09:30:00.000Z')];
    expect(check(score(s), 'auth.recent-logins').evidence).toMatch(/No API login is recorded/);
  });

  it('is unknown when only interactive logins were read and the reader hit its row cap', () => {
    const s = fixture(PERFECT);
    s.loginHistory = [ui('2026-11-22T09:30:00.000Z'), ui('2026-11-22T08:30:00.000Z')];
    s.truncated = { loginHistory: true };
    expect(check(score(s), 'auth.recent-logins').evidence).toMatch(/older API logins were not read/);
    expect(statusOf(s, 'auth.recent-logins')).toBe('unknown');
  });

  it('is unknown, naming the right, when login history could not be read', () => {
    const c = check(score(fixture('limited-admin-rights')), 'auth.recent-logins');
    expect(c).toMatchObject({ status: 'unknown', needs: 'Manage Users or Monitor Login History' });
    const s = fixture(PERFECT);
    delete s.loginHistory;
    expect(statusOf(s, 'auth.recent-logins')).toBe('unknown');
  });
});

describe('auth.login-method (required)', () => {
  it('passes for OAuth', () => {
    expect(check(score(fixture(PERFECT)), 'auth.login-method').evidence).toMatch(
      /used OAuth \(Remote Access 2.0/
    );
    expect(statusOf(fixture(PERFECT), 'auth.login-method')).toBe('pass');
  });

  it('warns for SOAP login(), with the retirement dates and the version used', () => {
    const c = check(score(fixture('soap-login')), 'auth.login-method');
    expect(c.status).toBe('warn');
    expect(c.evidence).toMatch(/SOAP API login\(\) with a username, password and security token/);
    expect(c.evidence).toMatch(/Summer '27.*API 65.0.*Winter '26/);
    expect(c.evidence).toMatch(/This login used API 58.0, one of the versions retired in Summer '27/);
    expect(c.fix?.manual?.summary).toBe('Move the Act-On connection to OAuth');
  });

  it('looks at the newest successful API login only', () => {
    const s = fixture(PERFECT);
    s.loginHistory = [soap('2026-11-22T09:00:00.000Z', 'Invalid Password'), ...(s.loginHistory ?? [])];
    expect(statusOf(s, 'auth.login-method')).toBe('pass');
  });

  it('warns for another API login that is not OAuth', () => {
    const s = fixture(PERFECT);
    s.loginHistory = [login('2026-11-22T09:00:00.000Z', 'Success', 'Other Apex API', 'REST API')];
    expect(check(score(s), 'auth.login-method')).toMatchObject({
      status: 'warn',
      evidence: expect.stringMatching(/did not use OAuth/)
    });
  });

  it('is n/a without a successful API login, and unknown when history cannot be read', () => {
    expect(statusOf(fixture('never-logged-in'), 'auth.login-method')).toBe('n/a');
    expect(statusOf(fixture('locked-out-user'), 'auth.login-method')).toBe('pass'); // an older success
    expect(check(score(fixture('limited-admin-rights')), 'auth.login-method').needs).toBe(
      'Manage Users or Monitor Login History'
    );
  });
});

describe('auth.use-any-api-auth (required)', () => {
  it('is n/a where the org has no such permission field (read through describe)', () => {
    const s = fixture('soap-login');
    for (const p of s.permissionSets) delete p.PermissionsUseAnyApiAuth;
    expect(check(score(s), 'auth.use-any-api-auth').evidence).toMatch(/This org has no Use Any API Auth/);
    expect(statusOf(s, 'auth.use-any-api-auth')).toBe('n/a');
  });

  it('passes when granted, naming who grants it', () => {
    const c = check(score(fixture('soap-login')), 'auth.use-any-api-auth');
    expect(c.status).toBe('pass');
    expect(c.grantedBy.map((g) => g.label)).toEqual(['Act-On Integration User']);
  });

  it('fails for SOAP login() without it, fixable by an identity-changing grant in the product set', () => {
    const c = check(score(fixture('soap-login-no-use-any-api-auth')), 'auth.use-any-api-auth');
    expect(c.status).toBe('fail');
    expect(c.evidence).toMatch(/refuses that login with INSUFFICIENT_ACCESS/);
    expect(c.fix?.changes).toEqual([
      expect.objectContaining({
        kind: 'systemPermission',
        permission: 'PermissionsUseAnyApiAuth',
        permissionSet: PRODUCT_PERMISSION_SET.name,
        identity: true
      })
    ]);
  });

  it('is n/a for an OAuth connection, and passes with no API login yet', () => {
    const s = fixture('soap-login-no-use-any-api-auth');
    s.loginHistory = [login('2026-11-22T09:00:00.000Z')];
    expect(statusOf(s, 'auth.use-any-api-auth')).toBe('n/a');
    s.loginHistory = [];
    expect(check(score(s), 'auth.use-any-api-auth')).toMatchObject({
      status: 'pass',
      evidence: expect.stringMatching(/If it will .* grant Use Any API Auth first/)
    });
  });

  it('is unknown when it is not granted and login history cannot be read', () => {
    const s = fixture('soap-login-no-use-any-api-auth');
    s.access = { ...s.access, loginHistory: false };
    // Nothing says why: no right is named (0.3).
    expect(check(score(s), 'auth.use-any-api-auth')).toMatchObject({ status: 'unknown', needs: null });
    s.accessMissing = { loginHistory: 'Manage Users or Monitor Login History' };
    expect(check(score(s), 'auth.use-any-api-auth')).toMatchObject({
      status: 'unknown',
      needs: 'Manage Users or Monitor Login History'
    });
  });

  it('the grant makes it pass', () => {
    const s = fixture('soap-login-no-use-any-api-auth');
    product(s).PermissionsUseAnyApiAuth = true;
    expect(statusOf(s, 'auth.use-any-api-auth')).toBe('pass');
  });
});

describe('who "Fix all" spares', () => {
  it('holds identity-changing grants for a person with UI logins, and offers them one by one', () => {
    const r = score(fixture('person-with-ui-logins'));
    expect(r.fixAll.identityHeld).toMatch(/a person signs in as this user: 2 interactive/);
    expect(r.fixAll.changes.filter((c) => c.identity)).toEqual([]);
    // A person keeps how they sign in and their reach (0.3): record-wide access is held too.
    expect(r.fixAll.held.map((h) => h.key).sort()).toEqual([
      'object:Act_On_Integration_User:Account:all',
      'object:Act_On_Integration_User:Campaign:all',
      'object:Act_On_Integration_User:Contact:all',
      'object:Act_On_Integration_User:Lead:all',
      'object:Act_On_Integration_User:Opportunity:all',
      'system:Act_On_Integration_User:PermissionsApiUserOnly',
      'system:Act_On_Integration_User:PermissionsPasswordNeverExpires',
      'system:Act_On_Integration_User:PermissionsUseAnyApiAuth'
    ]);
    expect(r.fixAll.changes.filter((c) => c.recordWide)).toEqual([]);
    expect(r.fixAll.checkIds).not.toContain('user.api-only');
    expect(r.fixAll.checkIds).toContain('system.view-public-reports');
    expect(check(r, 'user.api-only').fix?.fixable).toBe(true);
  });

  it('includes them for a dedicated API user with only API logins', () => {
    const r = score(fixture('soap-login-no-use-any-api-auth'));
    expect(r.fixAll.identityHeld).toBeNull();
    expect(r.fixAll.changes).toEqual([
      expect.objectContaining({ permission: 'PermissionsUseAnyApiAuth', identity: true })
    ]);
  });

  it('holds them when login history could not be read', () => {
    expect(personReason(fixture('limited-admin-rights'))).toMatch(/login history could not be read/);
  });

  it('applies nothing to the running user', () => {
    const r = score(fixture('running-user'));
    expect(r.fixAll).toMatchObject({ changes: [], checkIds: [] });
    expect(r.fixAll.refused).toMatch(/your own user/);
  });
});
