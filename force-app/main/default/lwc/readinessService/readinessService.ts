/**
 * What the admin UI shares: the imperative Apex calls (components wire the cacheable ones directly), one readable message for any Apex error, scoring through
 * the engine (never a rule of its own), grouping and ordering of checks, the texts of fix changes,
 * and the CSV / Markdown exports of a report.
 */
import saveIntegrationUserApex from '@salesforce/apex/ReadinessController.saveIntegrationUser';
import saveFieldMappingApex from '@salesforce/apex/ReadinessController.saveFieldMapping';
import applyFixApex from '@salesforce/apex/ReadinessController.applyFix';
import {
  SECTIONS,
  setupUrl,
  assess as engineAssess,
  SEVERITY_ORDER,
  STATUS_ORDER,
  compareChecks,
  isProblem,
  problemsFirst,
  SECTION_LABELS,
  buildFixPlan,
  permissionLabel,
  PRODUCT_PERMISSION_SET,
  OBJECT_FLAGS,
  OBJECT_FLAG_LABELS,
  scoreRangeText,
  toOperation
} from 'c/readinessEngine';
import type {
  Candidate,
  Change,
  CheckRecord,
  CheckResult,
  CheckStatus,
  FixPlan,
  ObjectFlags,
  OverallStatus,
  Report,
  Section,
  Severity,
  Snapshot
} from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';

// ---------------------------------------------------------------- Apex contract

export interface ReadinessData {
  snapshot: Snapshot | null;
  checklist: CheckRecord[];
  canFix: boolean;
  /**
   * Whether the running user may save the integration user and the field mapping (the custom
   * permission and Customize Application). Absent from an older controller: read from
   * missingPermissions.
   */
  canSave?: boolean;
  missingPermissions: string[];
  integrationUserId: string | null;
}

/** The custom permission, however the controller names it (API name or label). */
const CUSTOM_PERMISSION = /Act_On_Readiness_Fix|Act-On Readiness: apply fixes/i;

/** The rights each kind of write needs, by their Setup names (the custom permission aside). */
export const WRITE_RIGHTS: Readonly<Record<'fix' | 'save', readonly string[]>> = Object.freeze({
  fix: ['Manage Profiles and Permission Sets', 'Assign Permission Sets'],
  save: ['Customize Application']
});

/**
 * The rights the running user lacks for one kind of write, in the words to ask an admin for: only
 * those that matter for it (reading rights such as Manage Users never turn a write off).
 */
export function missingFor(kind: 'fix' | 'save', missing: readonly string[] | null | undefined): string {
  const wanted = (missing ?? []).filter((p) => CUSTOM_PERMISSION.test(p) || WRITE_RIGHTS[kind].includes(p));
  return missingPermissionText(wanted);
}

/** Whether the running user may save settings (the integration user, the field mapping). */
export function canSaveSettings(data: Pick<ReadinessData, 'canSave' | 'missingPermissions'> | null): boolean {
  if (!data) return false;
  if (typeof data.canSave === 'boolean') return data.canSave;
  return !missingFor('save', data.missingPermissions);
}

/** A ranked candidate for the integration user (the engine's rankCandidates). */
export type SuggestedUser = Candidate;

export interface MappableField {
  name: string;
  label: string;
  type: string;
  /** The logical fields it can hold: LeadScore, HardBounce. */
  usableFor?: string[];
  /** Text length, custom or not, rich text, writable: what the mapping rule reads (mappingProblem). */
  length?: number | null;
  custom?: boolean | null;
  htmlFormatted?: boolean | null;
  updateable?: boolean | null;
}

export interface ApplyResult {
  logId: string;
  status: 'Applied';
  changed: number;
  snapshot: Snapshot;
}

/** One fix as the log holds it: the operations Apex checked and wrote (never trusted: undo re-plans). */
export interface FixLogEntry {
  logId: string;
  createdDate: string;
  createdBy: string;
  checkIds: string[];
  status: 'Applied' | 'Failed' | 'Undone';
  summary: string;
  operations: unknown[] | null;
  changedCount?: number;
  error?: string | null;
  /** The log key of the fix this one undid, or null. */
  undoes?: string | null;
  undoneBy?: string | null;
  undoneDate?: string | null;
}

export function saveIntegrationUser(userId: string): Promise<void> {
  return saveIntegrationUserApex({ userId });
}

export function saveFieldMapping(mapping: Record<string, string>): Promise<Record<string, string>> {
  return saveFieldMappingApex({ mapping: JSON.stringify(mapping) });
}

/**
 * Sends the operations (which record, which field, the value expected now, the value to write) and
 * nothing else: the writer checks every one against the org and its constant allow-list itself.
 * `undoes`: the log key of the fix an undo takes back (a label for the log).
 */
export function applyFix(
  userId: string,
  selection: Pick<FixPlan, 'checkIds' | 'changes'>,
  undoes: string | null = null
): Promise<ApplyResult> {
  return applyFixApex({
    userId,
    requestJson: JSON.stringify({
      checkIds: selection.checkIds,
      operations: selection.changes.map(toOperation),
      undoes
    })
  });
}

// ---------------------------------------------------------------- errors

/** Admin rights the controller may name in an error, and how to ask for them. */
const PERMISSION_HINTS: [RegExp, string][] = [
  [/Act_On_Readiness_Fix/i, LABELS.permCustom],
  [/Manage\s*Users|PermissionsManageUsers/i, 'Manage Users'],
  [
    /Manage Profiles and Permission Sets|PermissionsManageProfilesPermissionsets/i,
    'Manage Profiles and Permission Sets'
  ],
  [/Assign Permission Sets|PermissionsAssignPermissionSets/i, 'Assign Permission Sets'],
  [/View Setup|PermissionsViewSetup/i, 'View Setup and Configuration']
];

function messagesOf(error: unknown, out: string[]): void {
  if (error === null || error === undefined) return;
  if (typeof error === 'string') {
    if (error.trim()) out.push(error.trim());
    return;
  }
  if (Array.isArray(error)) {
    error.forEach((e) => messagesOf(e, out));
    return;
  }
  if (typeof error !== 'object') {
    out.push(String(error));
    return;
  }
  const e = error as Record<string, unknown>;
  if (e.body !== undefined && e.body !== null) {
    const body = e.body;
    if (Array.isArray(body) || typeof body === 'string') {
      messagesOf(body, out);
    } else if (typeof body === 'object') {
      const b = body as Record<string, unknown>;
      const before = out.length;
      if (Array.isArray(b.pageErrors)) messagesOf(b.pageErrors, out);
      if (b.fieldErrors && typeof b.fieldErrors === 'object') {
        for (const list of Object.values(b.fieldErrors as Record<string, unknown>)) messagesOf(list, out);
      }
      if (Array.isArray(b.output && (b.output as Record<string, unknown>).errors))
        messagesOf((b.output as Record<string, unknown>).errors, out);
      if (typeof b.message === 'string' && b.message.trim()) out.push(b.message.trim());
      if (out.length === before && typeof e.message === 'string') out.push(e.message);
    }
    return;
  }
  if (typeof e.message === 'string') {
    if (e.message.trim()) out.push(e.message.trim());
    return;
  }
  if (typeof e.statusText === 'string') out.push(e.statusText);
}

/** Any Apex / JavaScript error shape -> one sentence a person reads (duplicates dropped). */
export function reduceError(error: unknown): string {
  const out: string[] = [];
  messagesOf(error, out);
  const unique = out.filter((m, i) => out.indexOf(m) === i);
  const message = unique.join(' ') || LABELS.unknownError;
  const hint = permissionHint(message);
  return hint && !message.includes(hint) ? `${message} ${hint}` : message;
}

/** "Ask your Salesforce admin for: Manage Users." when a message names a missing admin right. */
export function permissionHint(message: string): string | null {
  const wanted = PERMISSION_HINTS.filter(([re]) => re.test(message)).map(([, name]) => name);
  if (!wanted.length) {
    if (/INSUFFICIENT_ACCESS|insufficient access|not have (the )?permission/i.test(message))
      return fill(LABELS.permHint, LABELS.permCustom);
    return null;
  }
  return fill(LABELS.permHint, wanted.join(', '));
}

/** The missing permissions getReadiness reports, as one list a person asks their admin for. */
export function missingPermissionText(missing: readonly string[] | null | undefined): string {
  return [...new Set((missing ?? []).map((p) => (CUSTOM_PERMISSION.test(p) ? LABELS.permCustom : p)))].join(
    ', '
  );
}

// ---------------------------------------------------------------- scoring (through the engine)

export interface Assessment {
  report: Report;
  plan: FixPlan;
}

/** Checklist records + raw snapshot -> report and the "fix all safe issues" plan (the engine's assess). */
export function assess(checklist: readonly CheckRecord[], snapshot: unknown): Assessment {
  return engineAssess(checklist, snapshot);
}

export function planFor(report: Report, checkIds?: string[]): FixPlan {
  return buildFixPlan(report, checkIds);
}

/** Users other than the integration user who hold the product's permission set (they gain what it grants). */
// ---------------------------------------------------------------- presentation helpers

// The order of problems is the engine's: every view shows them alike.
export { SEVERITY_ORDER, STATUS_ORDER, compareChecks, isProblem, problemsFirst } from 'c/readinessEngine';
// How a score and a status read (a range while checks are unread), and the field-mapping rule.
export {
  HARD_BOUNCE_DEFAULTS,
  HARD_BOUNCE_TEXT_LENGTH,
  definitionsFromRecords,
  fieldInUse,
  mappingProblem,
  passwordPolicyProblem,
  PASSWORD_POLICY_KEY,
  scoreRangeText,
  statusReasonDetail
} from 'c/readinessEngine';
export type { FieldInUse, MappingCandidate } from 'c/readinessEngine';
// Selection rules of the fix preview and the candidate ranking: the engine's, through the service.
export {
  applyChanges,
  dependencyRefusal,
  loggedChanges,
  planUndo,
  rankCandidates,
  replanWith,
  selectChanges,
  stillFailing,
  tickChange,
  untickChange
} from 'c/readinessEngine';
export type { DependencyRefusal, LeftOut, UndoPlan } from 'c/readinessEngine';
export type { CandidateSources } from 'c/readinessEngine';

export const STATUS_LABELS: Record<CheckStatus, string> = {
  pass: LABELS.stPass,
  warn: LABELS.stWarn,
  fail: LABELS.stFail,
  unknown: LABELS.stUnknown,
  'n/a': LABELS.stNa
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  blocker: LABELS.sevBlocker,
  required: LABELS.sevRequired,
  recommended: LABELS.sevRecommended,
  info: LABELS.sevInfo
};

export const OVERALL_LABELS: Record<OverallStatus, string> = {
  ready: LABELS.statusReady,
  'at-risk': LABELS.statusAtRisk,
  blocked: LABELS.statusBlocked
};

/** SLDS theme for an overall status or check status. */
export function themeOf(status: OverallStatus | CheckStatus): 'success' | 'warning' | 'error' | 'neutral' {
  if (status === 'ready' || status === 'pass') return 'success';
  if (status === 'at-risk' || status === 'warn') return 'warning';
  if (status === 'blocked' || status === 'fail') return 'error';
  return 'neutral';
}

/** The overall status as a person reads it: "Ready" only for a complete verdict. */
export function overallLabel(report: Pick<Report, 'status' | 'completeness'>): string {
  if (report.status === 'ready' && !report.completeness.complete) return LABELS.statusReadyIncomplete;
  return OVERALL_LABELS[report.status];
}

/** The overall theme: never green (success) for an incomplete verdict. */
export function overallTheme(
  report: Pick<Report, 'status' | 'completeness'>
): 'success' | 'warning' | 'error' {
  if (report.status === 'blocked') return 'error';
  if (report.status === 'ready' && report.completeness.complete) return 'success';
  return 'warning';
}

/**
 * What an incomplete verdict lacks, in the UI's labels: how many checks could not be read, the
 * rights that would complete them, the fields waiting for a mapping. Empty for a complete verdict.
 */
export function incompleteLines(
  report: Pick<Report, 'completeness'> & Partial<Pick<Report, 'rootCauses'>>,
  { causesShown = false }: { causesShown?: boolean } = {}
): string[] {
  const c = report.completeness;
  if (c.complete) return [];
  const lines = [c.unknown === 1 ? LABELS.incompleteOne : fill(LABELS.incompleteMany, c.unknown)];
  // Where the root causes are shown and each missing right is one of them, with its action: said once.
  const causes = new Set((report.rootCauses ?? []).map((r) => r.id));
  const rightsAsCauses = causesShown && c.rights.every((r) => causes.has(`right:${r}`));
  if (c.rights.length && !rightsAsCauses) lines.push(fill(LABELS.incompleteRights, c.rights.join(', ')));
  if (c.unmapped)
    lines.push(c.unmapped === 1 ? LABELS.incompleteUnmappedOne : fill(LABELS.incompleteUnmapped, c.unmapped));
  return lines;
}

export type ActionKind = 'fix' | 'map' | 'grant' | 'setup';

export interface CheckAction {
  kind: ActionKind;
  label: string;
  /** For setup and grant: where the link goes. */
  url: string | null;
  /** A sentence beside the action (what the right is, or what the link does). */
  title: string;
}

/**
 * The one action a problem row offers: Fix (automatic changes), Map this field, Grant the right
 * (a check the running user cannot read), or Open in Setup (a manual step). Null when none.
 */
export function actionOf(check: CheckResult, runningUserId?: string | null): CheckAction | null {
  if (!isProblem(check)) return null;
  const fix = check.fix;
  if (fix?.fixable && fix.changes.length)
    return { kind: 'fix', label: LABELS.fix, url: null, title: fill(LABELS.fixCheckAria, check.title) };
  if (fix?.manual?.kind === 'map-field')
    return { kind: 'map', label: LABELS.mapField, url: null, title: fix.manual.summary };
  if (check.status === 'unknown' && check.needs)
    return {
      kind: 'grant',
      label: LABELS.grantRight,
      url: runningUserId ? setupUrl.user(runningUserId) : null,
      title: fill(LABELS.grantRightTitle, check.needs)
    };
  if (fix?.manual?.url)
    return { kind: 'setup', label: LABELS.openSetup, url: fix.manual.url, title: fix.manual.summary };
  return null;
}

const ISO_DATE_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})\b/g;

/** API names the checks' texts use that no field describe labels, in a person's words. */
const API_WORDS: Record<string, string> = {
  'UserLogin.IsFrozen': 'Frozen (UserLogin)',
  'UserLogin.IsPasswordLocked': 'Locked out (UserLogin)',
  MissionCritical: 'Mission Critical',
  LeadScore: 'Lead Score',
  HardBounce: 'Hard Bounce'
};
const API_WORD = new RegExp(`\\b(${Object.keys(API_WORDS).join('|').replace(/\./g, '\\.')})\\b`, 'g');
const OBJECT_FIELD = /\b([A-Z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)\b/g;

/**
 * Evidence as a person reads it: every ISO date-time in the user's locale, like the tables;
 * Object.Field as the field's label when the console knows it ("Social Security Number
 * (Contact)"), and the few API words the checks use (UserLogin.IsFrozen, MissionCritical) in words.
 */
export function formatEvidence(
  text: string | null | undefined,
  fieldLabels?: Record<string, string>
): string {
  let out = (text ?? '').replace(ISO_DATE_TIME, (iso) => formatDateTime(iso));
  if (fieldLabels)
    out = out.replace(OBJECT_FIELD, (whole: string, object: string, field: string) => {
      const label = fieldLabels[`${object}.${field}`.toLowerCase()];
      return label ? `${label} (${object})` : whole;
    });
  return out.replace(API_WORD, (word: string) => API_WORDS[word] ?? word);
}

export interface CheckGroup {
  section: Section;
  label: string;
  checks: CheckResult[];
  problems: number;
}

/** Sections in the engine's order, failing checks first in each; empty sections are left out. */
export function groupChecks(report: Report, onlyProblems = false): CheckGroup[] {
  return SECTIONS.map((section) => {
    const all = report.checks.filter((c) => c.section === section);
    const checks = all.filter((c) => !onlyProblems || isProblem(c));
    // Within a section: problems first, then by severity, then the checklist's order.
    checks.sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    );
    return { section, label: SECTION_LABELS[section], checks, problems: all.filter(isProblem).length };
  }).filter((g) => g.checks.length > 0);
}

export interface CauseView {
  id: string;
  kind: string;
  /** 1-based: rows name the cause by its number ("Explained by root cause 1 above"). */
  number: number;
  label: string;
  action: string;
  checks: CheckResult[];
  /** Whether a Fix of its checks has automatic changes (the cause's one action can be applied). */
  fixable: boolean;
  /** The worst status among the checks it explains: the cause's colour. */
  status: CheckStatus;
}

/** The report's root causes with their checks, in the engine's order (worst first). */
export function causesOf(report: Report): CauseView[] {
  const byId = new Map(report.checks.map((c) => [c.id, c]));
  return (report.rootCauses ?? []).map((cause, i) => {
    const checks = cause.checkIds.map((id) => byId.get(id)).filter((c): c is CheckResult => !!c);
    return {
      id: cause.id,
      kind: cause.kind,
      number: i + 1,
      label: cause.label,
      action: cause.action,
      checks,
      fixable: checks.some((c) => !!c.fix?.fixable && c.fix.changes.length > 0),
      status: checks.length ? [...checks].sort(compareChecks)[0].status : 'unknown'
    };
  });
}

/** The card's short list: the worst problems first (the engine's order). */
export function topProblems(report: Report, count = 3): CheckResult[] {
  return problemsFirst(report).problems.slice(0, count);
}

/** A date-time in the user's locale; with seconds where a time must visibly move (Checked). */
export function formatDateTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' });
}

// ---------------------------------------------------------------- fix changes, in words

export interface ChangeView {
  key: string;
  title: string;
  /** Where the change is made: "In 'Act-On Integration User':", "On the user record:". */
  where: string;
  before: string;
  after: string;
  /** What the user has now from every source (grants), or ''. */
  userNow: string;
  reason: string;
  /** What the change means for the person (sign-in and record-wide changes), or ''. */
  consequence: string;
  notes: string[];
  checks: string;
  touchesOthers: boolean;
  identity: boolean;
  /** The product's set or its assignment: they come with the grants that need them. */
  auxiliary: boolean;
}

/** What describes a change in plain words: field labels and check titles, from the console. */
export interface ChangeContext {
  /** Lower-case Object.Field -> the field's label. */
  fieldLabels?: Record<string, string>;
  /** Check id -> title. */
  checkTitles?: Record<string, string>;
  /** Who the changes are for (Name or Username). */
  userName?: string;
}

function flagsText(flags: Partial<ObjectFlags> | null): string {
  if (!flags) return LABELS.valNone;
  const on = OBJECT_FLAGS.filter((f) => flags[f]).map((f) => OBJECT_FLAG_LABELS[f]);
  return on.length ? on.join(', ') : LABELS.valNone;
}

function fieldText(access: { read: boolean; edit: boolean } | null): string {
  if (!access || !access.read) return LABELS.valNone;
  return access.edit ? LABELS.valReadEdit : LABELS.valRead;
}

/** Where a grant comes from, in the UI's words (grant tables and change titles). */
export const SOURCE_LABELS: Record<string, string> = {
  PermissionSet: LABELS.srcPermissionSet,
  Group: LABELS.srcGroup,
  Profile: LABELS.srcProfile,
  Session: LABELS.srcSession,
  Other: LABELS.srcPermissionSet
};

/** "Email (Contact)" from "Contact.Email", with the field's label when the console knows it. */
export function fieldName(field: string, labels?: Record<string, string>): string {
  const [object, name] = field.split('.');
  return `${labels?.[field.toLowerCase()] ?? name ?? field} (${object})`;
}

export function checkTitles(ids: readonly string[], titles?: Record<string, string>): string {
  return ids.map((id) => titles?.[id] ?? id).join(', ');
}

const ASSIGNMENT_WORDS: Record<string, string> = {
  none: LABELS.valNotAssigned,
  expired: LABELS.valExpired,
  active: LABELS.valAssigned,
  assigned: LABELS.valAssigned
};

/**
 * A change in plain words: what the product's set (or the user record) holds now and after, apart
 * from what the user has now from every source (0.3: before and after describe the user).
 */
export function describeChange(change: Change, context: ChangeContext = {}): ChangeView {
  const who = context.userName ?? LABELS.thisUser;
  const inSet = fill(LABELS.chgInSet, PRODUCT_PERMISSION_SET.label);
  const base = {
    key: change.key,
    reason: change.reason,
    consequence: change.consequence ?? '',
    notes: [] as string[],
    userNow: '',
    where: inSet,
    checks: change.checkIds.length
      ? fill(LABELS.modalForChecks, checkTitles(change.checkIds, context.checkTitles))
      : '',
    touchesOthers: false,
    identity: change.identity === true,
    auxiliary: change.auxiliary === true
  };
  switch (change.kind) {
    case 'ensurePermissionSet':
      return {
        ...base,
        where: '',
        title: fill(LABELS.chgEnsurePs, change.label),
        before: LABELS.valMissing,
        after: LABELS.valCreated
      };
    case 'deletePermissionSet':
      return {
        ...base,
        where: '',
        title: fill(LABELS.chgDeletePs, change.label),
        before: LABELS.valExists,
        after: LABELS.valDeleted
      };
    case 'objectPermission':
      return {
        ...base,
        title: fill(change.part === 'all' ? LABELS.chgObjectAll : LABELS.chgObject, change.object),
        before: flagsText(change.expected),
        after: flagsText(change.value),
        userNow: fill(LABELS.chgUserNow, flagsText(change.userHas)),
        notes: change.dependencies.length
          ? [fill(LABELS.chgDependencies, change.dependencies.map((f) => OBJECT_FLAG_LABELS[f]).join(', '))]
          : []
      };
    case 'fieldPermission':
      return {
        ...base,
        title: fill(LABELS.chgField, fieldName(change.field, context.fieldLabels)),
        before: fieldText(change.expected),
        after: fieldText(change.value),
        userNow: fill(LABELS.chgUserNow, fieldText(change.userHas))
      };
    case 'systemPermission':
      return {
        ...base,
        title: fill(LABELS.chgSystem, permissionLabel(change.permission)),
        before: change.expected ? LABELS.valOn : LABELS.valOff,
        after: change.value ? LABELS.valOn : LABELS.valOff,
        userNow: fill(LABELS.chgUserNow, change.userHas ? LABELS.valOn : LABELS.valOff)
      };
    case 'assignPermissionSet':
      return {
        ...base,
        where: '',
        title: fill(LABELS.chgAssign, PRODUCT_PERMISSION_SET.label, who),
        before: ASSIGNMENT_WORDS[change.expected],
        after: ASSIGNMENT_WORDS[change.value] ?? LABELS.valRemoved
      };
    case 'removeAssignment':
      return {
        ...base,
        where: '',
        title: fill(
          LABELS.chgRemove,
          change.label,
          SOURCE_LABELS[change.sourceType] ?? LABELS.srcPermissionSet,
          who
        ),
        before: ASSIGNMENT_WORDS[change.expected],
        after: change.value === 'none' ? LABELS.valRemoved : LABELS.valAssigned,
        notes: change.alsoRemoves.length ? [fill(LABELS.chgAlsoRemoves, change.alsoRemoves.join('; '))] : [],
        touchesOthers: change.alsoRemoves.length > 0
      };
    case 'userPermission':
      return {
        ...base,
        where: LABELS.chgInUser,
        title: fill(LABELS.chgUserFlag, permissionLabel(change.field)),
        before: change.expected ? LABELS.valOn : LABELS.valOff,
        after: change.value ? LABELS.valOn : LABELS.valOff
      };
    default:
      return { ...base, title: (change as { kind: string }).kind, before: '', after: '' };
  }
}

// ---------------------------------------------------------------- exports

function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: keep it text.
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per check: id, section, severity, status, title, evidence, fix (what to do). */
export function toCsv(report: Report): string {
  const rows = [LABELS.csvHeader];
  for (const c of report.checks) {
    const fix = c.fix ? (c.fix.manual?.summary ?? c.fix.summary) : '';
    rows.push(
      [c.id, SECTION_LABELS[c.section], c.severity, c.status, c.title, c.evidence, fix].map(csvCell).join(',')
    );
  }
  return rows.join('\r\n') + '\r\n';
}

function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]|<>])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/** A short summary to paste in a ticket or chat: score, status, and every problem. */
export function toMarkdown(report: Report): string {
  const who = report.user.Name ? `${report.user.Name} (${report.user.Username})` : report.user.Username;
  const lines = [
    `# ${mdEscape(fill(LABELS.mdTitle, who))}`,
    '',
    mdEscape(
      fill(
        LABELS.mdScore,
        scoreRangeText(report),
        OVERALL_LABELS[report.status],
        formatDateTime(report.capturedAt)
      )
    ),
    '',
    mdEscape(report.statusReason ? `${report.statusReason}. ${report.statusText}` : report.statusText),
    '',
    `## ${LABELS.mdProblems}`,
    ''
  ];
  const problems = report.checks.filter(isProblem).sort(compareChecks);
  if (!problems.length) lines.push(LABELS.mdNoProblems);
  for (const c of problems) {
    lines.push(
      `- **${STATUS_LABELS[c.status]}** \`${c.id}\` (${SEVERITY_LABELS[c.severity]}): ${mdEscape(c.title)}. ${mdEscape(formatEvidence(c.evidence))}`
    );
  }
  return lines.join('\n') + '\n';
}

export function exportFileName(report: Report, extension: string): string {
  const user = (report.user.Username || 'user').replace(/[^A-Za-z0-9._-]+/g, '_');
  const day = (report.capturedAt || '').slice(0, 10);
  return `act-on-readiness_${user}${day ? `_${day}` : ''}.${extension}`;
}

/** A data: URL: works inside Lightning Locker / LWS where Blob URLs may be blocked. */
export function csvDataUrl(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}
