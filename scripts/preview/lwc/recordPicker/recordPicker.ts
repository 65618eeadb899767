/**
 * Preview stand-in for lightning-record-picker (not among the open-source base components): a select
 * over the users the preview's in-memory org knows, firing change with { recordId } as the real one.
 * TypeScript so that ESLint parses its decorators; build.mjs transpiles it like the product's modules.
 */
import { LightningElement, api } from 'lwc';

type PreviewUser = { Id: string; Name?: string; Username: string };
const previewUsers = (): PreviewUser[] =>
  (globalThis as { readinessPreviewUsers?: () => PreviewUser[] }).readinessPreviewUsers?.() ?? [];

export default class RecordPicker extends LightningElement {
  @api label = '';
  @api placeholder = '';
  @api objectApiName = '';
  @api value: string | null = null;
  @api disabled = false;

  get options(): { value: string; label: string }[] {
    return previewUsers().map((u) => ({ value: u.Id, label: `${u.Name ?? u.Username} (${u.Username})` }));
  }

  handleChange(event: Event): void {
    const recordId = (event.target as HTMLSelectElement).value || null;
    this.dispatchEvent(new CustomEvent('change', { detail: { recordId } }));
  }
}
