import { createElement } from 'lwc';
import ReadinessConsole from 'c/readinessConsole';
import ReadinessFixModal from 'c/readinessFixModal';
import getReadiness from '@salesforce/apex/ReadinessController.getReadiness';
import findIntegrationUsers from '@salesforce/apex/ReadinessController.findIntegrationUsers';
import getFixLog from '@salesforce/apex/ReadinessController.getFixLog';
import getMappableFields from '@salesforce/apex/ReadinessController.getMappableFields';
import saveIntegrationUser from '@salesforce/apex/ReadinessController.saveIntegrationUser';
import { refreshApex } from '@salesforce/apex';
import { applyChanges, type Snapshot } from 'c/readinessEngine';
import { assess } from 'c/readinessService';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import candidateSources from './data/candidateSources.json';
import mfaViaProfile from '../../../../../../fixtures/snapshots/mfa-api-via-profile.json';
import fixable from '../../../../../../fixtures/snapshots/new-user-fixable.json';
import unmapped from '../../../../../../fixtures/snapshots/unmapped-lead-score.json';
import limited from '../../../../../../fixtures/snapshots/limited-admin-rights.json';
import perfect from '../../../../../../fixtures/snapshots/perfect-dedicated-user.json';
import own from '../../../../../../fixtures/snapshots/running-user.json';

jest.mock(
  '@salesforce/apex/ReadinessController.getReadiness',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/ReadinessController.findIntegrationUsers',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/ReadinessController.getFixLog',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/ReadinessController.getMappableFields',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('@salesforce/apex/ReadinessController.saveIntegrationUser', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });
jest.mock('c/readinessFixModal', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('c/readinessLabels');

type WireMock = {
  emit(v: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown>;
};
const wire = (m: unknown) => m as WireMock;
const openMock = (ReadinessFixModal as unknown as { open: jest.Mock }).open;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Queries through every shadow root below root. */
function deepAll(start: Element | ShadowRoot, selector: string): HTMLElement[] {
  const root = start instanceof Element && start.shadowRoot ? start.shadowRoot : start;
  const found: HTMLElement[] = Array.from(root.querySelectorAll(selector));
  for (const el of Array.from(root.querySelectorAll('*')))
    if (el.shadowRoot) found.push(...deepAll(el.shadowRoot, selector));
  return found;
}
const deep = (root: HTMLElement, selector: string) =>
  deepAll(root, selector)[0] as HTMLElement & Record<string, unknown>;

function data(snapshot: unknown, overrides: Record<string, unknown> = {}) {
  return {
    snapshot,
    checklist,
    canFix: true,
    missingPermissions: [],
    integrationUserId: (snapshot as Snapshot | null)?.user?.Id ?? null,
    ...overrides
  };
}

async function mount(readiness?: unknown) {
  const element = createElement('c-readiness-console', { is: ReadinessConsole });
  document.body.appendChild(element);
  if (readiness !== undefined) {
    wire(getReadiness).emit(readiness);
    await flush();
  }
  return element;
}

describe('c-readiness-console', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    jest.clearAllMocks();
  });

  it('shows a spinner until the data arrives, asking for the saved user', async () => {
    const element = await mount();
    expect(deep(element, '[data-id="loading"]')).toBeTruthy();
    expect(wire(getReadiness).getLastConfig()).toEqual({ userId: null });
  });

  it('shows a blocked user, the status sentence and the failing blocker', async () => {
    const element = await mount(data(mfaViaProfile));
    const expected = assess(checklist, mfaViaProfile).report;
    const badge = deep(element, '[data-status]');
    expect(badge.dataset.status).toBe('blocked');
    expect(badge.textContent).toBe('Blocked');
    expect(deep(element, '.status-text').textContent).toBe(expected.statusText);
    expect(deep(element, '[role="img"]').getAttribute('aria-label')).toBe(`Score ${expected.score} of 100`);
    const mfa = deep(element, '[data-check-id="mfa.api-logins-disabled"]');
    expect(mfa.dataset.status).toBe('fail');
    // Profile-only: a Setup link, never a Fix button.
    expect(deepAll(mfa, '[data-id="fix"]')).toHaveLength(0);
    expect((deepAll(mfa, '[data-id="action-link"]')[0] as HTMLAnchorElement).getAttribute('href')).toContain(
      '/lightning/setup/EnhancedProfiles/'
    );
  });

  it('puts the worst problem first on the Checks tab', async () => {
    const element = await mount(data(fixable));
    const first = deep(element, '[data-id="problems"] c-readiness-check') as unknown as {
      check: { id: string };
    };
    expect(first.check.id).toBe('system.api-enabled');
    const tab = deep(element, 'button[role="tab"][aria-selected="true"]');
    expect(tab.dataset.tab).toBe('checks');
  });

  it('moves between tabs with the arrow keys', async () => {
    const element = await mount(data(fixable));
    const tablist = deep(element, '[role="tablist"]');
    tablist.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await flush();
    expect(deep(element, 'button[role="tab"][aria-selected="true"]').dataset.tab).toBe('mapping');
    expect(deep(element, '[data-panel="mapping"]')).toBeTruthy();
    tablist.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await flush();
    expect(deep(element, 'button[role="tab"][aria-selected="true"]').dataset.tab).toBe('log');
  });

  it('says plainly that the verdict is incomplete, how many checks and which right would complete it', async () => {
    const element = await mount(data(limited));
    const banner = deep(element, '[data-id="incomplete"]');
    expect(banner.textContent).toContain('6 checks could not be read, so this verdict is incomplete.');
    // Each missing right is a root cause above the checks, with its action: the banner does not repeat it.
    expect(banner.textContent).not.toContain('Granting the running user');
    const causes = deepAll(element, '[data-kind="missing-right"]').map((c) => c.dataset.causeId);
    expect(causes).toEqual([
      'right:Manage Users',
      'right:View Setup and Configuration',
      'right:Customize Application'
    ]);
    const badge = deep(element, '[data-status]');
    expect(badge.textContent).toBe('At risk');
    expect(badge.className).not.toContain('slds-theme_success');
  });

  it('shows no incomplete banner when every check was read', async () => {
    const element = await mount(data(perfect));
    expect(deep(element, '[data-id="incomplete"]')).toBeUndefined();
    expect(deep(element, '[data-status]').className).toContain('slds-theme_success');
  });

  it('asks for a user when none is saved, saves the choice and loads it', async () => {
    (saveIntegrationUser as unknown as jest.Mock).mockResolvedValue(undefined);
    const element = await mount(data(null));
    const picker = deep(element, 'c-readiness-user-picker');
    expect(picker).toBeTruthy();
    wire(findIntegrationUsers).emit(candidateSources);
    await flush();
    const use = deepAll(element, 'lightning-button[data-action="use"]')[0];
    expect(deep(element, '.reasons').textContent).toContain('API Only User');
    use.click();
    await flush();
    expect(saveIntegrationUser).toHaveBeenCalledWith({ userId: '005000000000001AAA' });
    // Saved: the console reads the saved integration user (userId null means "the saved one").
    expect(wire(getReadiness).getLastConfig()).toEqual({ userId: null });
  });

  it('looks at another user without saving, says fixes apply only to the saved user, and can save it', async () => {
    (saveIntegrationUser as unknown as jest.Mock).mockResolvedValue(undefined);
    const element = await mount(data(fixable));
    deep(element, '[data-id="change-user"]').click();
    await flush();
    wire(findIntegrationUsers).emit(candidateSources);
    await flush();
    expect(deep(element, 'c-readiness-user-picker').canCancel).toBe(true);
    deepAll(element, 'lightning-button[data-action="look"]')[0].click();
    await flush();
    expect(saveIntegrationUser).not.toHaveBeenCalled();
    expect(wire(getReadiness).getLastConfig()).toEqual({ userId: '005000000000001AAA' });
    const other = JSON.parse(JSON.stringify(fixable));
    other.user.Id = '005000000000001AAA';
    wire(getReadiness).emit(data(other, { integrationUserId: (fixable as Snapshot).user.Id }));
    await flush();
    expect(deep(element, '[data-id="viewing-other"]').textContent).toContain(
      'not the saved integration user'
    );
    expect(deep(element, '[data-id="fix-all"]').disabled).toBe(true);
    deep(element, '[data-id="use-shown-user"]').click();
    await flush();
    expect(saveIntegrationUser).toHaveBeenCalledWith({ userId: '005000000000001AAA' });
  });

  it('cancels choosing a user and goes back to the report', async () => {
    const element = await mount(data(fixable));
    deep(element, '[data-id="change-user"]').click();
    await flush();
    expect(deep(element, 'c-readiness-header')).toBeUndefined();
    deep(element, 'c-readiness-user-picker').dispatchEvent(new CustomEvent('cancel'));
    await flush();
    expect(deep(element, 'c-readiness-header')).toBeTruthy();
  });

  it('shows a load error with the permission to ask for, and retries', async () => {
    const element = await mount();
    wire(getReadiness).error({ message: 'The running user needs Manage Users to read login history' });
    await flush();
    const alert = deep(element, '[data-id="error"]');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Manage Users');
    expect(alert.textContent).toContain('Ask your Salesforce admin for: Manage Users.');
    deep(element, '[data-id="retry"]').click();
    await flush();
    expect(refreshApex).toHaveBeenCalled();
  });

  it('fixes all safe issues through the modal and rescores with what the server returned', async () => {
    const element = await mount(data(fixable));
    const before = assess(checklist, fixable);
    expect(deep(element, '[data-status]').dataset.status).toBe(before.report.status);
    const after = applyChanges(fixable as unknown as Snapshot, before.report.fixAll.changes);
    const afterScore = assess(checklist, after).report.score;
    expect(afterScore).toBeGreaterThan(before.report.score);
    openMock.mockResolvedValue({
      status: 'applied',
      result: { logId: 'a0X1', status: 'Applied', changed: before.plan.changes.length, snapshot: after },
      openLog: false
    });
    const fixAll = deep(element, '[data-id="fix-all"]');
    expect(fixAll.disabled).toBe(false);
    fixAll.click();
    await flush();
    const props = openMock.mock.calls[0][0];
    expect(props.plan.changes).toEqual(before.plan.changes);
    expect(props.userId).toBe(before.report.user.Id);
    expect(deep(element, '[role="img"]').getAttribute('aria-label')).toBe(`Score ${afterScore} of 100`);
    expect(deep(element, '[data-id="notice-live"]').textContent).toBe(
      `Applied ${before.plan.changes.length} changes.`
    );
    expect(refreshApex).toHaveBeenCalled();
    // The notice leads to Undo.
    deep(element, '[data-id="notice-open-log"]').click();
    await flush();
    expect(deep(element, 'button[role="tab"][aria-selected="true"]').dataset.tab).toBe('log');
  });

  /** The element focused now, through the shadow roots. */
  function focused(): Element | null {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  it('returns focus to the Fix button of the row that opened the modal when it closes', async () => {
    openMock.mockResolvedValue({ status: 'cancelled' });
    const element = await mount(data(fixable));
    const contact = deep(element, '[data-check-id="object.Contact"]');
    const fix = deepAll(contact, '[data-id="fix"]')[0] as HTMLElement;
    // lightning-button is a stand-in in Jest: its focus() is what the page calls.
    const focus = jest.spyOn(fix, 'focus');
    const others = deepAll(element, '[data-id="fix"]').filter((b) => b !== fix);
    const otherFocus = others.map((b) => jest.spyOn(b, 'focus'));
    fix.click();
    await flush();
    await flush();
    expect(openMock).toHaveBeenCalled();
    expect(focus).toHaveBeenCalledTimes(1);
    expect(otherFocus.every((f) => f.mock.calls.length === 0)).toBe(true);
  });

  it('after a fix leaves nothing to fix, focus goes to the notice that says what happened', async () => {
    const element = await mount(data(fixable));
    const before = assess(checklist, fixable);
    const after = applyChanges(fixable as unknown as Snapshot, before.plan.changes);
    openMock.mockResolvedValue({
      status: 'applied',
      result: { logId: 'a0X1', status: 'Applied', changed: before.plan.changes.length, snapshot: after },
      openLog: false
    });
    deep(element, '[data-id="fix-all"]').click();
    await flush();
    await flush();
    const notice = deep(element, '[data-id="notice-text"]');
    expect(notice.textContent).toContain('Applied');
    expect(focused()).toBe(notice);
  });

  it("never offers Fix all for the admin's own user", async () => {
    const element = await mount(data(own));
    expect(deep(element, '[data-id="fix-all"]').disabled).toBe(true);
    expect(deep(element, '[data-id="fix-all"]').title).toContain('your own user');
  });

  it('opens the modal for one check with a plan for that check only', async () => {
    openMock.mockResolvedValue({ status: 'cancelled' });
    const element = await mount(data(fixable));
    const contact = deep(element, '[data-check-id="object.Contact"]');
    (deepAll(contact, '[data-id="fix"]')[0] as HTMLElement).click();
    await flush();
    expect(openMock.mock.calls[0][0].plan.checkIds).toEqual(['object.Contact']);
  });

  it('turns fixes off and says which permission to ask for', async () => {
    const element = await mount(
      data(fixable, { canFix: false, missingPermissions: ['Act_On_Readiness_Fix', 'Manage Users'] })
    );
    expect(deep(element, '[data-id="fix-disabled"]').textContent).toContain('Act_On_Readiness_Fix');
    expect(deep(element, '[data-id="fix-all"]').disabled).toBe(true);
    const fix = deepAll(element, '[data-id="fix"]');
    expect(fix.length).toBeGreaterThan(0);
    expect(fix.every((b) => (b as unknown as { disabled: boolean }).disabled)).toBe(true);
    // A greyed-out Fix says why on its title, as Fix all does.
    expect(fix.every((b) => b.title.includes('Act_On_Readiness_Fix'))).toBe(true);
    expect(deep(element, '[data-id="fix-all"]').title).toContain('Act_On_Readiness_Fix');
    // Manage Users matters for reads, never for fixes: the banner does not name it.
    expect(deep(element, '[data-id="fix-disabled"]').textContent).not.toContain('Manage Users');
  });

  it('offers the CSV download and copies the Markdown summary', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const element = await mount(data(mfaViaProfile));
    const csv = deep(element, '[data-id="csv"]') as unknown as HTMLAnchorElement;
    expect(csv.getAttribute('href')).toMatch(/^data:text\/csv/);
    expect(decodeURIComponent(csv.getAttribute('href')!)).toContain('mfa.api-logins-disabled,');
    expect(csv.getAttribute('download')).toMatch(/\.csv$/);
    deep(element, '[data-id="copy-md"]').click();
    await flush();
    expect((writeText.mock.calls[0] as unknown[])[0]).toContain('`mfa.api-logins-disabled`');
    expect(deep(element, '[data-id="notice-live"]').textContent).toContain('clipboard');
  });

  it('shows the summary to copy by hand when the clipboard is refused', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
      configurable: true
    });
    const element = await mount(data(mfaViaProfile));
    deep(element, '[data-id="copy-md"]').click();
    await flush();
    expect(String(deep(element, '[data-id="markdown"]').value)).toContain('mfa.api-logins-disabled');
  });

  it('goes to the field mapping when a check asks for it, and rescores once saved', async () => {
    const element = await mount(data(unmapped));
    const leadScore = deepAll(element, '[data-id="map"]')[0];
    expect(leadScore).toBeTruthy();
    leadScore.click();
    await flush();
    expect(deep(element, 'button[role="tab"][aria-selected="true"]').dataset.tab).toBe('mapping');
    expect(wire(getMappableFields).getLastConfig()).toHaveProperty('objectName');
    const mapping = deep(element, 'c-readiness-field-mapping');
    const saved = {
      ...((unmapped as Snapshot).fieldMapping ?? {}),
      'Contact.LeadScore': 'Lead_Score__c',
      'Lead.LeadScore': 'Lead_Score__c'
    };
    mapping.dispatchEvent(new CustomEvent('saved', { detail: { mapping: saved } }));
    await flush();
    expect(deep(element, '[data-id="notice-live"]').textContent).toContain('Mapping saved');
    expect(refreshApex).toHaveBeenCalled();
  });

  it('shows the fix log for the user, previews an undo in the fix modal, and rescores after it', async () => {
    const element = await mount(data(fixable));
    deep(element, 'button[data-tab="log"]').click();
    await flush();
    expect(wire(getFixLog).getLastConfig()).toEqual({ userId: (fixable as Snapshot).user.Id });
    openMock.mockResolvedValue({
      status: 'applied',
      result: { logId: 'a0X2', status: 'Applied', changed: 1, snapshot: mfaViaProfile },
      openLog: false
    });
    const log = deep(element, 'c-readiness-fix-log');
    const operations = [
      {
        kind: 'systemPermission',
        permission: 'PermissionsRunReports',
        expected: false,
        value: true,
        checkIds: []
      }
    ];
    log.dispatchEvent(new CustomEvent('undo', { detail: { logId: 'a0X1', operations } }));
    await flush();
    const props = openMock.mock.calls[0][0];
    expect(props.label).toBe('Review the undo');
    expect(props.plan.undoes).toBe('a0X1');
    // The fixture's product set does not hold Run Reports: the logged grant changed since, nothing to take back.
    expect(props.plan.changes).toEqual([]);
    expect(props.plan.left[0].reason).toMatch(/^Changed since this fix/);
    expect(deep(element, '[data-status]').dataset.status).toBe('blocked');
    expect(deep(element, '[data-id="notice-live"]').textContent).toContain('The fix was undone.');
  });

  it('rejects a snapshot that breaks the contract with a readable message', async () => {
    const element = await mount(data({ schemaVersion: 1 }));
    expect(deep(element, '[data-id="error"]').textContent).toContain("The org's data could not be read");
  });
});
