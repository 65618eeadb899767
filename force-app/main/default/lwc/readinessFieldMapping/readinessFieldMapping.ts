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

interface Row {
  key: string;
  label: string;
  value: string;
  options: { label: string; value: string }[];
  statusText: string;
  statusClass: string;
  noFields: string;
}

/**
 * Lead Score and Hard Bounce are fields of the org: the admin picks the field Act-On uses for each,
 * per Contact and Lead, from the org's fields (getMappableFields). Save sends the whole mapping;
 * the console scores again. The status beside each row comes from the report, not from here.
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
        const available = this.fields[object] ?? [];
        const value = this.draft[key] ?? '';
        const options = available.map((f) => ({ label: `${f.label} (${f.name})`, value: f.name }));
        if (value && !options.some((o) => o.value === value)) options.unshift({ label: value, value });
        rows.push({
          key,
          label: fill(logical.label, object),
          value,
          options,
          statusText: check ? STATUS_LABELS[check.status] : value ? '' : LABELS.mappingNotMapped,
          statusClass: `slds-badge ${check ? `slds-theme_${themeOf(check.status)}` : ''}`,
          noFields:
            this.fieldErrors[object] ||
            (this.fields[object] && !available.length ? fill(LABELS.mappingNoFields, object) : '')
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

  handleChange(event: CustomEvent<{ value: string }>): void {
    const key = (event.target as HTMLElement).dataset.key as string;
    this.draft = { ...this.draft, [key]: event.detail.value };
  }

  async handleSave(): Promise<void> {
    this.saving = true;
    this.saveError = '';
    const mapping: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.draft)) if (v) mapping[k] = v;
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
