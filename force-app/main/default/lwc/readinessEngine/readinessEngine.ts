/**
 * Act-On readiness engine: snapshot -> report -> fix plan. Pure TypeScript with no lwc imports,
 * so the console, the card, Jest, the command line and the local preview all run the same rules.
 */
import { definitionsFromRecords } from './checklist';
import { evaluateWithPlan } from './engine';
import { validateSnapshot } from './snapshot';
import type { CheckRecord, FixPlan, Report } from './types';

export { ChecklistError, SECTION_LABELS, SECTIONS, SEVERITIES, definitionsFromRecords } from './checklist';
export { SnapshotError, validateSnapshot } from './snapshot';
export {
  BLOCKER_CAP,
  MANUAL_CHECKS,
  READY_THRESHOLD,
  SEVERITY_POINTS,
  STATUS_TEXT,
  buildFixPlan,
  completenessOf,
  evaluate,
  evaluateWithPlan,
  fixPolicyOf,
  scoreOf
} from './engine';
export { OBJECT_FLAGS, OBJECT_FLAG_LABELS, PRODUCT_PERMISSION_SET, isProductPermissionSet } from './access';
export { OBJECT_PARTS, WRITE_ORDER } from './fixes';
export { PREREQUISITES, prerequisitesOf, withPrerequisites } from './prerequisites';
export type { Prerequisite } from './prerequisites';
export {
  dependentKeys,
  requiredKeys,
  selectChanges,
  stillFailing,
  tickChange,
  unitsGranted,
  untickChange
} from './plan';
export type { FixPolicy } from './plan';
export { OAUTH_LOGIN_TYPES, isApiLogin, loginKind, personReason } from './logins';
export type { LoginKind } from './logins';
export {
  HIGH_RISK_PERMISSIONS,
  IDENTITY_PERMISSIONS,
  dayText,
  permissionLabel,
  setupUrl
} from './vocabulary';
export { applyChanges } from './simulate';
export {
  currentValue,
  fromOperation,
  holdsExpected,
  inverseOf,
  loggedChanges,
  planUndo,
  staleChanges,
  toOperation
} from './operations';
export type { LeftOut, Operation, UndoPlan } from './operations';
export { dependencyRefusal, replanWith, unitOfName, unitText } from './refusal';
export type { DependencyRefusal } from './refusal';
export {
  ACCESS_RIGHTS,
  ACTON_NAME_PATTERNS,
  ADMIN_RIGHTS,
  CANDIDATE_READS,
  INTEGRATION_NAME_PATTERNS,
  LOGIN_HISTORY_RIGHT,
  METADATA_READS,
  OWN_SET_LABEL_PATTERN,
  PERMISSION_SET_FIELDS,
  READ_LIMITS,
  SNAPSHOT_READS,
  likeMatches,
  limitOf,
  mappedField,
  mayRead,
  readInputs
} from './reads';
export type { ReadDeclaration, ReadInputs, ReadLimit, ReadOwner } from './reads';
export { CANDIDATE_WEIGHTS, rankCandidates } from './candidates';
export {
  DEFAULT_PASSWORD_DAYS,
  expirationDaysOf,
  loginIpRangesOf,
  passwordDaysOf,
  passwordExpiry,
  passwordPolicyOf,
  passwordPolicyProblem,
  PASSWORD_POLICY_KEY
} from './orgRules';
export type { PasswordExpiry } from './orgRules';
export type { Candidate, CandidateSources, CandidateUser } from './candidates';
export { ComparisonError, REPORT_VERSION, asComparableReport, compareReports } from './compare';
export { SEVERITY_ORDER, STATUS_NAMES, STATUS_ORDER, compareChecks, isProblem, problemsFirst } from './order';
export type { CheckChange, ComparableReport, Comparison } from './compare';
export type {
  Severity,
  CheckStatus,
  OverallStatus,
  Section,
  RuleKind,
  CheckDefinition,
  CheckRecord,
  SnapshotUser,
  AssignmentRecord,
  PermissionSetRecord,
  ObjectPermissionRecord,
  FieldPermissionRecord,
  FieldDescribe,
  LoginHistoryRecord,
  UserLoginRecord,
  OauthTokenRecord,
  PasswordPolicy,
  OrganizationRecord,
  ConnectedAppRecord,
  SetupEntityAccessRecord,
  LoginIpRange,
  AccessFlags,
  Snapshot,
  SourceType,
  Grant,
  ObjectFlag,
  ObjectFlags,
  ChangeBase,
  EnsurePermissionSetChange,
  ObjectPermissionChange,
  FieldPermissionChange,
  SystemPermissionChange,
  AssignPermissionSetChange,
  RemoveAssignmentChange,
  DeletePermissionSetChange,
  UserPermissionChange,
  ObjectPart,
  Change,
  ChangeKind,
  ManualStep,
  CheckFix,
  CheckResult,
  ReportSummary,
  Completeness,
  FixAll,
  Report,
  RootCause,
  FixPlan
} from './types';

/** One call for the common case: checklist records + raw snapshot -> report and the "fix all safe issues" plan. */
export function assess(
  records: readonly CheckRecord[],
  snapshot: unknown
): { report: Report; plan: FixPlan } {
  return evaluateWithPlan(definitionsFromRecords(records), validateSnapshot(snapshot));
}
export {
  HARD_BOUNCE_DEFAULTS,
  HARD_BOUNCE_TEXT_LENGTH,
  MAPPED_LOGICAL_FIELDS,
  fieldInUse,
  mappingProblem,
  scoreRangeText,
  statusReasonDetail
} from './presentation';
export type { FieldInUse, MappedLogicalField, MappingCandidate } from './presentation';
