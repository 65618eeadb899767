import { createElement } from 'lwc';
import ReadinessFieldMapping from 'c/readinessFieldMapping';
import getMappableFields from '@salesforce/apex/ReadinessController.getMappableFields';
import saveFieldMapping from '@salesforce/apex/ReadinessController.saveFieldMapping';
import { assess } from 'c/readinessService';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import unmapped from '../../../../../../fixtures/snapshots/unmapped-lead-score.json';
import contactFields from './data/contactFields.json';

jest.mock(
  '@salesforce/apex/ReadinessController.getMappableFields',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('@salesforce/apex/ReadinessController.saveFieldMapping', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('c/readinessLabels');

type Wire = { emit(v: unknown, filter?: (c: { objectName?: string }) => boolean): void };
const wire = getMappableFields as unknown as Wire;
const save = saveFieldMapping as unknown as jest.Mock;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const saved = (unmapped as { fieldMapping?: Record<string, string> }).fieldMapping ?? {};

function mount(canFix = true) {
  const report = assess(checklist, unmapped).report;
  const el = createElement('c-readiness-field-mapping', {
    is: ReadinessFieldMapping
  }) as unknown as HTMLElement & Record<string, unknown>;
  el.report = report;
  el.mapping = saved;
  el.canFix = canFix;
  document.body.appendChild(el);
  return el;
}
const select = (el: HTMLElement, key: string) =>
  el.shadowRoot!.querySelector(`select[data-key="${key}"]`) as HTMLSelectElement;
const options = (el: HTMLElement, key: string) => Array.from(select(el, key).options).map((o) => o.value);
function choose(el: HTMLElement, key: string, value: string): void {
  const s = select(el, key);
  s.value = value;
  s.dispatchEvent(new CustomEvent('change'));
}

describe('c-readiness-field-mapping', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    jest.clearAllMocks();
  });

  it('offers, per mapped field, only the fields that can hold it, with a label, the saved value and the status', async () => {
    const el = mount();
    await flush();
    wire.emit(contactFields, (c) => c.objectName === 'Contact');
    wire.emit([], (c) => c.objectName === 'Lead');
    await flush();
    const keys = Array.from(el.shadowRoot!.querySelectorAll('[data-mapping-key]')).map(
      (r) => (r as HTMLElement).dataset.mappingKey
    );
    expect(keys).toEqual(['Contact.LeadScore', 'Contact.HardBounce', 'Lead.LeadScore', 'Lead.HardBounce']);
    const label = el.shadowRoot!.querySelector(`label[for="${select(el, 'Contact.LeadScore').id}"]`);
    expect(label!.textContent).toBe('Lead Score (Contact)');
    expect(options(el, 'Contact.LeadScore')).toEqual(['', 'Lead_Score__c']);
    expect(options(el, 'Contact.HardBounce')).toEqual([
      '',
      'Department',
      'EmailBouncedReason',
      'EmailBouncedDate'
    ]);
    const row = el.shadowRoot!.querySelector('[data-mapping-key="Contact.LeadScore"]')!;
    expect(row.querySelector('[data-id="status"]')!.textContent).toBe('Unknown');
    expect(row.querySelector('[data-id="saved"]')!.textContent).toBe('Not mapped');
    expect(
      el.shadowRoot!.querySelector('[data-mapping-key="Lead.LeadScore"] [data-id="problem"]')!.textContent
    ).toContain('No field of Lead can hold it');
  });

  it('saves the whole mapping as JSON and announces it', async () => {
    const el = mount();
    await flush();
    wire.emit(contactFields, (c) => c.objectName === 'Contact');
    await flush();
    const saveButton = el.shadowRoot!.querySelector('[data-id="save"]') as HTMLElement & {
      disabled: boolean;
    };
    expect(saveButton.disabled).toBe(true);
    choose(el, 'Contact.LeadScore', 'Lead_Score__c');
    await flush();
    expect(saveButton.disabled).toBe(false);
    const expected = { ...saved, 'Contact.LeadScore': 'Lead_Score__c' };
    save.mockResolvedValue(expected);
    const announced = jest.fn();
    el.addEventListener('saved', announced);
    saveButton.click();
    await flush();
    expect(JSON.parse(save.mock.calls[0][0].mapping)).toEqual(expected);
    expect(announced.mock.calls[0][0].detail).toEqual({ mapping: expected });
  });

  it('shows why the server refused a field', async () => {
    const el = mount();
    await flush();
    wire.emit(contactFields, (c) => c.objectName === 'Contact');
    await flush();
    choose(el, 'Contact.HardBounce', 'Department');
    await flush();
    save.mockRejectedValue({
      body: { message: 'Contact.Department cannot hold the text "Hard Bounce" (too short, or rich text).' }
    });
    (el.shadowRoot!.querySelector('[data-id="save"]') as HTMLElement).click();
    await flush();
    const error = el.shadowRoot!.querySelector('[data-id="error"]')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('cannot hold the text "Hard Bounce"');
  });

  it('cannot save without the right to fix', async () => {
    const el = mount(false);
    await flush();
    wire.emit(contactFields, (c) => c.objectName === 'Contact');
    await flush();
    choose(el, 'Contact.HardBounce', 'Department');
    await flush();
    expect(
      (el.shadowRoot!.querySelector('[data-id="save"]') as unknown as { disabled: boolean }).disabled
    ).toBe(true);
  });
});
