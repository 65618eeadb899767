/**
 * The wire form of a change (operations.md): what the Apex guard checks and writes, and what the fix
 * log records. Only the fields that say which record, which field, the value expected now and the
 * value to write; the words a person reads are the engine's, recomputed from the snapshot, never
 * taken from a request or a log.
 *
 * Undo is the inverse of a logged fix, planned against the org as it is now (planUndo): each
 * operation reversed, expected and value swapped. One is left out when the org no longer holds what
 * the fix wrote ("changed since") or when something still held needs it ("needed by ...").
 */
import { AccessModel, OBJECT_FLAGS, PRODUCT_PERMISSION_SET, objectFlagsOf, type Source } from './access';
import { OBJECT_PARTS, flagList, recordWideConsequence } from './fixes';
import { ON_PRODUCT_SET, dependentKeys, orderForWrite, unitsGranted } from './plan';
import { prerequisitesOf } from './prerequisites';
import { applyChanges } from './simulate';
import type { Change, FixPlan, ObjectFlag, ObjectFlags, ObjectPart, Snapshot, SourceType } from './types';
import { IDENTITY_PERMISSIONS, permissionLabel } from './vocabulary';

export interface Operation {
  kind: Change['kind'];
  key: string;
  checkIds: string[];
  expected: unknown;
  value: unknown;
  permission?: string;
  object?: string;
  part?: ObjectPart;
  field?: string;
  assignmentId?: string | null;
  permissionSetId?: string;
  permissionSetGroupId?: string | null;
  label?: string;
}

const PS = PRODUCT_PERMISSION_SET.name;

/** The wire form of a change. */
export function toOperation(change: Change): Operation {
  const base = {
    kind: change.kind,
    key: change.key,
    checkIds: [...change.checkIds],
    expected: change.expected,
    value: change.value
  };
  switch (change.kind) {
    case 'systemPermission':
      return { ...base, permission: change.permission };
    case 'objectPermission':
      return { ...base, object: change.object, part: change.part };
    case 'fieldPermission':
      return { ...base, object: change.object, field: change.field };
    case 'assignPermissionSet':
      return { ...base, assignmentId: change.assignmentId };
    case 'removeAssignment':
      return {
        ...base,
        permissionSetId: change.permissionSetId,
        permissionSetGroupId: change.permissionSetGroupId,
        assignmentId: change.assignmentId,
        label: change.label
      };
    case 'userPermission':
      return { ...base, field: change.field };
    default:
      return base;
  }
}

const isFlags = (v: unknown, part: ObjectPart): v is Partial<ObjectFlags> =>
  !!v &&
  typeof v === 'object' &&
  Object.keys(v).every((k) => OBJECT_PARTS[part].includes(k as ObjectFlag)) &&
  Object.values(v).every((x) => typeof x === 'boolean');
const isAccess = (v: unknown): v is { read: boolean; edit: boolean } =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as { read?: unknown }).read === 'boolean' &&
  typeof (v as { edit?: unknown }).edit === 'boolean';
const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * A logged operation as a change the engine can plan with, or null when it is not one this product
 * writes (unknown kind, missing or mistyped fields). Words and the user's access come from the
 * snapshot.
 */
export function fromOperation(raw: unknown, access: AccessModel): Change | null {
  if (!raw || typeof raw !== 'object') return null;
  const op = raw as Operation;
  const checkIds = Array.isArray(op.checkIds) ? op.checkIds.filter(text) : [];
  const user = access.snapshot.user;
  const common = { checkIds, reason: '' };
  switch (op.kind) {
    case 'ensurePermissionSet':
      return op.expected === 'absent' && op.value === 'present'
        ? {
            ...common,
            kind: op.kind,
            key: `ensure:${PS}`,
            permissionSet: PS,
            label: PRODUCT_PERMISSION_SET.label,
            license: null,
            expected: 'absent',
            value: 'present',
            auxiliary: true
          }
        : null;
    case 'deletePermissionSet':
      return op.expected === 'present' && op.value === 'absent'
        ? {
            ...common,
            kind: op.kind,
            key: `delete:${PS}`,
            permissionSet: PS,
            label: PRODUCT_PERMISSION_SET.label,
            expected: 'present',
            value: 'absent'
          }
        : null;
    case 'systemPermission': {
      if (!text(op.permission) || !/^Permissions\w+$/.test(op.permission)) return null;
      if (typeof op.expected !== 'boolean' || typeof op.value !== 'boolean') return null;
      const consequence = IDENTITY_PERMISSIONS[op.permission] ?? null;
      return {
        ...common,
        kind: op.kind,
        key: `system:${PS}:${op.permission}`,
        permissionSet: PS,
        permission: op.permission,
        expected: op.expected,
        value: op.value,
        userHas: access.hasPermission(op.permission),
        identity: consequence !== null,
        consequence
      };
    }
    case 'objectPermission': {
      const part = op.part === 'all' ? 'all' : op.part === 'access' ? 'access' : null;
      if (!part || !text(op.object) || !/^\w+$/.test(op.object)) return null;
      if (!isFlags(op.expected, part) || !isFlags(op.value, part)) return null;
      return {
        ...common,
        kind: op.kind,
        key: `object:${PS}:${op.object}${part === 'all' ? ':all' : ''}`,
        permissionSet: PS,
        object: op.object,
        part,
        expected: op.expected,
        value: op.value,
        userHas: { ...access.objectAccess(op.object).flags },
        dependencies: [],
        recordWide: part === 'all',
        consequence: part === 'all' ? recordWideConsequence(op.object) : null
      };
    }
    case 'fieldPermission': {
      if (!text(op.object) || !text(op.field) || !/^\w+\.\w+$/.test(op.field)) return null;
      if (!isAccess(op.expected) || !isAccess(op.value)) return null;
      const [object, name] = op.field.split('.');
      const has = access.fieldAccess(object, name);
      return {
        ...common,
        kind: op.kind,
        key: `field:${PS}:${op.field}`.toLowerCase(),
        permissionSet: PS,
        object,
        field: op.field,
        expected: { read: op.expected.read, edit: op.expected.edit },
        value: { read: op.value.read, edit: op.value.edit },
        userHas: { read: has.read, edit: has.edit }
      };
    }
    case 'assignPermissionSet': {
      const states = ['none', 'expired', 'active'];
      if (!states.includes(op.expected as string) || !['active', 'none'].includes(op.value as string))
        return null;
      return {
        ...common,
        kind: op.kind,
        key: `assign:${PS}:${user.Id}`,
        permissionSet: PS,
        userId: user.Id,
        expected: op.expected as 'none' | 'expired' | 'active',
        value: op.value as 'active' | 'none',
        assignmentId: text(op.assignmentId) ? op.assignmentId : null,
        auxiliary: true
      };
    }
    case 'removeAssignment': {
      if (!text(op.permissionSetId)) return null;
      const states = ['assigned', 'none'];
      if (!states.includes(op.expected as string) || !states.includes(op.value as string)) return null;
      return {
        ...common,
        kind: op.kind,
        key: `remove:${op.permissionSetId}`,
        userId: user.Id,
        assignmentId: text(op.assignmentId) ? op.assignmentId : null,
        permissionSetId: op.permissionSetId,
        permissionSetGroupId: text(op.permissionSetGroupId) ? op.permissionSetGroupId : null,
        label: text(op.label) ? op.label : op.permissionSetId,
        sourceType: (text(op.permissionSetGroupId) ? 'Group' : 'PermissionSet') as SourceType,
        alsoRemoves: [],
        expected: op.expected as 'assigned' | 'none',
        value: op.value as 'none' | 'assigned'
      };
    }
    case 'userPermission':
      if (op.field !== 'UserPermissionsMarketingUser') return null;
      if (typeof op.expected !== 'boolean' || typeof op.value !== 'boolean') return null;
      return {
        ...common,
        kind: op.kind,
        key: `user:${user.Id}:${op.field}`,
        userId: user.Id,
        field: op.field,
        expected: op.expected,
        value: op.value
      };
    default:
      return null;
  }
}

/** The logged operations as changes described against the snapshot (unreadable ones left out). */
export function loggedChanges(logged: unknown, snapshot: Snapshot): Change[] {
  const access = new AccessModel(snapshot);
  return (Array.isArray(logged) ? logged : [])
    .map((raw) => fromOperation(raw, access))
    .filter((c): c is Change => c !== null);
}

/** What the org holds now for the target of a change (compare with a change's value or expected). */
export function currentValue(change: Change, access: AccessModel): unknown {
  const product = access.knownProduct();
  const snapshot = access.snapshot;
  switch (change.kind) {
    case 'ensurePermissionSet':
    case 'deletePermissionSet':
      return access.productState() === 'exists' ? 'present' : 'absent';
    case 'systemPermission':
      return product?.ps[change.permission] === true;
    case 'objectPermission': {
      const flags = objectFlagsOf(product ? access.objectRow(product, change.object) : undefined);
      return Object.fromEntries(OBJECT_PARTS[change.part].map((f) => [f, flags[f]]));
    }
    case 'fieldPermission': {
      const [object, name] = change.field.split('.');
      const row = product ? access.fieldRow(product, object, name) : undefined;
      return { read: row?.read ?? false, edit: row?.edit ?? false };
    }
    case 'assignPermissionSet':
      return access.productSource() ? 'active' : access.expiredProductSource() ? 'expired' : 'none';
    case 'removeAssignment':
      return snapshot.assignments.some((a) => a.PermissionSetId === change.permissionSetId)
        ? 'assigned'
        : 'none';
    case 'userPermission':
      return snapshot.user[change.field] === true;
    default:
      return undefined;
  }
}

const same = (a: unknown, b: unknown): boolean => {
  if (a && b && typeof a === 'object' && typeof b === 'object')
    return Object.keys({ ...(a as object), ...(b as object) }).every(
      (k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]
    );
  return a === b;
};

/** Whether the org holds what the change expects now (the guard's compare-and-swap, predicted). */
export function holdsExpected(change: Change, access: AccessModel): boolean {
  const now = currentValue(change, access);
  // An expired assignment renewed is active now; an assignment expected expired may be seen as none by a reader that skips it.
  return same(now, change.expected);
}

/**
 * The keys of the changes whose expected value is not what the snapshot holds (the guard's
 * compare-and-swap, predicted; the local preview's stand-in writer refuses them as the guard does).
 */
export function staleChanges(changes: readonly Change[], snapshot: Snapshot): string[] {
  const access = new AccessModel(snapshot);
  return changes.filter((c) => !holdsExpected(c, access)).map((c) => c.key);
}

/** The inverse of a change: expected and value swapped (ensure becomes delete). */
export function inverseOf(change: Change): Change {
  const words = `Takes back: ${change.reason || describeTarget(change)}`;
  if (change.kind === 'ensurePermissionSet')
    return {
      kind: 'deletePermissionSet',
      key: `delete:${PS}`,
      checkIds: change.checkIds,
      reason: `Deletes '${PRODUCT_PERMISSION_SET.label}', which the fix created, now that it is empty and unassigned.`,
      permissionSet: PS,
      label: change.label,
      expected: 'present',
      value: 'absent'
    };
  if (change.kind === 'assignPermissionSet')
    return { ...change, expected: 'active', value: 'none', reason: words, auxiliary: false };
  return { ...change, expected: change.value, value: change.expected, reason: words } as Change;
}

function describeTarget(change: Change): string {
  switch (change.kind) {
    case 'systemPermission':
      return permissionLabel(change.permission);
    case 'objectPermission':
      return `${flagList(change.value)} on ${change.object}`;
    case 'fieldPermission':
      return change.field;
    case 'removeAssignment':
      return `the assignment of '${change.label}'`;
    default:
      return change.kind;
  }
}

/** The grant units an inverse takes away from the product's set. */
function unitsTaken(change: Change): string[] {
  const swapped = { ...change, expected: change.value, value: change.expected } as Change;
  return unitsGranted(swapped);
}

export interface LeftOut {
  key: string;
  /** The logged change, or null when it could not be read. */
  change: Change | null;
  reason: string;
}

export interface UndoPlan extends FixPlan {
  /** The log key of the fix this undoes. */
  undoes: string;
  /** Logged changes not taken back, with the reason. */
  left: LeftOut[];
}

const holdsAnything = (access: AccessModel, product: Source | undefined): string | null => {
  if (!product) return null;
  const ps = product.ps;
  const permission = Object.keys(ps).find((k) => k.startsWith('Permissions') && ps[k] === true);
  if (permission) return permissionLabel(permission);
  const row = access.snapshot.objectPermissions.find(
    (r) => r.ParentId === ps.Id && OBJECT_FLAGS.some((f) => objectFlagsOf(r)[f])
  );
  if (row) return `access to ${row.SobjectType}`;
  const field = access.snapshot.fieldPermissions.find(
    (r) => r.ParentId === ps.Id && (r.PermissionsRead || r.PermissionsEdit)
  );
  return field ? `access to ${field.Field}` : null;
};

/**
 * Undo as a plan: the inverse of the logged operations against the snapshot of the org now, each a
 * box to tick (sign-in changes unticked: taking one back changes how the user signs in). `later`:
 * the operations of the fixes applied after this one and not undone, whose grants keep the
 * assignment. The guard checks the result like any other fix.
 */
export function planUndo(
  logged: unknown,
  snapshot: Snapshot,
  undoes: string,
  later: readonly unknown[] = []
): UndoPlan {
  const access = new AccessModel(snapshot);
  const laterGrants = later
    .flatMap((ops) => (Array.isArray(ops) ? ops : []))
    .map((raw) => fromOperation(raw, access))
    .filter(
      (c): c is Change => c !== null && ON_PRODUCT_SET.has(c.kind) && same(currentValue(c, access), c.value)
    );
  const left: LeftOut[] = [];
  const rawList = Array.isArray(logged) ? logged : [];
  const changes: Change[] = [];
  for (const raw of rawList) {
    const change = fromOperation(raw, access);
    if (!change) {
      left.push({
        key: `unreadable:${left.length}`,
        change: null,
        reason: 'This logged change is not one the product writes, so it is not taken back.'
      });
      continue;
    }
    if (!same(currentValue(change, access), change.value)) {
      left.push({
        key: change.key,
        change,
        reason: 'Changed since this fix: the org no longer holds what it wrote, so it is left as it is.'
      });
      continue;
    }
    changes.push(inverseOf(change));
  }
  // Leave out what something still held needs, until nothing more is left out.
  let kept = changes;
  for (;;) {
    const after = new AccessModel(
      applyChanges(
        snapshot,
        kept.filter((c) => c.kind !== 'deletePermissionSet')
      )
    );
    const product = after.knownProduct();
    const heldUnits = new Set<string>();
    if (product) {
      for (const key of Object.keys(product.ps))
        if (key.startsWith('Permissions') && product.ps[key] === true) heldUnits.add(`system:${key}`);
      for (const r of after.snapshot.objectPermissions)
        if (r.ParentId === product.ps.Id)
          for (const f of OBJECT_FLAGS)
            if (objectFlagsOf(r)[f]) heldUnits.add(`object:${r.SobjectType}:${f}`);
    }
    const needs = (unit: string): string[] => [...heldUnits].filter((h) => prerequisitesOf(h).includes(unit));
    const out = kept.filter((c) => {
      const neededBy = unitsTaken(c).flatMap(needs);
      if (neededBy.length) {
        left.push({
          key: c.key,
          change: c,
          reason: `Still needed by ${[...new Set(neededBy)].map(unitWords).join(', ')}, which '${PRODUCT_PERMISSION_SET.label}' keeps: Salesforce requires it in the same set.`
        });
        return false;
      }
      const grants = holdsAnything(after, product);
      if (c.kind === 'assignPermissionSet' && laterGrants.length) {
        left.push({
          key: c.key,
          change: c,
          reason: `Kept: a later fix granted ${describeTarget(laterGrants[0])} in '${PRODUCT_PERMISSION_SET.label}', which needs the assignment.`
        });
        return false;
      }
      if (c.kind === 'deletePermissionSet' && (grants || (product?.ps.AssigneeCount ?? 0) > 0)) {
        left.push({
          key: c.key,
          change: c,
          reason: `Kept: '${PRODUCT_PERMISSION_SET.label}' still ${grants ? `grants ${grants}` : 'has holders'}.`
        });
        return false;
      }
      return true;
    });
    if (out.length === kept.length) break;
    kept = out;
  }
  const linked = orderForWrite(linkUndo(kept));
  const held = linked
    .filter((c) => c.identity)
    .map((c) => ({
      key: c.key,
      reason:
        `Not ticked by default: taking back ${permissionLabel((c as { permission: string }).permission)} changes how the user signs in. ${c.consequence ?? ''}`.trim()
    }));
  // What needs a held change stays too (taking back API Enabled needs API Only User taken back first).
  const heldKeys = dependentKeys(
    linked,
    held.map((h) => h.key)
  );
  return {
    userId: snapshot.user.Id,
    targets: [],
    permissionSet: { name: PS, label: PRODUCT_PERMISSION_SET.label },
    checkIds: [...new Set(linked.flatMap((c) => c.checkIds))],
    changes: linked,
    selected: linked.filter((c) => !heldKeys.has(c.key) && !c.auxiliary).map((c) => c.key),
    held,
    refused: null,
    skipped: [],
    warnings: [],
    undoes,
    left
  };
}

/**
 * Undo's dependencies, the reverse of apply's: taking back a prerequisite needs taking back what
 * requires it first (Run Reports after Export Reports); removing the assignment needs every grant
 * taken back; deleting the set needs everything else.
 */
function linkUndo(changes: Change[]): Change[] {
  const takenBy = new Map<string, string>();
  for (const c of changes) for (const unit of unitsTaken(c)) takenBy.set(unit, c.key);
  const onSet = changes.filter((c) => ON_PRODUCT_SET.has(c.kind)).map((c) => c.key);
  const assign = changes.find((c) => c.kind === 'assignPermissionSet')?.key;
  return changes.map((change) => {
    const deps = new Set<string>();
    for (const [unit, key] of takenBy)
      if (key !== change.key && unitsTaken(change).some((u) => prerequisitesOf(unit).includes(u)))
        deps.add(key);
    if (change.kind === 'assignPermissionSet') onSet.forEach((k) => deps.add(k));
    if (change.kind === 'deletePermissionSet') {
      onSet.forEach((k) => deps.add(k));
      if (assign) deps.add(assign);
    }
    return { ...change, dependsOn: [...deps] };
  });
}

function unitWords(unit: string): string {
  const [kind, a, b] = unit.split(':');
  return kind === 'system' ? permissionLabel(a) : `${flagList([b as ObjectFlag])} on ${a}`;
}
