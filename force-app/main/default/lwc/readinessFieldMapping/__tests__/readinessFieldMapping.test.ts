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

function mount(saveDisabledText = '', mapping: Record<string, string> = saved) {
  const report = assess(checklist, unmapped).report;
  const el = createElement('c-readiness-field-mapping', {
    is: ReadinessFieldMapping
  }) as unknown as HTMLElement & Record<string, unknown>;
  el.report = report;
  el.mapping = mapping;
  el.checklist = checklist;
  el.saveDisabledText = saveDisabledText;
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
    // Department (a standard text field) and a 5-character text field cannot hold Hard Bounce.
    expect(options(el, 'Contact.HardBounce')).toEqual([
      '',
      'EmailBouncedReason',
      'EmailBouncedDate',
      'Bounce_Code__c'
    ]);
    const row = el.shadowRoot!.querySelector('[data-mapping-key="Contact.LeadScore"]')!;
    expect(row.querySelector('[data-id="status"]')!.textContent).toBe('Unknown');
    expect(row.querySelector('[data-id="saved"]')!.textContent).toBe('No field in use yet: choose one.');
    // Hard Bounce passes with the default field: the row says it is the one in use.
    const bounce = el.shadowRoot!.querySelector('[data-mapping-key="Contact.HardBounce"]')!;
    expect(bounce.querySelector('[data-id="saved"]')!.textContent).toBe(
      'In use: Email Bounced Reason (EmailBouncedReason) (the default)'
    );
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

  it('takes the password policy of the profile in days or "never", saved with the mapping', async () => {
    const el = mount();
    await flush();
    const input = el.shadowRoot!.querySelector('[data-id="policy-input"]') as HTMLInputElement;
    const saveButton = el.shadowRoot!.querySelector('[data-id="save"]') as HTMLElement & {
      disabled: boolean;
    };
    const enter = async (value: string) => {
      input.value = value;
      input.dispatchEvent(new CustomEvent('change'));
      await flush();
    };
    await enter('soon');
    expect(el.shadowRoot!.querySelector('[data-id="policy-invalid"]')?.textContent).toMatch(/1 to 3650/);
    expect(saveButton.disabled).toBe(true);
    await enter('60');
    expect(el.shadowRoot!.querySelector('[data-id="policy-invalid"]')).toBeNull();
    expect(saveButton.disabled).toBe(false);
    save.mockResolvedValue({ ...saved, 'Password.ExpiresAfterDays': '60' });
    saveButton.click();
    await flush();
    expect(JSON.parse(save.mock.calls[0][0].mapping)['Password.ExpiresAfterDays']).toBe('60');
  });

  it('shows why the server refused a field', async () => {
    const el = mount();
    await flush();
    wire.emit(contactFields, (c) => c.objectName === 'Contact');
    await flush();
    choose(el, 'Contact.HardBounce', 'Bounce_Code__c');
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

  it('cannot save without the right to, and says which right saving needs', async () => {
    const el = mount('Saving needs Customize Application.');
    await flush();
    wire.emit(contactFields, (c) => c.objectName === 'Contact');
    await flush();
    choose(el, 'Contact.HardBounce', 'Bounce_Code__c');
    await flush();
    const button = el.shadowRoot!.querySelector('[data-id="save"]') as unknown as {
      disabled: boolean;
      title: string;
    };
    expect(button.disabled).toBe(true);
    expect(button.title).toBe('Saving needs Customize Application.');
    expect(el.shadowRoot!.querySelector('[data-id="save-why"]')!.textContent).toBe(
      'Saving needs Customize Application.'
    );
  });

  it('says the saved field is in use, and refuses one that cannot hold the value with the reason', async () => {
    const el = mount('', { 'Contact.HardBounce': 'Department', 'Contact.LeadScore': 'Lead_Score__c' });
    await flush();
    wire.emit(contactFields, (c) => c.objectName === 'Contact');
    await flush();
    const score = el.shadowRoot!.querySelector('[data-mapping-key="Contact.LeadScore"]')!;
    expect(score.querySelector('[data-id="saved"]')!.textContent).toBe(
      'In use: Lead Score (Lead_Score__c) (saved)'
    );
    const bounce = el.shadowRoot!.querySelector('[data-mapping-key="Contact.HardBounce"]')!;
    expect(bounce.querySelector('[data-id="invalid"]')!.textContent).toContain(
      'Department is a standard field'
    );
    // A 5-character text field is not even offered.
    expect(options(el, 'Contact.HardBounce')).not.toContain('Bounce_Flag__c');
    const button = el.shadowRoot!.querySelector('[data-id="save"]') as unknown as { disabled: boolean };
    expect(button.disabled).toBe(true);
    choose(el, 'Contact.HardBounce', 'Bounce_Code__c');
    await flush();
    expect(bounce.querySelector('[data-id="invalid"]')).toBeNull();
    expect(button.disabled).toBe(false);
  });
});
