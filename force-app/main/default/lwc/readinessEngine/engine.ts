/**
 * snapshot + checklist -> report -> fix plan. Pure: no I/O, no lwc imports.
 */
import {
  AccessModel,
  OBJECT_FLAGS,
  PRODUCT_PERMISSION_SET,
  describeSource,
  objectFlagsOf,
  type Source
} from './access';
import { flagList, manualFix, mergeChanges } from './fixes';
import { RULE_EVALUATORS, type Evaluation } from './rules';
import { applyChanges } from './simulate';
import type {
  Change,
  CheckDefinition,
  CheckFix,
  CheckResult,
  FixPlan,
  ManualStep,
  OverallStatus,
  RemoveAssignmentChange,
  Report,
  ReportSummary,
  Severity,
  Snapshot
} from './types';
import { permissionLabel, setupUrl } from './vocabulary';

export const SEVERITY_POINTS: Record<Severity, number> = {
  blocker: 10,
  required: 5,
  recommended: 2,
  info: 0
};
export const BLOCKER_CAP = 49;
export const READY_THRESHOLD = 80;

export const STATUS_TEXT: Record<OverallStatus, string> = {
  ready: 'Act-On can connect as this user, and every blocker and required check passes.',
  'at-risk':
    "Act-On can log in, but required permissions are missing or the setup is below Act-On's recommendations: syncs may fail or skip data.",
  blocked: 'Act-On cannot work as this user: fix the blocking checks first.'
};

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
  const evaluations = definitions.map((d) => RULE_EVALUATORS[d.rule](d, access));
  return { access, evaluations };
}

/** What else a permission set gives the user, for the preview of its removal. */
function whatElse(access: AccessModel, source: Source, except: string): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(source.ps)) {
    if (key.startsWith('Permissions') && key !== except && value === true) out.push(permissionLabel(key));
  }
  for (const row of access.snapshot.objectPermissions) {
    if (row.ParentId !== source.ps.Id) continue;
    const flags = objectFlagsOf(row);
    if (OBJECT_FLAGS.some((f) => flags[f])) out.push(`${row.SobjectType}: ${flagList(flags)}`);
  }
  const fields = access.snapshot.fieldPermissions.filter(
    (r) => r.ParentId === source.ps.Id && r.PermissionsRead
  ).length;
  if (fields) out.push(`${fields} field permission${fields === 1 ? '' : 's'}`);
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
    key: `remove:${s.assignment?.Id ?? s.ps.Id}`,
    checkIds: [definition.id],
    reason: `Removes ${describeSource(s)} from ${access.snapshot.user.Username} only, because it grants ${label}. Other users keep it.`,
    userId: access.snapshot.user.Id,
    assignmentId: s.assignment?.Id ?? null,
    permissionSetId: s.ps.Id,
    permissionSetGroupId: s.assignment?.PermissionSetGroupId ?? s.ps.PermissionSetGroupId ?? null,
    label: s.label,
    sourceType: s.type,
    alsoRemoves: whatElse(access, s, permission)
  }));
  const after = evaluateAll(definitions, applyChanges(access.snapshot, removals)).evaluations;
  const compensation: Change[] = [];
  const lost: string[] = [];
  definitions.forEach((d, i) => {
    if (d.id === definition.id || before[i].status !== 'pass' || after[i].status === 'pass') return;
    const fix = after[i].fix;
    if (fix?.fixable) {
      for (const change of fix.changes)
        compensation.push({
          ...change,
          reason: `${change.reason} (replaces what the removed assignment gave)`
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
  const warnings = removals
    .filter((r) => r.alsoRemoves.length)
    .map((r) => `Removing '${r.label}' also takes away: ${r.alsoRemoves.join('; ')}.`);
  return {
    fixable: !profileStep,
    summary: `Remove ${names} from this user${compensation.length ? ` and re-grant what checks still need in '${PRODUCT_PERMISSION_SET.label}'` : ''}.`,
    changes: mergeChanges([...compensation, ...removals]),
    manual: profileStep,
    refused: null,
    warnings
  };
}

export function scoreOf(checks: readonly Pick<CheckResult, 'severity' | 'status'>[]): {
  score: number;
  status: OverallStatus;
  summary: ReportSummary;
} {
  const summary: ReportSummary = { pass: 0, warn: 0, fail: 0, unknown: 0, 'n/a': 0, points: 0, possible: 0 };
  let blockerFails = false;
  let requiredFails = false;
  for (const c of checks) {
    summary[c.status] += 1;
    if (c.status === 'fail' && c.severity === 'blocker') blockerFails = true;
    if (c.status === 'fail' && c.severity === 'required') requiredFails = true;
    const points = SEVERITY_POINTS[c.severity];
    if (!points || c.status === 'unknown' || c.status === 'n/a') continue;
    summary.possible += points;
    summary.points += c.status === 'pass' ? points : c.status === 'warn' ? points / 2 : 0;
  }
  let score = summary.possible ? Math.floor((100 * summary.points) / summary.possible) : 0;
  if (blockerFails) score = Math.min(score, BLOCKER_CAP);
  const status: OverallStatus = blockerFails
    ? 'blocked'
    : requiredFails || score < READY_THRESHOLD
      ? 'at-risk'
      : 'ready';
  return { score, status, summary };
}

/** Scores a validated snapshot against the checklist. Every definition yields exactly one check. */
export function evaluate(definitions: readonly CheckDefinition[], snapshot: Snapshot): Report {
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
      grantedBy: e.grantedBy,
      fix: e.status === 'pass' || e.status === 'n/a' ? null : fix
    };
  });
  const { score, status, summary } = scoreOf(checks);
  const user = snapshot.user;
  return {
    schemaVersion: 1,
    score,
    status,
    statusText: STATUS_TEXT[status],
    capturedAt: snapshot.capturedAt,
    user: {
      Id: user.Id,
      Username: user.Username,
      Name: user.Name ?? null,
      Profile: user.Profile.Name,
      License: user.Profile.UserLicense?.Name ?? null
    },
    summary,
    checks,
    manualChecks: MANUAL_CHECKS.map((m) => ({ ...m, steps: [...m.steps] }))
  };
}

/**
 * The fix plan for the given checks (default: every check whose fix is automatic, "Fix all safe
 * issues"). Changes to the same row are merged; checks without a safe change are listed as skipped.
 */
export function buildFixPlan(report: Report, checkIds?: readonly string[]): FixPlan {
  const wanted = checkIds ? new Set(checkIds) : null;
  const changes: Change[] = [];
  const included: string[] = [];
  const skipped: { checkId: string; reason: string }[] = [];
  const warnings: string[] = [];
  for (const check of report.checks) {
    if (wanted && !wanted.has(check.id)) continue;
    const fix = check.fix;
    if (!fix || check.status === 'pass') {
      if (wanted)
        skipped.push({
          checkId: check.id,
          reason: check.status === 'pass' ? 'already passes' : 'nothing to change'
        });
      continue;
    }
    if (!fix.fixable) {
      if (wanted || fix.refused)
        skipped.push({ checkId: check.id, reason: fix.refused ?? fix.manual?.summary ?? fix.summary });
      continue;
    }
    included.push(check.id);
    changes.push(...fix.changes);
    for (const w of fix.warnings) if (!warnings.includes(w)) warnings.push(w);
  }
  if (wanted)
    for (const id of wanted)
      if (!report.checks.some((c) => c.id === id)) skipped.push({ checkId: id, reason: 'no such check' });
  return {
    userId: report.user.Id,
    permissionSet: { name: PRODUCT_PERMISSION_SET.name, label: PRODUCT_PERMISSION_SET.label },
    checkIds: included,
    changes: mergeChanges(changes),
    skipped,
    warnings
  };
}
