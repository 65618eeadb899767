/**
 * Builders for the concrete changes a fix is made of. Every grant targets the product's own
 * permission set (created on first use, License None, assigned to the integration user); no other
 * permission set or profile is ever widened.
 */
import {
  AccessModel,
  OBJECT_FLAG_LABELS,
  OBJECT_FLAGS,
  PRODUCT_PERMISSION_SET,
  noObjectFlags,
  objectFlagsOf
} from './access';
import { IDENTITY_PERMISSIONS, permissionLabel, plural } from './vocabulary';
import type {
  AssignPermissionSetChange,
  Change,
  CheckFix,
  EnsurePermissionSetChange,
  FieldPermissionChange,
  ManualStep,
  ObjectFlag,
  ObjectFlags,
  ObjectPermissionChange,
  SystemPermissionChange
} from './types';

/** What each object permission needs; Salesforce rejects a row without them. */
export const OBJECT_FLAG_DEPENDENCIES: Record<ObjectFlag, ObjectFlag[]> = {
  Read: [],
  Create: ['Read'],
  Edit: ['Read'],
  Delete: ['Read', 'Edit'],
  ViewAll: ['Read'],
  ModifyAll: ['Read', 'Edit', 'Delete', 'ViewAll']
};

/**
 * Object permissions Salesforce requires on another object of the same permission set (it adds
 * none through the API: the insert fails with "Permission Read Contact depends on permission(s):
 * Read Account"). Only documented pairs are listed; the writer turns any other dependency error
 * into plain words. Every flag of an object needs Read on it, so Read stands for all of them.
 */
export const CROSS_OBJECT_DEPENDENCIES: Readonly<
  Record<string, readonly { object: string; flag: ObjectFlag }[]>
> = Object.freeze({
  Contact: [{ object: 'Account', flag: 'Read' }],
  Opportunity: [{ object: 'Account', flag: 'Read' }]
});

export function withDependencies(flags: readonly ObjectFlag[]): Set<ObjectFlag> {
  const out = new Set<ObjectFlag>();
  const visit = (flag: ObjectFlag): void => {
    if (out.has(flag)) return;
    out.add(flag);
    OBJECT_FLAG_DEPENDENCIES[flag].forEach(visit);
  };
  flags.forEach(visit);
  return out;
}

export function flagList(flags: ObjectFlags | readonly ObjectFlag[]): string {
  const list: readonly ObjectFlag[] = Array.isArray(flags)
    ? (flags as readonly ObjectFlag[])
    : OBJECT_FLAGS.filter((f) => (flags as ObjectFlags)[f]);
  return list.length ? list.map((f) => OBJECT_FLAG_LABELS[f]).join(', ') : 'no access';
}

const PS = PRODUCT_PERMISSION_SET.name;

/** Creating the product's set: only when the snapshot does not show it exists (no no-op row). */
export function ensurePermissionSet(access: AccessModel, checkId: string): EnsurePermissionSetChange | null {
  const before = access.productState();
  if (before === 'exists') return null;
  return {
    kind: 'ensurePermissionSet',
    key: `ensure:${PS}`,
    checkIds: [checkId],
    reason:
      before === 'missing'
        ? `Creates the product's own permission set '${PRODUCT_PERMISSION_SET.label}' (License None, so it can be assigned to Salesforce and Salesforce Integration users alike): every grant goes there.`
        : `Every grant goes to the product's own permission set '${PRODUCT_PERMISSION_SET.label}' (License None); it is created if it does not exist yet.`,
    permissionSet: PS,
    label: PRODUCT_PERMISSION_SET.label,
    license: null,
    before
  };
}

export function assignPermissionSet(access: AccessModel, checkId: string): AssignPermissionSetChange | null {
  if (access.productSource()) return null;
  const expired = access.expiredProductSource();
  const user = access.snapshot.user.Username;
  return {
    kind: 'assignPermissionSet',
    key: `assign:${PS}:${access.snapshot.user.Id}`,
    checkIds: [checkId],
    reason: expired
      ? `Renews the assignment of '${PRODUCT_PERMISSION_SET.label}' to ${user}, which expired on ${expired.expiredOn?.slice(0, 10)}, by clearing its expiration date.`
      : `Assigns '${PRODUCT_PERMISSION_SET.label}' to ${user} so its permissions take effect.`,
    permissionSet: PS,
    userId: access.snapshot.user.Id,
    expiredAssignmentId: expired?.assignment?.Id ?? null
  };
}

export function objectPermission(
  access: AccessModel,
  object: string,
  needed: readonly ObjectFlag[],
  checkId: string
): ObjectPermissionChange {
  const product = access.knownProduct();
  const row = product ? access.objectRow(product, object) : undefined;
  const before = product ? objectFlagsOf(row) : null;
  const closure = withDependencies(needed);
  const after = before ? { ...before } : noObjectFlags();
  for (const f of closure) after[f] = true;
  const dependencies = OBJECT_FLAGS.filter(
    (f) => closure.has(f) && !needed.includes(f) && !(before?.[f] ?? false)
  );
  let reason = `Grants ${flagList(needed as ObjectFlag[])} on ${object}.`;
  if (dependencies.includes('Delete') && needed.includes('ModifyAll')) {
    reason += ` Delete is added because Salesforce rejects Modify All without Read, Edit, Delete and View All (Act-On's list omits it).`;
  } else if (dependencies.length) {
    reason += ` ${flagList(dependencies)} ${dependencies.length === 1 ? 'is' : 'are'} added because Salesforce requires ${dependencies.length === 1 ? 'it' : 'them'}.`;
  }
  return {
    kind: 'objectPermission',
    key: `object:${PS}:${object}`,
    checkIds: [checkId],
    reason,
    permissionSet: PS,
    object,
    before,
    after,
    dependencies
  };
}

/**
 * The object grant plus, for objects that depend on another (Contact and Opportunity on Account),
 * the grant on that object the product's set lacks, which the first one depends on.
 */
export function objectGrants(
  access: AccessModel,
  object: string,
  needed: readonly ObjectFlag[],
  checkId: string
): ObjectPermissionChange[] {
  const main = objectPermission(access, object, needed, checkId);
  const product = access.knownProduct();
  const out: ObjectPermissionChange[] = [];
  for (const dep of CROSS_OBJECT_DEPENDENCIES[object] ?? []) {
    const has = product ? objectFlagsOf(access.objectRow(product, dep.object))[dep.flag] : false;
    if (has) continue;
    const change = objectPermission(access, dep.object, [dep.flag], checkId);
    change.reason = `Grants ${OBJECT_FLAG_LABELS[dep.flag]} on ${dep.object}: Salesforce accepts access to ${object} in a permission set only with ${OBJECT_FLAG_LABELS[dep.flag]} on ${dep.object} in the same set.`;
    out.push(change);
    main.dependsOn = [...(main.dependsOn ?? []), change.key];
  }
  return [main, ...out];
}

export function fieldPermission(
  access: AccessModel,
  object: string,
  field: string,
  edit: boolean,
  checkId: string
): FieldPermissionChange {
  const product = access.knownProduct();
  let before: { read: boolean; edit: boolean } | null = null;
  if (product) {
    const own = access.fieldRow(product, object, field);
    before = { read: own?.read ?? false, edit: own?.edit ?? false };
  }
  return {
    kind: 'fieldPermission',
    key: `field:${PS}:${object}.${field}`.toLowerCase(),
    checkIds: [checkId],
    reason: `Grants ${edit ? 'Read and Edit' : 'Read'} on ${object}.${field}.`,
    permissionSet: PS,
    object,
    field: `${object}.${field}`,
    before,
    after: { read: true, edit: edit || (before?.edit ?? false) }
  };
}

export function systemPermission(
  access: AccessModel,
  permission: string,
  checkId: string
): SystemPermissionChange {
  const product = access.knownProduct();
  const consequence = IDENTITY_PERMISSIONS[permission] ?? null;
  return {
    kind: 'systemPermission',
    key: `system:${PS}:${permission}`,
    checkIds: [checkId],
    reason: `Grants the system permission ${permissionLabel(permission)}.`,
    permissionSet: PS,
    permission,
    before: product ? product.ps[permission] === true : null,
    after: true,
    identity: consequence !== null,
    consequence
  };
}

/** A grant whose row already holds what it would write (e.g. on a set whose assignment expired). */
function isNoOp(change: Change): boolean {
  switch (change.kind) {
    case 'systemPermission':
      return change.before === true;
    case 'objectPermission':
      return !!change.before && OBJECT_FLAGS.every((f) => change.before?.[f] === change.after[f]);
    case 'fieldPermission':
      return (
        !!change.before &&
        change.before.read === change.after.read &&
        change.before.edit === change.after.edit
      );
    default:
      return false;
  }
}

/** A fix made of grants on the product's permission set, with the set ensured and assigned first. */
export function grantFix(
  access: AccessModel,
  checkId: string,
  summary: string,
  grants: Change[],
  warnings: string[] = []
): CheckFix {
  const changes: Change[] = [];
  const ensure = ensurePermissionSet(access, checkId);
  if (ensure) changes.push(ensure);
  const assign = assignPermissionSet(access, checkId);
  if (assign) changes.push(assign);
  changes.push(...grants.filter((g) => !isNoOp(g)));
  const allWarnings = [...warnings];
  // Held or held through an expired assignment: either way the user is one of AssigneeCount.
  const product = access.knownProduct();
  const others = product && typeof product.ps.AssigneeCount === 'number' ? product.ps.AssigneeCount - 1 : 0;
  if (grants.length && others > 0) {
    allWarnings.push(
      `'${PRODUCT_PERMISSION_SET.label}' is also assigned to ${plural(others, 'other user')}: they receive these permissions too.`
    );
  }
  if (!access.snapshot.user.IsActive) {
    allWarnings.push('The user is inactive: Act-On cannot log in as this user until it is activated again.');
  }
  return { fixable: true, summary, changes, manual: null, refused: null, warnings: allWarnings };
}

export function manualFix(summary: string, manual: ManualStep, refused: string | null = null): CheckFix {
  return { fixable: false, summary, changes: [], manual, refused, warnings: [] };
}

/**
 * Merges changes that touch the same row (same key): their check ids are joined and, for object
 * and field rows, the granted access is the union. Order: permission set, system, object, field
 * permissions, assignment, then removals.
 */
export function mergeChanges(changes: readonly Change[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const change of changes) {
    const seen = byKey.get(change.key);
    if (!seen) {
      byKey.set(change.key, structuredCloneChange(change));
      continue;
    }
    for (const id of change.checkIds) if (!seen.checkIds.includes(id)) seen.checkIds.push(id);
    if (change.dependsOn?.length)
      seen.dependsOn = [...new Set([...(seen.dependsOn ?? []), ...change.dependsOn])];
    if (seen.kind === 'objectPermission' && change.kind === 'objectPermission') {
      for (const f of OBJECT_FLAGS) seen.after[f] = seen.after[f] || change.after[f];
      const deps = new Set([...seen.dependencies, ...change.dependencies]);
      seen.dependencies = OBJECT_FLAGS.filter((f) => deps.has(f));
      if (!seen.reason.includes(change.reason)) seen.reason = mergeReason(seen, change);
    } else if (seen.kind === 'fieldPermission' && change.kind === 'fieldPermission') {
      seen.after = { read: true, edit: seen.after.edit || change.after.edit };
      seen.reason = `Grants ${seen.after.edit ? 'Read and Edit' : 'Read'} on ${seen.field}.`;
    }
  }
  const order: Change['kind'][] = [
    'ensurePermissionSet',
    'systemPermission',
    'objectPermission',
    'fieldPermission',
    'assignPermissionSet',
    'removeAssignment'
  ];
  return [...byKey.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

function mergeReason(a: ObjectPermissionChange, b: ObjectPermissionChange): string {
  const granted = OBJECT_FLAGS.filter((f) => a.after[f] && !(a.before?.[f] ?? false));
  const note = [a.reason, b.reason].find((r) => r.includes('Salesforce rejects') || r.includes('requires'));
  const dependencySentence = note ? note.slice(note.indexOf('.') + 1).trim() : '';
  return `Grants ${flagList(granted)} on ${a.object}.${dependencySentence ? ` ${dependencySentence}` : ''}`;
}

function structuredCloneChange(change: Change): Change {
  return JSON.parse(JSON.stringify(change)) as Change;
}
