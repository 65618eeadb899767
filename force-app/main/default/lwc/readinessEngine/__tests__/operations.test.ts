/**
 * The one write path's properties (operations.md), on every fixture: a plan then its inverse gives
 * back the same report; nothing in a plan depends on what is neither planned nor held; no selection
 * creates or assigns an empty set; every permission the product's set holds has its prerequisites in
 * the same set, after a plan and after its inverse. And the rules of 0.3: prerequisites as their own
 * change, a person keeps their reach, a fix does what it says.
 */
import {
  PRODUCT_PERMISSION_SET,
  applyChanges,
  buildFixPlan,
  dependencyRefusal,
  planUndo,
  prerequisitesOf,
  replanWith,
  selectChanges,
  stillFailing,
  tickChange,
  toOperation,
  unitsGranted
} from 'c/readinessEngine';
import type { Change, FixPlan, Report, Snapshot } from 'c/readinessEngine';
import { check, fixture, fixtureNames, ps, score } from './helpers';

const statuses = (r: Report) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));

/** The grant units the product's set holds in a snapshot. */
function productUnits(s: Snapshot): Set<string> {
  const product = s.permissionSets.find((p) => p.Name === PRODUCT_PERMISSION_SET.name);
  const out = new Set<string>();
  if (!product) return out;
  for (const [k, v] of Object.entries(product))
    if (k.startsWith('Permissions') && v === true) out.add(`system:${k}`);
  const flags: Record<string, string> = {
    PermissionsRead: 'Read',
    PermissionsCreate: 'Create',
    PermissionsEdit: 'Edit',
    PermissionsDelete: 'Delete',
    PermissionsViewAllRecords: 'ViewAll',
    PermissionsModifyAllRecords: 'ModifyAll'
  };
  for (const row of s.objectPermissions)
    if (row.ParentId === product.Id)
      for (const [field, flag] of Object.entries(flags))
        if (row[field] === true) out.add(`object:${row.SobjectType}:${flag}`);
  return out;
}

/** Units whose prerequisite is missing from the same set. */
function missingPrerequisites(s: Snapshot): string[] {
  const units = productUnits(s);
  return [...units].flatMap((u) =>
    prerequisitesOf(u)
      .filter((r) => !units.has(r))
      .map((r) => `${u} needs ${r}`)
  );
}

/** Every change of a plan, as the log records it after a write. */
const logged = (changes: Change[]) => JSON.parse(JSON.stringify(changes.map(toOperation))) as unknown[];

describe.each(fixtureNames)('%s', (name) => {
  const before = fixture(name);
  const report = score(before);
  const plan = buildFixPlan(report);

  it('a plan then its inverse gives the same report', () => {
    const applied = applyChanges(before, plan.changes);
    const undo = planUndo(logged(plan.changes), applied, 'log');
    expect(undo.left).toEqual([]);
    const restored = score(applyChanges(applied, undo.changes));
    expect(restored.score).toBe(report.score);
    expect(statuses(restored)).toEqual(statuses(report));
  });

  it('holds nothing that depends on what is neither planned nor held', () => {
    const keys = new Set(plan.changes.map((c) => c.key));
    const held = productUnits(before);
    const granted = new Set(plan.changes.flatMap(unitsGranted));
    for (const c of plan.changes) for (const d of c.dependsOn ?? []) expect(keys.has(d)).toBe(true);
    for (const unit of granted)
      for (const r of prerequisitesOf(unit)) expect(held.has(r) || granted.has(r)).toBe(true);
  });

  it('never creates or assigns an empty set, whatever is ticked', () => {
    const selections = [plan.selected, [], ...plan.changes.map((c) => tickChange(plan, [], c.key).selected)];
    for (const keys of selections) {
      const { changes } = selectChanges(plan, keys);
      const grants = changes.filter((c) =>
        ['systemPermission', 'objectPermission', 'fieldPermission'].includes(c.kind)
      );
      const setUp = changes.filter(
        (c) => c.kind === 'ensurePermissionSet' || c.kind === 'assignPermissionSet'
      );
      expect(setUp.length === 0 || grants.length > 0).toBe(true);
    }
  });

  it("keeps every prerequisite in the product's set after the plan and after its inverse", () => {
    const applied = applyChanges(before, selectChanges(plan, plan.selected).changes);
    expect(missingPrerequisites(applied)).toEqual([]);
    const all = applyChanges(before, plan.changes);
    expect(missingPrerequisites(all)).toEqual([]);
    const undo = planUndo(logged(plan.changes), all, 'log');
    expect(missingPrerequisites(applyChanges(all, undo.changes))).toEqual([]);
  });

  it("Fix all leaves a person's record-wide access and sign-in alone", () => {
    if (!report.fixAll.identityHeld) return;
    expect(report.fixAll.changes.filter((c) => c.recordWide || c.identity)).toEqual([]);
  });
});

describe('prerequisites in the same set (0.3)', () => {
  /** The profile grants Run Reports; the product's set has neither Run Reports nor Export Reports. */
  function exportWithoutRun(): Snapshot {
    const s = fixture('perfect-dedicated-user');
    const product = ps(s, PRODUCT_PERMISSION_SET.name);
    product.PermissionsExportReport = false;
    product.PermissionsRunReports = false;
    const profile = s.permissionSets.find((p) => p.IsOwnedByProfile);
    if (profile) profile.PermissionsRunReports = true;
    return s;
  }

  it('grants Run Reports beside Export Reports in the product set, as its own change with the reason, whatever the profile grants', () => {
    const report = score(exportWithoutRun());
    expect(check(report, 'system.run-reports').status).toBe('pass');
    expect(check(report, 'system.export-reports').status).toBe('fail');
    const run = report.fixAll.changes.find(
      (c) => c.kind === 'systemPermission' && c.permission === 'PermissionsRunReports'
    );
    const exp = report.fixAll.changes.find(
      (c) => c.kind === 'systemPermission' && c.permission === 'PermissionsExportReport'
    );
    expect(run).toMatchObject({ expected: false, value: true, userHas: true });
    expect(run?.reason).toContain(
      'Salesforce accepts Export Reports in a permission set only with Run Reports in the same set'
    );
    expect(exp?.dependsOn).toContain(run?.key);
  });

  it('turns a "depends on permission(s)" refusal into plain words and a re-plan that includes what it named', () => {
    const s = fixture('new-user-fixable');
    const plan = buildFixPlan(score(s));
    const message =
      'The fix failed and nothing was changed: Insert failed. FIELD_INTEGRITY_EXCEPTION, Permission Read Account depends on permission(s): Read Contact: [PermissionsRead]';
    const refusal = dependencyRefusal(message, ['Account', 'Contact']);
    expect(refusal).toMatchObject({
      permission: 'Read Account',
      requires: ['Read Contact'],
      units: ['object:Contact:Read']
    });
    expect(refusal?.text).toContain(
      'Salesforce accepts Read Account in a permission set only with Read Contact in the same set'
    );
    const again = replanWith(plan, s, refusal as NonNullable<typeof refusal>);
    expect(again.changes.length).toBeGreaterThanOrEqual(plan.changes.length);
    expect(dependencyRefusal('INSUFFICIENT_ACCESS', [])).toBeNull();
    const named = dependencyRefusal('Permission Export Reports depends on permission(s): Run Reports', []);
    expect(named?.units).toEqual(['system:PermissionsRunReports']);
    const plan2 = buildFixPlan(score(fixture('new-user-fixable')));
    const withRun = replanWith(
      { ...plan2, changes: [], selected: [] },
      s,
      named as NonNullable<typeof named>
    );
    expect(withRun.changes.map((c) => c.key)).toContain(
      'system:Act_On_Integration_User:PermissionsRunReports'
    );
    expect(withRun.selected).toContain('system:Act_On_Integration_User:PermissionsRunReports');
  });
});

describe('a person keeps their reach (0.3)', () => {
  const report = score(fixture('person-with-ui-logins'));
  const plan = buildFixPlan(report);

  it('offers record-wide access as its own box, unticked, with the consequence', () => {
    const all = plan.changes.filter((c) => c.recordWide);
    expect(all.length).toBeGreaterThan(0);
    for (const c of all) {
      expect(c.key).toMatch(/^object:Act_On_Integration_User:\w+:all$/);
      expect(plan.selected).not.toContain(c.key);
      expect(plan.held.find((h) => h.key === c.key)?.reason).toMatch(
        /A dedicated integration user is recommended/
      );
    }
  });

  it('says which checks will still fail with the default selection', () => {
    const failing = stillFailing(plan, plan.selected);
    expect(failing.length).toBeGreaterThan(0);
    for (const id of failing) expect(plan.targets).toContain(id);
    expect(
      stillFailing(
        plan,
        plan.changes.map((c) => c.key)
      )
    ).toEqual([]);
  });

  it('creates and assigns nothing when the only change is an unticked sign-in change', () => {
    const s = fixture('soap-login-no-use-any-api-auth');
    s.loginHistory = [
      ...(s.loginHistory ?? []),
      { LoginTime: '2026-11-20T09:00:00.000Z', Status: 'Success', LoginType: 'Application' }
    ];
    const one = buildFixPlan(score(s), ['auth.use-any-api-auth']);
    const chosen = selectChanges(one, one.selected).changes;
    expect(chosen).toEqual([]);
    expect(stillFailing(one, one.selected)).toEqual(['auth.use-any-api-auth']);
  });
});

describe('undo (0.3: the inverse against the org as it is now)', () => {
  const s = fixture('new-user-fixable');
  const plan: FixPlan = buildFixPlan(score(s));
  const applied = applyChanges(s, plan.changes);

  it('leaves out a change made since, saying so', () => {
    const product = ps(applied, PRODUCT_PERMISSION_SET.name);
    product.PermissionsEditTask = false; // taken back by hand in Setup
    const undo = planUndo(logged(plan.changes), applied, 'log');
    expect(undo.left).toContainEqual(
      expect.objectContaining({
        key: 'system:Act_On_Integration_User:PermissionsEditTask',
        reason: expect.stringMatching(/^Changed since this fix/)
      })
    );
  });

  it('leaves out what a later fix still needs: "needed by ..."', () => {
    // As if Export Reports had come with a later fix of its own.
    const isExport = (c: Change) =>
      c.kind === 'systemPermission' && c.permission === 'PermissionsExportReport';
    const first = plan.changes.filter((c) => !isExport(c));
    const undo = planUndo(logged(first), applied, 'log', [logged(plan.changes.filter(isExport))]);
    expect(undo.left).toContainEqual(
      expect.objectContaining({
        key: 'system:Act_On_Integration_User:PermissionsRunReports',
        reason: expect.stringMatching(
          /^Still needed by Export Reports, which 'Act-On Integration User' keeps/
        )
      })
    );
    expect(undo.changes.find((c) => c.kind === 'deletePermissionSet')).toBeUndefined();
    expect(undo.changes.find((c) => c.kind === 'assignPermissionSet')).toBeUndefined();
    expect(undo.left).toContainEqual(
      expect.objectContaining({ reason: expect.stringMatching(/^Kept: a later fix granted Export Reports/) })
    );
  });

  it('offers taking back a sign-in grant as a box to tick, never ticked by default', () => {
    const person = fixture('new-user-fixable');
    const all = buildFixPlan(score(person));
    const done = applyChanges(person, all.changes);
    const undo = planUndo(logged(all.changes), done, 'log');
    const apiOnly = undo.changes.find(
      (c) => c.kind === 'systemPermission' && c.permission === 'PermissionsApiUserOnly'
    );
    expect(apiOnly).toMatchObject({ expected: true, value: false, identity: true });
    expect(undo.selected).not.toContain(apiOnly?.key);
  });

  it('reads nothing from a log it does not recognise', () => {
    const undo = planUndo(
      [
        {
          kind: 'systemPermission',
          permission: 'PermissionsModifyAllData; DROP',
          expected: false,
          value: true
        },
        'x',
        null
      ],
      applied,
      'log'
    );
    expect(undo.changes).toEqual([]);
    expect(undo.left).toHaveLength(3);
    expect(planUndo('not a list', applied, 'log').changes).toEqual([]);
  });
});
