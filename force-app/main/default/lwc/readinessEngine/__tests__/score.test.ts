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

  it('excludes info, unknown and n/a from the score', () => {
    const base = [c('required', 'pass'), c('recommended', 'fail')];
    const with_ = [...base, c('info', 'fail'), c('blocker', 'unknown'), c('required', 'n/a')];
    expect(scoreOf(with_).score).toBe(scoreOf(base).score);
    expect(scoreOf(with_).summary).toMatchObject({ unknown: 1, 'n/a': 1, fail: 2 });
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
    expect(scoreOf([c('info', 'pass'), c('required', 'unknown')])).toMatchObject({
      score: 0,
      status: 'at-risk'
    });
  });
});

describe('reports', () => {
  it.each([
    ['perfect-dedicated-user', 100, 'ready'],
    ['mfa-api-via-profile', 49, 'blocked'],
    ['inactive-user', 49, 'blocked'],
    ['missing-modify-all', 93, 'at-risk'],
    ['integration-license-user', 96, 'at-risk'],
    ['system-administrator', 94, 'ready']
  ])('%s scores %i (%s)', (name, expected, status) => {
    const report = score(fixture(name as string));
    expect(report.score).toBe(expected);
    expect(report.status).toBe(status);
    expect(report.statusText).toBe(STATUS_TEXT[status as keyof typeof STATUS_TEXT]);
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
