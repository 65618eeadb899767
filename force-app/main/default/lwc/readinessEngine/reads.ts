/**
 * What the engine needs read from an org, declared once: each query's object, the fields it
 * selects, the fields it filters on, its order and its cap. Two readers implement it, the Apex
 * reader in the org (ReadinessSnapshotReader, ReadinessUserFinder) and the command line's REST
 * reader (scripts/lib/org-reader.cjs); test/node/read-contract.test.ts checks both against this
 * declaration so they cannot drift, and soql-contract.test.ts checks that every field the engine
 * reads from a snapshot is selected here.
 *
 * Also here: what the reads take from the checklist (which objects, fields, permissions and app
 * names), so that both readers ask for the same things.
 */
import { ACTIVITY_OBJECTS } from './access';
import { HIGH_RISK_PERMISSIONS } from './vocabulary';
import type { CheckDefinition } from './types';

/** Caps of the reads. The Apex classes hold the same numbers as constants (checked by the contract test). */
export const READ_LIMITS = Object.freeze({
  /** Assignments of the user and the running user together. */
  ASSIGNMENT_LIMIT: 1000,
  /** Object and field permission rows of the user's sets. */
  ROW_CAP: 3000,
  /** One row per readable field (an aggregate query returns at most 2,000 rows). */
  AGGREGATE_CAP: 2000,
  /** The plain query that replaces the aggregate where an org refuses to group. */
  READABLE_FALLBACK_CAP: 5000,
  /** Newest logins read. */
  LOGIN_HISTORY_LIMIT: 50,
  OAUTH_TOKEN_LIMIT: 200,
  /** Installed connected apps named like Act-On. */
  CONNECTED_APP_LIMIT: 20,
  /** Connected-app grants of the user's profile and sets, for those apps. */
  APP_ACCESS_LIMIT: 200,
  /** Described fields sent, the checks' own fields first. */
  FIELD_CAP: 2500,
  /** Custom objects related to Lead or Contact looked at. */
  RELATED_LIMIT: 50,
  /** Rows per candidate source of the user finder. */
  SOURCE_LIMIT: 200,
  /** Logins scanned for candidates (30 days). */
  LOGIN_SCAN_LIMIT: 2000,
  /** Users read for the candidates found (every source together). */
  CANDIDATE_USER_LIMIT: 3000,
  /** Candidates ranked and shown. */
  MAX_CANDIDATES: 50
});

export type ReadLimit = keyof typeof READ_LIMITS;

/** Who runs a read: an Apex class with a SOQL query, or the command line only. */
export type ReadOwner = 'ReadinessSnapshotReader' | 'ReadinessUserFinder' | 'cli';

/**
 * The Apex entry points whose reads the README's read budget adds up (scripts/read-budget.cjs,
 * npm run docs:budget): each read and describe below names the ones that run it.
 */
export const ENTRY_POINTS = Object.freeze({
  readiness: { method: 'ReadinessController.getReadiness(userId)', when: 'a user given or saved' },
  readinessNoUser: { method: 'ReadinessController.getReadiness(userId)', when: 'no user given or saved' },
  candidates: { method: 'ReadinessController.findIntegrationUsers()', when: 'the raw candidates' },
  afterFix: {
    method: 'ReadinessController.applyFix(userId, requestJson)',
    when: "a fix or an undo: the reader's share (OauthToken before the write, the snapshot after it); the guard's own reads are ReadinessWriter's"
  }
});

export type EntryPoint = keyof typeof ENTRY_POINTS;

const SNAPSHOT: readonly EntryPoint[] = ['readiness', 'afterFix'];
const RIGHTS: readonly EntryPoint[] = ['readiness', 'readinessNoUser', 'candidates', 'afterFix'];
const CANDIDATES: readonly EntryPoint[] = ['candidates'];

export interface ReadDeclaration {
  /** Stable name of the read. */
  name: string;
  /** The Apex class whose query implements it ('cli': the org side needs no query). */
  owner: ReadOwner;
  object: string;
  /** Fields selected, in any order; an aggregate as COUNT(Id). */
  fields: readonly string[];
  /**
   * Also selects the Boolean Permissions* fields of readInputs().permissionFields and the admin
   * rights (ADMIN_RIGHTS), those the org has (describe): never named statically.
   */
  withPermissionFields?: boolean;
  /** Fields the WHERE clause filters on. */
  filters: readonly string[];
  groupBy?: readonly string[];
  orderBy?: string;
  /** The cap (LIMIT) by name, or null when the query takes none (its rows are bounded otherwise). */
  limit: ReadLimit | 'one' | null;
  /** At the cap, the snapshot's truncated[key] is set. */
  truncates?: string;
  /** A read the running user may lack the right for: the access flag it sets false. */
  accessFlag?: string;
  /** Why the read exists, for people. */
  purpose: string;
  /** The Apex entry points that run it (the read budget); none for the command line's own reads. */
  entryPoints?: readonly EntryPoint[];
  /** Runs only when the named read fails: one query more in the worst case, its rows instead of the other's. */
  fallbackFor?: string;
  /** For a read with no LIMIT: what bounds its rows, a cap plus a constant where one does. */
  bound?: { limit?: ReadLimit; plus?: number; text: string };
  /**
   * Estimated heap of one row as the reader keeps it, in bytes: about the JSON length of the
   * largest such row (a test checks it is at least that of every row in fixtures/snapshots); 0 for
   * rows the reader does not keep. An estimate, not measured in an org.
   */
  rowBytes?: number;
}

/**
 * Describe calls of the Apex readers, each at most once per transaction (ReadinessDescribe caches
 * them): what is described, how many at most (a number, a cap, or a count of readInputs()), and
 * which entry points make them. For the read budget.
 */
export interface DescribeDeclaration {
  name: string;
  kind: 'global' | 'object' | 'field';
  what: string;
  /** 'objects': the checked objects and custom-related parents; 'permissions': the Permissions* fields read. */
  count: number | ReadLimit | 'objects' | 'permissions';
  entryPoints: readonly EntryPoint[];
  /** Estimated heap of one row sent to the engine (as ReadDeclaration.rowBytes); none when nothing is kept. */
  rowBytes?: number;
}

export const DESCRIBES: readonly DescribeDeclaration[] = Object.freeze([
  {
    name: 'global',
    kind: 'global',
    what: 'Schema.getGlobalDescribe(), to find the checked objects by name',
    count: 1,
    entryPoints: SNAPSHOT
  },
  {
    name: 'objects',
    kind: 'object',
    what: 'each checked object and custom-related parent (deferred: its fields only when asked)',
    count: 'objects',
    entryPoints: SNAPSHOT
  },
  {
    name: 'permissionSet',
    kind: 'object',
    what: 'PermissionSet, for its Permissions* fields',
    count: 1,
    entryPoints: RIGHTS
  },
  {
    name: 'permissionFields',
    kind: 'field',
    what: 'each Permissions* field read (the checklist, the high-risk list and the admin rights), by name',
    count: 'permissions',
    entryPoints: RIGHTS
  },
  {
    name: 'apiOnlyField',
    kind: 'field',
    what: 'PermissionsApiUserOnly, by name (none when the rights already described it)',
    count: 1,
    entryPoints: CANDIDATES
  },
  {
    name: 'fields',
    kind: 'field',
    what: "the checked objects' fields sent, the checks' own first; the others only counted",
    count: 'FIELD_CAP',
    entryPoints: SNAPSHOT,
    rowBytes: 250
  },
  {
    name: 'relatedFields',
    kind: 'field',
    what: 'the lookup field of each custom object related to Lead or Contact',
    count: 'RELATED_LIMIT',
    entryPoints: SNAPSHOT,
    rowBytes: 250
  }
] as DescribeDeclaration[]);

/** The running user's rights the reads depend on, with their Setup names (as the Apex reader holds them). */
export const ADMIN_RIGHTS: Readonly<Record<string, string>> = Object.freeze({
  PermissionsViewSetup: 'View Setup and Configuration',
  PermissionsManageProfilesPermissionsets: 'Manage Profiles and Permission Sets',
  PermissionsAssignPermissionSets: 'Assign Permission Sets',
  PermissionsManageUsers: 'Manage Users',
  PermissionsMonitorLoginHistory: 'Monitor Login History',
  PermissionsCustomizeApplication: 'Customize Application'
});

/** What reading login history needs (either right). */
export const LOGIN_HISTORY_RIGHT = 'Manage Users or Monitor Login History';

/**
 * The right each read the running user may lack needs (by access flag): any one of `anyOf` (their
 * PermissionSet fields), named in Setup's words as `label`. The Apex reader's RunningUserRights
 * holds the same rule; `anyOf` empty: the read is simply tried.
 */
export const ACCESS_RIGHTS: Readonly<Record<string, { anyOf: readonly string[]; label: string }>> =
  Object.freeze({
    userLogin: { anyOf: ['PermissionsManageUsers'], label: ADMIN_RIGHTS.PermissionsManageUsers },
    loginHistory: {
      anyOf: ['PermissionsManageUsers', 'PermissionsMonitorLoginHistory'],
      label: LOGIN_HISTORY_RIGHT
    },
    oauthTokens: {
      anyOf: ['PermissionsCustomizeApplication'],
      label: ADMIN_RIGHTS.PermissionsCustomizeApplication
    },
    fieldClassification: { anyOf: [], label: ADMIN_RIGHTS.PermissionsViewSetup },
    connectedApps: { anyOf: [], label: ADMIN_RIGHTS.PermissionsViewSetup },
    setupEntityAccess: { anyOf: [], label: ADMIN_RIGHTS.PermissionsViewSetup }
  });

/**
 * The command line's own reads through the Metadata API (0.3): the password policy (the profile's
 * ProfilePasswordPolicy over the org's SecuritySettings) and the profile's login IP ranges. They
 * only add evidence or a fallback; tried with whatever rights the user has, the cause quoted when
 * refused.
 */
export const METADATA_READS: Readonly<Record<string, { types: readonly string[]; right: string }>> =
  Object.freeze({
    passwordPolicy: {
      types: ['ProfilePasswordPolicy', 'SecuritySettings'],
      right: 'Modify Metadata Through Metadata API Functions (or Modify All Data)'
    },
    loginIpRanges: {
      types: ['Profile'],
      right: 'Modify Metadata Through Metadata API Functions (or Modify All Data)'
    }
  });

/** Whether rights (the running user's PermissionSet fields that are true) allow the read behind an access flag. */
export function mayRead(flag: string, rights: ReadonlySet<string>): boolean {
  const needed = ACCESS_RIGHTS[flag]?.anyOf ?? [];
  return needed.length === 0 || needed.some((r) => rights.has(r));
}

/** PermissionSet fields read besides the Permissions* fields. */
export const PERMISSION_SET_FIELDS: readonly string[] = Object.freeze([
  'Id',
  'Name',
  'Label',
  'Type',
  'IsOwnedByProfile',
  'ProfileId',
  'Profile.Name',
  'PermissionSetGroupId',
  'LicenseId',
  'NamespacePrefix'
]);

export const SNAPSHOT_READS: readonly ReadDeclaration[] = Object.freeze([
  {
    name: 'user',
    owner: 'ReadinessSnapshotReader',
    object: 'User',
    fields: [
      'Id',
      'Username',
      'Name',
      'IsActive',
      'UserType',
      'ProfileId',
      'Profile.Name',
      'Profile.UserLicense.Name',
      'LastLoginDate',
      'LastPasswordChangeDate',
      'UserPermissionsMarketingUser'
    ],
    filters: ['Id'],
    limit: 'one',
    purpose: 'the user scored',
    entryPoints: SNAPSHOT,
    rowBytes: 500
  },
  {
    name: 'assignments',
    owner: 'ReadinessSnapshotReader',
    object: 'PermissionSetAssignment',
    fields: ['Id', 'AssigneeId', 'PermissionSetId', 'PermissionSetGroupId', 'ExpirationDate'],
    filters: ['AssigneeId'],
    limit: 'ASSIGNMENT_LIMIT',
    truncates: 'assignments',
    purpose:
      "the user's and the running user's assignments (the profile's set and each group's are assignments too)",
    entryPoints: RIGHTS,
    rowBytes: 200
  },
  {
    name: 'permissionSets',
    owner: 'ReadinessSnapshotReader',
    object: 'PermissionSet',
    fields: PERMISSION_SET_FIELDS,
    withPermissionFields: true,
    filters: ['Id', 'Name', 'NamespacePrefix'],
    limit: null,
    purpose: "the assigned sets, plus the product's own set by name",
    entryPoints: RIGHTS,
    bound: { limit: 'ASSIGNMENT_LIMIT', plus: 1, text: 'one per assignment read, plus the product set' },
    rowBytes: 2000
  },
  {
    name: 'assigneeCounts',
    owner: 'ReadinessSnapshotReader',
    object: 'PermissionSetAssignment',
    fields: ['PermissionSetId', 'COUNT(Id)'],
    filters: ['PermissionSetId'],
    groupBy: ['PermissionSetId'],
    limit: null,
    purpose: 'how many users hold each set ("who else is affected")',
    entryPoints: SNAPSHOT,
    bound: {
      limit: 'ASSIGNMENT_LIMIT',
      plus: 1,
      text: 'one per set read (COUNT with GROUP BY consumes one query row per group)'
    },
    rowBytes: 60
  },
  {
    name: 'objectPermissions',
    owner: 'ReadinessSnapshotReader',
    object: 'ObjectPermissions',
    fields: [
      'ParentId',
      'SobjectType',
      'PermissionsRead',
      'PermissionsCreate',
      'PermissionsEdit',
      'PermissionsDelete',
      'PermissionsViewAllRecords',
      'PermissionsModifyAllRecords'
    ],
    filters: ['ParentId', 'SobjectType'],
    limit: 'ROW_CAP',
    truncates: 'objectPermissions',
    purpose: 'object access of the sets on the checked objects',
    entryPoints: SNAPSHOT,
    rowBytes: 320
  },
  {
    name: 'fieldPermissions',
    owner: 'ReadinessSnapshotReader',
    object: 'FieldPermissions',
    fields: ['ParentId', 'SobjectType', 'Field', 'PermissionsRead', 'PermissionsEdit'],
    filters: ['ParentId', 'Field'],
    limit: 'ROW_CAP',
    truncates: 'fieldPermissions',
    purpose: 'field access of the sets on the fields the checks name (who grants what)',
    entryPoints: SNAPSHOT,
    rowBytes: 240
  },
  {
    name: 'readableFields',
    owner: 'ReadinessSnapshotReader',
    object: 'FieldPermissions',
    fields: ['SobjectType', 'Field', 'COUNT(Id)'],
    filters: ['ParentId', 'SobjectType', 'PermissionsRead'],
    groupBy: ['SobjectType', 'Field'],
    limit: 'AGGREGATE_CAP',
    truncates: 'readableFields',
    purpose: 'every field readable through field-level security, one row per field',
    entryPoints: SNAPSHOT,
    rowBytes: 80
  },
  {
    name: 'readableFieldsPlain',
    owner: 'ReadinessSnapshotReader',
    object: 'FieldPermissions',
    fields: ['SobjectType', 'Field'],
    filters: ['ParentId', 'SobjectType', 'PermissionsRead'],
    limit: 'READABLE_FALLBACK_CAP',
    truncates: 'readableFields',
    purpose: 'the same where an org refuses to group FieldPermissions',
    entryPoints: SNAPSHOT,
    fallbackFor: 'readableFields',
    rowBytes: 80
  },
  {
    name: 'fieldDefinitions',
    owner: 'ReadinessSnapshotReader',
    object: 'FieldDefinition',
    fields: [
      'QualifiedApiName',
      'EntityDefinition.QualifiedApiName',
      'SecurityClassification',
      'ComplianceGroup'
    ],
    filters: ['EntityDefinition.QualifiedApiName'],
    limit: null,
    accessFlag: 'fieldClassification',
    purpose: 'data classification of the checked objects (FieldDefinition refuses a LIMIT)',
    entryPoints: SNAPSHOT,
    bound: { text: 'the fields of the checked objects' },
    rowBytes: 0
  },
  {
    name: 'userLogin',
    owner: 'ReadinessSnapshotReader',
    object: 'UserLogin',
    fields: ['IsFrozen', 'IsPasswordLocked'],
    filters: ['UserId'],
    limit: 'one',
    accessFlag: 'userLogin',
    purpose: 'frozen or locked out',
    entryPoints: SNAPSHOT,
    rowBytes: 80
  },
  {
    name: 'loginHistory',
    owner: 'ReadinessSnapshotReader',
    object: 'LoginHistory',
    fields: ['LoginTime', 'Status', 'LoginType', 'Application', 'ApiType', 'ApiVersion', 'SourceIp'],
    filters: ['UserId'],
    orderBy: 'LoginTime DESC',
    limit: 'LOGIN_HISTORY_LIMIT',
    truncates: 'loginHistory',
    accessFlag: 'loginHistory',
    purpose: "the user's newest logins",
    entryPoints: SNAPSHOT,
    rowBytes: 240
  },
  {
    name: 'oauthTokens',
    owner: 'ReadinessSnapshotReader',
    object: 'OauthToken',
    fields: ['AppName', 'UserId', 'User.Name', 'User.Username', 'LastUsedDate', 'UseCount'],
    filters: ['AppName'],
    orderBy: 'LastUsedDate DESC',
    limit: 'OAUTH_TOKEN_LIMIT',
    accessFlag: 'oauthTokens',
    purpose: 'OAuth tokens of apps named like Act-On',
    entryPoints: SNAPSHOT,
    rowBytes: 240
  },
  {
    name: 'organization',
    owner: 'ReadinessSnapshotReader',
    object: 'Organization',
    fields: ['Id', 'CreatedDate', 'IsSandbox', 'OrganizationType'],
    filters: [],
    limit: 'one',
    accessFlag: 'organization',
    purpose: "when the org was created: which of Salesforce's sign-in defaults apply to it (evidence only)",
    entryPoints: SNAPSHOT,
    rowBytes: 160
  },
  {
    name: 'connectedApps',
    owner: 'ReadinessSnapshotReader',
    object: 'ConnectedApplication',
    fields: ['Id', 'Name', 'OptionsAllowAdminApprovedUsersOnly'],
    filters: ['Name'],
    orderBy: 'Name',
    limit: 'CONNECTED_APP_LIMIT',
    accessFlag: 'connectedApps',
    purpose: 'whether the Act-On app is installed, and for admin-approved users only (evidence only)',
    entryPoints: SNAPSHOT,
    rowBytes: 160
  },
  {
    name: 'setupEntityAccess',
    owner: 'ReadinessSnapshotReader',
    object: 'SetupEntityAccess',
    fields: ['ParentId', 'SetupEntityId', 'SetupEntityType'],
    filters: ['ParentId', 'SetupEntityId'],
    limit: 'APP_ACCESS_LIMIT',
    accessFlag: 'setupEntityAccess',
    purpose:
      "whether the user's profile or a set approves an installed admin-approved Act-On app (evidence only; only when there is such an app)",
    entryPoints: SNAPSHOT,
    rowBytes: 140
  },
  {
    name: 'fieldMapping',
    owner: 'cli',
    object: 'Readiness_Field_Mapping__c',
    fields: ['Name', 'Field_Api_Name__c'],
    filters: [],
    limit: null,
    purpose:
      "the admin's field mapping where the package is installed (Apex reads the custom setting with getAll)"
  },
  {
    name: 'userByUsername',
    owner: 'cli',
    object: 'User',
    fields: ['Id', 'Username', 'Name'],
    filters: ['Username'],
    limit: 'one',
    purpose: 'the user the command line is logged in as (Apex has UserInfo), and --user given as a username'
  }
] as ReadDeclaration[]);

/** The user finder's raw reads: every source of candidates, then the candidates' user records. */
export const CANDIDATE_READS: readonly ReadDeclaration[] = Object.freeze([
  {
    name: 'candidateApiOnly',
    owner: 'ReadinessUserFinder',
    object: 'PermissionSetAssignment',
    fields: ['AssigneeId'],
    filters: ['PermissionSet.PermissionsApiUserOnly'],
    limit: 'SOURCE_LIMIT',
    purpose: 'users holding API Only User (the field is read through describe)',
    entryPoints: CANDIDATES,
    rowBytes: 60
  },
  {
    name: 'candidatePermissionSets',
    owner: 'ReadinessUserFinder',
    object: 'PermissionSetAssignment',
    fields: ['AssigneeId', 'PermissionSet.Name', 'PermissionSet.Label'],
    filters: ['PermissionSet.Name', 'PermissionSet.Label'],
    limit: 'SOURCE_LIMIT',
    purpose: "users holding the product's set or a set labelled like Act-On",
    entryPoints: CANDIDATES,
    rowBytes: 160
  },
  {
    name: 'candidateNames',
    owner: 'ReadinessUserFinder',
    object: 'User',
    fields: ['Id', 'Name', 'Username'],
    filters: ['Name', 'Username'],
    orderBy: 'LastLoginDate DESC NULLS LAST',
    limit: 'SOURCE_LIMIT',
    purpose: 'users named like Act-On or integration',
    entryPoints: CANDIDATES,
    rowBytes: 140
  },
  {
    name: 'candidateOauth',
    owner: 'ReadinessUserFinder',
    object: 'OauthToken',
    fields: ['UserId', 'AppName'],
    filters: ['AppName'],
    orderBy: 'LastUsedDate DESC NULLS LAST',
    limit: 'SOURCE_LIMIT',
    accessFlag: 'oauthTokens',
    purpose: 'users holding an OAuth token of an app named like Act-On',
    entryPoints: CANDIDATES,
    rowBytes: 120
  },
  {
    name: 'candidateLogins',
    owner: 'ReadinessUserFinder',
    object: 'LoginHistory',
    fields: ['UserId', 'Status'],
    filters: ['LoginTime', 'LoginType'],
    orderBy: 'LoginTime DESC',
    limit: 'LOGIN_SCAN_LIMIT',
    accessFlag: 'loginHistory',
    purpose: 'non-interactive logins of the last 30 days',
    entryPoints: CANDIDATES,
    rowBytes: 80
  },
  {
    name: 'candidateUsers',
    owner: 'ReadinessUserFinder',
    object: 'User',
    fields: [
      'Id',
      'Name',
      'Username',
      'IsActive',
      'LastLoginDate',
      'Profile.Name',
      'Profile.UserLicense.Name'
    ],
    filters: ['Id'],
    limit: 'CANDIDATE_USER_LIMIT',
    purpose: 'the user records of every candidate found',
    entryPoints: CANDIDATES,
    rowBytes: 320
  }
] as ReadDeclaration[]);

/**
 * Name patterns of the finder (SOQL LIKE, case-insensitive). No '_': in LIKE it matches any one
 * character, so '%act_on%' would find "Transaction".
 */
export const ACTON_NAME_PATTERNS: readonly string[] = Object.freeze(['%act-on%', '%acton%', '%act on%']);
export const INTEGRATION_NAME_PATTERNS: readonly string[] = Object.freeze(['%integration%']);
/** This package's own permission sets ("Act-On Readiness Admin" and copies): not a sign of Act-On's user. */
export const OWN_SET_LABEL_PATTERN = '%readiness%';

/** Whether text matches a SOQL LIKE pattern ('%' any run, '_' any one character; case-insensitive), as the org would. */
export function likeMatches(pattern: string, text: string | null | undefined): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'is').test(text ?? '');
}

/** What the reads take from the checklist: the same answers as ReadinessChecklist.cls gives the Apex reader. */
export interface ReadInputs {
  /** Objects described in full and whose permissions are read: the checklist's, plus Task. */
  objects: string[];
  /** Parents whose custom child objects are looked at (custom-related rule). */
  relatedParents: string[];
  /** Object.Field of every field check, mapped ones resolved (task fields also as Activity.Field). */
  checkedFields: string[];
  /** Permissions* fields the checklist names, plus the high-risk list. */
  permissionFields: string[];
  /** App names of the oauth-app rule, and the LIKE patterns the token read uses. */
  oauthAppNames: string[];
  oauthPatterns: string[];
}

const PERMISSION_RULES = new Set(['system-permission', 'permission-absent', 'api-auth-permission']);

const list = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The org field a field check points to: its target, or for a mapped check the mapping or the default. */
export function mappedField(d: CheckDefinition, mapping: Record<string, string> | undefined): string | null {
  const [, name] = (d.target ?? '').trim().split('.');
  if (!d.mapped) return name ?? null;
  const mapped = mapping?.[(d.target ?? '').trim()];
  if (mapped) return mapped.includes('.') ? mapped.split('.')[1] : mapped;
  return d.defaultField;
}

/** Distinct values in first-seen order. */
const distinct = (values: string[]): string[] => [...new Set(values)];

export function readInputs(
  definitions: readonly CheckDefinition[],
  mapping?: Record<string, string>
): ReadInputs {
  const objects = ['Task'];
  const relatedParents: string[] = [];
  const checkedFields: string[] = [];
  const permissionFields = [...HIGH_RISK_PERMISSIONS];
  const oauthAppNames: string[] = [];
  for (const d of definitions) {
    const target = (d.target ?? '').trim();
    if (d.rule === 'object-access' && target) objects.push(target);
    else if (d.rule === 'field-budget' && target) objects.push(...list(target));
    else if (d.rule === 'custom-related' && target) relatedParents.push(...list(target));
    else if (d.rule === 'oauth-app') oauthAppNames.push(target || 'Act-On');
    else if (PERMISSION_RULES.has(d.rule) && target) permissionFields.push(target);
    else if (d.rule === 'field-access' && target) {
      const object = target.split('.')[0].trim();
      objects.push(object);
      const field = mappedField(d, mapping);
      if (field) {
        checkedFields.push(`${object}.${field}`);
        if (ACTIVITY_OBJECTS.includes(object)) checkedFields.push(`Activity.${field}`);
      }
    }
  }
  const names = distinct(oauthAppNames);
  return {
    objects: distinct(objects),
    relatedParents: distinct(relatedParents),
    checkedFields: distinct(checkedFields),
    permissionFields: distinct(permissionFields),
    oauthAppNames: names,
    oauthPatterns: distinct(
      names.flatMap((n) => [
        `%${n}%`,
        `%${n.replace(/[^A-Za-z0-9]/g, '')}%`,
        `%${n.replace(/[^A-Za-z0-9]/g, ' ')}%`
      ])
    )
  };
}

/** The limit of a read as a number (null: none). */
export function limitOf(read: ReadDeclaration): number | null {
  if (read.limit === null) return null;
  if (read.limit === 'one') return 1;
  return READ_LIMITS[read.limit];
}
