import getMappableFields from '@salesforce/apex/ReadinessController.getMappableFields';
import { LightningElement, api, wire } from 'lwc';
import type { Report } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import {
  STATUS_LABELS,
  reduceError,
  saveFieldMapping,
  themeOf,
  type MappableField
} from 'c/readinessService';

const OBJECTS = ['Contact', 'Lead'] as const;
const LOGICAL = [
  { name: 'LeadScore', label: LABELS.mappingLeadScore },
  { name: 'HardBounce', label: LABELS.mappingHardBounce }
];

interface Option {
  key: string;
  label: string;
  value: string;
  selected: boolean;
}

interface Row {
  key: string;
  selectId: string;
  label: string;
  value: string;
  options: Option[];
  saved: string;
  statusText: string;
  statusClass: string;
  problem: string;
}

/**
 * Lead Score and Hard Bounce are fields of the org: for each, on Contact and Lead, the admin picks
 * the field Act-On uses from that object's fields that can hold the value (the server decides which:
 * getMappableFields' usableFor). Save sends the whole mapping; the server checks it again and says
 * why it refuses a field; the console scores again. The status beside each row comes from the report.
 */
export default class ReadinessFieldMapping extends LightningElement {
  @api report: Report | null = null;
  @api canFix = false;

  labels = LABELS;
  draft: Record<string, string> = {};
  fields: Record<string, MappableField[]> = {};
  fieldErrors: Record<string, string> = {};
  saving = false;
  saveError = '';
  private saved: Record<string, string> = {};

  @api
  get mapping(): Record<string, string> {
    return this.saved;
  }
  set mapping(value: Record<string, string> | null) {
    this.saved = { ...(value ?? {}) };
    this.draft = { ...this.saved };
  }

  @wire(getMappableFields, { objectName: 'Contact' })
  wiredContact({ data, error }: { data?: MappableField[]; error?: unknown }): void {
    this.receive('Contact', data, error);
  }

  @wire(getMappableFields, { objectName: 'Lead' })
  wiredLead({ data, error }: { data?: MappableField[]; error?: unknown }): void {
    this.receive('Lead', data, error);
  }

  receive(object: string, data?: MappableField[], error?: unknown): void {
    if (data) {
      this.fields = { ...this.fields, [object]: data };
      this.fieldErrors = { ...this.fieldErrors, [object]: '' };
    } else if (error) {
      this.fieldErrors = { ...this.fieldErrors, [object]: reduceError(error) };
    }
  }

  get rows(): Row[] {
    const rows: Row[] = [];
    for (const object of OBJECTS) {
      for (const logical of LOGICAL) {
        const key = `${object}.${logical.name}`;
        const check = this.report?.checks.find((c) => c.id === `field.${key}`);
        const loaded = this.fields[object];
        const usable = (loaded ?? []).filter((f) => !f.usableFor || f.usableFor.includes(logical.name));
        const value = this.draft[key] ?? '';
        const options: Option[] = [
          { key: `${key}-none`, label: LABELS.mappingPlaceholder, value: '', selected: !value },
          ...usable.map((f) => ({
            key: `${key}-${f.name}`,
            label: `${f.label} (${f.name})`,
            value: f.name,
            selected: f.name === value
          }))
        ];
        if (value && !usable.some((f) => f.name === value))
          options.push({ key: `${key}-current`, label: value, value, selected: true });
        rows.push({
          key,
          selectId: `map-${object}-${logical.name}`,
          label: fill(logical.label, object),
          value,
          options,
          saved: this.saved[key] ? fill(LABELS.mappingCurrent, this.saved[key]) : LABELS.mappingNotMapped,
          statusText: check ? STATUS_LABELS[check.status] : '',
          statusClass: `slds-badge ${check ? `slds-theme_${themeOf(check.status)}` : ''}`,
          problem:
            this.fieldErrors[object] ||
            (loaded && !usable.length ? fill(LABELS.mappingNoSuitable, object) : '')
        });
      }
    }
    return rows;
  }

  get dirty(): boolean {
    const keys = new Set([...Object.keys(this.draft), ...Object.keys(this.saved)]);
    return [...keys].some((k) => (this.draft[k] ?? '') !== (this.saved[k] ?? ''));
  }

  get saveDisabled(): boolean {
    return !this.dirty || this.saving || !this.canFix;
  }

  handleChange(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const key = select.dataset.key as string;
    this.draft = { ...this.draft, [key]: select.value };
  }

  async handleSave(): Promise<void> {
    this.saving = true;
    this.saveError = '';
    const mapping: Record<string, string> = {};
    const keys = new Set([...Object.keys(this.draft), ...Object.keys(this.saved)]);
    // A cleared field is sent blank, so the server removes its mapping.
    for (const k of keys) mapping[k] = this.draft[k] ?? '';
    try {
      const saved = await saveFieldMapping(mapping);
      const result = saved && typeof saved === 'object' ? saved : mapping;
      this.saved = { ...result };
      this.draft = { ...result };
      this.dispatchEvent(new CustomEvent('saved', { detail: { mapping: { ...result } } }));
    } catch (error) {
      this.saveError = reduceError(error);
    } finally {
      this.saving = false;
    }
  }
}
