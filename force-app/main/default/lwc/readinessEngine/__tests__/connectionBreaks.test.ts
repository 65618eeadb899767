/**
 * The next ways an Act-On connection breaks (checklist.md 0.3): password expiry, the org's own
 * sign-in rules, an uninstalled Act-On app and the profile's login IP ranges. Each read behind them
 * only adds evidence: when it fails, its check quotes the error and never turns unknown.
 */
import {
  expirationDaysOf,
  loginIpRangesOf,
  passwordDaysOf,
  passwordExpiry,
  passwordPolicyProblem,
  PASSWORD_POLICY_KEY,
  validateSnapshot,
  SnapshotError
} from 'c/readinessEngine';
import type { Snapshot } from 'c/readinessEngine';
import { inRange, ipv4Number } from '../ip';
import { check, fixture, score, statusOf } from './helpers';

const clone = (s: Snapshot): Snapshot => JSON.parse(JSON.stringify(s)) as Snapshot;

/** A SOAP (password) connector without Password Never Expires, its password changed on `changed`. */
function soapUser(changed: string | null, policy?: Snapshot['passwordPolicy']): Snapshot {
  const s = clone(fixture('soap-login'));
  for (const ps of s.permissionSets)
    if ('PermissionsPasswordNeverExpires' in ps) ps.PermissionsPasswordNeverExpires = false;
  s.user.LastPasswordChangeDate = changed;
  if (policy === undefined) delete s.passwordPolicy;
  else s.passwordPolicy = policy;
  return s;
}

describe('auth.password-expiry', () => {
  it('fails only when expired under a known policy, saying when and where the policy came from', () => {
    const c = check(score(fixture('password-expired')), 'auth.password-expiry');
    expect(c.status).toBe('fail');
    expect(c.severity).toBe('blocker');
    expect(c.evidence).toMatch(/expired on 30 Oct 2026, 23 days ago under the profile's password policy/);
    expect(c.fix?.manual?.steps.join(' ')).toMatch(/new password and security token in Act-On/);
    expect(score(fixture('password-expired')).status).toBe('blocked');
  });

  it('warns within 30 days, with the date', () => {
    const c = check(score(fixture('password-expiring')), 'auth.password-expiry');
    expect(c.status).toBe('warn');
    expect(c.evidence).toMatch(/expires on 5 Dec 2026, in 12 days under the org's password policy/);
    expect(c.headline).toBe('expires 5 Dec 2026 (in 12 days)');
    expect(check(score(fixture('password-expired')), 'auth.password-expiry').headline).toBe(
      'expired 30 Oct 2026'
    );
    expect(check(score(fixture('soap-login')), 'auth.password-expiry').headline).toBeUndefined();
  });

  it('with no known policy never fails: warns under the assumed 90 days, saying so, even once "expired"', () => {
    const c = check(score(fixture('password-policy-unknown')), 'auth.password-expiry');
    expect(c.status).toBe('warn');
    expect(c.evidence).toMatch(/assuming Salesforce's default of 90 days/);
    const long = check(score(soapUser('2025-01-01T00:00:00.000Z')), 'auth.password-expiry');
    expect(long.status).toBe('warn');
    expect(long.evidence).toMatch(/expired on 1 Apr 2025/);
    expect(check(score(soapUser('2026-11-01T00:00:00.000Z')), 'auth.password-expiry').status).toBe('pass');
  });

  it('passes under a known policy well before expiry, and when the policy says never', () => {
    expect(
      statusOf(
        soapUser('2026-11-01T00:00:00.000Z', { expiresAfterDays: 90, source: 'admin' }),
        'auth.password-expiry'
      )
    ).toBe('pass');
    const never = check(
      score(soapUser('2020-01-01T00:00:00.000Z', { expiresAfterDays: null, source: 'org' })),
      'auth.password-expiry'
    );
    expect(never.status).toBe('pass');
    expect(never.evidence).toMatch(/never expire under the org's password policy/);
  });

  it('is n/a with Password Never Expires, an OAuth connector, or no LastPasswordChangeDate', () => {
    expect(statusOf(fixture('soap-login'), 'auth.password-expiry')).toBe('n/a');
    expect(statusOf(fixture('perfect-dedicated-user'), 'auth.password-expiry')).toBe('n/a');
    expect(
      statusOf(soapUser(null, { expiresAfterDays: 30, source: 'profile' }), 'auth.password-expiry')
    ).toBe('n/a');
  });

  it('uses the policy an admin entered with the field mapping where none was read, the read one first', () => {
    const s = soapUser('2026-09-01T09:00:00.000Z');
    s.fieldMapping = { ...s.fieldMapping, [PASSWORD_POLICY_KEY]: '60' };
    const c = check(score(s), 'auth.password-expiry');
    expect(c.status).toBe('fail');
    expect(c.evidence).toMatch(
      /expired on 31 Oct 2026, .* under the policy an admin entered in this console \(60 days\)/
    );
    s.fieldMapping[PASSWORD_POLICY_KEY] = 'never';
    expect(statusOf(s, 'auth.password-expiry')).toBe('pass');
    s.fieldMapping[PASSWORD_POLICY_KEY] = 'soon';
    expect(check(score(s), 'auth.password-expiry').evidence).toMatch(/assuming Salesforce's default/);
    s.passwordPolicy = { expiresAfterDays: 365, source: 'profile' };
    s.fieldMapping[PASSWORD_POLICY_KEY] = '30';
    expect(check(score(s), 'auth.password-expiry').evidence).toMatch(/profile's password policy/);
    expect(passwordPolicyProblem('0')).toMatch(/1 to 3650/);
    expect(passwordPolicyProblem(' Never ')).toBeNull();
  });

  it('quotes a failed policy read and still judges on the default', () => {
    const s = soapUser('2026-09-01T09:00:00.000Z');
    s.readErrors = { passwordPolicy: 'Metadata API readMetadata: HTTP 500 UNKNOWN_EXCEPTION: boom' };
    const c = check(score(s), 'auth.password-expiry');
    expect(c.status).toBe('warn');
    expect(c.details.join(' ')).toContain('HTTP 500 UNKNOWN_EXCEPTION: boom');
  });

  it('computes the expiry from the policy days', () => {
    const at = Date.parse('2026-11-22T10:00:00.000Z');
    expect(passwordExpiry('2026-09-01T00:00:00.000Z', { expiresAfterDays: 30, source: 'org' }, at)).toEqual({
      expiresOn: '2026-10-01T00:00:00.000Z',
      expired: true,
      daysLeft: -52,
      days: 30,
      known: true
    });
    expect(passwordExpiry('2026-09-01T00:00:00.000Z', null, at)?.known).toBe(false);
    expect(
      passwordExpiry('2026-09-01T00:00:00.000Z', { expiresAfterDays: null, source: 'org' }, at)
    ).toBeNull();
    expect(passwordExpiry(undefined, null, at)).toBeNull();
  });
});

describe("this org's sign-in rules", () => {
  const apiAuth = (org: Snapshot['organization'], readError?: string) => {
    const s = clone(fixture('soap-login-no-use-any-api-auth'));
    s.organization = org;
    if (readError) s.readErrors = { organization: readError };
    return check(score(s), 'auth.use-any-api-auth');
  };

  it('an org created after Summer 26 enforces Use Any API Auth by default; the check fails either way', () => {
    const after = apiAuth({ CreatedDate: '2026-08-10T12:00:00.000Z', IsSandbox: false });
    expect(after.status).toBe('fail');
    expect(after.details[0]).toMatch(/created on 10 Aug 2026, after the Summer '26 release: it enforces/);
    const before = apiAuth({ CreatedDate: '2019-03-01T00:00:00.000Z', IsSandbox: false });
    expect(before.status).toBe('fail');
    expect(before.details[0]).toMatch(/before the Summer '26 release: .* only if an admin turned that on/);
  });

  it('says "probably" near the release date, and defers to production in a sandbox', () => {
    expect(apiAuth({ CreatedDate: '2026-06-20T00:00:00.000Z' }).details[0]).toMatch(/probably enforces/);
    expect(apiAuth({ CreatedDate: '2026-10-01T00:00:00.000Z', IsSandbox: true }).details[0]).toMatch(
      /sandbox: .* production org's setting/
    );
  });

  it('quotes a failed organization read and never turns unknown because of it', () => {
    const c = apiAuth(undefined, 'Organization: HTTP 500 UNKNOWN_EXCEPTION: boom');
    expect(c.status).toBe('fail');
    expect(c.details[0]).toMatch(/could not be read \(Organization: HTTP 500 UNKNOWN_EXCEPTION: boom\)/);
  });

  it('counts the days left to Summer 27 on a SOAP login', () => {
    const c = check(score(fixture('soap-login')), 'auth.login-method');
    expect(c.details).toContain(
      "About 191 days are left until Summer '27 (counted to 1 June 2027), when SOAP login() retires for API 31.0 to 64.0."
    );
  });

  it('names the Winter 26 "Enable SOAP API login()" step where the connector has not connected yet', () => {
    const s = clone(fixture('never-logged-in'));
    s.organization = { CreatedDate: '2026-01-20T00:00:00.000Z', IsSandbox: false };
    expect(check(score(s), 'auth.login-method').details.join(' ')).toMatch(
      /Setup > User Interface > Enable SOAP API login\(\), which cannot be undone there/
    );
    s.organization = { CreatedDate: '2024-01-20T00:00:00.000Z', IsSandbox: false };
    expect(check(score(s), 'auth.login-method').details.join(' ')).not.toMatch(/Enable SOAP API login/);
  });
});

describe('oauth.acton-app: installed or not', () => {
  it('warns (never scored) with the Setup step when the app has tokens but is not installed', () => {
    const report = score(fixture('acton-app-not-installed'));
    const c = check(report, 'oauth.acton-app');
    expect(c.status).toBe('warn');
    expect(c.evidence).toMatch(/not installed in this org: since September 2025/);
    expect(c.fix?.manual?.steps[0]).toMatch(/Setup > Connected Apps OAuth Usage: .* Install/);
    expect(report.score).toBe(score(fixture('soap-login')).score);
  });

  it('for an app for admin-approved users only, says whether the user is approved and through what', () => {
    const s = clone(fixture('soap-login'));
    const app = {
      Id: '0H48d0000000ACTAAM',
      Name: 'Act-On Lightning Support App',
      OptionsAllowAdminApprovedUsersOnly: true
    };
    const set = s.permissionSets.find((ps) => ps.Label === 'Act-On Integration User');
    s.connectedApps = [app];
    s.setupEntityAccess = [{ ParentId: set?.Id as string, SetupEntityId: app.Id }];
    expect(check(score(s), 'oauth.acton-app').details[0]).toMatch(
      /admin-approved users only; this user is approved through permission set 'Act-On Integration User'/
    );
    s.setupEntityAccess = [];
    expect(check(score(s), 'oauth.acton-app').details[0]).toMatch(
      /no profile or permission set of this user approves it/
    );
  });

  it('an unread installation is quoted, not a failure', () => {
    const s = clone(fixture('soap-login'));
    s.access = { ...s.access, connectedApps: false };
    s.readErrors = { connectedApps: 'ConnectedApplication: HTTP 403 INSUFFICIENT_ACCESS: no' };
    const c = check(score(s), 'oauth.acton-app');
    expect(c.status).toBe('pass');
    expect(c.details[0]).toContain('could not be read: ConnectedApplication: HTTP 403');
  });
});

describe('login IP ranges', () => {
  it('warns when a recent connector IP falls outside every range, listing both', () => {
    const c = check(score(fixture('ip-outside-login-range')), 'auth.recent-logins');
    expect(c.status).toBe('warn');
    expect(c.evidence).toMatch(/203\.0\.113\.7 falls outside every login IP range .*Restricted IP/);
    expect(c.details).toContain('Login IP ranges of the profile: 198.51.100.0-198.51.100.255 (Office).');
  });

  it('passes when the IP is inside a range, and judges no IPv6 range', () => {
    const s = clone(fixture('ip-outside-login-range'));
    s.loginIpRanges = [{ startAddress: '203.0.113.0', endAddress: '203.0.113.255' }];
    expect(statusOf(s, 'auth.recent-logins')).toBe('pass');
    s.loginIpRanges = [{ startAddress: '2001:db8::', endAddress: '2001:db8::ffff' }];
    expect(statusOf(s, 'auth.recent-logins')).toBe('pass');
    expect(inRange('203.0.113.7', { startAddress: '2001:db8::', endAddress: '2001:db8::ffff' })).toBeNull();
    expect(ipv4Number('256.1.1.1')).toBeNull();
    expect(ipv4Number('10.0.0.1')).toBe(167772161);
  });
});

describe('Metadata API values', () => {
  it('maps the documented expiration values, and refuses to guess others', () => {
    expect(expirationDaysOf('NinetyDays')).toBe(90);
    expect(expirationDaysOf('Never')).toBeNull();
    expect(expirationDaysOf('FortyDays')).toBeUndefined();
    expect(passwordDaysOf('0')).toBeNull();
    expect(passwordDaysOf('60')).toBe(60);
    expect(passwordDaysOf('soon')).toBeUndefined();
    expect(loginIpRangesOf({ loginIpRanges: { startAddress: '1.1.1.1', endAddress: '1.1.1.9' } })).toEqual([
      { startAddress: '1.1.1.1', endAddress: '1.1.1.9', description: null }
    ]);
    expect(loginIpRangesOf(undefined)).toEqual([]);
  });

  it('the snapshot contract refuses a policy of no days or of an unknown source', () => {
    const s = clone(fixture('password-expired')) as unknown as Record<string, unknown>;
    s.passwordPolicy = { expiresAfterDays: 0, source: 'profile' };
    expect(() => validateSnapshot(s)).toThrow(SnapshotError);
    s.passwordPolicy = { expiresAfterDays: 90, source: 'guess' };
    expect(() => validateSnapshot(s)).toThrow(/passwordPolicy.source/);
  });
});
