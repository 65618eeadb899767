/**
 * Bounded reads (0.2): the reader caps its per-set reads and says which it cut (snapshot.truncated);
 * the engine never turns a cut-off read into a verdict it cannot support. It also reads the
 * readable fields as one row per field (snapshot.readableFields) and judges sensitive fields only
 * on the objects whose classifications were read (snapshot.classifiedObjects).
 */
import { PRODUCT_PERMISSION_SET } from 'c/readinessEngine';
import type { Snapshot } from 'c/readinessEngine';
import { check, fixture, ps, score, statusOf } from './helpers';

const PERFECT = 'perfect-dedicated-user';

describe('a cut-off read', () => {
  it('turns a missing grant into unknown: the grant may be in the rows not read', () => {
    const s = fixture(PERFECT);
    ps(s, PRODUCT_PERMISSION_SET.name).PermissionsRunReports = false;
    expect(statusOf(s, 'system.run-reports')).toBe('fail');
    s.truncated = { assignments: true };
    const c = check(score(s), 'system.run-reports');
    expect(c.status).toBe('unknown');
    expect(c.evidence).toMatch(/more permission set assignment rows than the product reads at once/);
  });

  it('keeps a grant it saw: a pass needs no more rows', () => {
    const s = fixture(PERFECT);
    s.truncated = { assignments: true, objectPermissions: true, fieldPermissions: true };
    expect(statusOf(s, 'system.api-enabled')).toBe('pass');
    expect(statusOf(s, 'object.Contact')).toBe('pass');
    expect(statusOf(s, 'field.Contact.Email')).toBe('pass');
  });

  it('turns "MFA for API logins is absent" into unknown, but keeps a source it saw', () => {
    const s = fixture(PERFECT);
    s.truncated = { assignments: true };
    expect(statusOf(s, 'mfa.api-logins-disabled')).toBe('unknown');
    expect(statusOf(s, 'user.least-privilege')).toBe('unknown');
    const t = fixture('mfa-api-via-permission-set');
    t.truncated = { assignments: true };
    expect(statusOf(t, 'mfa.api-logins-disabled')).toBe('fail');
  });

  it('turns a field budget that passes into unknown when readable fields were cut off', () => {
    const s = fixture(PERFECT);
    s.truncated = { readableFields: true };
    expect(statusOf(s, 'data.field-budget')).toBe('unknown');
    const t = fixture('too-many-fields');
    t.truncated = { readableFields: true };
    expect(statusOf(t, 'data.field-budget')).toBe('fail');
  });

  it('a cut-off list of related custom objects leaves that check undecided', () => {
    const s = fixture(PERFECT);
    const before = statusOf(s, 'object.custom-related');
    expect(before).toBe('pass');
    s.truncated = { relatedObjects: true };
    expect(statusOf(s, 'object.custom-related')).toBe('unknown');
  });

  it('is never "ready", and counts the undecided checks in completeness', () => {
    const s = fixture(PERFECT);
    s.truncated = { assignments: true };
    const r = score(s);
    expect(r.status).toBe('at-risk');
    expect(r.completeness.complete).toBe(false);
    expect(r.completeness.text).toMatch(/could not be decided from what was read/);
  });
});

describe('readable fields as one row per field', () => {
  function budgetOf(s: Snapshot): number {
    return Number(/can read (\d+) field/.exec(check(score(s), 'data.field-budget').evidence)?.[1]);
  }

  it('counts a field readable through a set whose per-field rows were not read', () => {
    const s = fixture(PERFECT);
    const before = budgetOf(s);
    const lead = s.fields.find(
      (f) =>
        f.object === 'Lead' &&
        f.permissionable &&
        !s.fieldPermissions.some((r) => r.Field === `Lead.${f.name}`)
    );
    expect(lead).toBeTruthy();
    s.readableFields = [{ SobjectType: 'Lead', Field: `Lead.${lead?.name}` }];
    expect(budgetOf(s)).toBe(before + 1);
  });

  it('maps fields filed under Activity to Task', () => {
    const s = fixture(PERFECT);
    const task = s.fields.find(
      (f) =>
        f.object === 'Task' &&
        f.permissionable &&
        !s.fieldPermissions.some((r) => r.Field.endsWith(`.${f.name}`))
    );
    expect(task).toBeTruthy();
    const before = budgetOf(s);
    s.readableFields = [{ SobjectType: 'Activity', Field: `Activity.${task?.name}` }];
    expect(budgetOf(s)).toBe(before + 1);
  });
});

describe('sensitive fields', () => {
  it('are judged only on the objects whose classifications were read', () => {
    const s = fixture('restricted-field-readable');
    expect(statusOf(s, 'data.sensitive-fields')).toBe('fail');
    s.classifiedObjects = ['Campaign'];
    expect(statusOf(s, 'data.sensitive-fields')).toBe('pass');
  });
});
