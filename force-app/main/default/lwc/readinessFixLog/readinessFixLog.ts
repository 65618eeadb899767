import getFixLog from '@salesforce/apex/ReadinessController.getFixLog';
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { LABELS, fill } from 'c/readinessLabels';
import { formatDateTime, reduceError, undoFix, type FixLogEntry } from 'c/readinessService';

interface LogRow extends FixLogEntry {
  key: string;
  date: string;
  checks: string;
  undoAria: string;
  statusClass: string;
  showUndo: boolean;
}

/** The fixes applied to the integration user, newest first, each with Undo while it can be undone. */
export default class ReadinessFixLog extends LightningElement {
  @api userId: string | null = null;
  @api canFix = false;

  labels = LABELS;
  entries: FixLogEntry[] = [];
  loading = true;
  error = '';
  undoing: string | null = null;
  wiredResult: unknown;
  private seenVersion = 0;

  /** Bumped by the console after every write: the log reloads. */
  @api
  get version(): number {
    return this.seenVersion;
  }
  set version(value: number) {
    const changed = value !== this.seenVersion;
    this.seenVersion = value;
    if (changed && this.wiredResult) this.refresh();
  }

  @wire(getFixLog, { userId: '$userId' })
  wiredLog(result: { data?: FixLogEntry[]; error?: unknown }): void {
    this.wiredResult = result;
    if (result.data) {
      this.entries = result.data;
      this.error = '';
      this.loading = false;
    } else if (result.error) {
      this.error = reduceError(result.error);
      this.loading = false;
    }
  }

  @api
  async refresh(): Promise<void> {
    if (!this.wiredResult) return;
    try {
      await refreshApex(this.wiredResult);
    } catch (error) {
      this.error = reduceError(error);
    }
  }

  get rows(): LogRow[] {
    return this.entries.map((e) => ({
      ...e,
      key: e.logId,
      date: formatDateTime(e.createdDate),
      checks: (e.checkIds ?? []).join(', '),
      undoAria: fill(LABELS.logUndoAria, (e.checkIds ?? []).join(', ') || e.summary),
      statusClass: `slds-badge ${e.status === 'Failed' ? 'slds-theme_error' : e.status === 'Applied' ? 'slds-theme_success' : ''}`,
      showUndo: e.canUndo && e.status === 'Applied'
    }));
  }

  get isEmpty(): boolean {
    return !this.loading && !this.error && this.entries.length === 0;
  }

  get hasRows(): boolean {
    return this.entries.length > 0;
  }

  get undoDisabled(): boolean {
    return !!this.undoing || !this.canFix;
  }

  async handleUndo(event: Event): Promise<void> {
    const logId = (event.currentTarget as HTMLElement).dataset.logId;
    if (!logId) return;
    this.undoing = logId;
    this.error = '';
    try {
      const result = await undoFix(logId);
      this.dispatchEvent(
        new CustomEvent('undone', { detail: { logId, snapshot: result?.snapshot ?? null } })
      );
      await this.refresh();
    } catch (error) {
      this.error = reduceError(error);
    } finally {
      this.undoing = null;
    }
  }
}
