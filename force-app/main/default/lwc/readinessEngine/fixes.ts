/**
 * Builders for the operations a fix is made of. Every grant targets the product's own permission
 * set (created on first use, License None, assigned to the integration user); no other permission
 * set or profile is ever widened. Each grant comes with the prerequisites Salesforce requires in the
 * same set (prerequisites.ts), each as its own operation with its reason.
 */
import {
  AccessModel,
  OBJECT_FLAG_LABELS,
  OBJECT_FLAGS,
  PRODUCT_PERMISSION_SET,
  objectFlagsOf
} from './access';
import { objectUnit, prerequisitesOf, withPrerequisites } from './prerequisites';
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
  ObjectPart,
  ObjectPermissionChange,
  SystemPermissionChange
} from './types';

/** The flags of each part of an object's row: access, and record-wide (they reach every record). */
export const OBJECT_PARTS: Readonly<Record<ObjectPart, readonly ObjectFlag[]>> = Object.freeze({
  access: ['Read', 'Create', 'Edit'],
  all: ['Delete', 'ViewAll', 'ModifyAll']
});

export function partOf(flag: ObjectFlag): ObjectPart {
  return OBJECT_PARTS.access.includes(flag) ? 'access' : 'all';
}

/** What a record-wide grant means for a person, shown beside its box. */
export function recordWideConsequence(object: string): string {
  return `Delete, View All and Modify All reach every ${object} record, in the user interface too: anyone who signs in as this user could see, change and delete them all. A dedicated integration user is recommended.`;
}

/** The same flags of an object part, as a map (the shape of an operation's expected and value). */
function partFlags(flags: ObjectFlags, part: ObjectPart): Partial<ObjectFlags> {
  return Object.fromEntries(OBJECT_PARTS[part].map((f) => [f, flags[f]])) as Partial<ObjectFlags>;
}

export function flagList(flags: ObjectFlags | Partial<ObjectFlags> | readonly ObjectFlag[]): string {
  const list: readonly ObjectFlag[] = Array.isArray(flags)
    ? (flags as readonly ObjectFlag[])
    : OBJECT_FLAGS.filter((f) => (flags as Partial<ObjectFlags>)[f]);
  return list.length ? list.map((f) => OBJECT_FLAG_LABELS[f]).join(', ') : 'no access';
}

const PS = PRODUCT_PERMISSION_SET.name;
const LABEL = PRODUCT_PERMISSION_SET.label;

/** Creating the product's set: only when the snapshot does not show it exists. */
export function ensurePermissionSet(access: AccessModel, checkId: string): EnsurePermissionSetChange | null {
  if (access.productState() === 'exists') return null;
  return {
    kind: 'ensurePermissionSet',
    key: `ensure:${PS}`,
    checkIds: [checkId],
    reason: `Creates the product's own permission set '${LABEL}' (License None, so it can be assigned to Salesforce and Salesforce Integration users alike): every grant goes there.`,
    permissionSet: PS,
    label: LABEL,
    license: null,
    expected: 'absent',
    value: 'present',
    auxiliary: true
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
      ? `Renews the assignment of '${LABEL}' to ${user}, which expired on ${expired.expiredOn?.slice(0, 10)}, by clearing its expiration date.`
      : `Assigns '${LABEL}' to ${user} so its permissions take effect.`,
    permissionSet: PS,
    userId: access.snapshot.user.Id,
    expected: expired ? 'expired' : 'none',
    value: 'active',
    assignmentId: expired?.assignment?.Id ?? null,
    auxiliary: true
  };
}

/** Why a prerequisite is there: "Salesforce accepts Export Reports in a permission set only with Run Reports in the same set." */
function requiredByText(required: string, by: string[]): string {
  return `Salesforce accepts ${by.join(' and ')} in a permission set only with ${required} in the same set, whatever the profile or other sets grant.`;
}

function unitLabel(unit: string): string {
  const [kind, a, b] = unit.split(':');
  return kind === 'system' ? permissionLabel(a) : `${OBJECT_FLAG_LABELS[b as ObjectFlag]} on ${a}`;
}

/** Units among `units` that require `unit` directly. */
function requirers(unit: string, units: Iterable<string>): string[] {
  return [...units].filter((u) => u !== unit && prerequisitesOf(u).includes(unit));
}

/**
 * The operations that give the product's set these units and every prerequisite it lacks: one per
 * system permission, one per object part. `asked` are the units the check itself needs (their
 * reason is the check's); the others carry the prerequisite's reason.
 */
export function grantsFor(access: AccessModel, asked: readonly string[], checkId: string): Change[] {
  const product = access.knownProduct();
  const holds = (unit: string): boolean => {
    if (!product) return false;
    const [kind, a, b] = unit.split(':');
    return kind === 'system'
      ? product.ps[a] === true
      : objectFlagsOf(access.objectRow(product, a))[b as ObjectFlag];
  };
  const wanted = [...withPrerequisites(asked)].filter((u) => !holds(u));
  const out: Change[] = [];
  const objects = new Map<string, Set<ObjectFlag>>();
  for (const unit of wanted) {
    const [kind, a, b] = unit.split(':');
    if (kind === 'system') {
      const needers = requirers(unit, wanted).map(unitLabel);
      out.push(
        systemPermission(
          access,
          a,
          checkId,
          asked.includes(unit) ? null : requiredByText(permissionLabel(a), needers)
        )
      );
    } else {
      const flags = objects.get(a) ?? new Set<ObjectFlag>();
      flags.add(b as ObjectFlag);
      objects.set(a, flags);
    }
  }
  for (const [object, flags] of objects) {
    const own = asked
      .filter((u) => u.startsWith(`object:${object}:`))
      .map((u) => u.split(':')[2] as ObjectFlag);
    for (const part of ['access', 'all'] as const) {
      const granted = OBJECT_FLAGS.filter((f) => flags.has(f) && partOf(f) === part);
      if (granted.length) out.push(objectPermission(access, object, part, granted, own, wanted, checkId));
    }
  }
  return out;
}

function objectPermission(
  access: AccessModel,
  object: string,
  part: ObjectPart,
  granted: readonly ObjectFlag[],
  own: readonly ObjectFlag[],
  wanted: readonly string[],
  checkId: string
): ObjectPermissionChange {
  const product = access.knownProduct();
  const now = objectFlagsOf(product ? access.objectRow(product, object) : undefined);
  const expected = partFlags(now, part);
  const value = { ...expected };
  for (const f of granted) value[f] = true;
  const dependencies = granted.filter((f) => !own.includes(f));
  const askedHere = granted.filter((f) => own.includes(f));
  let reason = askedHere.length ? `Grants ${flagList(askedHere)} on ${object}.` : '';
  if (dependencies.length) {
    const by = [
      ...new Set(dependencies.flatMap((f) => requirers(objectUnit(object, f), wanted).map(unitLabel)))
    ];
    reason += `${reason ? ' ' : ''}${flagList(dependencies)} on ${object} ${dependencies.length === 1 ? 'is' : 'are'} added: ${requiredByText(flagList(dependencies) + ` on ${object}`, by)}`;
    if (dependencies.includes('Delete') && granted.includes('Delete'))
      reason += " (Act-On's list omits Delete.)";
  }
  const recordWide = part === 'all';
  return {
    kind: 'objectPermission',
    key: `object:${PS}:${object}${recordWide ? ':all' : ''}`,
    checkIds: [checkId],
    reason,
    permissionSet: PS,
    object,
    part,
    expected,
    value,
    userHas: { ...access.objectAccess(object).flags },
    dependencies,
    recordWide,
    consequence: recordWide ? recordWideConsequence(object) : null
  };
}

/** Object flags a check needs, as grant units of the product's set. */
export function objectUnits(object: string, flags: readonly ObjectFlag[]): string[] {
  return flags.map((f) => objectUnit(object, f));
}

export function fieldPermission(
  access: AccessModel,
  object: string,
  field: string,
  edit: boolean,
  checkId: string
): FieldPermissionChange {
  const product = access.knownProduct();
  const own = product ? access.fieldRow(product, object, field) : undefined;
  const expected = { read: own?.read ?? false, edit: own?.edit ?? false };
  const user = access.fieldAccess(object, field);
  return {
    kind: 'fieldPermission',
    key: `field:${PS}:${object}.${field}`.toLowerCase(),
    checkIds: [checkId],
    reason: `Grants ${edit ? 'Read and Edit' : 'Read'} on ${object}.${field}.`,
    permissionSet: PS,
    object,
    field: `${object}.${field}`,
    expected,
    value: { read: true, edit: edit || expected.edit },
    userHas: { read: user.read, edit: user.edit }
  };
}

export function systemPermission(
  access: AccessModel,
  permission: string,
  checkId: string,
  prerequisiteReason: string | null = null
): SystemPermissionChange {
  const product = access.knownProduct();
  const consequence = IDENTITY_PERMISSIONS[permission] ?? null;
  return {
    kind: 'systemPermission',
    key: `system:${PS}:${permission}`,
    checkIds: [checkId],
    reason: prerequisiteReason
      ? `Grants ${permissionLabel(permission)}: ${prerequisiteReason}`
      : `Grants the system permission ${permissionLabel(permission)}.`,
    permissionSet: PS,
    permission,
    expected: product?.ps[permission] === true,
    value: true,
    userHas: access.hasPermission(permission),
    identity: consequence !== null,
    consequence
  };
}

const grantedFlags = (c: ObjectPermissionChange): ObjectFlag[] =>
  OBJECT_PARTS[c.part].filter((f) => c.value[f] && !c.expected[f]);
const askedFlags = (c: ObjectPermissionChange): ObjectFlag[] =>
  grantedFlags(c).filter((f) => !c.dependencies.includes(f));

/** An operation whose value is what the org already holds: nothing to write. */
export function isNoOp(change: Change): boolean {
  return JSON.stringify(change.expected) === JSON.stringify(change.value);
}

/** A fix made of grants on the product's permission set, with the set ensured and assigned. */
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
      `'${LABEL}' is also assigned to ${plural(others, 'other user')}: they receive these permissions too.`
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

/** The order operations are written in: the set, its permissions, object rows, field rows, the user, removals. */
export const WRITE_ORDER: readonly Change['kind'][] = [
  'ensurePermissionSet',
  'systemPermission',
  'objectPermission',
  'fieldPermission',
  'assignPermissionSet',
  'userPermission',
  'removeAssignment',
  'deletePermissionSet'
];

/**
 * Merges operations on the same row (same key): their check ids are joined and the values written
 * are the union. Returned in write order.
 */
export function mergeChanges(changes: readonly Change[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const change of changes) {
    const seen = byKey.get(change.key);
    if (!seen) {
      byKey.set(change.key, JSON.parse(JSON.stringify(change)) as Change);
      continue;
    }
    for (const id of change.checkIds) if (!seen.checkIds.includes(id)) seen.checkIds.push(id);
    if (change.dependsOn?.length)
      seen.dependsOn = [...new Set([...(seen.dependsOn ?? []), ...change.dependsOn])];
    if (seen.kind === 'objectPermission' && change.kind === 'objectPermission') {
      const asked = new Set([...askedFlags(seen), ...askedFlags(change)]);
      for (const f of OBJECT_PARTS[seen.part]) seen.value[f] = seen.value[f] || change.value[f];
      seen.dependencies = grantedFlags(seen).filter((f) => !asked.has(f));
      if (!seen.reason.includes(change.reason)) seen.reason = `${seen.reason} ${change.reason}`.trim();
    } else if (seen.kind === 'fieldPermission' && change.kind === 'fieldPermission') {
      seen.value = { read: true, edit: seen.value.edit || change.value.edit };
      seen.reason = `Grants ${seen.value.edit ? 'Read and Edit' : 'Read'} on ${seen.field}.`;
    } else if (seen.kind === 'systemPermission' && change.kind === 'systemPermission') {
      // A check's own reason wins over "required by" (the permission is asked for itself).
      if (seen.reason.includes('Salesforce accepts') && !change.reason.includes('Salesforce accepts'))
        seen.reason = change.reason;
    }
  }
  return [...byKey.values()].sort((a, b) => WRITE_ORDER.indexOf(a.kind) - WRITE_ORDER.indexOf(b.kind));
}
