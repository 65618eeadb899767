/**
 * What changed between two reports of the same integration user (the command line's --compare):
 * score and status before and after, checks that started failing, checks fixed, and every other
 * status change. A regression is a worse status or a blocker that fails now and did not before:
 * what a nightly monitor should alarm on.
 */
import { STATUS_NAMES } from './order';
import type { CheckStatus, OverallStatus, Severity } from './types';

/** The parts of a report a comparison reads: a saved --json report has them all. */
export interface ComparableReport {
  /** 1 when absent (reports before 0.3). */
  schemaVersion?: number;
  score: number;
  status: OverallStatus;
  capturedAt?: string;
  user?: { Id?: string; Username?: string };
  completeness?: { complete?: boolean };
  checks: { id: string; status: CheckStatus; severity: Severity; title?: string }[];
}

export interface CheckChange {
  id: string;
  title: string;
  severity: Severity;
  /** null: the check did not exist in the previous report. */
  before: CheckStatus | null;
  /** null: the check is gone from the current checklist. */
  after: CheckStatus | null;
}

export interface Comparison {
  previousCapturedAt: string | null;
  /**
   * The scores and their difference; across report versions the score means different things
   * (version 2's is the proven lower bound), so comparable is false and the delta is null.
   */
  score: { before: number; after: number; delta: number | null; comparable: boolean };
  status: { before: OverallStatus; after: OverallStatus };
  /** Fails now and did not before (new checks included). */
  startedFailing: CheckChange[];
  /** Failed or warned before and passes (or no longer applies) now. */
  fixed: CheckChange[];
  /** Every other status change (unknown, warn...). */
  otherChanges: CheckChange[];
  /** True when the status got worse or a blocker started failing. */
  regression: boolean;
  regressionReasons: string[];
  /** The previous report is of another user: the comparison still runs, and says so. */
  otherUser: boolean;
}

const STATUS_RANK: Record<OverallStatus, number> = { ready: 0, 'at-risk': 1, blocked: 2 };

export class ComparisonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComparisonError';
  }
}

const STATUSES = ['pass', 'warn', 'fail', 'unknown', 'n/a'];

/** The report version this engine writes; --compare reads this one and every older one. */
export const REPORT_VERSION = 2;

/**
 * Checks that a parsed file is a report this engine (or an older one) wrote, also inside an sf
 * --json envelope ({ status, result }); names what is wrong. A newer version is refused.
 */
export function asComparableReport(value: unknown): ComparableReport {
  let r = value as (Partial<ComparableReport> & { result?: unknown }) | null;
  if (!r || typeof r !== 'object' || Array.isArray(r)) throw new ComparisonError('it is not a JSON object');
  if (r.checks === undefined && r.result && typeof r.result === 'object')
    r = r.result as Partial<ComparableReport>;
  const version = r.schemaVersion ?? 1;
  if (!Number.isInteger(version) || (version as number) < 1)
    throw new ComparisonError(
      `its "schemaVersion" ${JSON.stringify(r.schemaVersion)} is not a report version`
    );
  if ((version as number) > REPORT_VERSION)
    throw new ComparisonError(
      `it is a report of version ${String(version)}, newer than this command reads (${REPORT_VERSION}): update the command`
    );
  if (typeof r.score !== 'number')
    throw new ComparisonError('it has no numeric "score" (is it a --json report?)');
  if (!(typeof r.status === 'string' && r.status in STATUS_RANK))
    throw new ComparisonError('its "status" is not ready, at-risk or blocked');
  if (!Array.isArray(r.checks) || !r.checks.length) throw new ComparisonError('it has no "checks"');
  r.checks.forEach((c, i) => {
    if (!c || typeof c.id !== 'string' || !STATUSES.includes(c.status))
      throw new ComparisonError(`checks[${i}] has no id or no valid status`);
  });
  return { ...(r as ComparableReport), schemaVersion: version as number };
}

export function compareReports(previous: ComparableReport, current: ComparableReport): Comparison {
  const before = new Map(previous.checks.map((c) => [c.id, c]));
  const after = new Map(current.checks.map((c) => [c.id, c]));
  const startedFailing: CheckChange[] = [];
  const fixed: CheckChange[] = [];
  const otherChanges: CheckChange[] = [];
  const change = (id: string): CheckChange => {
    const b = before.get(id);
    const a = after.get(id);
    const c = (a ?? b) as ComparableReport['checks'][number];
    return {
      id,
      title: c.title ?? id,
      severity: c.severity,
      before: b?.status ?? null,
      after: a?.status ?? null
    };
  };
  for (const id of new Set([...after.keys(), ...before.keys()])) {
    const b = before.get(id)?.status ?? null;
    const a = after.get(id)?.status ?? null;
    if (a === b) continue;
    if (a === 'fail') startedFailing.push(change(id));
    else if ((b === 'fail' || b === 'warn') && (a === 'pass' || a === 'n/a')) fixed.push(change(id));
    else otherChanges.push(change(id));
  }
  const reasons: string[] = [];
  if (STATUS_RANK[current.status] > STATUS_RANK[previous.status])
    reasons.push(`status ${STATUS_NAMES[previous.status]} → ${STATUS_NAMES[current.status]}`);
  const blockers = startedFailing.filter((c) => c.severity === 'blocker');
  if (blockers.length)
    reasons.push(
      `${blockers.length === 1 ? 'blocker' : 'blockers'} failing now: ${blockers.map((c) => c.id).join(', ')}`
    );
  const comparable = (previous.schemaVersion ?? 1) === (current.schemaVersion ?? 1);
  const previousUser = previous.user?.Id ?? previous.user?.Username;
  const currentUser = current.user?.Id ?? current.user?.Username;
  return {
    previousCapturedAt: previous.capturedAt ?? null,
    score: {
      before: previous.score,
      after: current.score,
      delta: comparable ? current.score - previous.score : null,
      comparable
    },
    status: { before: previous.status, after: current.status },
    startedFailing,
    fixed,
    otherChanges,
    regression: reasons.length > 0,
    regressionReasons: reasons,
    otherUser: Boolean(previousUser && currentUser && previousUser !== currentUser)
  };
}
