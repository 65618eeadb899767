/**
 * Which problems come first, everywhere a report is shown (console, card, command line, Markdown):
 * problems are failing, warning or unknown checks; worst first by severity, then status.
 */
import type { CheckResult, CheckStatus, OverallStatus, Report, Severity } from './types';

export const STATUS_ORDER: Readonly<Record<CheckStatus, number>> = Object.freeze({
  fail: 0,
  warn: 1,
  unknown: 2,
  pass: 3,
  'n/a': 4
});
export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = Object.freeze({
  blocker: 0,
  required: 1,
  recommended: 2,
  info: 3
});

/** The overall status in words (English: the command line and comparisons; the UI has labels). */
export const STATUS_NAMES: Readonly<Record<OverallStatus, string>> = Object.freeze({
  ready: 'Ready',
  'at-risk': 'At risk',
  blocked: 'Blocked'
});

export function isProblem(check: Pick<CheckResult, 'status'>): boolean {
  return check.status === 'fail' || check.status === 'warn' || check.status === 'unknown';
}

/** Worst first: by severity, then status (blocker fail, blocker warn, blocker unknown, required fail, ...). */
export function compareChecks(
  a: Pick<CheckResult, 'severity' | 'status'>,
  b: Pick<CheckResult, 'severity' | 'status'>
): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || STATUS_ORDER[a.status] - STATUS_ORDER[b.status]
  );
}

/** The problems of a report, worst first; then the checks that pass or do not apply, in checklist order. */
export function problemsFirst(report: Pick<Report, 'checks'>): {
  problems: CheckResult[];
  passed: CheckResult[];
} {
  const problems = report.checks.filter(isProblem);
  problems.sort(compareChecks);
  return { problems, passed: report.checks.filter((c) => !isProblem(c)) };
}
