import { isProblem } from 'c/readinessEngine';
import { check, fixture, fixtureNames, score } from './helpers';

describe('root causes (0.3)', () => {
  it('names one expired assignment as the cause of every check it breaks, once', () => {
    const report = score(fixture('expired-assignment'));
    expect(report.rootCauses).toHaveLength(1);
    const [cause] = report.rootCauses;
    expect(cause).toMatchObject({
      kind: 'expired-assignment',
      label: "The assignment of permission set 'Act-On Integration User' expired on 15 Nov 2026",
      action: 'Renew the assignment: the fixes clear its expiration date.'
    });
    expect(cause.checkIds[0]).toBe('system.api-enabled');
    expect(cause.checkIds).toContain('object.Contact');
    expect(cause.checkIds).toContain('field.Task.Type');
    expect(check(report, 'object.Contact').causedBy).toBe(cause.id);
    // Renewing the assignment would settle every check it names.
    const problems = report.checks.filter(isProblem).map((c) => c.id);
    expect(cause.checkIds.every((id) => problems.includes(id))).toBe(true);
  });

  it("names the missing product set behind a new user's grants", () => {
    const [cause] = score(fixture('new-user-fixable')).rootCauses;
    expect(cause).toMatchObject({
      id: 'product-set',
      kind: 'missing-product-set',
      label: "'Act-On Integration User' does not exist in this org yet"
    });
    expect(cause.checkIds).toEqual(
      expect.arrayContaining(['system.api-enabled', 'permset.acton-integration'])
    );
  });

  it('names the set or the profile that grants MFA for API logins', () => {
    expect(score(fixture('mfa-api-via-permission-set')).rootCauses).toEqual([
      expect.objectContaining({
        kind: 'mfa-set',
        label: "permission set 'MFA for API Logins' grants Multi-Factor Authentication for API Logins",
        checkIds: ['mfa.api-logins-disabled']
      })
    ]);
    expect(score(fixture('mfa-api-via-profile')).rootCauses[0]).toMatchObject({
      kind: 'profile',
      checkIds: ['mfa.api-logins-disabled']
    });
  });

  it('groups unread checks by the right that would complete them', () => {
    const report = score(fixture('limited-admin-rights'));
    expect(report.rootCauses.map((c) => [c.kind, c.id, c.checkIds.length])).toEqual([
      ['missing-right', 'right:Manage Users', 4],
      ['missing-right', 'right:View Setup and Configuration', 1],
      ['missing-right', 'right:Customize Application', 1]
    ]);
  });

  it('groups checks unread because a read failed under that read, quoting the error', () => {
    const s = fixture('perfect-dedicated-user');
    s.access = { ...s.access, loginHistory: false };
    s.readErrors = { loginHistory: 'HTTP 500 UNKNOWN_EXCEPTION: An unexpected error occurred' };
    const report = score(s);
    expect(report.rootCauses).toEqual([
      expect.objectContaining({
        id: 'read:loginHistory',
        kind: 'read-failed',
        label: 'Login history could not be read: HTTP 500 UNKNOWN_EXCEPTION: An unexpected error occurred'
      })
    ]);
    expect(report.rootCauses[0].checkIds).toEqual(['auth.recent-logins', 'auth.login-method']);
  });

  it('has none for a perfect user', () => {
    expect(score(fixture('perfect-dedicated-user')).rootCauses).toEqual([]);
  });

  it.each(fixtureNames)('%s: every cause explains problems only, each problem at most once', (name) => {
    const report = score(fixture(name));
    const seen = new Set<string>();
    for (const cause of report.rootCauses) {
      expect(cause.checkIds.length).toBeGreaterThan(0);
      for (const id of cause.checkIds) {
        expect(isProblem(check(report, id))).toBe(true);
        expect(seen.has(id)).toBe(false);
        seen.add(id);
        expect(check(report, id).causedBy).toBe(cause.id);
      }
    }
    expect(report.checks.filter((c) => !seen.has(c.id) && c.causedBy !== null)).toEqual([]);
  });
});

describe('read errors (0.3)', () => {
  it('quotes the cause as it happened and names no right the running user holds', () => {
    const s = fixture('idle-connection');
    s.access = { ...s.access, loginHistory: false };
    s.readErrors = { loginHistory: 'LoginHistory: the answer was not JSON' };
    const report = score(s);
    for (const id of ['auth.recent-logins', 'auth.login-method']) {
      expect(check(report, id)).toMatchObject({ status: 'unknown', needs: null });
      expect(check(report, id).evidence).toBe(
        'Login history could not be read: LoginHistory: the answer was not JSON.'
      );
    }
    expect(report.completeness.rights).toEqual([]);
    expect(report.completeness.text).not.toContain('Granting');
    expect(report.status).toBe('at-risk');
  });

  it('names the right only when the reader found the running user lacks it', () => {
    const s = fixture('idle-connection');
    s.access = { ...s.access, userLogin: false };
    s.accessMissing = { userLogin: 'Manage Users' };
    s.readErrors = { userLogin: 'not read: the running user lacks Manage Users' };
    expect(check(score(s), 'user.not-frozen')).toMatchObject({ status: 'unknown', needs: 'Manage Users' });
  });

  it('says a missing UserLogin row is missing, not a missing right', () => {
    const s = fixture('perfect-dedicated-user');
    s.userLogin = null;
    const c = check(score(s), 'user.not-frozen');
    expect(c).toMatchObject({ status: 'unknown', needs: null });
    expect(c.evidence).toContain('no UserLogin row');
  });

  it.each(fixtureNames)('%s: no info check fails, and the fail count takes scored checks only', (name) => {
    const report = score(fixture(name));
    expect(report.checks.filter((c) => c.severity === 'info' && c.status === 'fail')).toEqual([]);
    expect(report.summary.fail).toBe(report.checks.filter((c) => c.status === 'fail').length);
    expect(report.schemaVersion).toBe(2);
    expect(report.score).toBe(report.scoreRange.min);
  });
});
