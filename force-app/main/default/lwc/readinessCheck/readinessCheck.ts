import { LightningElement, api } from 'lwc';
import type { CheckResult, Grant } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import { SEVERITY_LABELS, STATUS_LABELS, isProblem, themeOf } from 'c/readinessService';

const STATUS_ICONS: Record<string, string> = {
  pass: 'utility:success',
  warn: 'utility:warning',
  fail: 'utility:error',
  unknown: 'utility:question',
  'n/a': 'utility:dash'
};

interface GrantRow extends Grant {
  key: string;
  gives: string;
  others: string;
  highlight: boolean;
}

/**
 * One check: status, title and evidence always; requirement, details, what grants or imposes it,
 * why it matters and how to fix it when expanded. A fixable problem has a Fix button; a
 * profile-only or manual problem shows the steps and a link to Setup instead.
 */
export default class ReadinessCheck extends LightningElement {
  @api check: CheckResult | null = null;
  @api canFix = false;

  labels = LABELS;
  expanded = false;

  override connectedCallback(): void {
    // Blockers and failures open by default: their evidence is what the admin came for.
    this.expanded = !!this.check && this.check.status === 'fail';
  }

  get checkId(): string {
    return this.check?.id ?? '';
  }

  get detailsId(): string {
    return `details-${this.checkId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  }

  get articleClass(): string {
    return `check slds-box slds-box_x-small slds-m-bottom_x-small check_${themeOf(this.check?.status ?? 'n/a')}`;
  }

  get statusLabel(): string {
    return this.check ? STATUS_LABELS[this.check.status] : '';
  }

  get statusIcon(): string {
    return STATUS_ICONS[this.check?.status ?? 'n/a'];
  }

  get statusVariant(): string {
    const theme = themeOf(this.check?.status ?? 'n/a');
    return theme === 'neutral' ? '' : theme;
  }

  get severityLabel(): string {
    return this.check ? SEVERITY_LABELS[this.check.severity] : '';
  }

  get severityClass(): string {
    return `slds-badge slds-m-left_x-small severity severity_${this.check?.severity ?? 'info'}`;
  }

  get toggleLabel(): string {
    return this.expanded ? LABELS.hideDetails : LABELS.showDetails;
  }

  get ariaExpanded(): string {
    return String(this.expanded);
  }

  get hasDetails(): boolean {
    return !!this.check && this.check.details.length > 0;
  }

  get details(): { key: string; text: string }[] {
    return (this.check?.details ?? []).map((text, i) => ({ key: `d${i}`, text }));
  }

  get hasGrants(): boolean {
    return !!this.check && this.check.grantedBy.length > 0;
  }

  get grants(): GrantRow[] {
    return (this.check?.grantedBy ?? []).map((g, i) => ({
      ...g,
      key: `${g.id}-${i}`,
      gives: g.grants.join(', '),
      others:
        g.otherUsers === null || g.otherUsers === undefined ? LABELS.unknownCount : String(g.otherUsers),
      highlight: (g.otherUsers ?? 0) > 0
    }));
  }

  get fix() {
    return this.check && isProblem(this.check) ? this.check.fix : null;
  }

  get showFixButton(): boolean {
    const fix = this.fix;
    return !!fix && fix.fixable && fix.changes.length > 0;
  }

  get fixDisabled(): boolean {
    return !this.canFix;
  }

  get fixAria(): string {
    return fill(LABELS.fixCheckAria, this.check?.title ?? '');
  }

  get manual() {
    return this.fix?.manual ?? null;
  }

  get manualSteps(): { key: string; text: string }[] {
    return (this.manual?.steps ?? []).map((text, i) => ({ key: `s${i}`, text }));
  }

  get showMapButton(): boolean {
    return this.manual?.kind === 'map-field';
  }

  get setupUrl(): string | null {
    return this.manual?.kind !== 'map-field' ? (this.manual?.url ?? null) : null;
  }

  get refused(): string {
    return this.fix?.refused ? fill(LABELS.fixRefused, this.fix.refused) : '';
  }

  get warnings(): { key: string; text: string }[] {
    return (this.fix?.warnings ?? []).map((text, i) => ({ key: `w${i}`, text }));
  }

  handleToggle(): void {
    this.expanded = !this.expanded;
  }

  handleFix(): void {
    this.dispatchEvent(new CustomEvent('fix', { detail: { checkId: this.checkId } }));
  }

  handleMap(): void {
    this.dispatchEvent(
      new CustomEvent('mapfield', {
        detail: { checkId: this.checkId, mappingKey: this.manual?.mappingKey ?? null }
      })
    );
  }
}
