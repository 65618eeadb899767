/**
 * Validates a snapshot against the contract (shared/spec/snapshot.md). The first problem found is
 * reported with the path of the key, e.g. "snapshot.user.IsActive must be a boolean (got "yes")".
 * Unknown keys are ignored; optional keys are checked only when present.
 */
import type { Snapshot } from './types';

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

type Kind =
  'string' | 'id' | 'boolean' | 'number' | 'object' | 'array' | 'date' | 'version' | 'days' | 'policySource';
interface Spec {
  [key: string]: { kind: Kind; optional?: boolean; nullable?: boolean; each?: Spec; fields?: Spec };
}

const PERMISSION_FLAGS: Spec = {
  PermissionsRead: { kind: 'boolean', optional: true, nullable: true },
  PermissionsEdit: { kind: 'boolean', optional: true, nullable: true }
};

const SNAPSHOT: Spec = {
  schemaVersion: { kind: 'number' },
  capturedAt: { kind: 'date' },
  user: {
    kind: 'object',
    fields: {
      Id: { kind: 'id' },
      Username: { kind: 'id' },
      Name: { kind: 'string', optional: true, nullable: true },
      IsActive: { kind: 'boolean' },
      ProfileId: { kind: 'id' },
      Profile: {
        kind: 'object',
        fields: {
          Name: { kind: 'string' },
          UserLicense: {
            kind: 'object',
            optional: true,
            nullable: true,
            fields: { Name: { kind: 'string' } }
          }
        }
      },
      LastLoginDate: { kind: 'date', optional: true, nullable: true },
      LastPasswordChangeDate: { kind: 'date', optional: true, nullable: true },
      UserPermissionsMarketingUser: { kind: 'boolean', optional: true, nullable: true }
    }
  },
  assignments: {
    kind: 'array',
    each: {
      Id: { kind: 'id', optional: true, nullable: true },
      PermissionSetId: { kind: 'id' },
      PermissionSetGroupId: { kind: 'string', optional: true, nullable: true },
      ExpirationDate: { kind: 'date', optional: true, nullable: true }
    }
  },
  permissionSets: {
    kind: 'array',
    each: {
      Id: { kind: 'id' },
      Name: { kind: 'string', optional: true, nullable: true },
      Label: { kind: 'string', optional: true, nullable: true },
      Type: { kind: 'string', optional: true, nullable: true },
      IsOwnedByProfile: { kind: 'boolean', optional: true, nullable: true },
      ProfileId: { kind: 'string', optional: true, nullable: true },
      PermissionSetGroupId: { kind: 'string', optional: true, nullable: true },
      AssigneeCount: { kind: 'number', optional: true, nullable: true },
      NamespacePrefix: { kind: 'string', optional: true, nullable: true }
    }
  },
  objectPermissions: {
    kind: 'array',
    each: {
      ParentId: { kind: 'id' },
      SobjectType: { kind: 'id' },
      ...PERMISSION_FLAGS,
      PermissionsCreate: { kind: 'boolean', optional: true, nullable: true },
      PermissionsDelete: { kind: 'boolean', optional: true, nullable: true },
      PermissionsViewAllRecords: { kind: 'boolean', optional: true, nullable: true },
      PermissionsModifyAllRecords: { kind: 'boolean', optional: true, nullable: true }
    }
  },
  fieldPermissions: {
    kind: 'array',
    each: {
      ParentId: { kind: 'id' },
      SobjectType: { kind: 'id' },
      Field: { kind: 'id' },
      ...PERMISSION_FLAGS
    }
  },
  fields: {
    kind: 'array',
    each: {
      object: { kind: 'string' },
      name: { kind: 'string' },
      permissionable: { kind: 'boolean' },
      custom: { kind: 'boolean', optional: true, nullable: true },
      securityClassification: { kind: 'string', optional: true, nullable: true },
      complianceGroup: { kind: 'string', optional: true, nullable: true },
      referenceTo: { kind: 'array', optional: true, nullable: true }
    }
  },
  loginHistory: {
    kind: 'array',
    optional: true,
    nullable: true,
    each: {
      LoginTime: { kind: 'date' },
      Status: { kind: 'string' },
      LoginType: { kind: 'string', optional: true, nullable: true },
      Application: { kind: 'string', optional: true, nullable: true },
      ApiType: { kind: 'string', optional: true, nullable: true },
      ApiVersion: { kind: 'version', optional: true, nullable: true }
    }
  },
  userLogin: {
    kind: 'object',
    optional: true,
    nullable: true,
    fields: {
      IsFrozen: { kind: 'boolean', optional: true, nullable: true },
      IsPasswordLocked: { kind: 'boolean', optional: true, nullable: true }
    }
  },
  runningUserId: { kind: 'string', optional: true, nullable: true },
  productPermissionSetId: { kind: 'string', optional: true, nullable: true },
  oauthTokens: {
    kind: 'array',
    optional: true,
    nullable: true,
    each: {
      AppName: { kind: 'string' },
      UserId: { kind: 'string', optional: true, nullable: true },
      LastUsedDate: { kind: 'date', optional: true, nullable: true },
      UseCount: { kind: 'number', optional: true, nullable: true }
    }
  },
  passwordPolicy: {
    kind: 'object',
    optional: true,
    nullable: true,
    fields: {
      expiresAfterDays: { kind: 'days', nullable: true },
      source: { kind: 'policySource' }
    }
  },
  organization: {
    kind: 'object',
    optional: true,
    nullable: true,
    fields: {
      Id: { kind: 'string', optional: true, nullable: true },
      CreatedDate: { kind: 'date' },
      IsSandbox: { kind: 'boolean', optional: true, nullable: true },
      OrganizationType: { kind: 'string', optional: true, nullable: true }
    }
  },
  connectedApps: {
    kind: 'array',
    optional: true,
    nullable: true,
    each: {
      Id: { kind: 'id' },
      Name: { kind: 'string' },
      OptionsAllowAdminApprovedUsersOnly: { kind: 'boolean', optional: true, nullable: true }
    }
  },
  setupEntityAccess: {
    kind: 'array',
    optional: true,
    nullable: true,
    each: {
      ParentId: { kind: 'id' },
      SetupEntityId: { kind: 'id' },
      SetupEntityType: { kind: 'string', optional: true, nullable: true }
    }
  },
  loginIpRanges: {
    kind: 'array',
    optional: true,
    nullable: true,
    each: {
      startAddress: { kind: 'id' },
      endAddress: { kind: 'id' },
      description: { kind: 'string', optional: true, nullable: true }
    }
  },
  fieldMapping: { kind: 'object', optional: true, nullable: true },
  readableFields: {
    kind: 'array',
    optional: true,
    nullable: true,
    each: { SobjectType: { kind: 'string' }, Field: { kind: 'string' } }
  },
  classifiedObjects: { kind: 'array', optional: true, nullable: true },
  access: { kind: 'object', optional: true, nullable: true },
  accessMissing: { kind: 'object', optional: true, nullable: true },
  readErrors: { kind: 'object', optional: true, nullable: true },
  truncated: { kind: 'object', optional: true, nullable: true }
};

/** An ISO 8601 date, or date-time with an optional zone, as Salesforce writes them. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const ARTICLE: Record<Kind, string> = {
  string: 'a string',
  id: 'a non-empty string',
  boolean: 'a boolean',
  number: 'a number',
  object: 'an object',
  array: 'an array',
  date: 'an ISO 8601 date-time string',
  version: 'an API version string such as "58.0"',
  days: 'a whole number of days from 1 to 3650',
  policySource: '"profile", "org" or "admin"'
};

function matches(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
    case 'id':
      return typeof value === 'string' && value.trim() !== '';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'version':
      return (
        (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) ||
        (typeof value === 'number' && Number.isFinite(value))
      );
    case 'days':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 3650;
    case 'policySource':
      return value === 'profile' || value === 'org' || value === 'admin';
    default:
      return typeof value === kind;
  }
}

function checkObject(value: Record<string, unknown>, spec: Spec, path: string): void {
  for (const [key, rule] of Object.entries(spec)) {
    const where = `${path}.${key}`;
    const v = value[key];
    if (v === undefined) {
      if (rule.optional) continue;
      throw new SnapshotError(`${where} is missing`);
    }
    if (v === null) {
      if (rule.nullable) continue;
      throw new SnapshotError(`${where} must be ${ARTICLE[rule.kind]} (got null)`);
    }
    if (!matches(rule.kind, v)) {
      throw new SnapshotError(`${where} must be ${ARTICLE[rule.kind]} (got ${describe(v)})`);
    }
    if (rule.fields) checkObject(v as Record<string, unknown>, rule.fields, where);
    if (rule.each) {
      const each = rule.each;
      (v as unknown[]).forEach((item, i) => {
        if (!matches('object', item)) {
          throw new SnapshotError(`${where}[${i}] must be an object (got ${describe(item)})`);
        }
        checkObject(item as Record<string, unknown>, each, `${where}[${i}]`);
      });
    }
  }
}

/** Returns the snapshot typed, or throws SnapshotError naming the first key that breaks the contract. */
export function validateSnapshot(input: unknown): Snapshot {
  if (!matches('object', input)) {
    throw new SnapshotError(`snapshot must be a JSON object (got ${describe(input)})`);
  }
  const snapshot = input as Record<string, unknown>;
  checkObject(snapshot, SNAPSHOT, 'snapshot');
  if (snapshot.schemaVersion !== 1) {
    throw new SnapshotError(
      `snapshot.schemaVersion ${String(snapshot.schemaVersion)} is not supported (expected 1)`
    );
  }
  ((snapshot.classifiedObjects as unknown[]) ?? []).forEach((value, i) => {
    if (typeof value !== 'string')
      throw new SnapshotError(`snapshot.classifiedObjects[${i}] must be a string (got ${describe(value)})`);
  });
  for (const [key, value] of Object.entries((snapshot.fieldMapping as Record<string, unknown>) ?? {})) {
    if (typeof value !== 'string' && value !== null) {
      throw new SnapshotError(
        `snapshot.fieldMapping.${key} must be a field API name string (got ${describe(value)})`
      );
    }
  }
  for (const flags of ['access', 'truncated']) {
    for (const [key, value] of Object.entries((snapshot[flags] as Record<string, unknown>) ?? {})) {
      if (typeof value !== 'boolean') {
        throw new SnapshotError(`snapshot.${flags}.${key} must be a boolean (got ${describe(value)})`);
      }
    }
  }
  for (const [flags, what] of [
    ['accessMissing', 'a permission name string'],
    ['readErrors', 'a string saying why the read failed']
  ]) {
    for (const [key, value] of Object.entries((snapshot[flags] as Record<string, unknown>) ?? {})) {
      if (typeof value !== 'string') {
        throw new SnapshotError(`snapshot.${flags}.${key} must be ${what} (got ${describe(value)})`);
      }
    }
  }
  return input as Snapshot;
}
