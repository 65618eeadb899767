import getFixLog from '@salesforce/apex/ReadinessController.getFixLog';
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { LABELS, fill } from 'c/readinessLabels';
import {
  checkTitles,
  describeLogged,
  formatDateTime,
  reduceError,
  undoFix,
  type ChangeContext,
  type ChangeView,
  type FixLogEntry
} from 'c/readinessService';

interface LogRow extends FixLogEntry {
  key: string;
  date: string;
  checks: string;
  undoAria: string;
  statusClass: string;
  showUndo: boolean;
  cannotUndo: string;
  expanded: boolean;
  toggleLabel: string;
  ariaExpanded: string;
  changesId: string;
  changeViews: (ChangeView & { rowKey: string; values: string })[];
  hasChangeViews: boolean;
}

/**
 * The fixes applied to the user, newest first. Each entry opens to its changes with before and
 * after; Undo sits on every entry that can still be undone, and an entry that cannot says why (the
 * server checks this with the same guard as undo itself).
 */
export default class ReadinessFixLog extends LightningElement {
  @api userId: string | null = null;
  @api canFix = false;
  /** Check titles, field labels and the user's name, for plain words. */
  @api context: ChangeContext = {};

  labels = LABELS;
  entries: FixLogEntry[] = [];
  loading = true;
  error = '';
  undoing: string | null = null;
  open: string[] = [];
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
    return this.entries.map((e, i) => {
      const titles = checkTitles(e.checkIds ?? [], this.context.checkTitles);
      const expanded = this.open.includes(e.logId);
      const changeViews = (e.changes ?? []).map((c, j) => {
        const view = describeLogged(c, this.context);
        return { ...view, rowKey: `${e.logId}-${j}`, values: `${view.before} → ${view.after}` };
      });
      return {
        ...e,
        key: e.logId,
        date: formatDateTime(e.createdDate),
        checks: titles,
        undoAria: fill(LABELS.logUndoAria, titles || e.summary),
        statusClass: `slds-badge ${e.status === 'Failed' ? 'slds-theme_error' : e.status === 'Applied' ? 'slds-theme_success' : ''}`,
        showUndo: e.canUndo && e.status === 'Applied',
        cannotUndo:
          !e.canUndo && e.status === 'Applied' && e.undoProblem
            ? fill(LABELS.logCannotUndo, e.undoProblem)
            : '',
        expanded,
        toggleLabel: expanded ? LABELS.logHideChanges : LABELS.logShowChanges,
        ariaExpanded: String(expanded),
        changesId: `log-changes-${i}`,
        changeViews,
        hasChangeViews: changeViews.length > 0
      };
    });
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

  handleToggle(event: Event): void {
    const logId = (event.currentTarget as HTMLElement).dataset.logId as string;
    this.open = this.open.includes(logId) ? this.open.filter((id) => id !== logId) : [...this.open, logId];
  }

  async handleUndo(event: Event): Promise<void> {
    const logId = (event.currentTarget as HTMLElement).dataset.logId;
    if (!logId) return;
    this.undoing = logId;
    this.error = '';
    try {
      const result = await undoFix(logId);
      this.dispatchEvent(
        new CustomEvent('undone', {
          detail: { logId, snapshot: result?.snapshot ?? null, notes: result?.notes ?? [] }
        })
      );
      await this.refresh();
    } catch (error) {
      this.error = reduceError(error);
    } finally {
      this.undoing = null;
    }
  }
}
