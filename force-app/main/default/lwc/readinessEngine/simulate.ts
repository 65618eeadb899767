/**
 * Applies a fix plan to a copy of a snapshot, the way the Apex writer applies it to the org:
 * grants land on the product's permission set, which is created and assigned when missing.
 * Used by the property test (every fixable check passes after its plan) and by the local preview,
 * whose stand-in for the Apex controller has no org to write to.
 */
import { OBJECT_FLAGS, OBJECT_FLAG_FIELDS, PRODUCT_PERMISSION_SET } from './access';
import type { Change, PermissionSetRecord, Snapshot } from './types';

let counter = 0;

/** A record id of the right shape for a simulated record (prefix + 15 characters). */
export function simulatedId(prefix: string): string {
  counter += 1;
  return `${prefix}SIM${String(counter).padStart(12, '0')}`;
}

export function applyChanges(snapshot: Snapshot, changes: readonly Change[]): Snapshot {
  const next = JSON.parse(JSON.stringify(snapshot)) as Snapshot;
  let product: PermissionSetRecord | undefined = next.permissionSets.find(
    (ps) => ps.Name === PRODUCT_PERMISSION_SET.name
  );
  const needProduct = (): PermissionSetRecord => {
    if (!product) throw new Error(`${PRODUCT_PERMISSION_SET.name} must be ensured before it is changed`);
    return product;
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
      case 'systemPermission':
        needProduct()[change.permission] = true;
        break;
      case 'objectPermission': {
        const ps = needProduct();
        let row = next.objectPermissions.find((r) => r.ParentId === ps.Id && r.SobjectType === change.object);
        if (!row) next.objectPermissions.push((row = { ParentId: ps.Id, SobjectType: change.object }));
        for (const flag of OBJECT_FLAGS) row[OBJECT_FLAG_FIELDS[flag]] = change.after[flag];
        break;
      }
      case 'fieldPermission': {
        const ps = needProduct();
        let row = next.fieldPermissions.find(
          (r) => r.ParentId === ps.Id && r.Field.toLowerCase() === change.field.toLowerCase()
        );
        if (!row)
          next.fieldPermissions.push(
            (row = { ParentId: ps.Id, SobjectType: change.object, Field: change.field })
          );
        row.PermissionsRead = change.after.read;
        row.PermissionsEdit = change.after.edit;
        break;
      }
      case 'assignPermissionSet': {
        const ps = needProduct();
        if (!next.assignments.some((a) => a.PermissionSetId === ps.Id)) {
          next.assignments.push({
            Id: simulatedId('0Pa'),
            PermissionSetId: ps.Id,
            PermissionSetGroupId: null,
            ExpirationDate: null
          });
          ps.AssigneeCount = (ps.AssigneeCount ?? 0) + 1;
        }
        break;
      }
      case 'removeAssignment': {
        const before = next.assignments.length;
        const removed = (a: { Id?: string; PermissionSetId: string }): boolean => {
          if (change.assignmentId) return a.Id === change.assignmentId;
          return a.PermissionSetId === change.permissionSetId;
        };
        next.assignments = next.assignments.filter((a) => !removed(a));
        const ps = next.permissionSets.find((p) => p.Id === change.permissionSetId);
        if (ps && before !== next.assignments.length && typeof ps.AssigneeCount === 'number') {
          ps.AssigneeCount = Math.max(0, ps.AssigneeCount - 1);
        }
        break;
      }
      default:
        throw new Error(`unknown change kind ${(change as { kind: string }).kind}`);
    }
  }
  return next;
}
