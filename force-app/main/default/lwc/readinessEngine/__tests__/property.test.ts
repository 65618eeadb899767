/**
 * Property: for every org situation, applying the fix plan's changes to the snapshot makes every
 * fixable check pass; a perfect user's plan is empty. Checked on the fixture library and on
 * random damage done to a perfect user (fast-check).
 */
import fc from 'fast-check';
import { applyChanges, buildFixPlan, isApiLogin } from 'c/readinessEngine';
import type { Snapshot } from 'c/readinessEngine';
import { fixture, fixtureNames, score } from './helpers';

const withInteractiveLogins = fixtureNames.filter((name) =>
  (fixture(name).loginHistory ?? []).some((l) => !isApiLogin(l))
);

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

describe('"Fix all" (the report\'s fixAll)', () => {
  it('the library has fixtures with interactive logins to hold this to', () => {
    expect(withInteractiveLogins).toEqual(
      expect.arrayContaining(['person-with-ui-logins', 'normal-user-fixable', 'system-administrator'])
    );
  });

  it.each(withInteractiveLogins)('%s: holds no identity-changing grant for a person', (name) => {
    const { fixAll } = score(fixture(name));
    expect(fixAll.changes.filter((c) => c.identity)).toEqual([]);
    expect(fixAll.identityHeld).toMatch(/a person signs in as this user|this is your own user/);
  });

  it.each(fixtureNames)(
    '%s: applying fixAll never lowers the score, and leaves nothing for a second click',
    (name) => {
      const s = fixture(name);
      const before = score(s);
      const after = score(applyChanges(s, before.fixAll.changes));
      expect(after.score).toBeGreaterThanOrEqual(before.score);
      for (const id of before.fixAll.checkIds)
        expect(after.checks.find((c) => c.id === id)?.status).toBe('pass');
      expect(after.fixAll.changes).toEqual([]);
    }
  );

  it('holds under random login histories: interactive logins always keep identity grants out', () => {
    const base = fixture('new-user-fixable');
    const row = fc.record({
      LoginTime: fc.constantFrom(
        '2026-11-20T00:00:00.000Z',
        '2026-11-21T00:00:00.000Z',
        '2026-10-01T00:00:00.000Z'
      ),
      Status: fc.constantFrom('Success', 'Invalid Password'),
      LoginType: fc.constantFrom(
        'Application',
        'Remote Access 2.0',
        'Other Apex API',
        'SAML Idp Initiated SSO'
      ),
      ApiType: fc.constantFrom(null, 'SOAP Partner'),
      ApiVersion: fc.constantFrom(null, '58.0')
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), fc.boolean(), (logins, self) => {
        const s = {
          ...base,
          loginHistory: logins,
          runningUserId: self ? base.user.Id : '005000000000001AAA'
        };
        const report = score(s);
        const person = self || logins.some((l) => !isApiLogin(l));
        const identity = report.fixAll.changes.filter((c) => c.identity);
        // A person (or the running user) never gets a sign-in change by default; the running user nothing at all.
        expect(person ? identity : []).toEqual([]);
        expect(self ? report.fixAll.changes : []).toEqual([]);
        const after = score(applyChanges(s, report.fixAll.changes));
        expect(after.score).toBeGreaterThanOrEqual(report.score);
      }),
      { numRuns: 100, seed: 20261123 }
    );
  });
});
