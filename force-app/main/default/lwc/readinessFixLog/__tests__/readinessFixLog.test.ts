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

function mount(canFix = true) {
  const el = createElement('c-readiness-fix-log', { is: ReadinessFixLog }) as unknown as HTMLElement &
    Record<string, unknown>;
  el.userId = '005000000000001AAA';
  el.canFix = canFix;
  document.body.appendChild(el);
  return el;
}

describe('c-readiness-fix-log', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    jest.clearAllMocks();
  });

  it('lists the fixes newest first with Undo only where it can undo', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    const rows = Array.from(el.shadowRoot!.querySelectorAll('tr[data-log-id]')) as HTMLElement[];
    expect(rows.map((r) => r.dataset.logId)).toEqual(log.map((e) => e.logId));
    expect(rows[0].querySelector('lightning-button')).not.toBeNull();
    expect(rows[1].querySelector('lightning-button')).toBeNull();
    expect(rows[0].textContent).toContain('object.Contact, object.Lead');
  });

  it('undoes, hands the new snapshot to the console and reloads', async () => {
    const el = mount();
    wire.emit(log);
    await flush();
    undo.mockResolvedValue({ logId: log[0].logId, status: 'Undone', snapshot: { schemaVersion: 1 } });
    const undone = jest.fn();
    el.addEventListener('undone', undone);
    (
      el.shadowRoot!.querySelector(`tr[data-log-id="${log[0].logId}"] lightning-button`) as HTMLElement
    ).click();
    await flush();
    expect(undo).toHaveBeenCalledWith({ logId: log[0].logId });
    expect(undone.mock.calls[0][0].detail).toEqual({ logId: log[0].logId, snapshot: { schemaVersion: 1 } });
    expect(refreshApex).toHaveBeenCalled();
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
      (el.shadowRoot!.querySelector('tr[data-log-id] lightning-button') as unknown as { disabled: boolean })
        .disabled
    ).toBe(true);
  });
});
