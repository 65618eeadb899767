import getReadiness from '@salesforce/apex/ReadinessController.getReadiness';
import { LightningElement, api, wire } from 'lwc';
import type { CheckResult, Report } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import {
  SEVERITY_LABELS,
  STATUS_LABELS,
  assess,
  formatDateTime,
  incompleteLines,
  overallLabel,
  overallTheme,
  reduceError,
  scoreRangeText,
  statusReasonDetail,
  topProblems,
  type ReadinessData
} from 'c/readinessService';

/** The console's tab (tabs/Act_On_Readiness.tab-meta.xml). */
export const CONSOLE_URL = '/lightning/n/Act_On_Readiness';

/**
 * Home page card: score, status, the top three problems (blockers first), when it was checked and a
 * link to the console. Watches the saved integration user, or the user set in App Builder.
 */
export default class ReadinessCard extends LightningElement {
  labels = LABELS;
  consoleUrl = CONSOLE_URL;
  report: Report | null = null;
  error = '';
  loading = true;
  noUser = false;
  watchedUserId: string | null = null;

  /** Optional: a user id set in App Builder; blank means the saved integration user. */
  @api
  get userId(): string | null {
    return this.watchedUserId;
  }
  set userId(value: string | null) {
    this.watchedUserId = value && String(value).trim() ? String(value).trim() : null;
  }

  @wire(getReadiness, { userId: '$watchedUserId' })
  wiredReadiness({ data, error }: { data?: ReadinessData; error?: unknown }): void {
    if (data) {
      this.loading = false;
      this.error = '';
      this.noUser = !data.snapshot;
      if (!data.snapshot) {
        this.report = null;
        return;
      }
      try {
        this.report = assess(data.checklist, data.snapshot).report;
      } catch (e) {
        this.report = null;
        this.error = fill(LABELS.snapshotInvalid, reduceError(e));
      }
    } else if (error) {
      this.loading = false;
      this.report = null;
      this.error = reduceError(error);
    }
  }

  get statusLabel(): string {
    return this.report ? overallLabel(this.report) : '';
  }

  get badgeClass(): string {
    return `slds-badge ${this.report ? `slds-theme_${overallTheme(this.report)}` : ''}`;
  }

  /** Why the status is what it is (the report's statusReason, without the status's name). */
  get statusReason(): string {
    return this.report ? statusReasonDetail(this.report) : '';
  }

  /** "Score 62-100 until every check is read": the card never shows a bare 100 over unread checks. */
  get rangeText(): string {
    const r = this.report;
    return r && r.scoreRange.max > r.scoreRange.min ? fill(LABELS.scoreRangeText, scoreRangeText(r)) : '';
  }

  /** Said plainly when checks could not be read: the card never shows an incomplete verdict as done. */
  get incomplete(): string {
    return this.report ? incompleteLines(this.report).join(' ') : '';
  }

  get checkedAt(): string {
    return this.report ? fill(LABELS.checkedAt, formatDateTime(this.report.capturedAt, true)) : '';
  }

  get userName(): string {
    return this.report ? (this.report.user.Name ?? this.report.user.Username) : '';
  }

  get problems(): (CheckResult & { key: string; meta: string; iconName: string })[] {
    if (!this.report) return [];
    return topProblems(this.report, 3).map((c) => ({
      ...c,
      key: c.id,
      meta: `${STATUS_LABELS[c.status]} · ${SEVERITY_LABELS[c.severity]}`,
      iconName:
        c.status === 'fail' ? 'utility:error' : c.status === 'warn' ? 'utility:warning' : 'utility:question'
    }));
  }

  get hasProblems(): boolean {
    return this.problems.length > 0;
  }
}
