import { LightningElement, api } from 'lwc';
import type { CheckResult, Grant } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import {
  SEVERITY_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  actionOf,
  formatEvidence,
  isProblem,
  themeOf,
  type CheckAction
} from 'c/readinessService';

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
  typeLabel: string;
}

/**
 * One check as one line: status, title, severity and its one action (Fix, Map this field, Grant the
 * right, Open in Setup). Evidence, requirement, what grants or denies it and how to fix it open on
 * demand. Severity only alarms on a problem: a passing blocker wears a quiet badge.
 */
export default class ReadinessCheck extends LightningElement {
  @api check: CheckResult | null = null;
  @api canFix = false;
  /** Why fixes are off for this user (not the saved integration user, the running user...), or ''. */
  @api fixBlocked = '';
  @api runningUserId: string | null = null;
  /** "Explained by root cause 1 above: ..." when a root cause explains this problem, or ''. */
  @api causeText = '';
  /** Lower-case Object.Field -> label: texts name fields by their labels, not API names. */
  @api fieldLabels: Record<string, string> = {};

  labels = LABELS;
  expanded = false;

  get checkId(): string {
    return this.check?.id ?? '';
  }

  get detailsId(): string {
    return `details-${this.checkId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  }

  get problem(): boolean {
    return !!this.check && isProblem(this.check);
  }

  get rowClass(): string {
    return `check check_${themeOf(this.check?.status ?? 'n/a')}${this.expanded ? ' check_open' : ''}`;
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

  /** A blocker that passes is not an alarm: only problems get the coloured severity badge. */
  get severityClass(): string {
    const severity = this.check?.severity ?? 'info';
    return `slds-badge severity ${this.problem ? `severity_${severity}` : 'severity_quiet'}`;
  }

  get evidence(): string {
    return formatEvidence(this.check?.evidence, this.fieldLabels);
  }

  get requirement(): string {
    return formatEvidence(this.check?.requirement, this.fieldLabels);
  }

  get action(): CheckAction | null {
    return this.check ? actionOf(this.check, this.runningUserId) : null;
  }

  get isFix(): boolean {
    return this.action?.kind === 'fix';
  }

  get isMap(): boolean {
    return this.action?.kind === 'map';
  }

  get linkAction(): CheckAction | null {
    const a = this.action;
    return a && (a.kind === 'setup' || a.kind === 'grant') && a.url ? a : null;
  }

  get grantWithoutLink(): string {
    const a = this.action;
    return a?.kind === 'grant' && !a.url ? a.title : '';
  }

  get fixDisabled(): boolean {
    return !this.canFix || !!this.fixBlocked;
  }

  get fixTitle(): string {
    return this.fixBlocked || this.action?.title || '';
  }

  get toggleLabel(): string {
    return this.expanded ? LABELS.hideDetails : LABELS.details;
  }

  get ariaExpanded(): string {
    return String(this.expanded);
  }

  get details(): { key: string; text: string }[] {
    return (this.check?.details ?? []).map((text, i) => ({
      key: `d${i}`,
      text: formatEvidence(text, this.fieldLabels)
    }));
  }

  get hasDetails(): boolean {
    return this.details.length > 0;
  }

  get grants(): GrantRow[] {
    return (this.check?.grantedBy ?? []).map((g, i) => ({
      ...g,
      key: `${g.id}-${i}`,
      gives: g.grants.join(', '),
      typeLabel: SOURCE_LABELS[g.type] ?? g.type,
      others: g.otherUsers === null || g.otherUsers === undefined ? LABELS.unknownCount : String(g.otherUsers)
    }));
  }

  get hasGrants(): boolean {
    return this.grants.length > 0;
  }

  get fix() {
    return this.problem ? (this.check?.fix ?? null) : null;
  }

  get manual() {
    return this.fix?.manual ?? null;
  }

  get manualSteps(): { key: string; text: string }[] {
    return (this.manual?.steps ?? []).map((text, i) => ({ key: `s${i}`, text }));
  }

  get refused(): string {
    return this.fix?.refused ? fill(LABELS.fixRefused, this.fix.refused) : '';
  }

  get warnings(): { key: string; text: string }[] {
    return (this.fix?.warnings ?? []).map((text, i) => ({ key: `w${i}`, text }));
  }

  get hasWarnings(): boolean {
    return this.warnings.length > 0;
  }

  /** Focus on the row's action (Fix, Map this field, the Setup link), or on Details when it has none. */
  @api
  focusAction(): boolean {
    const selectors = ['[data-id="fix"]', '[data-id="map"]', '[data-id="action-link"]', '[data-id="toggle"]'];
    for (const selector of selectors) {
      const el = this.template?.querySelector(selector) as (HTMLElement & { disabled?: boolean }) | null;
      if (el && !el.disabled) {
        el.focus();
        return true;
      }
    }
    return false;
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
