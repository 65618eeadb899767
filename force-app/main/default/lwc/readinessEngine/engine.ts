/**
 * snapshot + checklist -> report -> fix plan. Pure: no I/O, no lwc imports.
 */
import { SEVERITY_ORDER, compareChecks } from './order';
import {
  AccessModel,
  OBJECT_FLAGS,
  PRODUCT_PERMISSION_SET,
  describeSource,
  fieldTargetsOf,
  isProductPermissionSet,
  objectFlagsOf,
  type Source
} from './access';
import { flagList, manualFix, mergeChanges } from './fixes';
import { personReason } from './logins';
import { buildFixPlan, fixAllOf, type FixPolicy } from './plan';
import { RULE_EVALUATORS, type Evaluation } from './rules';
import { rootCausesOf } from './rootCauses';
import { applyChanges } from './simulate';
import type {
  Change,
  CheckDefinition,
  CheckFix,
  CheckResult,
  CheckStatus,
  Completeness,
  FixPlan,
  ManualStep,
  OverallStatus,
  RemoveAssignmentChange,
  Report,
  ReportSummary,
  RuleKind,
  Severity,
  Snapshot
} from './types';
import { permissionLabel, plural, setupUrl } from './vocabulary';

export const SEVERITY_POINTS: Record<Severity, number> = {
  blocker: 10,
  required: 5,
  recommended: 2,
  info: 0
};
export const BLOCKER_CAP = 49;
export const READY_THRESHOLD = 80;

export const STATUS_TEXT: Record<OverallStatus | 'incomplete', string> = {
  ready: 'Every blocker and required check was read and passes: Act-On can connect and sync as this user.',
  'at-risk':
    "Blocker or required checks warn or fail, or the setup is below Act-On's recommendations: Act-On's connection or syncs may fail or skip data.",
  incomplete:
    'Not verified: some blocker or required checks could not be read, so the product cannot call this user ready.',
  blocked: 'Act-On cannot work as this user: fix the blocking checks first.'
};

const COUNTED: readonly Severity[] = ['blocker', 'required'];
const SETTLED: readonly CheckStatus[] = ['pass', 'n/a'];

/**
 * Rules a removed assignment cannot turn from pass to fail: they look at the user record, the
 * logins, or at access that must be absent or small (less access never breaks them).
 */
const UNAFFECTED_BY_REMOVAL: ReadonlySet<RuleKind> = new Set<RuleKind>([
  'user-active',
  'user-login-flag',
  'user-license',
  'permission-absent',
  'least-privilege',
  'recent-logins',
  'login-method',
  'field-budget',
  'sensitive-fields',
  'oauth-app',
  'user-permission'
]);

/** Checks the product cannot decide from data: shown as steps, never scored. */
export const MANUAL_CHECKS: readonly ManualStep[] = Object.freeze([
  {
    kind: 'instructions',
    summary: 'Record types',
    steps: [
      'Edit Record Type Settings (Lead, Contact, Account) so the integration user sees only the record types Act-On should sync.'
    ],
    url: null
  },
  {
    kind: 'instructions',
    summary: 'Security token',
    steps: [
      "Reset the integration user's security token (the user's personal settings) and enter it in Act-On's connector settings."
    ],
    url: null
  },
  {
    kind: 'instructions',
    summary: 'IP ranges and session policies',
    steps: [
      "Make sure the profile's login IP ranges and the org's session settings allow Act-On's servers to log in."
    ],
    url: null
  }
]);

function evaluateAll(
  definitions: readonly CheckDefinition[],
  snapshot: Snapshot
): { access: AccessModel; evaluations: Evaluation[] } {
  const access = new AccessModel(snapshot);
  const evaluations = definitions.map((d) =>
    infoNeverFails(d, partialRead(d, snapshot, RULE_EVALUATORS[d.rule](d, access)))
  );
  return { access, evaluations };
}

/** An info check is shown, never scored, never a failure (0.3): unmet is warn. */
function infoNeverFails(d: CheckDefinition, e: Evaluation): Evaluation {
  return d.severity === 'info' && e.status === 'fail' ? { ...e, status: 'warn' } : e;
}

/**
 * Which reads each rule depends on, and which of its answers a cut-off read cannot support: a rule
 * that looks for a grant cannot say "missing" from part of the rows (the grant may be in the rest);
 * a rule that looks for an absence cannot say "absent" (it may be in the rest).
 */
const PARTIAL_READS: Partial<Record<RuleKind, { reads: string[]; unsure: CheckStatus[] }>> = {
  'system-permission': { reads: ['assignments'], unsure: ['fail', 'warn'] },
  'api-auth-permission': { reads: ['assignments'], unsure: ['fail'] },
  'permission-set-assigned': { reads: ['assignments'], unsure: ['fail'] },
  'object-access': { reads: ['assignments', 'objectPermissions'], unsure: ['fail'] },
  'field-access': { reads: ['assignments', 'objectPermissions', 'fieldPermissions'], unsure: ['fail'] },
  'custom-related': {
    reads: ['assignments', 'objectPermissions', 'relatedObjects'],
    unsure: ['fail', 'pass']
  },
  'permission-absent': { reads: ['assignments'], unsure: ['pass'] },
  'least-privilege': { reads: ['assignments'], unsure: ['pass'] },
  'field-budget': {
    reads: ['assignments', 'objectPermissions', 'readableFields', 'fields'],
    unsure: ['pass']
  },
  'sensitive-fields': {
    reads: ['assignments', 'objectPermissions', 'readableFields', 'fields'],
    unsure: ['pass']
  }
};

const READ_NAMES: Record<string, string> = {
  assignments: 'permission set assignment',
  objectPermissions: 'object permission',
  fieldPermissions: 'field permission',
  readableFields: 'readable field',
  relatedObjects: 'related custom object',
  fields: 'described field'
};

/** An answer the rows read cannot support becomes unknown, saying which read was cut off. */
function partialRead(d: CheckDefinition, snapshot: Snapshot, e: Evaluation): Evaluation {
  const effect = PARTIAL_READS[d.rule];
  if (!effect || !effect.unsure.includes(e.status)) return e;
  const cut = effect.reads.filter((key) => snapshot.truncated?.[key] === true);
  if (!cut.length) return e;
  return {
    ...e,
    status: 'unknown',
    evidence: `${e.evidence} The org has more ${cut.map((k) => READ_NAMES[k] ?? k).join(' and ')} rows than the product reads at once, so this could not be decided.`,
    needs: null
  };
}

/**
 * What removing the source really takes away from the user: what it grants that is effective now
 * and no longer effective once the plan is applied (another profile, set, group or the plan's own
 * grants may keep it).
 */
function lostBy(before: AccessModel, after: AccessModel, source: Source, except: string): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(source.ps)) {
    if (!key.startsWith('Permissions') || key === except || value !== true) continue;
    if (before.hasPermission(key) && !after.hasPermission(key)) out.push(permissionLabel(key));
  }
  for (const row of before.snapshot.objectPermissions) {
    if (row.ParentId !== source.ps.Id) continue;
    const own = objectFlagsOf(row);
    const was = before.objectAccess(row.SobjectType).flags;
    const now = after.objectAccess(row.SobjectType).flags;
    const lost = OBJECT_FLAGS.filter((f) => own[f] && was[f] && !now[f]);
    if (lost.length) out.push(`${row.SobjectType}: ${flagList(lost)}`);
  }
  let fields = 0;
  for (const row of before.snapshot.fieldPermissions) {
    if (row.ParentId !== source.ps.Id || !row.PermissionsRead) continue;
    const { objects, name } = fieldTargetsOf(row);
    if (objects.some((o) => before.fieldAccess(o, name).read && !after.fieldAccess(o, name).read))
      fields += 1;
  }
  if (fields) out.push(`Read on ${plural(fields, 'field')}`);
  return out;
}

/**
 * Fix for a permission that must be absent (MFA for API logins): remove, from this user only, the
 * assignments that grant it, plus grants in the product's permission set for anything the removal
 * would take away that another check needs. Refused when something needed cannot be re-granted.
 */
function removalFix(
  definition: CheckDefinition,
  definitions: readonly CheckDefinition[],
  access: AccessModel,
  before: readonly Evaluation[]
): CheckFix {
  const permission = definition.target as string;
  const label = permissionLabel(permission);
  const sources = access.grantsOf(permission);
  const profile = sources.find((s) => s.type === 'Profile');
  const profileStep: ManualStep | null = profile
    ? {
        kind: 'setup',
        summary: `Clear ${label} on the profile`,
        steps: [
          `Open the profile '${profile.label}' in Setup, System Permissions, and clear "${label}".`,
          `This changes every user on the profile${typeof profile.ps.AssigneeCount === 'number' ? ` (${profile.ps.AssigneeCount} users)` : ''}: if others need it, give the integration user its own profile, such as 'Minimum Access - Salesforce', instead.`
        ],
        url: setupUrl.profile(access.snapshot.user.ProfileId)
      }
    : null;
  const removable = sources.filter((s) => s.type !== 'Profile');
  if (!removable.length && profileStep) {
    return manualFix(`The profile grants ${label}: only a profile change clears it.`, profileStep);
  }
  const removals: RemoveAssignmentChange[] = removable.map((s) => ({
    kind: 'removeAssignment',
    key: `remove:${s.ps.Id}`,
    checkIds: [definition.id],
    reason: `Removes ${describeSource(s)} from ${access.snapshot.user.Username} only, because it grants ${label}. Other users keep it.`,
    userId: access.snapshot.user.Id,
    assignmentId: s.assignment?.Id ?? null,
    permissionSetId: s.ps.Id,
    permissionSetGroupId: s.assignment?.PermissionSetGroupId ?? s.ps.PermissionSetGroupId ?? null,
    label: s.label,
    sourceType: s.type,
    alsoRemoves: [],
    expected: 'assigned',
    value: 'none'
  }));
  // Only passing checks whose rule looks at grants can break when an assignment goes away.
  const atStake = definitions.filter(
    (d, i) => d.id !== definition.id && before[i].status === 'pass' && !UNAFFECTED_BY_REMOVAL.has(d.rule)
  );
  const removed = evaluateAll(atStake, applyChanges(access.snapshot, removals));
  const compensation: Change[] = [];
  const lost: string[] = [];
  atStake.forEach((d, i) => {
    const after = removed.evaluations[i];
    if (after.status === 'pass') return;
    const fix = after.fix;
    if (fix?.fixable) {
      for (const change of fix.changes)
        compensation.push({
          ...change,
          checkIds: [definition.id],
          reason:
            change.kind === 'ensurePermissionSet' || change.kind === 'assignPermissionSet'
              ? change.reason
              : `${change.reason} It keeps "${d.title}" passing once the assignment is removed.`
        });
    } else {
      lost.push(d.id);
    }
  });
  const names = removals.map((r) => `'${r.label}'`).join(', ');
  if (lost.length) {
    return manualFix(
      `Removing ${names} would break ${lost.join(', ')}.`,
      profileStep ?? {
        kind: 'setup',
        summary: `Take ${label} out of ${names}`,
        steps: [
          `Removing ${names} from this user would take away what ${lost.join(', ')} need${lost.length === 1 ? 's' : ''}, and the product cannot grant that itself.`,
          `Ask the owner of ${names} to clear ${label} there, or move what this user needs into 'Act-On Integration User' first.`
        ],
        url:
          removable[0].type === 'Group' && removals[0].permissionSetGroupId
            ? setupUrl.permissionSetGroup(removals[0].permissionSetGroupId)
            : setupUrl.permissionSet(removable[0].ps.Id)
      },
      `Removing ${names} would take away something ${lost.join(', ')} need${lost.length === 1 ? 's' : ''}.`
    );
  }
  const merged = mergeChanges(compensation);
  const afterPlan = merged.length
    ? new AccessModel(applyChanges(access.snapshot, [...merged, ...removals]))
    : removed.access;
  for (const [i, removal] of removals.entries()) {
    removal.alsoRemoves = lostBy(access, afterPlan, removable[i], permission);
    removal.dependsOn = merged
      .filter((c) => c.kind !== 'ensurePermissionSet' && c.kind !== 'assignPermissionSet')
      .map((c) => c.key);
  }
  return {
    fixable: !profileStep,
    summary: `Remove ${names} from this user${compensation.length ? ` and re-grant what checks still need in '${PRODUCT_PERMISSION_SET.label}'` : ''}.`,
    changes: mergeChanges([...merged, ...removals]),
    manual: profileStep,
    refused: null,
    warnings: []
  };
}

/** What scoring reads of a check (a title names it in the status's reason). */
type ScoredCheck = Pick<CheckResult, 'severity' | 'status'> & { title?: string };

/** Checks that count for the score: blocker, required and recommended ones that apply. */
function scored(c: Pick<CheckResult, 'severity' | 'status'>): boolean {
  return SEVERITY_POINTS[c.severity] > 0 && c.status !== 'n/a';
}

/**
 * One bound of the score: the weighted share of points earned, every unknown scored check counted
 * as `unknownAs`; a failing blocker (or, for the lower bound, an unread one) caps it at BLOCKER_CAP.
 */
function boundOf(
  checks: readonly Pick<CheckResult, 'severity' | 'status'>[],
  unknownAs: 'pass' | 'fail'
): number {
  let points = 0;
  let possible = 0;
  let capped = false;
  for (const c of checks) {
    if (!scored(c)) continue;
    const status = c.status === 'unknown' ? unknownAs : c.status;
    const weight = SEVERITY_POINTS[c.severity];
    possible += weight;
    points += status === 'pass' ? weight : status === 'warn' ? weight / 2 : 0;
    if (status === 'fail' && c.severity === 'blocker') capped = true;
  }
  const score = possible ? Math.floor((100 * points) / possible) : 0;
  return capped ? Math.min(score, BLOCKER_CAP) : score;
}

const VERB: Record<CheckStatus, string> = {
  fail: 'fails',
  warn: 'warns',
  unknown: 'could not be read',
  pass: 'passes',
  'n/a': 'does not apply'
};

/** "MFA for API logins fails", "MFA for API logins fails and 2 other problems" */
function worstWords(problems: readonly ScoredCheck[], other: string): string {
  const [first] = problems;
  const rest = problems.length - 1;
  return `${first.title ?? 'A check'} ${VERB[first.status]}${rest ? ` (and ${plural(rest, other)})` : ''}`;
}

/**
 * The score as a range (0.3: a number means one thing), the status with its reason, and the counts.
 * `score` is scoreRange.min, what is proven; the 80 threshold applies to scoreRange.max, so unread
 * recommended checks alone make the verdict incomplete, never at-risk.
 */
export function scoreOf(checks: readonly ScoredCheck[]): {
  score: number;
  scoreRange: { min: number; max: number };
  status: OverallStatus;
  statusReason: string;
  summary: ReportSummary;
  statusText: string;
} {
  const summary: ReportSummary = { pass: 0, warn: 0, fail: 0, unknown: 0, 'n/a': 0, points: 0, possible: 0 };
  for (const c of checks) {
    summary[c.status] += 1;
    if (!scored(c) || c.status === 'unknown') continue;
    const points = SEVERITY_POINTS[c.severity];
    summary.possible += points;
    summary.points += c.status === 'pass' ? points : c.status === 'warn' ? points / 2 : 0;
  }
  const scoreRange = { min: boundOf(checks, 'fail'), max: boundOf(checks, 'pass') };
  const worst = [...checks].sort(compareChecks);
  const blockers = worst.filter((c) => c.severity === 'blocker' && c.status === 'fail');
  const unsettled = worst.filter((c) => COUNTED.includes(c.severity) && !SETTLED.includes(c.status));
  const read = unsettled.filter((c) => c.status !== 'unknown');
  const unread = unsettled.length > read.length;
  let status: OverallStatus;
  let statusReason: string;
  if (blockers.length) {
    status = 'blocked';
    statusReason = `Blocked: ${worstWords(blockers, 'other blocker')}`;
  } else if (unsettled.length || scoreRange.max < READY_THRESHOLD) {
    status = 'at-risk';
    if (read.length) statusReason = `At risk: ${worstWords(read, 'other problem')}`;
    else if (unread) statusReason = `At risk: ${plural(summary.unknown, 'check')} could not be read`;
    else {
      const weak = worst.filter((c) => scored(c) && (c.status === 'fail' || c.status === 'warn'));
      statusReason = weak.length
        ? `At risk: the score is below ${READY_THRESHOLD} (${worstWords(weak, 'other recommended check')})`
        : 'At risk: no check could be scored';
    }
  } else {
    status = 'ready';
    statusReason = summary.unknown
      ? `Ready (${plural(summary.unknown, 'recommended check')} could not be read)`
      : 'Ready';
  }
  let statusText = STATUS_TEXT[status];
  if (status === 'at-risk' && unread)
    statusText =
      read.length || scoreRange.max < READY_THRESHOLD
        ? `${STATUS_TEXT['at-risk']} ${STATUS_TEXT.incomplete}`
        : STATUS_TEXT.incomplete;
  if (status === 'blocked' && unread) statusText = `${STATUS_TEXT.blocked} ${STATUS_TEXT.incomplete}`;
  if (status === 'ready' && summary.unknown)
    statusText = `${STATUS_TEXT.ready} ${plural(summary.unknown, 'other check')} could not be read.`;
  return { score: scoreRange.min, scoreRange, status, statusReason, summary, statusText };
}

/**
 * The fewest rights that satisfy every need ("Manage Users or Monitor Login History" is satisfied
 * by either): greedily the right that satisfies the most needs still open.
 */
function fewestRights(needs: readonly string[]): string[] {
  let open = needs.map((n) => n.split(' or ').map((r) => r.trim()));
  const chosen: string[] = [];
  while (open.length) {
    const counts = new Map<string, number>();
    for (const options of open) for (const r of options) counts.set(r, (counts.get(r) ?? 0) + 1);
    const best = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    chosen.push(best);
    open = open.filter((options) => !options.includes(best));
  }
  return chosen;
}

/** Whether every check could be read, and what would complete the verdict. */
export function completenessOf(checks: readonly CheckResult[]): Completeness {
  const unknown = checks
    .filter((c) => c.status === 'unknown')
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const rights = fewestRights(unknown.map((c) => c.needs).filter((n): n is string => !!n));
  const unmapped = unknown.filter((c) => c.fix?.manual?.kind === 'map-field').length;
  const other = unknown.length - unmapped - unknown.filter((c) => c.needs).length;
  const parts: string[] = [];
  if (unknown.length) {
    const n = unknown.length;
    parts.push(`${plural(n, 'check')} could not be read, so this verdict is incomplete.`);
    if (rights.length)
      parts.push(
        `Granting the running user ${rights.join('; ')} would complete ${rights.length === 1 ? 'it' : 'them'}.`
      );
    if (unmapped) parts.push(`${unmapped} field${unmapped === 1 ? ' waits' : 's wait'} for a field mapping.`);
    if (other > 0)
      parts.push(
        `${other} could not be decided from what was read (too many rows, or data the org did not return; see each check).`
      );
  }
  return {
    complete: unknown.length === 0,
    unknown: unknown.length,
    checkIds: unknown.map((c) => c.id),
    rights,
    unmapped,
    text: parts.join(' ')
  };
}

/** Which changes may be applied to this user, and whether identity-changing grants are held back. */
export function fixPolicyOf(snapshot: Snapshot): FixPolicy {
  const own = snapshot.runningUserId && snapshot.runningUserId === snapshot.user.Id;
  return {
    identityHeld: personReason(snapshot),
    sharedProduct: sharedProductReason(snapshot),
    refused: own
      ? 'This is your own user: the product never changes the access of the admin who runs it. Choose the integration user instead.'
      : null
  };
}

/**
 * Why a grant to the product's set would reach people besides the user (null when it would not):
 * anyone else assigned it, the running admin included. The writer refuses such grants; a group
 * containing the set is not in the snapshot, so only the writer sees that case.
 */
export function sharedProductReason(snapshot: Snapshot): string | null {
  const product = snapshot.permissionSets.find(isProductPermissionSet);
  if (!product || typeof product.AssigneeCount !== 'number') return null;
  const own = snapshot.assignments.some((a) => a.PermissionSetId === product.Id) ? 1 : 0;
  const others = product.AssigneeCount - own;
  if (others <= 0) return null;
  return `${plural(others, 'other user')} hold${others === 1 ? 's' : ''} '${PRODUCT_PERMISSION_SET.label}', so a grant to it would change their access too. Remove their assignments in Setup first; the set is the integration user's alone.`;
}

/** Scores a validated snapshot against the checklist. Every definition yields exactly one check. */
export function evaluate(definitions: readonly CheckDefinition[], snapshot: Snapshot): Report {
  return evaluateWithPlan(definitions, snapshot).report;
}

/** The report and its default fix plan (the one report.fixAll summarises), built once. */
export function evaluateWithPlan(
  definitions: readonly CheckDefinition[],
  snapshot: Snapshot
): { report: Report; plan: FixPlan } {
  const { access, evaluations } = evaluateAll(definitions, snapshot);
  const checks: CheckResult[] = definitions.map((d, i) => {
    const e = evaluations[i];
    let fix = e.fix;
    if (d.rule === 'permission-absent' && e.status === 'fail')
      fix = removalFix(d, definitions, access, evaluations);
    return {
      id: d.id,
      severity: d.severity,
      section: d.section,
      title: d.title,
      requirement: d.requirement,
      why: d.why,
      source: d.source,
      status: e.status,
      evidence: e.evidence,
      details: e.details,
      ...(e.headline && e.status !== 'pass' && e.status !== 'n/a' ? { headline: e.headline } : {}),
      grantedBy: e.grantedBy,
      fix: e.status === 'pass' || e.status === 'n/a' ? null : fix,
      needs: e.status === 'unknown' ? (e.needs ?? null) : null,
      causedBy: null
    };
  });
  const { score, scoreRange, status, statusReason, summary, statusText } = scoreOf(checks);
  const completeness = completenessOf(checks);
  const rootCauses = rootCausesOf({
    access,
    checks,
    rights: completeness.rights,
    rules: definitions.map((d) => d.rule),
    unread: evaluations.map((e) => (e.status === 'unknown' ? (e.unread ?? null) : null)),
    statusesOn: (other) => evaluateAll(definitions, other).evaluations.map((e) => e.status)
  });
  for (const cause of rootCauses)
    for (const id of cause.checkIds) {
      const check = checks.find((c) => c.id === id);
      if (check) check.causedBy = cause.id;
    }
  const user = snapshot.user;
  const policy = fixPolicyOf(snapshot);
  const report: Report = {
    schemaVersion: 2,
    score,
    scoreRange,
    status,
    statusReason,
    statusText,
    rootCauses,
    capturedAt: snapshot.capturedAt,
    user: {
      Id: user.Id,
      Username: user.Username,
      Name: user.Name ?? null,
      Profile: user.Profile.Name,
      License: user.Profile.UserLicense?.Name ?? null
    },
    summary,
    completeness,
    checks,
    manualChecks: MANUAL_CHECKS.map((m) => ({ ...m, steps: [...m.steps] })),
    fixAll: {
      checkIds: [],
      changes: [],
      held: [],
      refused: policy.refused,
      identityHeld: policy.identityHeld,
      sharedProduct: policy.sharedProduct ?? null
    }
  };
  const plan = buildFixPlan(report, undefined, policy);
  report.fixAll = fixAllOf(plan, policy);
  return { report, plan };
}

export { buildFixPlan };
