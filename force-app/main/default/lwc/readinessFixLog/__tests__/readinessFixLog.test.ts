import { createElement } from 'lwc';
import ReadinessFixLog from 'c/readinessFixLog';
import getFixLog from '@salesforce/apex/ReadinessController.getFixLog';
import undoFix from '@salesforce/apex/ReadinessController.undoFix';
import { refreshApex } from '@salesforce/apex';
import log from './data/fixLog.json';

jest.mock(
  '@salesforce/apex/ReadinessController.getFixLog',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('@salesforce/apex/ReadinessController.undoFix', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });
jest.mock('c/readinessLabels');

const wire = getFixLog as unknown as { emit(v: unknown): void; error(b?: unknown): void };
const undo = undoFix as unknown as jest.Mock;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const TITLES = {
  'object.Contact': 'Contact access',
  'object.Lead': 'Lead access',
  'object.Account': 'Account access',
  'field.Contact.Email': 'Email (Contact)',
  'system.api-enabled': 'API Enabled'
};

function mount(canFix = true) {
  const el = createElement('c-readiness-fix-log', { is: ReadinessFixLog }) as unknown as HTMLElement &
    Record<string, unknown>;
  el.userId = '005000000000001AAA';
  el.canFix = canFix;
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

  it('lists the fixes newest first, by check title, with Undo on every entry that can be undone', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    expect(entries(el).map((r) => r.dataset.logId)).toEqual(log.map((e) => e.logId));
    expect(entry(el, 0).textContent).toContain('Contact access, Lead access');
    expect(entry(el, 0).textContent).not.toContain('object.Contact');
    expect(entry(el, 0).querySelector('[data-id="undo"]')).not.toBeNull();
    expect(entry(el, 0).querySelector('[data-id="cannot-undo"]')).toBeNull();
  });

  it('says why an entry cannot be undone instead of offering Undo', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    expect(entry(el, 1).querySelector('[data-id="undo"]')).toBeNull();
    expect(entry(el, 1).querySelector('[data-id="cannot-undo"]')!.textContent).toBe(
      `Cannot be undone: ${log[1].undoProblem}`
    );
    expect(entry(el, 2).querySelector('[data-id="undo"]')).toBeNull();
  });

  it('opens an entry to its changes, each with its before and after', async () => {
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
        'Object access: Contact',
        'Read, Create, Edit, View All → Read, Create, Edit, Delete, View All, Modify All'
      ],
      ['Field access: Email (Contact)', 'No access → Read, Edit']
    ]);
  });

  it('undoes, hands the new snapshot and what was kept to the console, and reloads', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    undo.mockResolvedValue({
      logId: log[0].logId,
      status: 'Undone',
      notes: ["'Act-On Integration User' is kept: it still grants PermissionsEditTask, granted since."],
      snapshot: { schemaVersion: 1 }
    });
    const undone = jest.fn();
    el.addEventListener('undone', undone);
    (entry(el, 0).querySelector('[data-id="undo"]') as HTMLElement).click();
    await flush();
    expect(undo).toHaveBeenCalledWith({ logId: log[0].logId });
    expect(undone.mock.calls[0][0].detail).toEqual({
      logId: log[0].logId,
      snapshot: { schemaVersion: 1 },
      notes: ["'Act-On Integration User' is kept: it still grants PermissionsEditTask, granted since."]
    });
    expect(refreshApex).toHaveBeenCalled();
  });

  it('shows a refused undo as an alert', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    undo.mockRejectedValue({
      body: { message: 'Refused: Run Reports is no longer granted since the fix; nothing was undone.' }
    });
    (entry(el, 0).querySelector('[data-id="undo"]') as HTMLElement).click();
    await flush();
    const error = el.shadowRoot!.querySelector('[data-id="error"]')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('no longer granted since the fix');
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
