import { BLOCKER_CAP, READY_THRESHOLD, STATUS_TEXT, scoreOf } from 'c/readinessEngine';
import type { CheckStatus, Severity } from 'c/readinessEngine';
import { fixture, score } from './helpers';

const c = (severity: Severity, status: CheckStatus) => ({ severity, status });

describe('scoreOf', () => {
  it('scores a perfect set 100 and ready', () => {
    expect(scoreOf([c('blocker', 'pass'), c('required', 'pass'), c('recommended', 'pass')])).toMatchObject({
      score: 100,
      status: 'ready'
    });
  });

  it('weights blocker 10, required 5, recommended 2 and gives warn half', () => {
    // possible 17; earned 10 + 0 + 1 = 11 -> 64
    expect(scoreOf([c('blocker', 'pass'), c('required', 'fail'), c('recommended', 'warn')])).toMatchObject({
      score: 64,
      summary: expect.objectContaining({ points: 11, possible: 17 })
    });
  });

  it('excludes info and n/a from the score', () => {
    const base = [c('required', 'pass'), c('recommended', 'fail')];
    const with_ = [...base, c('info', 'warn'), c('required', 'n/a')];
    expect(scoreOf(with_).score).toBe(scoreOf(base).score);
    expect(scoreOf(with_).summary).toMatchObject({ warn: 1, 'n/a': 1, fail: 1 });
  });

  it('gives a range while checks are unread: min counts them failing, max passing; score is min (0.3)', () => {
    const base = [c('required', 'pass'), c('recommended', 'fail')]; // 5 of 7 -> 71
    expect(scoreOf(base).scoreRange).toEqual({ min: 71, max: 71 });
    // An unread required check: min 5/12 = 41, max 10/12 = 83.
    const unread = scoreOf([...base, c('required', 'unknown')]);
    expect(unread.scoreRange).toEqual({ min: 41, max: 83 });
    expect(unread.score).toBe(41);
    // An unread blocker caps the lower bound only.
    const blocker = scoreOf([
      ...Array.from({ length: 20 }, () => c('required', 'pass')),
      c('blocker', 'unknown')
    ]);
    expect(blocker.scoreRange).toEqual({ min: BLOCKER_CAP, max: 100 });
    expect(blocker.status).toBe('at-risk');
  });

  it('judges the 80 threshold on the upper bound: unread recommended checks alone never make a user at-risk', () => {
    const many = Array.from({ length: 5 }, () => c('required', 'pass'));
    const report = scoreOf([...many, ...Array.from({ length: 10 }, () => c('recommended', 'unknown'))]);
    expect(report.scoreRange.min).toBeLessThan(READY_THRESHOLD);
    expect(report.scoreRange.max).toBe(100);
    expect(report).toMatchObject({
      status: 'ready',
      statusReason: 'Ready (10 recommended checks could not be read)'
    });
  });

  it('caps the score at 49 and blocks when a blocker fails', () => {
    const checks = [c('blocker', 'fail'), ...Array.from({ length: 40 }, () => c('required', 'pass'))];
    expect(scoreOf(checks)).toMatchObject({ score: BLOCKER_CAP, status: 'blocked' });
  });

  it('is at-risk when a required check fails, even with a high score', () => {
    const checks = [c('required', 'fail'), ...Array.from({ length: 40 }, () => c('required', 'pass'))];
    expect(scoreOf(checks)).toMatchObject({ score: 97, status: 'at-risk' });
  });

  it('is at-risk below 80 with only recommended failures, ready at 80', () => {
    const below = [c('required', 'pass'), c('recommended', 'fail'), c('recommended', 'fail')]; // 5/9 = 55
    expect(scoreOf(below)).toMatchObject({ score: 55, status: 'at-risk' });
    const at = [...Array.from({ length: 4 }, () => c('recommended', 'pass')), c('recommended', 'fail')]; // 8/10
    expect(scoreOf(at)).toMatchObject({ score: READY_THRESHOLD, status: 'ready' });
  });

  it('rounds down, so only a perfect user scores 100', () => {
    const checks = [...Array.from({ length: 200 }, () => c('blocker', 'pass')), c('recommended', 'warn')];
    expect(scoreOf(checks).score).toBe(99);
  });

  it('scores 0 when nothing counts', () => {
    expect(scoreOf([c('info', 'pass'), c('required', 'n/a')])).toMatchObject({
      score: 0,
      status: 'at-risk',
      statusReason: 'At risk: no check could be scored'
    });
  });

  it('names the reason of the status', () => {
    const t = (severity: Severity, status: CheckStatus, title: string) => ({ severity, status, title });
    const many = Array.from({ length: 30 }, (_x, i) => t('required', 'pass', `R${i}`));
    expect(scoreOf(many).statusReason).toBe('Ready');
    expect(scoreOf([...many, t('required', 'warn', 'Login method')]).statusReason).toBe(
      'At risk: Login method warns'
    );
    expect(
      scoreOf([
        ...many,
        t('required', 'unknown', 'A'),
        t('blocker', 'fail', 'MFA'),
        t('blocker', 'fail', 'B')
      ]).statusReason
    ).toBe('Blocked: MFA fails (and 1 other blocker)');
    expect(
      scoreOf([
        ...many,
        t('required', 'unknown', 'A'),
        t('blocker', 'unknown', 'B'),
        t('info', 'unknown', 'C')
      ]).statusReason
    ).toBe('At risk: 3 checks could not be read');
    expect(
      scoreOf([...many, t('required', 'unknown', 'A'), t('required', 'fail', 'Contact access')]).statusReason
    ).toBe('At risk: Contact access fails');
    const weak = [
      t('required', 'pass', 'R'),
      t('recommended', 'fail', 'Field budget'),
      t('recommended', 'fail', 'X')
    ];
    expect(scoreOf(weak).statusReason).toBe(
      'At risk: the score is below 80 (Field budget fails (and 1 other recommended check))'
    );
  });
});

// The 0.2 status rule (checklist.md): ready only when every blocker and required check was read
// and passes (n/a allowed); a failing blocker blocks; anything else there is at-risk.
describe('the status rule', () => {
  const many = Array.from({ length: 30 }, () => c('required', 'pass'));
  it.each<[string, Severity, CheckStatus, string]>([
    ['a passing blocker', 'blocker', 'pass', 'ready'],
    ['a blocker that does not apply', 'blocker', 'n/a', 'ready'],
    ['a failing blocker', 'blocker', 'fail', 'blocked'],
    ['a warning blocker', 'blocker', 'warn', 'at-risk'],
    ['an unread blocker', 'blocker', 'unknown', 'at-risk'],
    ['a passing required check', 'required', 'pass', 'ready'],
    ['a required check that does not apply', 'required', 'n/a', 'ready'],
    ['a failing required check', 'required', 'fail', 'at-risk'],
    ['a warning required check', 'required', 'warn', 'at-risk'],
    ['an unread required check', 'required', 'unknown', 'at-risk'],
    ['a failing recommended check', 'recommended', 'fail', 'ready'],
    ['an unread recommended check', 'recommended', 'unknown', 'ready'],
    ['a warning info check', 'info', 'warn', 'ready'],
    ['an unread info check', 'info', 'unknown', 'ready']
  ])('%s among passing checks: %s', (_name, severity, status, expected) => {
    expect(scoreOf([...many, c(severity, status)]).status).toBe(expected);
  });

  it('a failing blocker blocks even when other blockers are unread', () => {
    expect(scoreOf([c('blocker', 'fail'), c('blocker', 'unknown'), ...many])).toMatchObject({
      status: 'blocked',
      statusText: `${STATUS_TEXT.blocked} ${STATUS_TEXT.incomplete}`
    });
  });

  it('says the verdict is incomplete, not that something fails, when only reading is missing', () => {
    expect(scoreOf([c('blocker', 'unknown'), ...many]).statusText).toBe(STATUS_TEXT.incomplete);
    expect(scoreOf([c('required', 'fail'), c('blocker', 'unknown'), ...many]).statusText).toBe(
      `${STATUS_TEXT['at-risk']} ${STATUS_TEXT.incomplete}`
    );
    expect(scoreOf([c('recommended', 'unknown'), ...many]).statusText).toBe(
      `${STATUS_TEXT.ready} 1 other check could not be read.`
    );
  });
});

describe('reports', () => {
  it.each([
    ['perfect-dedicated-user', 100, 'ready'],
    ['mfa-api-via-profile', 49, 'blocked'],
    ['inactive-user', 49, 'blocked'],
    ['frozen-user', 49, 'blocked'],
    ['locked-out-user', 49, 'blocked'],
    ['password-locked-flag', 49, 'blocked'],
    ['missing-modify-all', 94, 'at-risk'],
    ['integration-license-user', 97, 'at-risk'],
    ['idle-connection', 97, 'at-risk'],
    ['soap-login', 98, 'at-risk'],
    ['soap-login-no-use-any-api-auth', 96, 'at-risk'],
    ['never-logged-in', 100, 'ready']
  ])('%s scores %i (%s)', (name, expected, status) => {
    const report = score(fixture(name as string));
    expect(report.score).toBe(expected);
    expect(report.status).toBe(status);
    expect(report.statusText).toBe(STATUS_TEXT[status as keyof typeof STATUS_TEXT]);
  });

  it('a System Administrator is never ready: least privilege is required (0.2)', () => {
    const report = score(fixture('system-administrator'));
    expect(report.status).toBe('at-risk');
    expect(report.checks.find((x) => x.id === 'user.least-privilege')).toMatchObject({
      severity: 'required',
      status: 'fail'
    });
  });

  it('a running user without Manage Users is never ready, and the report says what would complete it', () => {
    const report = score(fixture('limited-admin-rights'));
    expect(report).toMatchObject({
      status: 'at-risk',
      statusText: STATUS_TEXT.incomplete,
      statusReason: 'At risk: 6 checks could not be read',
      // Six checks unread, three of them blockers: never a bare 100 (0.3).
      score: BLOCKER_CAP,
      scoreRange: { min: BLOCKER_CAP, max: 100 }
    });
    expect(report.summary.unknown).toBe(6);
    expect(report.completeness).toEqual({
      complete: false,
      unknown: 6,
      checkIds: [
        'user.not-frozen',
        'user.not-locked-out',
        'auth.recent-logins',
        'auth.login-method',
        'data.sensitive-fields',
        'oauth.acton-app'
      ],
      rights: ['Manage Users', 'View Setup and Configuration', 'Customize Application'],
      unmapped: 0,
      text: '6 checks could not be read, so this verdict is incomplete. Granting the running user Manage Users; View Setup and Configuration; Customize Application would complete them.'
    });
  });

  it('counts unmapped fields apart from missing rights', () => {
    const report = score(fixture('unmapped-lead-score'));
    expect(report.status).toBe('ready');
    expect(report.completeness).toMatchObject({ complete: false, unknown: 2, rights: [], unmapped: 2 });
    expect(report.completeness.text).toContain('2 fields wait for a field mapping.');
  });

  it('carries the user and the capture time', () => {
    const report = score(fixture('system-administrator'));
    expect(report.user).toEqual(
      expect.objectContaining({
        Username: 'jane.admin@acme.example',
        Profile: 'System Administrator',
        License: 'Salesforce'
      })
    );
    expect(report.capturedAt).toBe('2026-11-22T10:00:00.000Z');
  });
});
