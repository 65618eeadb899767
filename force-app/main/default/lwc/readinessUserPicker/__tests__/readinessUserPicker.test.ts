import { createElement } from 'lwc';
import ReadinessUserPicker from 'c/readinessUserPicker';
import findIntegrationUsers from '@salesforce/apex/ReadinessController.findIntegrationUsers';
import saveIntegrationUser from '@salesforce/apex/ReadinessController.saveIntegrationUser';
import sources from './data/candidateSources.json';

const ACTON = '005000000000001AAA';
const BOT = '005000000000002AAA';

jest.mock(
  '@salesforce/apex/ReadinessController.findIntegrationUsers',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('@salesforce/apex/ReadinessController.saveIntegrationUser', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('c/readinessLabels');

const wire = findIntegrationUsers as unknown as { emit(v: unknown): void; error(b?: unknown): void };
const save = saveIntegrationUser as unknown as jest.Mock;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const $ = (el: HTMLElement, sel: string) =>
  el.shadowRoot!.querySelector(sel) as HTMLElement & Record<string, unknown>;

function mount() {
  const element = createElement('c-readiness-user-picker', { is: ReadinessUserPicker });
  document.body.appendChild(element);
  return element;
}

describe('c-readiness-user-picker', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    jest.clearAllMocks();
  });

  it('ranks the raw records with the engine: the Act-On user first, with the reasons', async () => {
    const el = mount();
    wire.emit(sources);
    await flush();
    const items = [...el.shadowRoot!.querySelectorAll('li[data-user-id]')].map((li) =>
      li.getAttribute('data-user-id')
    );
    expect(items).toEqual([ACTON, BOT]);
    const first = $(el, `li[data-user-id="${ACTON}"]`).textContent ?? '';
    expect(first).toContain('Act-On Sync');
    expect(first).toContain('API Only User');
    expect(first).toContain("has the Act-On permission set 'Act-On Integration User'");
    expect($(el, '[data-id="skipped"]').textContent).toContain('Login history: insufficient access');
  });

  it('"Use as the integration user" saves the one chosen', async () => {
    save.mockResolvedValue(undefined);
    const el = mount();
    const selected = jest.fn();
    el.addEventListener('select', selected);
    wire.emit(sources);
    await flush();
    const use = $(el, `li[data-user-id="${BOT}"] lightning-button[data-action="use"]`);
    expect(use.label).toBe('Use as the integration user');
    use.click();
    await flush();
    expect(save).toHaveBeenCalledWith({ userId: BOT });
    expect(selected.mock.calls[0][0].detail).toEqual({ userId: BOT, saved: true });
  });

  it('"Look at this user" shows a user without saving anything', async () => {
    const el = mount();
    const selected = jest.fn();
    el.addEventListener('select', selected);
    wire.emit(sources);
    await flush();
    const look = $(el, `li[data-user-id="${ACTON}"] lightning-button[data-action="look"]`);
    expect(look.label).toBe('Look at this user');
    look.click();
    await flush();
    expect(save).not.toHaveBeenCalled();
    expect(selected.mock.calls[0][0].detail).toEqual({ userId: ACTON, saved: false });
  });

  it('takes any other user from the record picker on User, to look at or to use', async () => {
    save.mockResolvedValue(undefined);
    const el = mount();
    const selected = jest.fn();
    el.addEventListener('select', selected);
    wire.emit({ users: [], skipped: [] });
    await flush();
    expect($(el, '[data-id="no-suggestions"]')).not.toBeNull();
    expect($(el, '[data-id="skipped"]')).toBeNull();
    const picker = $(el, '[data-id="record-picker"]');
    expect(picker.objectApiName).toBe('User');
    expect(picker.label).toBe('User');
    expect($(el, '[data-id="use-picked"]').disabled).toBe(true);
    expect($(el, '[data-id="look-picked"]').disabled).toBe(true);
    picker.dispatchEvent(new CustomEvent('change', { detail: { recordId: '005000000000777AAA' } }));
    await flush();
    $(el, '[data-id="look-picked"]').click();
    await flush();
    expect(selected.mock.calls[0][0].detail).toEqual({ userId: '005000000000777AAA', saved: false });
    $(el, '[data-id="use-picked"]').click();
    await flush();
    expect(save).toHaveBeenCalledWith({ userId: '005000000000777AAA' });
  });

  it('offers Cancel when there is a report to go back to', async () => {
    const el = mount();
    expect($(el, '[data-id="cancel"]')).toBeNull();
    (el as unknown as { canCancel: boolean }).canCancel = true;
    await flush();
    const cancelled = jest.fn();
    el.addEventListener('cancel', cancelled);
    $(el, '[data-id="cancel"]').click();
    expect(cancelled).toHaveBeenCalled();
  });

  it('shows why saving failed', async () => {
    save.mockRejectedValue({ body: { message: 'You need Manage Users to choose the integration user.' } });
    const el = mount();
    wire.emit(sources);
    await flush();
    ($(el, `li[data-user-id="${ACTON}"] lightning-button[data-action="use"]`) as HTMLElement).click();
    await flush();
    const error = $(el, '[data-id="save-error"]');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Ask your Salesforce admin for: Manage Users.');
  });

  it('shows a load error', async () => {
    const el = mount();
    wire.error({ message: 'boom' });
    await flush();
    expect($(el, '[data-id="load-error"]').textContent).toContain('boom');
  });
});
