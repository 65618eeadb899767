import { LightningElement, api } from 'lwc';
import type { Report } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import { formatDateTime, overallLabel, overallTheme } from 'c/readinessService';

/** Score ring, status with its one sentence, who was checked and when, and Refresh. */
export default class ReadinessHeader extends LightningElement {
  @api report: Report | null = null;
  @api refreshing = false;

  labels = LABELS;

  get status(): string {
    return this.report?.status ?? '';
  }

  get statusLabel(): string {
    return this.report ? overallLabel(this.report) : '';
  }

  get badgeClass(): string {
    return `slds-badge status-badge ${this.report ? `slds-theme_${overallTheme(this.report)}` : ''}`;
  }

  get userLine(): string {
    const u = this.report?.user;
    if (!u) return '';
    return u.Name ? fill(LABELS.userLine, u.Name, u.Username) : u.Username;
  }

  get profileLine(): string {
    const u = this.report?.user;
    return u ? fill(LABELS.profileLicense, u.Profile ?? '-', u.License ?? '-') : '';
  }

  get checkedAt(): string {
    return this.report ? fill(LABELS.checkedAt, formatDateTime(this.report.capturedAt)) : '';
  }

  get summaryLine(): string {
    const s = this.report?.summary;
    return s ? fill(LABELS.summaryCounts, s.pass, s.warn, s.fail, s.unknown, s['n/a']) : '';
  }

  handleRefresh(): void {
    this.dispatchEvent(new CustomEvent('refresh'));
  }

  handleChangeUser(): void {
    this.dispatchEvent(new CustomEvent('changeuser'));
  }
}
