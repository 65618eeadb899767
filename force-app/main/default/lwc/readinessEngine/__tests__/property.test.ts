/**
 * Property: for every org situation, applying the fix plan's changes to the snapshot makes every
 * fixable check pass; a perfect user's plan is empty. Checked on the fixture library and on
 * random damage done to a perfect user (fast-check).
 */
import fc from 'fast-check';
import { applyChanges, buildFixPlan } from 'c/readinessEngine';
import type { Snapshot } from 'c/readinessEngine';
import { fixture, fixtureNames, score } from './helpers';

function fixableAfterPlan(snapshot: Snapshot): { fixable: string[]; stillFailing: string[] } {
  const report = score(snapshot);
  const plan = buildFixPlan(report);
  const after = score(applyChanges(snapshot, plan.changes));
  const fixable = report.checks.filter((c) => c.fix?.fixable).map((c) => c.id);
  const stillFailing = fixable.filter((id) => after.checks.find((c) => c.id === id)?.status !== 'pass');
  return { fixable, stillFailing };
}

describe('every fixable check passes after its plan', () => {
  it.each(fixtureNames)('%s', (name) => {
    const { stillFailing } = fixableAfterPlan(fixture(name));
    expect(stillFailing).toEqual([]);
  });

  it('covers fixtures with many fixable checks', () => {
    expect(fixableAfterPlan(fixture('new-user-fixable')).fixable.length).toBeGreaterThan(35);
    expect(fixableAfterPlan(fixture('mfa-api-via-permission-set')).fixable).toContain(
      'mfa.api-logins-disabled'
    );
  });

  it('the new user becomes ready with a score of 100', () => {
    const s = fixture('new-user-fixable');
    const after = score(applyChanges(s, buildFixPlan(score(s)).changes));
    expect(after).toMatchObject({ score: 100, status: 'ready' });
  });

  it('holds under random damage to a perfect user', () => {
    const perfect = fixture('perfect-dedicated-user');
    const permissionFields = [
      'PermissionsApiEnabled',
      'PermissionsEditTask',
      'PermissionsRunReports',
      'PermissionsApiUserOnly',
      'PermissionsExportReport'
    ];
    fc.assert(
      fc.property(
        fc.record({
          dropObjectRows: fc.subarray(perfect.objectPermissions.map((_, i) => i)),
          dropFieldRows: fc.subarray(perfect.fieldPermissions.map((_, i) => i)),
          clearPermissions: fc.subarray(permissionFields),
          dropModifyAll: fc.boolean(),
          addMfaSet: fc.boolean(),
          unassignProduct: fc.boolean()
        }),
        (damage) => {
          const s = JSON.parse(JSON.stringify(perfect)) as Snapshot;
          s.objectPermissions = s.objectPermissions.filter((_, i) => !damage.dropObjectRows.includes(i));
          s.fieldPermissions = s.fieldPermissions.filter((_, i) => !damage.dropFieldRows.includes(i));
          const product = s.permissionSets.find((p) => p.Name === 'Act_On_Integration_User');
          if (!product) throw new Error('fixture lost its product permission set');
          for (const p of damage.clearPermissions) product[p] = false;
          if (damage.dropModifyAll)
            for (const r of s.objectPermissions) r.PermissionsModifyAllRecords = false;
          if (damage.addMfaSet) {
            s.permissionSets.push({
              Id: '0PS8d0000PROP01AAM',
              Name: 'MFA',
              Label: 'MFA',
              PermissionsTwoFactorApi: true,
              PermissionsApiEnabled: true,
              AssigneeCount: 9
            });
            s.assignments.push({ Id: '0Pa8d0000PROP01AAM', PermissionSetId: '0PS8d0000PROP01AAM' });
          }
          if (damage.unassignProduct)
            s.assignments = s.assignments.filter((a) => a.PermissionSetId !== product.Id);
          const { stillFailing } = fixableAfterPlan(s);
          expect(stillFailing).toEqual([]);
        }
      ),
      { numRuns: 150, seed: 20261122 }
    );
  });
});
