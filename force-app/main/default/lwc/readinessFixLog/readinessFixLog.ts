import getFixLog from '@salesforce/apex/ReadinessController.getFixLog';
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import type { Snapshot } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import {
  checkTitles,
  describeChange,
  formatDateTime,
  loggedChanges,
  planUndo,
  reduceError,
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
  undoneText: string;
  expanded: boolean;
  toggleLabel: string;
  ariaExpanded: string;
  changesId: string;
  changeViews: (ChangeView & { rowKey: string; values: string })[];
  hasChangeViews: boolean;
}

/**
 * The fixes applied to the user, newest first. Each entry opens to its changes with before and
 * after. Undo sits on every fix something of which is still in place: the engine plans the inverse
 * against the snapshot of the org now (nothing is planned on the server), and the console opens it
 * in the same preview as a fix; an entry with nothing left to take back says why.
 */
export default class ReadinessFixLog extends LightningElement {
  @api userId: string | null = null;
  @api canFix = false;
  /** The snapshot of the org now: what undo is planned against. */
  @api snapshot: Snapshot | null = null;
  /** Check titles, field labels and the user's name, for plain words. */
  @api context: ChangeContext = {};

  labels = LABELS;
  entries: FixLogEntry[] = [];
  loading = true;
  error = '';
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

  /** Why an applied fix cannot be undone now ('' when it can), from the engine's plan. */
  private undoProblem(e: FixLogEntry): string {
    if (!this.snapshot || e.status === 'Failed' || e.undoes) return e.undoes ? LABELS.logUndoOf : '';
    const plan = planUndo(e.operations, this.snapshot, e.logId);
    if (plan.changes.length) return '';
    return fill(LABELS.logCannotUndo, plan.left[0]?.reason ?? LABELS.logNothingToUndo);
  }

  get rows(): LogRow[] {
    return this.entries.map((e, i) => {
      const titles = checkTitles(e.checkIds ?? [], this.context.checkTitles);
      const expanded = this.open.includes(e.logId);
      const changeViews = this.snapshot
        ? loggedChanges(e.operations, this.snapshot).map((c, j) => {
            const view = describeChange(c, this.context);
            return { ...view, rowKey: `${e.logId}-${j}`, values: `${view.before} → ${view.after}` };
          })
        : [];
      const problem = this.undoProblem(e);
      return {
        ...e,
        key: e.logId,
        date: formatDateTime(e.createdDate),
        checks: titles,
        undoAria: fill(LABELS.logUndoAria, titles || e.summary),
        statusClass: `slds-badge ${e.status === 'Failed' ? 'slds-theme_error' : e.status === 'Applied' ? 'slds-theme_success' : ''}`,
        showUndo: !!this.snapshot && e.status !== 'Failed' && !e.undoes && !problem,
        cannotUndo: e.status === 'Applied' ? problem : '',
        undoneText:
          e.status === 'Undone'
            ? `${fill(LABELS.logUndoneBy, e.undoneBy ?? '', formatDateTime(e.undoneDate))}${problem ? '' : ` ${LABELS.logPartlyUndone}`}`
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
    return !this.canFix;
  }

  handleToggle(event: Event): void {
    const logId = (event.currentTarget as HTMLElement).dataset.logId as string;
    this.open = this.open.includes(logId) ? this.open.filter((id) => id !== logId) : [...this.open, logId];
  }

  /**
   * Focus on an entry (the newest when logId is null): its Undo, or its Show changes once nothing is
   * left to undo. The console calls it when the fix preview closes. False when the entry is not shown.
   */
  @api
  focusEntry(logId: string | null): boolean {
    const entries = Array.from(this.template?.querySelectorAll('li[data-log-id]') ?? []) as HTMLElement[];
    const entry = logId ? entries.find((e) => e.dataset.logId === logId) : entries[0];
    if (!entry) return false;
    const undo = entry.querySelector('[data-id="undo"]') as (HTMLElement & { disabled?: boolean }) | null;
    const target =
      undo && !undo.disabled ? undo : (entry.querySelector('[data-id="toggle-changes"]') as HTMLElement);
    target.focus();
    return true;
  }

  /** The console opens the undo in the fix preview (the same boxes, the same guard). */
  handleUndo(event: Event): void {
    const logId = (event.currentTarget as HTMLElement).dataset.logId;
    const entry = this.entries.find((e) => e.logId === logId);
    if (!entry) return;
    this.dispatchEvent(
      new CustomEvent('undo', { detail: { logId: entry.logId, operations: entry.operations ?? [] } })
    );
  }
}
