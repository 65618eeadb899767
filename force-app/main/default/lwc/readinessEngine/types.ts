/**
 * Types shared by the engine, the UI, the command line and the tests.
 * The snapshot types mirror the records the Apex reader returns (shared/spec/snapshot.md):
 * Salesforce field API names as keys, relationship fields nested.
 */

export type Severity = 'blocker' | 'required' | 'recommended' | 'info';
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown' | 'n/a';
export type OverallStatus = 'ready' | 'at-risk' | 'blocked';
export type Section = 'identity' | 'authentication' | 'system' | 'object' | 'field' | 'data' | 'connection';
export type RuleKind =
  | 'user-active'
  | 'user-login-flag'
  | 'user-license'
  | 'system-permission'
  | 'permission-absent'
  | 'least-privilege'
  | 'recent-logins'
  | 'login-method'
  | 'api-auth-permission'
  | 'object-access'
  | 'custom-related'
  | 'field-access'
  | 'field-budget'
  | 'sensitive-fields'
  | 'permission-set-assigned'
  | 'oauth-app'
  | 'user-permission'
  | 'password-expiry';

/** One check of the checklist, as the engine reads it (converted from a Readiness_Check__mdt record). */
export interface CheckDefinition {
  id: string;
  severity: Severity;
  section: Section;
  rule: RuleKind;
  title: string;
  requirement: string;
  why: string;
  source: string;
  /** Rule parameter: a Permissions* field, an object, Object.Field, or a comma-separated list. */
  target: string | null;
  /** Rule parameter: object access (Read,Create,...) or field access (read | edit). */
  access: string | null;
  /** Mapped fields: the field used until the admin maps one (null: unknown until mapped). */
  defaultField: string | null;
  mapped: boolean;
  threshold: number | null;
  order: number;
}

/** A Readiness_Check__mdt record as Apex (getAll) or the shipped XML returns it. */
export interface CheckRecord {
  DeveloperName?: string;
  Check_Id__c?: unknown;
  Severity__c?: unknown;
  Section__c?: unknown;
  Rule__c?: unknown;
  Title__c?: unknown;
  Requirement__c?: unknown;
  Why__c?: unknown;
  Source__c?: unknown;
  Target__c?: unknown;
  Access__c?: unknown;
  Default_Field__c?: unknown;
  Mapped__c?: unknown;
  Threshold__c?: unknown;
  Sort_Order__c?: unknown;
  Active__c?: unknown;
  [key: string]: unknown;
}

// ---------------------------------------------------------------- snapshot

export interface SnapshotUser {
  Id: string;
  Username: string;
  Name?: string;
  IsActive: boolean;
  UserType?: string;
  ProfileId: string;
  Profile: { Name: string; UserLicense?: { Name: string } | null };
  LastLoginDate?: string | null;
  /** (0.3) When the password was last set: with the policy, when it expires. */
  LastPasswordChangeDate?: string | null;
  /** (0.3) The Marketing User checkbox of the user record. */
  UserPermissionsMarketingUser?: boolean | null;
  [key: string]: unknown;
}

/**
 * (0.3) The password policy that applies to the user: the profile's over the org's (read by the
 * command line through the Metadata API) or one an admin entered in the console.
 */
export interface PasswordPolicy {
  /** Days a password lasts; null: it never expires. */
  expiresAfterDays: number | null;
  source: 'profile' | 'org' | 'admin';
}

/** (0.3) The org (SELECT Id, CreatedDate, IsSandbox, OrganizationType FROM Organization). */
export interface OrganizationRecord {
  Id?: string;
  CreatedDate: string;
  IsSandbox?: boolean | null;
  OrganizationType?: string | null;
  [key: string]: unknown;
}

/** (0.3) An installed connected app whose name is like the oauth-app check's target. */
export interface ConnectedAppRecord {
  Id: string;
  Name: string;
  OptionsAllowAdminApprovedUsersOnly?: boolean | null;
  [key: string]: unknown;
}

/** (0.3) A connected app granted through one of the user's profile or permission sets. */
export interface SetupEntityAccessRecord {
  ParentId: string;
  SetupEntityId: string;
  SetupEntityType?: string | null;
  [key: string]: unknown;
}

/** (0.3) A login IP range of the user's profile (Metadata API Profile.loginIpRanges; command line only). */
export interface LoginIpRange {
  startAddress: string;
  endAddress: string;
  description?: string | null;
  [key: string]: unknown;
}

export interface AssignmentRecord {
  Id?: string;
  PermissionSetId: string;
  PermissionSetGroupId?: string | null;
  ExpirationDate?: string | null;
  [key: string]: unknown;
}

export interface PermissionSetRecord {
  Id: string;
  Name?: string;
  Label?: string;
  Type?: string | null;
  IsOwnedByProfile?: boolean;
  ProfileId?: string | null;
  PermissionSetGroupId?: string | null;
  AssigneeCount?: number | null;
  LicenseId?: string | null;
  NamespacePrefix?: string | null;
  Profile?: { Name?: string } | null;
  [key: string]: unknown;
}

export interface ObjectPermissionRecord {
  Id?: string;
  ParentId: string;
  SobjectType: string;
  PermissionsRead?: boolean;
  PermissionsCreate?: boolean;
  PermissionsEdit?: boolean;
  PermissionsDelete?: boolean;
  PermissionsViewAllRecords?: boolean;
  PermissionsModifyAllRecords?: boolean;
  [key: string]: unknown;
}

export interface FieldPermissionRecord {
  Id?: string;
  ParentId: string;
  SobjectType: string;
  Field: string;
  PermissionsRead?: boolean;
  PermissionsEdit?: boolean;
  [key: string]: unknown;
}

/** One readable field (FieldPermissions grouped by SobjectType and Field). */
export interface ReadableFieldRecord {
  SobjectType: string;
  Field: string;
  [key: string]: unknown;
}

export interface FieldDescribe {
  object: string;
  name: string;
  label?: string;
  permissionable: boolean;
  custom?: boolean;
  type?: string;
  securityClassification?: string | null;
  complianceGroup?: string | null;
  referenceTo?: string[];
  [key: string]: unknown;
}

export interface LoginHistoryRecord {
  LoginTime: string;
  Status: string;
  LoginType?: string | null;
  Application?: string | null;
  /** Set on SOAP and other API logins (e.g. SOAP Partner); null on UI and OAuth logins. */
  ApiType?: string | null;
  /** The API version of an API login, as Salesforce returns it (e.g. "58.0"). */
  ApiVersion?: string | number | null;
  SourceIp?: string | null;
  [key: string]: unknown;
}

/** UserLogin of the user: frozen by an admin, or locked out after failed logins. */
export interface UserLoginRecord {
  IsFrozen?: boolean | null;
  IsPasswordLocked?: boolean | null;
  [key: string]: unknown;
}

export interface OauthTokenRecord {
  AppName: string;
  UserId?: string | null;
  User?: { Name?: string; Username?: string } | null;
  LastUsedDate?: string | null;
  UseCount?: number | null;
  [key: string]: unknown;
}

/** What the running user could read: false means the checks that need it report unknown. */
export interface AccessFlags {
  loginHistory?: boolean;
  oauthTokens?: boolean;
  fieldClassification?: boolean;
  userLogin?: boolean;
  [key: string]: boolean | undefined;
}

export interface Snapshot {
  schemaVersion: 1;
  capturedAt: string;
  user: SnapshotUser;
  assignments: AssignmentRecord[];
  permissionSets: PermissionSetRecord[];
  objectPermissions: ObjectPermissionRecord[];
  fieldPermissions: FieldPermissionRecord[];
  fields: FieldDescribe[];
  /** UserLogin of the user (0.2); absent or access.userLogin false: the freeze and lockout checks are unknown. */
  userLogin?: UserLoginRecord | null;
  /** The admin who captured the snapshot (0.2): fixes never target them. */
  runningUserId?: string | null;
  loginHistory?: LoginHistoryRecord[];
  oauthTokens?: OauthTokenRecord[];
  /** (0.3) Adds evidence or a fallback only: a failed read is quoted, never unknown. */
  passwordPolicy?: PasswordPolicy | null;
  organization?: OrganizationRecord | null;
  connectedApps?: ConnectedAppRecord[] | null;
  setupEntityAccess?: SetupEntityAccessRecord[] | null;
  loginIpRanges?: LoginIpRange[] | null;
  fieldMapping?: Record<string, string>;
  access?: AccessFlags;
  /**
   * For an access flag that is false: the permission the running user lacks, by its Setup name. Set
   * only when the running user's rights, read from the org, lack it (the read was then not tried, or
   * the org refused it): the checks name it as what would complete them.
   */
  accessMissing?: Record<string, string>;
  /**
   * Why a read failed, as it happened (0.3), per access key: "HTTP 500 UNKNOWN_EXCEPTION",
   * "LoginHistory: the answer was not JSON". The checks that need the read quote it.
   */
  readErrors?: Record<string, string>;
  /**
   * Reads that hit the reader's row cap (0.2), e.g. { loginHistory: true }: what the engine did not
   * see may matter, so the checks that depend on it say unknown instead of guessing.
   */
  truncated?: Record<string, boolean>;
  /**
   * The product's own permission set as the reader looked it up by name (0.2): its id, null when the
   * org has none (a fix creates it), absent when the reader did not look.
   */
  productPermissionSetId?: string | null;
  /**
   * Every field readable through field-level security from the sets that grant now, one row per
   * field however many sets grant it (0.2, a GROUP BY of FieldPermissions). When present,
   * fieldPermissions may hold only the rows of the fields the checks name.
   */
  readableFields?: ReadableFieldRecord[];
  /** Objects whose field classifications were read (0.2): sensitive-fields judges only these. */
  classifiedObjects?: string[];
  [key: string]: unknown;
}

// ---------------------------------------------------------------- report

export type SourceType = 'Profile' | 'PermissionSet' | 'Group' | 'Session' | 'Other';

/** A profile, permission set or group that grants (or, for MFA, imposes) what a check looks at. */
export interface Grant {
  id: string;
  label: string;
  name: string | null;
  type: SourceType;
  /** Users the profile / permission set / group is assigned to, when the org said. */
  assigneeCount: number | null;
  /** Other users affected by a change to it (assigneeCount less this user), when known. */
  otherUsers: number | null;
  /** What it grants among what the check looks at, e.g. ['Read', 'View All']. */
  grants: string[];
  /** The assignment that gives it to the user (null for the profile). */
  assignmentId: string | null;
  permissionSetGroupId: string | null;
}

export type ObjectFlag = 'Read' | 'Create' | 'Edit' | 'Delete' | 'ViewAll' | 'ModifyAll';
export type ObjectFlags = Record<ObjectFlag, boolean>;

/**
 * A change is an operation (operations.md, 0.3): which record, which field, the value the org must
 * hold now (`expected`, compare-and-swap) and the value to write (`value`). Apply and undo are the
 * same thing: undo is the inverse operations, expected and value swapped.
 */
export interface ChangeBase {
  /** Stable key: two fixes that touch the same row produce the same key and are merged. */
  key: string;
  /** The check ids this change serves. */
  checkIds: string[];
  /** Why, in words an admin reads in the preview. */
  reason: string;
  /** Keys of the changes of the same plan this one cannot go without (set by the plan). */
  dependsOn?: string[];
  /** True for a grant that changes how a person signs in (API Only User, Password Never Expires, Use Any API Auth). */
  identity?: boolean;
  /** True for record-wide access (Delete, View All, Modify All): it reaches every record in the user interface too. */
  recordWide?: boolean;
  /** What the change means for the person, shown beside its box (sign-in and record-wide changes). */
  consequence?: string | null;
  /**
   * The product's set itself or its assignment: never applied on its own (an empty set is never
   * created or assigned), only together with a grant that needs it.
   */
  auxiliary?: boolean;
}

export interface EnsurePermissionSetChange extends ChangeBase {
  kind: 'ensurePermissionSet';
  permissionSet: string;
  label: string;
  /** Always null: License None, so Salesforce and Salesforce Integration users can both hold it. */
  license: null;
  expected: 'absent';
  value: 'present';
}

/** The inverse of ensurePermissionSet only: the set is deleted once empty and unassigned. */
export interface DeletePermissionSetChange extends ChangeBase {
  kind: 'deletePermissionSet';
  permissionSet: string;
  label: string;
  expected: 'present';
  value: 'absent';
}

export type ObjectPart = 'access' | 'all';

export interface ObjectPermissionChange extends ChangeBase {
  kind: 'objectPermission';
  permissionSet: string;
  object: string;
  /** access: Read, Create, Edit; all: Delete, View All, Modify All (record-wide). */
  part: ObjectPart;
  /** The product set's flags of this part now, and after. */
  expected: Partial<ObjectFlags>;
  value: Partial<ObjectFlags>;
  /** What the user has on the object now, from every source. */
  userHas: ObjectFlags;
  /** Flags added only because Salesforce requires them (e.g. Delete for Modify All). */
  dependencies: ObjectFlag[];
}

export interface FieldPermissionChange extends ChangeBase {
  kind: 'fieldPermission';
  permissionSet: string;
  object: string;
  /** Object.Field, as FieldPermissions.Field stores it. */
  field: string;
  expected: { read: boolean; edit: boolean };
  value: { read: boolean; edit: boolean };
  userHas: { read: boolean; edit: boolean };
}

export interface SystemPermissionChange extends ChangeBase {
  kind: 'systemPermission';
  permissionSet: string;
  permission: string;
  expected: boolean;
  value: boolean;
  /** Whether the user has it now, from any source. */
  userHas: boolean;
}

export interface AssignPermissionSetChange extends ChangeBase {
  kind: 'assignPermissionSet';
  permissionSet: string;
  userId: string;
  /**
   * none: not assigned; expired: assigned with an expiration date that has passed (the writer
   * clears it: Salesforce rejects a second assignment); active: assigned (undo removes it).
   */
  expected: 'none' | 'expired' | 'active';
  value: 'active' | 'none';
  /** The assignment to renew (expired) or to remove (undo), when known. */
  assignmentId: string | null;
}

export interface RemoveAssignmentChange extends ChangeBase {
  kind: 'removeAssignment';
  userId: string;
  assignmentId: string | null;
  permissionSetId: string;
  permissionSetGroupId: string | null;
  label: string;
  sourceType: SourceType;
  /** Everything else the removed permission set or group gave the user. */
  alsoRemoves: string[];
  /** assigned -> none removes it; undo gives it back (none -> assigned). */
  expected: 'assigned' | 'none';
  value: 'none' | 'assigned';
}

/** A permission of the user record itself: only the Marketing User checkbox. */
export interface UserPermissionChange extends ChangeBase {
  kind: 'userPermission';
  userId: string;
  field: 'UserPermissionsMarketingUser';
  expected: boolean;
  value: boolean;
}

export type Change =
  | EnsurePermissionSetChange
  | DeletePermissionSetChange
  | ObjectPermissionChange
  | FieldPermissionChange
  | SystemPermissionChange
  | AssignPermissionSetChange
  | RemoveAssignmentChange
  | UserPermissionChange;

export type ChangeKind = Change['kind'];

/** What an admin must do by hand when no safe automatic change exists. */
export interface ManualStep {
  kind: 'setup' | 'map-field' | 'instructions';
  summary: string;
  steps: string[];
  /** Relative Lightning URL of the Setup page to open, when there is one. */
  url: string | null;
  /** For kind map-field: the logical field to map, e.g. Contact.LeadScore. */
  mappingKey?: string;
}

export interface CheckFix {
  /** True when the changes alone make the check pass. */
  fixable: boolean;
  summary: string;
  changes: Change[];
  manual: ManualStep | null;
  /** Set when an automatic change exists but is refused (it would break another check). */
  refused: string | null;
  warnings: string[];
}

export interface CheckResult {
  id: string;
  severity: Severity;
  section: Section;
  title: string;
  requirement: string;
  why: string;
  source: string;
  status: CheckStatus;
  /** One or two sentences a person understands. */
  evidence: string;
  /** Further lines of evidence (one per field, source, login...). */
  details: string[];
  /** (0.3) A few words the card shows beside the title, where a date matters: "expires 5 Dec 2026 (in 12 days)". */
  headline?: string;
  grantedBy: Grant[];
  fix: CheckFix | null;
  /** For an unknown check: the right the running user lacks to read what it needs (null otherwise). */
  needs: string | null;
  /** The root cause that explains this problem (its id in report.rootCauses), or null. */
  causedBy: string | null;
}

export interface ReportSummary {
  pass: number;
  warn: number;
  fail: number;
  unknown: number;
  'n/a': number;
  points: number;
  possible: number;
}

/** Whether every check could be read, and what would complete the verdict. */
export interface Completeness {
  complete: boolean;
  /** How many checks are unknown (summary.unknown). */
  unknown: number;
  /** The unknown checks, blockers and required first. */
  checkIds: string[];
  /** Rights the running user lacks that would complete them, by their Setup names. */
  rights: string[];
  /** Unknown checks that wait for a field mapping rather than a right. */
  unmapped: number;
  /** One sentence for a person (empty when complete). */
  text: string;
}

/** What one "Fix all" click applies by default (0.2). */
export interface FixAll {
  checkIds: string[];
  changes: Change[];
  /** Changes offered one by one but left out of the default selection, with the reason. */
  held: { key: string; reason: string }[];
  /** Set when no change may be applied to this user at all (e.g. the running user), with the reason. */
  refused: string | null;
  /** Why identity-changing grants are not in the default selection for this user (null: they are). */
  identityHeld: string | null;
  /** Why grants to the product's set are not in the default selection: others hold it (null: none). */
  sharedProduct?: string | null;
}

/**
 * One source that explains several problems (0.3): an expired assignment, a set granting MFA for API
 * logins, the product's set not held, the profile, a right the running user lacks. Shown once,
 * above the checks it explains, with its one action.
 */
export interface RootCause {
  /** Stable for the same source: "assignment:0Pa...", "profile:00e...", "product-set", "right:Manage Users". */
  id: string;
  kind:
    'expired-assignment' | 'mfa-set' | 'missing-product-set' | 'profile' | 'missing-right' | 'read-failed';
  label: string;
  /** The problems it explains, worst first. */
  checkIds: string[];
  /** The one thing to do, in words that suit the console and the command line alike. */
  action: string;
}

export interface Report {
  /** 2 (0.3): scoreRange, rootCauses and statusReason; info checks never fail. */
  schemaVersion: 2;
  /** What is proven: scoreRange.min. */
  score: number;
  /** Every unknown scored check counted as fail (min) and as pass (max); equal when nothing is unknown. */
  scoreRange: { min: number; max: number };
  status: OverallStatus;
  /** The status with its reason, e.g. "At risk: Login method warns", "At risk: 6 checks could not be read". */
  statusReason: string;
  /** One sentence saying what the status means. */
  statusText: string;
  rootCauses: RootCause[];
  capturedAt: string;
  user: { Id: string; Username: string; Name: string | null; Profile: string | null; License: string | null };
  summary: ReportSummary;
  completeness: Completeness;
  checks: CheckResult[];
  /** Steps the product cannot decide from data: shown, never scored. */
  manualChecks: ManualStep[];
  fixAll: FixAll;
}

export interface FixPlan {
  userId: string;
  /** The checks the plan's changes are for: those its selection leaves uncovered will still fail. */
  targets: string[];
  permissionSet: { name: string; label: string };
  /** Checks whose every change is in the default selection. */
  checkIds: string[];
  /** Every change offered, each with dependsOn; ensure and assign first. */
  changes: Change[];
  /** Keys of the changes ticked by default. */
  selected: string[];
  /** Changes offered but not ticked by default, with the reason (identity-changing grants for people). */
  held: { key: string; reason: string }[];
  /** Set when no change may be applied to this user at all, with the reason. */
  refused: string | null;
  /** Checks asked for that have no safe automatic change, with the reason. */
  skipped: { checkId: string; reason: string }[];
  warnings: string[];
}
