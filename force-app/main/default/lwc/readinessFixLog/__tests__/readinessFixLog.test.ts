import { createElement } from 'lwc';
import ReadinessFixLog from 'c/readinessFixLog';
import getFixLog from '@salesforce/apex/ReadinessController.getFixLog';
import { refreshApex } from '@salesforce/apex';
import { applyChanges, toOperation } from 'c/readinessEngine';
import type { Snapshot } from 'c/readinessEngine';
import { assess } from 'c/readinessService';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import missingModifyAll from '../../../../../../fixtures/snapshots/missing-modify-all.json';

jest.mock(
  '@salesforce/apex/ReadinessController.getFixLog',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });
jest.mock('c/readinessLabels');

const wire = getFixLog as unknown as { emit(v: unknown): void; error(b?: unknown): void };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const TITLES = {
  'object.Contact': 'Contact access',
  'object.Lead': 'Lead access',
  'field.Contact.Email': 'Email (Contact)'
};

// The log as Apex returns it, built from a real fix: Modify All on Contact and Lead.
const before = missingModifyAll as unknown as Snapshot;
const { plan } = assess(checklist, before);
const after = applyChanges(before, plan.changes);
const operations = JSON.parse(JSON.stringify(plan.changes.map(toOperation)));
const entry0 = {
  logId: 'log-3',
  createdDate: '2026-11-22T10:05:00.000Z',
  createdBy: 'Ada Admin',
  checkIds: ['object.Contact', 'object.Lead'],
  status: 'Applied',
  summary: 'Fix: 2 change(s) applied',
  operations
};
// An older fix whose grant was taken back by hand in Setup since: nothing of it is left to undo.
const entry1 = {
  ...entry0,
  logId: 'log-2',
  createdDate: '2026-11-21T10:05:00.000Z',
  checkIds: ['field.Contact.Email'],
  operations: [
    {
      kind: 'fieldPermission',
      key: 'field:act_on_integration_user:contact.email',
      checkIds: ['field.Contact.Email'],
      expected: { read: true, edit: false },
      value: { read: false, edit: false },
      object: 'Contact',
      field: 'Contact.Email'
    }
  ]
};
const entry2 = { ...entry0, logId: 'log-1', status: 'Failed', operations: [], error: 'boom' };
const entry3 = {
  ...entry0,
  logId: 'log-0',
  status: 'Undone',
  operations: [],
  undoneBy: 'Bo Admin',
  undoneDate: '2026-11-23T09:00:00.000Z'
};
const log = [entry0, entry1, entry2, entry3];

function mount(canFix = true) {
  const el = createElement('c-readiness-fix-log', { is: ReadinessFixLog }) as unknown as HTMLElement &
    Record<string, unknown>;
  el.userId = before.user.Id;
  el.canFix = canFix;
  el.snapshot = after;
  el.context = {
    checkTitles: TITLES,
    fieldLabels: { 'contact.email': 'Email' },
    userName: 'Act-On Integration'
  };
  document.body.appendChild(el);
  return el;
}
const entries = (el: HTMLElement) =>
  Array.from(el.shadowRoot!.querySelectorAll('li[data-log-id]')) as HTMLElement[];
const entry = (el: HTMLElement, i: number) => entries(el)[i];

describe('c-readiness-fix-log', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    jest.clearAllMocks();
  });

  it('lists the fixes newest first, by check title, with Undo where something of the fix is still in place', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    expect(entries(el).map((r) => r.dataset.logId)).toEqual(log.map((e) => e.logId));
    expect(entry(el, 0).textContent).toContain('Contact access, Lead access');
    expect(entry(el, 0).textContent).not.toContain('object.Contact');
    expect(entry(el, 0).querySelector('[data-id="undo"]')).not.toBeNull();
    expect(entry(el, 0).querySelector('[data-id="cannot-undo"]')).toBeNull();
  });

  it('says why an entry cannot be undone, from the org as it is now', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    expect(entry(el, 1).querySelector('[data-id="undo"]')).toBeNull();
    expect(entry(el, 1).querySelector('[data-id="cannot-undo"]')!.textContent).toMatch(
      /^Cannot be undone: Changed since this fix/
    );
    expect(entry(el, 2).querySelector('[data-id="undo"]')).toBeNull();
  });

  it('says who undid an entry and when', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    expect(entry(el, 3).querySelector('[data-id="undone-by"]')!.textContent).toMatch(
      /^Undone by Bo Admin on /
    );
  });

  it('opens an entry to its changes, each with what the product set held and holds', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    const toggle = entry(el, 0).querySelector('[data-id="toggle-changes"]') as HTMLElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await flush();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const changes = Array.from(entry(el, 0).querySelectorAll('.entry-change')).map((li) => [
      li.querySelector('.change-title')!.textContent,
      li.querySelector('.change-values')!.textContent
    ]);
    expect(changes).toEqual([
      [
        'Record-wide access: Contact (Delete, View All, Modify All)',
        'View All → Delete, View All, Modify All'
      ],
      ['Record-wide access: Lead (Delete, View All, Modify All)', 'View All → Delete, View All, Modify All']
    ]);
  });

  it('asks the console to preview the undo of an entry, with its logged operations', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    const asked = jest.fn();
    el.addEventListener('undo', asked);
    (entry(el, 0).querySelector('[data-id="undo"]') as HTMLElement).click();
    await flush();
    expect(asked.mock.calls[0][0].detail).toEqual({ logId: 'log-3', operations });
  });

  it('reloads when the console reports a write', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    el.version = 3;
    await flush();
    expect(refreshApex).toHaveBeenCalled();
  });

  it('shows an empty log and errors', async () => {
    const el = mount();
    wire.emit([]);
    await flush();
    expect(el.shadowRoot!.querySelector('[data-id="empty"]')).not.toBeNull();
    wire.error({ message: 'Insufficient access to Readiness_Fix_Log__c' });
    await flush();
    expect(el.shadowRoot!.querySelector('[data-id="error"]')!.getAttribute('role')).toBe('alert');
  });

  it('disables Undo without the right to fix', async () => {
    const el = mount(false);
    wire.emit(log);
    await flush();
    expect(
      (entry(el, 0).querySelector('[data-id="undo"]') as unknown as { disabled: boolean }).disabled
    ).toBe(true);
  });
});
