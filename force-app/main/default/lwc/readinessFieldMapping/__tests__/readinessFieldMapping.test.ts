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

function mount(canFix = true) {
  const report = assess(checklist, unmapped).report;
  const el = createElement('c-readiness-field-mapping', {
    is: ReadinessFieldMapping
  }) as unknown as HTMLElement & Record<string, unknown>;
  el.report = report;
  el.mapping = (unmapped as { fieldMapping?: Record<string, string> }).fieldMapping ?? {};
  el.canFix = canFix;
  document.body.appendChild(el);
  return el;
}
const box = (el: HTMLElement, key: string) =>
  el.shadowRoot!.querySelector(`lightning-combobox[data-key="${key}"]`) as HTMLElement & {
    options: { value: string }[];
    value: string;
    label: string;
  };

describe('c-readiness-field-mapping', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    jest.clearAllMocks();
  });

  it('offers the org fields for Lead Score and Hard Bounce, per Contact and Lead, with the check status', async () => {
    const el = mount();
    await flush();
    wire.emit(contactFields, (c) => c.objectName === 'Contact');
    wire.emit([], (c) => c.objectName === 'Lead');
    await flush();
    const keys = Array.from(el.shadowRoot!.querySelectorAll('[data-mapping-key]')).map(
      (r) => (r as HTMLElement).dataset.mappingKey
    );
    expect(keys).toEqual(['Contact.LeadScore', 'Contact.HardBounce', 'Lead.LeadScore', 'Lead.HardBounce']);
    expect(box(el, 'Contact.LeadScore').label).toBe('Contact Lead Score');
    expect(box(el, 'Contact.LeadScore').options.map((o) => o.value)).toEqual(
      contactFields.map((f) => f.name)
    );
    const row = el.shadowRoot!.querySelector('[data-mapping-key="Contact.LeadScore"]')!;
    expect(row.textContent).toContain('Unknown');
    expect(el.shadowRoot!.querySelector('[data-mapping-key="Lead.LeadScore"]')!.textContent).toContain(
      'No fields could be read for Lead'
    );
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
    const combobox = box(el, 'Contact.LeadScore');
    combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Lead_Score__c' } }));
    await flush();
    expect(saveButton.disabled).toBe(false);
    const expected = {
      ...((unmapped as { fieldMapping?: Record<string, string> }).fieldMapping ?? {}),
      'Contact.LeadScore': 'Lead_Score__c'
    };
    save.mockResolvedValue(expected);
    const saved = jest.fn();
    el.addEventListener('saved', saved);
    saveButton.click();
    await flush();
    expect(JSON.parse(save.mock.calls[0][0].mapping)).toEqual(expected);
    expect(saved.mock.calls[0][0].detail).toEqual({ mapping: expected });
  });

  it('shows a failed save as an alert', async () => {
    const el = mount();
    await flush();
    box(el, 'Lead.HardBounce').dispatchEvent(
      new CustomEvent('change', { detail: { value: 'EmailBouncedReason' } })
    );
    await flush();
    save.mockRejectedValue({
      body: { fieldErrors: { Mapping: [{ message: 'Lead.HardBounce: no such field' }] } }
    });
    (el.shadowRoot!.querySelector('[data-id="save"]') as HTMLElement).click();
    await flush();
    expect(el.shadowRoot!.querySelector('[data-id="error"]')!.textContent).toContain('no such field');
  });

  it('cannot save without the right to fix', async () => {
    const el = mount(false);
    await flush();
    box(el, 'Lead.HardBounce').dispatchEvent(
      new CustomEvent('change', { detail: { value: 'EmailBouncedReason' } })
    );
    await flush();
    expect(
      (el.shadowRoot!.querySelector('[data-id="save"]') as unknown as { disabled: boolean }).disabled
    ).toBe(true);
  });
});
