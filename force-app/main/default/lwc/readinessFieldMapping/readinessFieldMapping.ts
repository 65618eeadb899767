import getMappableFields from '@salesforce/apex/ReadinessController.getMappableFields';
import { LightningElement, api, wire } from 'lwc';
import type { CheckDefinition, CheckRecord, FieldDescribe, Report } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import {
  STATUS_LABELS,
  definitionsFromRecords,
  fieldInUse,
  mappingProblem,
  passwordPolicyProblem,
  PASSWORD_POLICY_KEY,
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

/** The validation message for each reason the engine's rule (mappingProblem) gives. */
const PROBLEM_TEXT: Record<string, string> = {
  'type:LeadScore': LABELS.mappingProblemScore,
  'type:HardBounce': LABELS.mappingProblemBounce,
  standard: LABELS.mappingProblemStandard,
  length: LABELS.mappingProblemLength,
  'rich-text': LABELS.mappingProblemRichText,
  'read-only': LABELS.mappingProblemReadOnly
};

interface Option {
  key: string;
  label: string;
  value: string;
  selected: boolean;
}

interface Row {
  key: string;
  selectId: string;
  helpId: string;
  label: string;
  value: string;
  options: Option[];
  inUse: string;
  statusText: string;
  statusClass: string;
  problem: string;
  invalid: string;
  describedBy: string;
}

/**
 * Lead Score and Hard Bounce are fields of the org: for each, on Contact and Lead, the admin picks
 * the field Act-On uses. Each row says which field is in use now (the saved one, or the checklist's
 * default) and offers only fields that can hold the value, by the engine's rule (mappingProblem,
 * which the server's check mirrors); a field that cannot is refused with the reason. Save sends the
 * whole mapping; the server checks it again; the console scores again.
 */
export default class ReadinessFieldMapping extends LightningElement {
  @api report: Report | null = null;
  /** Why saving is off for the running user ('' when they may save): the rights it needs. */
  @api saveDisabledText = '';
  /** The snapshot's field describes: labels of the fields in use. */
  @api fields: FieldDescribe[] = [];

  labels = LABELS;
  draft: Record<string, string> = {};
  mappable: Record<string, MappableField[]> = {};
  fieldErrors: Record<string, string> = {};
  saving = false;
  saveError = '';
  private saved: Record<string, string> = {};
  private definitions: CheckDefinition[] = [];

  @api
  get mapping(): Record<string, string> {
    return this.saved;
  }
  set mapping(value: Record<string, string> | null) {
    this.saved = { ...(value ?? {}) };
    this.draft = { ...this.saved };
  }

  /** The checklist records: which field each mapped check uses by default. */
  @api
  get checklist(): CheckRecord[] {
    return this.records;
  }
  set checklist(value: CheckRecord[] | null) {
    this.records = value ?? [];
    try {
      this.definitions = definitionsFromRecords(this.records);
    } catch {
      this.definitions = [];
    }
  }
  private records: CheckRecord[] = [];

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
      this.mappable = { ...this.mappable, [object]: data };
      this.fieldErrors = { ...this.fieldErrors, [object]: '' };
    } else if (error) {
      this.fieldErrors = { ...this.fieldErrors, [object]: reduceError(error) };
    }
  }

  /** "Email Bounced Reason (EmailBouncedReason)": the label, from the server or the describe. */
  private fieldText(object: string, name: string): string {
    const lower = name.toLowerCase();
    const label =
      (this.mappable[object] ?? []).find((f) => f.name.toLowerCase() === lower)?.label ??
      (this.fields ?? []).find((f) => f.object === object && f.name.toLowerCase() === lower)?.label;
    return label && label !== name ? `${label} (${name})` : name;
  }

  /** Why the field cannot hold the logical field, in words ('' when it can, or is unknown here). */
  private problemOf(object: string, logical: string, name: string): string {
    if (!name) return '';
    const field = (this.mappable[object] ?? []).find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field) return '';
    const problem = mappingProblem(logical, field);
    if (!problem) return '';
    const text =
      PROBLEM_TEXT[problem === 'type' ? `type:${logical}` : problem] ?? LABELS.mappingProblemBounce;
    return fill(text, this.fieldText(object, field.name));
  }

  get rows(): Row[] {
    const rows: Row[] = [];
    for (const object of OBJECTS) {
      for (const logical of LOGICAL) {
        const key = `${object}.${logical.name}`;
        const check = this.report?.checks.find((c) => c.id === `field.${key}`);
        const loaded = this.mappable[object];
        // Offered: what the server says can hold it, and the engine's rule agrees.
        const usable = (loaded ?? []).filter(
          (f) => (!f.usableFor || f.usableFor.includes(logical.name)) && !mappingProblem(logical.name, f)
        );
        const value = this.draft[key] ?? '';
        const options: Option[] = [
          { key: `${key}-none`, label: LABELS.mappingPlaceholder, value: '', selected: !value },
          ...usable.map((f) => ({
            key: `${key}-${f.name}`,
            label: this.fieldText(object, f.name),
            value: f.name,
            selected: f.name === value
          }))
        ];
        if (value && !usable.some((f) => f.name === value))
          options.push({
            key: `${key}-current`,
            label: this.fieldText(object, value),
            value,
            selected: true
          });
        const inUse = fieldInUse(this.definitions, key, this.saved);
        const slug = `${object}-${logical.name}`;
        const invalid = this.problemOf(object, logical.name, value);
        rows.push({
          key,
          selectId: `map-${slug}`,
          helpId: `map-help-${slug}`,
          label: fill(logical.label, object),
          value,
          options,
          inUse:
            inUse.source === 'saved' && inUse.field
              ? fill(LABELS.mappingCurrent, this.fieldText(object, inUse.field))
              : inUse.source === 'default' && inUse.field
                ? fill(LABELS.mappingDefault, this.fieldText(object, inUse.field))
                : LABELS.mappingNotMapped,
          statusText: check ? STATUS_LABELS[check.status] : '',
          statusClass: `slds-badge ${check ? `slds-theme_${themeOf(check.status)}` : ''}`,
          problem:
            this.fieldErrors[object] ||
            (loaded && !usable.length ? fill(LABELS.mappingNoSuitable, object) : ''),
          invalid,
          describedBy: `map-help-${slug}`
        });
      }
    }
    return rows;
  }

  /** The password policy an admin enters for the integration user's profile (saved with the mapping). */
  get policyValue(): string {
    return this.draft[PASSWORD_POLICY_KEY] ?? '';
  }

  /** Why the entered policy cannot be saved ('' when it can, or is blank). */
  get policyInvalid(): string {
    const value = this.policyValue.trim();
    return value ? (passwordPolicyProblem(value) ?? '') : '';
  }

  handlePolicyChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.draft = { ...this.draft, [PASSWORD_POLICY_KEY]: input.value };
  }

  get dirty(): boolean {
    const keys = new Set([...Object.keys(this.draft), ...Object.keys(this.saved)]);
    return [...keys].some((k) => (this.draft[k] ?? '') !== (this.saved[k] ?? ''));
  }

  /** A chosen field that cannot hold its value: nothing is sent until it is changed. */
  get hasInvalid(): boolean {
    return (
      !!this.policyInvalid ||
      this.rows.some((r) => r.invalid && (this.draft[r.key] ?? '') !== (this.saved[r.key] ?? ''))
    );
  }

  get saveDisabled(): boolean {
    return !this.dirty || this.saving || !!this.saveDisabledText || this.hasInvalid;
  }

  handleChange(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const key = select.dataset.key as string;
    this.draft = { ...this.draft, [key]: select.value };
  }

  async handleSave(): Promise<void> {
    if (this.saveDisabled) return;
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
