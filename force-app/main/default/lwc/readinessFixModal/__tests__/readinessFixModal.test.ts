import { createElement } from 'lwc';
import ReadinessFixModal from 'c/readinessFixModal';
import applyFix from '@salesforce/apex/ReadinessController.applyFix';
import { applyChanges, planUndo, selectChanges, toOperation } from 'c/readinessEngine';
import { assess } from 'c/readinessService';
import type { FixPlan, Report, Snapshot } from 'c/readinessEngine';
import { closeMock as mockClose } from './mocks/lightningModal';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import fixable from '../../../../../../fixtures/snapshots/new-user-fixable.json';
import mfaViaPermissionSet from '../../../../../../fixtures/snapshots/mfa-api-via-permission-set.json';
import missingModifyAll from '../../../../../../fixtures/snapshots/missing-modify-all.json';
import person from '../../../../../../fixtures/snapshots/person-with-ui-logins.json';
import own from '../../../../../../fixtures/snapshots/running-user.json';

jest.mock('lightning/modal', () => require('./mocks/lightningModal'), { virtual: true });
jest.mock('@salesforce/apex/ReadinessController.applyFix', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('c/readinessLabels');

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const apply = applyFix as unknown as jest.Mock;

type ModalElement = HTMLElement & Record<string, unknown> & { plan: FixPlan; report: Report };

function mount(snapshot: unknown, checkIds?: string[]) {
  const { report, plan } = assess(checklist, snapshot);
  const { planFor } = jest.requireActual('c/readinessService');
  const element = createElement('c-readiness-fix-modal', {
    is: ReadinessFixModal
  }) as unknown as ModalElement;
  element.plan = checkIds ? planFor(report, checkIds) : plan;
  element.snapshot = snapshot;
  element.report = report;
  element.userId = report.user.Id;
  element.checklist = checklist;
  element.context = {
    checkTitles: Object.fromEntries(report.checks.map((c) => [c.id, c.title])),
    fieldLabels: Object.fromEntries(
      (snapshot as Snapshot).fields.map((f) => [`${f.object}.${f.name}`.toLowerCase(), f.label ?? f.name])
    ),
    userName: report.user.Name ?? report.user.Username
  };
  document.body.appendChild(element);
  return { element, report, plan: element.plan };
}

const $ = (el: HTMLElement, sel: string) =>
  el.shadowRoot!.querySelector(sel) as HTMLElement & Record<string, unknown>;
const $$ = (el: HTMLElement, sel: string) =>
  Array.from(el.shadowRoot!.querySelectorAll(sel)) as HTMLElement[];
const box = (el: HTMLElement, key: string) =>
  el.shadowRoot!.querySelector(`input[data-key="${key}"]`) as HTMLInputElement;
function click(input: HTMLInputElement): void {
  input.checked = !input.checked;
  input.dispatchEvent(new CustomEvent('change'));
}
const sent = (i = 0) => JSON.parse(apply.mock.calls[i][0].requestJson);
const sentKeys = () => sent().operations.map((c: { key: string }) => c.key);

describe('c-readiness-fix-modal', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    jest.clearAllMocks();
  });

  it('lists every change with a box, its before and after, in plain words', () => {
    const { element, plan } = mount(fixable);
    const rows = $$(element, 'li[data-change-key]');
    expect(rows.map((r) => r.dataset.changeKey)).toEqual(plan.changes.map((c) => c.key));
    expect(rows.every((r) => (r.querySelector('input[type="checkbox"]') as HTMLInputElement).checked)).toBe(
      true
    );
    const contact = plan.changes.find(
      (c) => c.kind === 'objectPermission' && c.object === 'Contact' && c.part === 'all'
    )!;
    const row = rows.find((r) => r.dataset.changeKey === contact.key)!;
    expect(row.querySelector('.where')!.textContent).toBe("In 'Act-On Integration User':");
    expect(row.querySelector('.before')!.textContent).toBe('No access');
    expect(row.querySelector('.after')!.textContent).toBe('Delete, View All, Modify All');
    expect(row.querySelector('[data-id="user-now"]')!.textContent).toBe(
      'The user has now, from every source: No access'
    );
    expect(row.textContent).toContain('Also grants Delete, which Salesforce requires.');
    expect(row.textContent).toContain('For: Contact access');
    expect(row.textContent).not.toContain('object.Contact');
    const ensure = rows.find((r) => r.dataset.changeKey === 'ensure:Act_On_Integration_User')!;
    expect(ensure.querySelector('.before')!.textContent).toBe('Does not exist');
    expect(ensure.querySelector('.after')!.textContent).toBe('Will be created (License: None)');
    // The set and its assignment come with the grants: their boxes cannot be ticked alone.
    expect((ensure.querySelector('input') as HTMLInputElement).disabled).toBe(true);
    expect(ensure.querySelector('[data-id="comes-with"]')).not.toBeNull();
    const field = plan.changes.find((c) => c.kind === 'fieldPermission' && c.field === 'Contact.Email')!;
    expect(rows.find((r) => r.dataset.changeKey === field.key)!.textContent).toContain(
      'Field access: Email (Contact)'
    );
    expect($(element, '[data-id="confirm"]').label).toBe(`Apply ${plan.changes.length} changes`);
    expect($(element, '[data-id="ticked"]').textContent).toBe(
      `${plan.changes.length} of ${plan.changes.length} changes ticked`
    );
  });

  it('says "1 change", not "1 changes"', () => {
    const { element } = mount(missingModifyAll, ['object.Contact']);
    expect($(element, '[data-id="confirm"]').label).toBe('Apply 1 change');
  });

  it('unticking a change unticks what needs it, says so, and applies only what stays ticked', async () => {
    apply.mockReturnValue(new Promise(() => undefined));
    const { element, plan } = mount(fixable);
    const account = plan.changes.find(
      (c) => c.kind === 'objectPermission' && c.object === 'Account' && c.part === 'access'
    )!;
    const contact = plan.changes.find(
      (c) => c.kind === 'objectPermission' && c.object === 'Contact' && c.part === 'access'
    )!;
    click(box(element, account.key));
    await flush();
    expect(box(element, account.key).checked).toBe(false);
    expect(box(element, contact.key).checked).toBe(false);
    expect($(element, '[data-id="cascade"]').textContent).toContain('Also unticked, because they need it: ');
    expect($(element, '[data-id="cascade"]').textContent).toContain('Object access: Contact');
    click(box(element, contact.key));
    await flush();
    expect(box(element, account.key).checked).toBe(true);
    expect($(element, '[data-id="cascade"]').textContent).toContain(
      'Also ticked, because it is needed: Object access: Account'
    );
    const api = plan.changes.find(
      (c) => c.kind === 'systemPermission' && c.permission === 'PermissionsApiEnabled'
    )!;
    click(box(element, api.key));
    await flush();
    $(element, '[data-id="confirm"]').click();
    await flush();
    expect(sentKeys()).not.toContain(api.key);
    expect(sentKeys()).toContain(contact.key);
  });

  it('unticking every grant leaves the set and its assignment unticked too: nothing empty is created', async () => {
    const { element, plan } = mount(fixable);
    for (const c of plan.changes.filter((x) => !x.auxiliary))
      if (box(element, c.key).checked) click(box(element, c.key));
    await flush();
    expect(plan.changes.filter((c) => box(element, c.key).checked)).toEqual([]);
    expect($(element, '[data-id="confirm"]').disabled).toBe(true);
  });

  it('says the field checks still fail when the access to their object is unticked', async () => {
    const { element, plan, report } = mount(fixable);
    const campaign = plan.changes.find(
      (c) => c.kind === 'objectPermission' && c.object === 'Campaign' && c.part === 'access'
    )!;
    const fieldChecks = report.checks.filter(
      (c) => c.id.startsWith('field.Campaign.') && c.status === 'fail'
    );
    expect(fieldChecks.length).toBeGreaterThan(0);
    click(box(element, campaign.key));
    await flush();
    // The field grants stay ticked (they do not need the object row to be written)...
    for (const c of plan.changes.filter((x) => x.kind === 'fieldPermission' && x.object === 'Campaign'))
      expect(box(element, c.key).checked).toBe(true);
    // ...but without Read on Campaign their checks still fail, and the preview says so.
    const text = $(element, '[data-id="still-failing"]').textContent!;
    for (const c of fieldChecks) expect(text).toContain(c.title);
  });

  it('ticks and unticks every change at once, and opens a long list compact', async () => {
    const { element, plan } = mount(fixable);
    expect(plan.changes.length).toBeGreaterThan(8);
    const list = $(element, '[data-id="changes"]');
    expect(list.className).toContain('changes_compact');
    const toggle = $(element, '[data-id="toggle-reasons"]');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await flush();
    expect($(element, '[data-id="changes"]').className).not.toContain('changes_compact');
    $(element, '[data-id="untick-all"]').click();
    await flush();
    expect($$(element, 'input[type="checkbox"]').filter((b) => (b as HTMLInputElement).checked)).toHaveLength(
      0
    );
    expect($(element, '[data-id="confirm"]').disabled).toBe(true);
    $(element, '[data-id="tick-all"]').click();
    await flush();
    expect($$(element, 'input[type="checkbox"]').filter((b) => (b as HTMLInputElement).checked)).toHaveLength(
      plan.changes.length
    );
    expect($(element, '[data-id="confirm"]').label).toBe(`Apply ${plan.changes.length} changes`);
  });

  it('says which checks still fail with what is ticked', async () => {
    const { element } = mount(person);
    expect($(element, '[data-id="still-failing"]').textContent).toMatch(
      /^Still failing after this: .*Contact access/
    );
  });

  it('leaves sign-in changes for a person unticked, with why and what they do; ticking one sends it', async () => {
    apply.mockReturnValue(new Promise(() => undefined));
    const { element, plan } = mount(person);
    const identity = plan.changes.filter((c) => c.identity);
    expect(identity).toHaveLength(3);
    for (const c of plan.changes.filter((x) => x.recordWide)) expect(box(element, c.key).checked).toBe(false);
    for (const c of identity) {
      expect(box(element, c.key).checked).toBe(false);
      const row = $(element, `li[data-change-key="${c.key}"]`);
      expect(row.querySelector('[data-id="held"]')!.textContent).toContain('a person signs in as this user');
      expect(row.querySelector('[data-id="consequence"]')!.textContent).toBe(c.consequence);
      // The consequence is said once in the box, not again inside why it is held.
      expect(row.querySelector('[data-id="held"]')!.textContent).not.toContain(c.consequence!);
    }
    const apiOnly = identity.find(
      (c) => c.kind === 'systemPermission' && c.permission === 'PermissionsApiUserOnly'
    )!;
    click(box(element, apiOnly.key));
    await flush();
    $(element, '[data-id="confirm"]').click();
    await flush();
    expect(sentKeys()).toContain(apiOnly.key);
    expect(sentKeys()).not.toContain(identity.find((c) => c !== apiOnly)!.key);
  });

  it('warns once, and only of what is really lost', () => {
    const { element } = mount(mfaViaPermissionSet, ['mfa.api-logins-disabled']);
    // The set also grants View Reports in Public Folders, which the same plan re-grants: nothing is lost.
    expect($(element, '[data-id="warnings"]')).toBeNull();
    expect($$(element, '.note')).toHaveLength(0);
    document.body.innerHTML = '';
    const broader = JSON.parse(JSON.stringify(mfaViaPermissionSet));
    broader.permissionSets.find(
      (p: { Name?: string }) => p.Name === 'MFA_for_API_Logins'
    ).PermissionsManageSharing = true;
    const again = mount(broader, ['mfa.api-logins-disabled']);
    const notes = $$(again.element, '.note').map((n) => n.textContent);
    expect(notes).toEqual(['Also takes away: Manage Sharing']);
    expect($(again.element, '[data-id="warnings"]')).toBeNull();
    const removal = $(again.element, `li[data-change-key^="remove:"]`);
    expect(removal.textContent).toContain(
      "Remove the permission set 'MFA for API Logins' from Act-On Integration"
    );
  });

  it('warns when the permission set is shared with other users', () => {
    const shared = JSON.parse(JSON.stringify(missingModifyAll));
    shared.permissionSets.find((p: { Name?: string }) => p.Name === 'Act_On_Integration_User').AssigneeCount =
      4;
    const { element } = mount(shared);
    expect($(element, '[data-id="warnings"]').textContent).toContain('also assigned to 3 other users');
  });

  it('lists what it will not fix, by title', () => {
    const { element } = mount(fixable, ['object.Contact', 'user.active']);
    expect($(element, '[data-id="skipped"]').textContent).toContain('Active user: already passes');
  });

  it('refuses the running user: nothing can be confirmed', () => {
    const { element } = mount(own);
    expect($(element, '[data-id="refused"]').textContent).toContain('your own user');
    expect($(element, '[data-id="confirm"]').disabled).toBe(true);
  });

  it('applies on confirm, shows progress, then the result with the new score, and leads to the fix log', async () => {
    let resolveApply: (v: unknown) => void = () => undefined;
    apply.mockReturnValue(new Promise((r) => (resolveApply = r)));
    const { element, plan, report } = mount(fixable);
    $(element, '[data-id="confirm"]').click();
    await flush();
    expect($(element, '[data-id="progress"]').getAttribute('aria-busy')).toBe('true');
    const call = apply.mock.calls[0][0];
    expect(call.userId).toBe(report.user.Id);
    expect(sent().operations).toHaveLength(selectChanges(plan, plan.selected).changes.length);
    const after = applyChanges(fixable as Snapshot, selectChanges(plan, plan.selected).changes);
    const result = { logId: 'a0X1', status: 'Applied', changed: plan.changes.length, snapshot: after };
    resolveApply(result);
    await flush();
    expect($(element, '[data-id="progress"]')).toBeNull();
    expect($(element, '[data-id="done"]').textContent).toContain(`${plan.changes.length} changes applied.`);
    expect($(element, '[data-id="done"]').textContent).toContain('New score: 100 of 100, Ready.');
    expect($(element, '[data-id="description"]')).toBeNull();
    expect($(element, '[data-id="changes"]')).toBeNull();
    expect($(element, 'lightning-modal-header').label).toBe('Fix applied');
    // The Apply button is gone: focus goes to the result's heading, inside the modal.
    expect(element.shadowRoot!.activeElement).toBe($(element, '[data-id="result-heading"]'));
    $(element, '[data-id="open-log"]').click();
    expect(mockClose).toHaveBeenCalledWith({ status: 'applied', result, openLog: true });
  });

  it('shows the error and the permission to ask for when the fix is refused', async () => {
    apply.mockRejectedValue({ body: { message: 'Missing custom permission Act_On_Readiness_Fix' } });
    const { element } = mount(fixable);
    $(element, '[data-id="confirm"]').click();
    await flush();
    const error = $(element, '[data-id="error"]');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Nothing was changed');
    expect(error.textContent).toContain('Act_On_Readiness_Fix');
    expect(element.shadowRoot!.activeElement).toBe($(element, '[data-id="result-heading"]'));
    $(element, '[data-id="close"]').click();
    expect(mockClose).toHaveBeenCalledWith({ status: 'cancelled' });
  });

  it('turns a prerequisite refusal into plain words and re-plans with what Salesforce named', async () => {
    apply.mockRejectedValueOnce({
      body: {
        message:
          'The fix failed and nothing was changed: FIELD_INTEGRITY_EXCEPTION, Permission Read Account depends on permission(s): Read Contact: [PermissionsRead]'
      }
    });
    apply.mockReturnValue(new Promise(() => undefined));
    const { element } = mount(fixable, ['object.Account']);
    $(element, '[data-id="confirm"]').click();
    await flush();
    expect($(element, '[data-id="error"]').textContent).toContain(
      'Salesforce accepts Read Account in a permission set only with Read Contact in the same set'
    );
    $(element, '[data-id="replan"]').click();
    await flush();
    const contact = $(element, 'li[data-change-key="object:Act_On_Integration_User:Contact"]');
    expect(contact).not.toBeNull();
    expect((contact.querySelector('input') as HTMLInputElement).checked).toBe(true);
    $(element, '[data-id="confirm"]').click();
    await flush();
    expect(sent(1).operations.map((o: { key: string }) => o.key)).toContain(
      'object:Act_On_Integration_User:Contact'
    );
  });

  it('previews an undo the same way: a box per change, what is left and why, and sends what it undoes', async () => {
    apply.mockReturnValue(new Promise(() => undefined));
    const { report, plan } = assess(checklist, fixable);
    const applied = applyChanges(fixable as Snapshot, plan.changes);
    const undo = planUndo(JSON.parse(JSON.stringify(plan.changes.map(toOperation))), applied, 'log-7');
    const element = createElement('c-readiness-fix-modal', {
      is: ReadinessFixModal
    }) as unknown as ModalElement;
    Object.assign(element, {
      plan: undo,
      snapshot: applied,
      report,
      userId: report.user.Id,
      checklist,
      context: {}
    });
    document.body.appendChild(element);
    await flush();
    expect($(element, 'lightning-modal-header').label).toBe('Review the undo');
    const apiOnly = undo.changes.find(
      (c) => c.kind === 'systemPermission' && c.permission === 'PermissionsApiUserOnly'
    )!;
    expect(box(element, apiOnly.key).checked).toBe(false);
    $(element, '[data-id="confirm"]').click();
    await flush();
    expect(sent().undoes).toBe('log-7');
    expect(sent().operations.map((o: { key: string }) => o.key)).not.toContain(apiOnly.key);
  });

  it('cancels without writing', () => {
    const { element } = mount(fixable);
    $(element, '[data-id="cancel"]').click();
    expect(apply).not.toHaveBeenCalled();
    expect(mockClose).toHaveBeenCalledWith({ status: 'cancelled' });
  });
});
