import { createElement } from 'lwc';
import ReadinessFixModal from 'c/readinessFixModal';
import applyFix from '@salesforce/apex/ReadinessController.applyFix';
import { assess } from 'c/readinessService';
import type { FixPlan, Report } from 'c/readinessEngine';
import { closeMock as mockClose } from './mocks/lightningModal';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import fixable from '../../../../../../fixtures/snapshots/new-user-fixable.json';
import mfaViaPermissionSet from '../../../../../../fixtures/snapshots/mfa-api-via-permission-set.json';
import missingModifyAll from '../../../../../../fixtures/snapshots/missing-modify-all.json';
import person from '../../../../../../fixtures/snapshots/person-with-ui-logins.json';

jest.mock('lightning/modal', () => require('./mocks/lightningModal'), { virtual: true });
jest.mock('@salesforce/apex/ReadinessController.applyFix', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('c/readinessLabels');

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

type ModalElement = HTMLElement & { plan: FixPlan; report: Report; userId: string };

function mount(snapshot: unknown, checkIds?: string[]) {
  const { report, plan } = assess(checklist, snapshot);
  const { planFor } = jest.requireActual('c/readinessService');
  const element = createElement('c-readiness-fix-modal', { is: ReadinessFixModal }) as ModalElement;
  element.plan = checkIds ? planFor(report, checkIds) : plan;
  element.report = report;
  element.userId = report.user.Id;
  document.body.appendChild(element);
  return { element, report, plan: element.plan };
}

const $ = (el: HTMLElement, sel: string) =>
  el.shadowRoot!.querySelector(sel) as HTMLElement & Record<string, unknown>;
const $$ = (el: HTMLElement, sel: string) =>
  Array.from(el.shadowRoot!.querySelectorAll(sel)) as HTMLElement[];

describe('c-readiness-fix-modal', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    jest.clearAllMocks();
  });

  it('lists every change with its before and after', () => {
    const { element, plan } = mount(fixable);
    const rows = $$(element, 'tr[data-change-key]');
    expect(plan.changes.length).toBeGreaterThan(3);
    expect(rows.map((r) => r.dataset.changeKey)).toEqual(plan.changes.map((c) => c.key));
    const contact = plan.changes.find((c) => c.kind === 'objectPermission' && c.object === 'Contact')!;
    const row = rows.find((r) => r.dataset.changeKey === contact.key)!;
    expect(row.querySelector('.before')!.textContent).toBe('No access');
    expect(row.querySelector('.after')!.textContent).toBe('Read, Create, Edit, Delete, View All, Modify All');
    expect(row.textContent).toContain('Also grants Delete, which Salesforce requires.');
    expect($(element, '[data-id="confirm"]').label).toBe(`Apply ${plan.changes.length} changes`);
  });

  it('warns when the permission set is shared with other users (the engine says so in the plan)', () => {
    const shared = JSON.parse(JSON.stringify(missingModifyAll));
    shared.permissionSets.find((p: { Name?: string }) => p.Name === 'Act_On_Integration_User').AssigneeCount =
      4;
    const { element } = mount(shared);
    expect($(element, '[data-id="warnings"]').textContent).toContain('also assigned to 3 other users');
  });

  it('warns about what removing an assignment really takes away, and not about what the plan re-grants', () => {
    const { element, plan } = mount(mfaViaPermissionSet, ['mfa.api-logins-disabled']);
    const removal = plan.changes.find((c) => c.kind === 'removeAssignment');
    expect(removal).toBeTruthy();
    expect($(element, 'tr[data-change-key="' + removal!.key + '"] .after').textContent).toBe('Removed');
    // The set also grants Run Reports, which the same plan re-grants: nothing is lost, nothing to warn.
    expect($(element, '[data-id="warnings"]')).toBeNull();
    const broader = JSON.parse(JSON.stringify(mfaViaPermissionSet));
    broader.permissionSets.find(
      (p: { Name?: string }) => p.Name === 'MFA_for_API_Logins'
    ).PermissionsManageSharing = true;
    document.body.innerHTML = '';
    const again = mount(broader, ['mfa.api-logins-disabled']);
    expect($(again.element, '[data-id="warnings"]').textContent).toContain('Manage Sharing');
  });

  it('lists what it will not fix', () => {
    const { element } = mount(fixable, ['object.Contact', 'user.active']);
    expect($(element, '[data-id="skipped"]').textContent).toContain('Active user: already passes');
  });

  it('applies on confirm, shows progress, then the result, and closes with it', async () => {
    let resolveApply: (v: unknown) => void = () => undefined;
    (applyFix as unknown as jest.Mock).mockReturnValue(new Promise((r) => (resolveApply = r)));
    const { element, plan, report } = mount(fixable);
    $(element, '[data-id="confirm"]').click();
    await flush();
    expect($(element, '[data-id="progress"]')).not.toBeNull();
    expect($(element, '[data-id="progress"]').getAttribute('aria-busy')).toBe('true');
    const call = (applyFix as unknown as jest.Mock).mock.calls[0][0];
    expect(call.userId).toBe(report.user.Id);
    expect(JSON.parse(call.planJson).changes).toHaveLength(plan.changes.length);

    const result = { logId: 'a0X1', status: 'Applied', changed: plan.changes.length, snapshot: fixable };
    resolveApply(result);
    await flush();
    expect($(element, '[data-id="progress"]')).toBeNull();
    expect($(element, '[data-id="done"]').textContent).toContain(`Applied ${plan.changes.length} changes`);
    expect($(element, '[data-id="result"]').getAttribute('aria-live')).toBe('polite');
    $(element, '[data-id="close"]').click();
    expect(mockClose).toHaveBeenCalledWith({ status: 'applied', result });
  });

  it('shows the error and the permission to ask for when the fix is refused', async () => {
    (applyFix as unknown as jest.Mock).mockRejectedValue({
      body: { message: 'Missing custom permission Act_On_Readiness_Fix' }
    });
    const { element } = mount(fixable);
    $(element, '[data-id="confirm"]').click();
    await flush();
    const error = $(element, '[data-id="error"]');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Nothing was changed');
    expect(error.textContent).toContain('Act_On_Readiness_Fix');
    $(element, '[data-id="close"]').click();
    expect(mockClose).toHaveBeenCalledWith({ status: 'cancelled' });
  });

  it('never sends a sign-in change for a person by default: it lists it as not included, with why', async () => {
    (applyFix as unknown as jest.Mock).mockReturnValue(new Promise(() => undefined));
    const { element, plan } = mount(person);
    const identity = plan.changes.filter((c) => c.identity).map((c) => c.key);
    expect(identity).toHaveLength(3);
    const shown = $$(element, 'tr[data-change-key]').map((r) => r.dataset.changeKey);
    for (const key of identity) expect(shown).not.toContain(key);
    const held = $(element, '[data-id="held"]').textContent;
    expect(held).toContain('API Only User');
    expect(held).toContain('a person signs in as this user');
    expect(held).toContain('can no longer log in to the Salesforce user interface');
    $(element, '[data-id="confirm"]').click();
    await flush();
    const sent = JSON.parse((applyFix as unknown as jest.Mock).mock.calls[0][0].planJson);
    expect(
      sent.changes.map((c: { key: string }) => c.key).filter((k: string) => identity.includes(k))
    ).toEqual([]);
    expect(sent.changes.length).toBe(shown.length);
  });

  it('cancels without writing', () => {
    const { element } = mount(fixable);
    $(element, '[data-id="cancel"]').click();
    expect(applyFix).not.toHaveBeenCalled();
    expect(mockClose).toHaveBeenCalledWith({ status: 'cancelled' });
  });
});
