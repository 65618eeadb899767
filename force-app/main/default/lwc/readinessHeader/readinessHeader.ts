import { LightningElement, api } from 'lwc';
import type { Report } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import {
  formatDateTime,
  overallLabel,
  overallTheme,
  scoreRangeText,
  statusReasonDetail
} from 'c/readinessService';

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

  /** The most the score could be while checks are unread (scoreRange.max). */
  get scoreMax(): number | null {
    return this.report?.scoreRange?.max ?? null;
  }

  get isRange(): boolean {
    const range = this.report?.scoreRange;
    return !!range && range.max > range.min;
  }

  /** "Score 62-100 until every check is read" beside the status while the score is a range. */
  get rangeText(): string {
    const r = this.report;
    return r && this.isRange ? fill(LABELS.scoreRangeText, scoreRangeText(r)) : '';
  }

  /** Why the status is what it is, without repeating the status's own name. */
  get statusReason(): string {
    return this.report ? statusReasonDetail(this.report) : '';
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
    return this.report ? fill(LABELS.checkedAt, formatDateTime(this.report.capturedAt, true)) : '';
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
