/**
 * Applies a fix plan to a copy of a snapshot, the way the Apex writer applies it to the org:
 * grants land on the product's permission set, which is created and assigned when missing.
 * Used by the property test (every fixable check passes after its plan), by the removal fix (what
 * would break without that assignment) and by the local preview, whose stand-in for the Apex
 * controller has no org to write to.
 */
import { OBJECT_FLAGS, OBJECT_FLAG_FIELDS, PRODUCT_PERMISSION_SET } from './access';
import type { Change, PermissionSetRecord, Snapshot } from './types';

let counter = 0;

/** A record id of the right shape for a simulated record (prefix + 15 characters). */
export function simulatedId(prefix: string): string {
  counter += 1;
  return `${prefix}SIM${String(counter).padStart(12, '0')}`;
}

/** Replaces the record at index i by a shallow copy and returns the copy (copy-on-write). */
function own<T extends object>(list: T[], i: number): T {
  list[i] = { ...list[i] };
  return list[i];
}

/**
 * Returns a new snapshot with the changes applied (each change's value written); the input is never
 * modified. The record arrays are copied and only the records a change touches are cloned, so large
 * snapshots stay cheap. Inverse changes (undo) are applied the same way.
 */
export function applyChanges(snapshot: Snapshot, changes: readonly Change[]): Snapshot {
  const next: Snapshot = {
    ...snapshot,
    user: { ...snapshot.user },
    assignments: [...snapshot.assignments],
    permissionSets: [...snapshot.permissionSets],
    objectPermissions: [...snapshot.objectPermissions],
    fieldPermissions: [...snapshot.fieldPermissions]
  };
  const productIndex = next.permissionSets.findIndex((ps) => ps.Name === PRODUCT_PERMISSION_SET.name);
  let product: PermissionSetRecord | undefined =
    productIndex >= 0 ? own(next.permissionSets, productIndex) : undefined;
  const needProduct = (): PermissionSetRecord => {
    if (!product) throw new Error(`${PRODUCT_PERMISSION_SET.name} must be ensured before it is changed`);
    return product;
  };
  const countOf = (psId: string, delta: number): void => {
    const i = next.permissionSets.findIndex((p) => p.Id === psId);
    const count = i >= 0 ? next.permissionSets[i].AssigneeCount : null;
    if (typeof count === 'number') own(next.permissionSets, i).AssigneeCount = Math.max(0, count + delta);
  };
  for (const change of changes) {
    switch (change.kind) {
      case 'ensurePermissionSet':
        if (!product) {
          product = {
            Id: simulatedId('0PS'),
            Name: change.permissionSet,
            Label: change.label,
            Type: 'Regular',
            IsOwnedByProfile: false,
            ProfileId: null,
            PermissionSetGroupId: null,
            LicenseId: null,
            AssigneeCount: 0
          };
          next.permissionSets.push(product);
        }
        break;
      case 'deletePermissionSet': {
        const id = needProduct().Id;
        next.permissionSets = next.permissionSets.filter((p) => p.Id !== id);
        next.objectPermissions = next.objectPermissions.filter((r) => r.ParentId !== id);
        next.fieldPermissions = next.fieldPermissions.filter((r) => r.ParentId !== id);
        next.assignments = next.assignments.filter((a) => a.PermissionSetId !== id);
        next.productPermissionSetId = null;
        product = undefined;
        break;
      }
      case 'systemPermission':
        needProduct()[change.permission] = change.value;
        break;
      case 'objectPermission': {
        const ps = needProduct();
        const i = next.objectPermissions.findIndex(
          (r) => r.ParentId === ps.Id && r.SobjectType.toLowerCase() === change.object.toLowerCase()
        );
        const row = i >= 0 ? own(next.objectPermissions, i) : { ParentId: ps.Id, SobjectType: change.object };
        if (i < 0) next.objectPermissions.push(row);
        for (const flag of OBJECT_FLAGS)
          if (change.value[flag] !== undefined) row[OBJECT_FLAG_FIELDS[flag]] = change.value[flag];
        break;
      }
      case 'fieldPermission': {
        const ps = needProduct();
        const field = change.field.toLowerCase();
        const i = next.fieldPermissions.findIndex(
          (r) => r.ParentId === ps.Id && r.Field.toLowerCase() === field
        );
        const row =
          i >= 0
            ? own(next.fieldPermissions, i)
            : { ParentId: ps.Id, SobjectType: change.object, Field: change.field };
        if (i < 0) next.fieldPermissions.push(row);
        row.PermissionsRead = change.value.read;
        row.PermissionsEdit = change.value.edit;
        break;
      }
      case 'assignPermissionSet': {
        const ps = needProduct();
        const held = next.assignments.findIndex((a) => a.PermissionSetId === ps.Id);
        if (change.value === 'none') {
          if (held >= 0) {
            next.assignments.splice(held, 1);
            countOf(ps.Id, -1);
          }
        } else if (held >= 0) {
          own(next.assignments, held).ExpirationDate = null;
        } else {
          next.assignments.push({
            Id: simulatedId('0Pa'),
            PermissionSetId: ps.Id,
            PermissionSetGroupId: null,
            ExpirationDate: null
          });
          countOf(ps.Id, 1);
        }
        break;
      }
      case 'removeAssignment': {
        const held = next.assignments.findIndex((a) => a.PermissionSetId === change.permissionSetId);
        if (change.value === 'none' && held >= 0) {
          next.assignments.splice(held, 1);
          countOf(change.permissionSetId, -1);
        } else if (change.value === 'assigned' && held < 0) {
          next.assignments.push({
            Id: simulatedId('0Pa'),
            PermissionSetId: change.permissionSetId,
            PermissionSetGroupId: change.permissionSetGroupId,
            ExpirationDate: null
          });
          countOf(change.permissionSetId, 1);
        }
        break;
      }
      case 'userPermission':
        next.user[change.field] = change.value;
        break;
      default:
        throw new Error(`unknown change kind ${(change as { kind: string }).kind}`);
    }
  }
  return next;
}
