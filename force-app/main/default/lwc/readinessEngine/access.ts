/**
 * Effective access: the profile's permission set, every assigned permission set and each group's
 * aggregate permission set (Type Group, which already reflects muting). An assignment whose
 * ExpirationDate has passed, relative to capturedAt, grants nothing; it is kept aside so evidence
 * can say "would grant it, but expired".
 */
import type {
  AssignmentRecord,
  FieldDescribe,
  FieldPermissionRecord,
  Grant,
  ObjectFlag,
  ObjectFlags,
  ObjectPermissionRecord,
  PermissionSetRecord,
  ReadableFieldRecord,
  Snapshot,
  SourceType
} from './types';

/** The one permission set the product owns and writes to. License None: assignable to any user. */
export const PRODUCT_PERMISSION_SET = Object.freeze({
  name: 'Act_On_Integration_User',
  label: 'Act-On Integration User'
});

/**
 * The product's own set: its name, no namespace (a managed package's set of the same name is not
 * ours), no license (License None, assignable to any user) and not a profile's.
 */
export function isProductPermissionSet(ps: PermissionSetRecord): boolean {
  return (
    ps.Name === PRODUCT_PERMISSION_SET.name &&
    !ps.NamespacePrefix &&
    !ps.LicenseId &&
    !ps.IsOwnedByProfile &&
    !ps.PermissionSetGroupId &&
    (!ps.Type || ps.Type === 'Regular')
  );
}

export const OBJECT_FLAGS: readonly ObjectFlag[] = [
  'Read',
  'Create',
  'Edit',
  'Delete',
  'ViewAll',
  'ModifyAll'
];

export const OBJECT_FLAG_FIELDS: Record<ObjectFlag, keyof ObjectPermissionRecord & string> = {
  Read: 'PermissionsRead',
  Create: 'PermissionsCreate',
  Edit: 'PermissionsEdit',
  Delete: 'PermissionsDelete',
  ViewAll: 'PermissionsViewAllRecords',
  ModifyAll: 'PermissionsModifyAllRecords'
};

export const OBJECT_FLAG_LABELS: Record<ObjectFlag, string> = {
  Read: 'Read',
  Create: 'Create',
  Edit: 'Edit',
  Delete: 'Delete',
  ViewAll: 'View All',
  ModifyAll: 'Modify All'
};

/**
 * Objects whose access is not held in ObjectPermissions: activities are readable by any user with
 * API access, and editable with the Edit Tasks system permission.
 */
export const ACTIVITY_OBJECTS: readonly string[] = ['Task', 'Event'];

/**
 * The objects and field name a FieldPermissions row stands for: Salesforce may file task and event
 * fields under Activity, which then counts for both.
 */
export function fieldTargetsOf(row: FieldPermissionRecord | ReadableFieldRecord): {
  objects: readonly string[];
  name: string;
} {
  const dot = row.Field.indexOf('.');
  return {
    objects: row.SobjectType === 'Activity' ? ACTIVITY_OBJECTS : [row.SobjectType],
    name: dot >= 0 ? row.Field.slice(dot + 1) : row.Field
  };
}

export interface Source {
  ps: PermissionSetRecord;
  type: SourceType;
  label: string;
  assignment: AssignmentRecord | null;
  /** Set when the assignment expired before capturedAt: the source grants nothing. */
  expiredOn: string | null;
}

export interface ObjectAccess {
  readonly flags: Readonly<ObjectFlags>;
  readonly bySource: readonly { source: Source; flags: ObjectFlags }[];
}

export interface FieldGrant {
  source: Source;
  read: boolean;
  edit: boolean;
}

export function noObjectFlags(): ObjectFlags {
  return { Read: false, Create: false, Edit: false, Delete: false, ViewAll: false, ModifyAll: false };
}

export function objectFlagsOf(row: ObjectPermissionRecord | undefined): ObjectFlags {
  const flags = noObjectFlags();
  if (row) for (const flag of OBJECT_FLAGS) flags[flag] = row[OBJECT_FLAG_FIELDS[flag]] === true;
  return flags;
}

export function fieldKey(object: string, field: string): string {
  return `${object}.${field}`.toLowerCase();
}

function sourceType(ps: PermissionSetRecord): SourceType {
  if (ps.IsOwnedByProfile) return 'Profile';
  if (ps.Type === 'Group' || ps.PermissionSetGroupId) return 'Group';
  if (ps.Type === 'Session') return 'Session';
  if (ps.Type && ps.Type !== 'Regular' && ps.Type !== 'Standard') return 'Other';
  return 'PermissionSet';
}

export const SOURCE_TYPE_LABELS: Record<SourceType, string> = {
  Profile: 'profile',
  PermissionSet: 'permission set',
  Group: 'permission set group',
  Session: 'session-based permission set',
  Other: 'permission set'
};

/** "profile 'Minimum Access - Salesforce'" */
export function describeSource(source: Source): string {
  return `${SOURCE_TYPE_LABELS[source.type]} '${source.label}'`;
}

export class AccessModel {
  readonly snapshot: Snapshot;
  readonly capturedAt: number;
  /** Sources that grant: the profile first, then assignments in snapshot order. */
  readonly sources: Source[] = [];
  /** Assigned sources whose assignment expired: they grant nothing. */
  readonly expired: Source[] = [];
  /**
   * The product's permission set when it exists in the org but is not assigned to the user (the
   * reader looks it up by name): it grants nothing, its rows give a fix its before values.
   */
  readonly detachedProduct: Source | null = null;
  private readonly objectRows = new Map<string, Map<string, ObjectPermissionRecord>>();
  private readonly fieldGrants = new Map<string, FieldGrant[]>();
  private readonly expiredFieldGrants = new Map<string, FieldGrant[]>();
  /** The unassigned product set's field rows by lower-case Object.Field (they grant nothing). */
  private readonly detachedFieldRows = new Map<string, FieldGrant>();
  /** snapshot.readableFields by lower-case Object.Field, when the reader sent them. */
  private readonly readableByFls: Set<string> | null = null;
  private readonly describe = new Map<string, FieldDescribe>();
  private readonly describedObjects = new Set<string>();
  private readonly objectCache = new Map<string, ObjectAccess>();

  constructor(snapshot: Snapshot) {
    this.snapshot = snapshot;
    this.capturedAt = Date.parse(snapshot.capturedAt);
    const byId = new Map(snapshot.permissionSets.map((ps) => [ps.Id, ps]));
    const profilePs = snapshot.permissionSets.find(
      (ps) => ps.IsOwnedByProfile === true && (!ps.ProfileId || ps.ProfileId === snapshot.user.ProfileId)
    );
    const taken = new Set<string>();
    if (profilePs) {
      this.sources.push(this.makeSource(profilePs, null));
      taken.add(profilePs.Id);
    }
    for (const assignment of snapshot.assignments) {
      const ps = byId.get(assignment.PermissionSetId);
      if (!ps || taken.has(ps.Id) || ps.IsOwnedByProfile) continue;
      taken.add(ps.Id);
      const source = this.makeSource(ps, assignment);
      (source.expiredOn ? this.expired : this.sources).push(source);
    }
    const product = snapshot.permissionSets.find((ps) => isProductPermissionSet(ps) && !taken.has(ps.Id));
    if (product) this.detachedProduct = this.makeSource(product, null);
    this.indexPermissions();
    if (Array.isArray(snapshot.readableFields)) {
      this.readableByFls = new Set();
      for (const row of snapshot.readableFields) {
        const { objects, name } = fieldTargetsOf(row);
        for (const object of objects) this.readableByFls.add(fieldKey(object, name));
      }
    }
    for (const field of snapshot.fields) {
      this.describe.set(fieldKey(field.object, field.name), field);
      this.describedObjects.add(field.object.toLowerCase());
    }
  }

  private makeSource(ps: PermissionSetRecord, assignment: AssignmentRecord | null): Source {
    const type = sourceType(ps);
    const label =
      type === 'Profile'
        ? (ps.Profile?.Name ?? this.snapshot.user.Profile.Name)
        : (ps.Label ?? ps.Name ?? ps.Id);
    let expiredOn: string | null = null;
    if (assignment?.ExpirationDate && Date.parse(assignment.ExpirationDate) <= this.capturedAt) {
      expiredOn = assignment.ExpirationDate;
    }
    return { ps, type, label, assignment, expiredOn };
  }

  private indexPermissions(): void {
    const all = [...this.sources, ...this.expired, ...(this.detachedProduct ? [this.detachedProduct] : [])];
    const bySourceId = new Map(all.map((s) => [s.ps.Id, s]));
    for (const row of this.snapshot.objectPermissions) {
      if (!bySourceId.has(row.ParentId)) continue;
      let rows = this.objectRows.get(row.ParentId);
      if (!rows) this.objectRows.set(row.ParentId, (rows = new Map()));
      rows.set(row.SobjectType.toLowerCase(), row);
    }
    for (const row of this.snapshot.fieldPermissions) {
      const source = bySourceId.get(row.ParentId);
      if (!source) continue;
      const { objects, name } = fieldTargetsOf(row);
      const detached = source === this.detachedProduct;
      const target = source.expiredOn ? this.expiredFieldGrants : this.fieldGrants;
      for (const object of objects) {
        const key = fieldKey(object, name);
        const grant = { source, read: row.PermissionsRead === true, edit: row.PermissionsEdit === true };
        if (detached) {
          this.detachedFieldRows.set(key, grant);
          continue;
        }
        let grants = target.get(key);
        if (!grants) target.set(key, (grants = []));
        grants.push(grant);
      }
    }
  }

  /** Sources whose permission set has the Permissions* field set. */
  grantsOf(permission: string, expired = false): Source[] {
    return (expired ? this.expired : this.sources).filter((s) => s.ps[permission] === true);
  }

  hasPermission(permission: string): boolean {
    return this.sources.some((s) => s.ps[permission] === true);
  }

  objectRow(source: Source, object: string): ObjectPermissionRecord | undefined {
    return this.objectRows.get(source.ps.Id)?.get(object.toLowerCase());
  }

  /** Effective object flags, and which source gives which flag (computed once per object). */
  objectAccess(object: string, expired = false): ObjectAccess {
    const key = `${expired ? 'x' : 'e'}:${object.toLowerCase()}`;
    let cached = this.objectCache.get(key);
    if (!cached) {
      const flags = noObjectFlags();
      const bySource: { source: Source; flags: ObjectFlags }[] = [];
      for (const source of expired ? this.expired : this.sources) {
        const row = this.objectRow(source, object);
        if (!row) continue;
        const own = objectFlagsOf(row);
        if (!OBJECT_FLAGS.some((f) => own[f])) continue;
        bySource.push({ source, flags: own });
        for (const f of OBJECT_FLAGS) flags[f] = flags[f] || own[f];
      }
      cached = Object.freeze({ flags: Object.freeze(flags), bySource: Object.freeze(bySource) });
      this.objectCache.set(key, cached);
    }
    return cached;
  }

  isActivity(object: string): boolean {
    return ACTIVITY_OBJECTS.includes(object);
  }

  canReadObject(object: string): boolean {
    return this.isActivity(object) || this.objectAccess(object).flags.Read;
  }

  canEditObject(object: string): boolean {
    if (this.isActivity(object)) return this.hasPermission('PermissionsEditTask');
    const { flags } = this.objectAccess(object);
    return flags.Read && flags.Edit;
  }

  /** Effective field-level security on a permissionable field. */
  fieldAccess(
    object: string,
    field: string
  ): { read: boolean; edit: boolean; grants: FieldGrant[]; expired: FieldGrant[] } {
    const key = fieldKey(object, field);
    const grants = (this.fieldGrants.get(key) ?? []).filter((g) => g.read || g.edit);
    const expired = (this.expiredFieldGrants.get(key) ?? []).filter((g) => g.read || g.edit);
    const read = grants.some((g) => g.read);
    return { read, edit: read && grants.some((g) => g.edit), grants, expired };
  }

  /** The source's own field permission row (read and edit), whether or not it grants anything. */
  fieldRow(source: Source, object: string, field: string): FieldGrant | undefined {
    const key = fieldKey(object, field);
    if (source === this.detachedProduct) return this.detachedFieldRows.get(key);
    const grants = (source.expiredOn ? this.expiredFieldGrants : this.fieldGrants).get(key) ?? [];
    return grants.find((g) => g.source === source);
  }

  describeField(object: string, field: string): FieldDescribe | undefined {
    return this.describe.get(fieldKey(object, field));
  }

  isDescribed(object: string): boolean {
    return this.describedObjects.has(object.toLowerCase());
  }

  fieldsOf(object: string): FieldDescribe[] {
    return this.snapshot.fields.filter((f) => f.object.toLowerCase() === object.toLowerCase());
  }

  /**
   * Can the user read this described field: object Read plus FLS Read (or no FLS on the field). FLS
   * Read comes from the reader's readable fields and from the per-set rows (which a simulated fix
   * changes), whichever says so.
   */
  canReadField(field: FieldDescribe): boolean {
    if (!this.canReadObject(field.object)) return false;
    if (!field.permissionable) return true;
    if (this.readableByFls?.has(fieldKey(field.object, field.name))) return true;
    return this.fieldAccess(field.object, field.name).read;
  }

  /** The product's permission set, when the user already holds it. */
  productSource(): Source | undefined {
    return this.sources.find((s) => isProductPermissionSet(s.ps));
  }

  /** The product's permission set held through an assignment that expired. */
  expiredProductSource(): Source | undefined {
    return this.expired.find((s) => isProductPermissionSet(s.ps));
  }

  /** The product's permission set as the snapshot knows it: held, expired, or in the org but unassigned. */
  knownProduct(): Source | undefined {
    return this.productSource() ?? this.expiredProductSource() ?? this.detachedProduct ?? undefined;
  }

  /** exists / missing (the reader looked it up and the org has none) / unknown (the snapshot does not say). */
  productState(): 'exists' | 'missing' | 'unknown' {
    if (this.knownProduct()) return 'exists';
    const id = this.snapshot.productPermissionSetId;
    if (id === null) return 'missing';
    return typeof id === 'string' ? 'exists' : 'unknown';
  }

  /** The source as the report shows it: who grants, its type and how many other users share it. */
  toGrant(source: Source, grants: string[]): Grant {
    const count = typeof source.ps.AssigneeCount === 'number' ? source.ps.AssigneeCount : null;
    return {
      id: source.ps.Id,
      label: source.label,
      name: source.ps.Name ?? null,
      type: source.type,
      assigneeCount: count,
      otherUsers: count === null ? null : Math.max(0, count - 1),
      grants,
      assignmentId: source.assignment?.Id ?? null,
      permissionSetGroupId: source.assignment?.PermissionSetGroupId ?? source.ps.PermissionSetGroupId ?? null
    };
  }
}
