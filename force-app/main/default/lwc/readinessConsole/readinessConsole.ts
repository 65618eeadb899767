import getReadiness from '@salesforce/apex/ReadinessController.getReadiness';
import { LightningElement, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import ReadinessFixModal from 'c/readinessFixModal';
import type { FixModalResult } from 'c/readinessFixModal';
import type { FixPlan, Report, Snapshot } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import {
  assess,
  csvDataUrl,
  exportFileName,
  incompleteLines,
  canSaveSettings,
  missingFor,
  planFor,
  planUndo,
  type UndoPlan,
  reduceError,
  saveIntegrationUser,
  toCsv,
  toMarkdown,
  type ChangeContext,
  type ReadinessData
} from 'c/readinessService';

/** Focuses an element (a lightning-button focuses its button) unless it is greyed out. */
function focusIfEnabled(element: Element | null): boolean {
  const target = element as (HTMLElement & { disabled?: boolean }) | null;
  if (!target || target.disabled) return false;
  target.focus();
  return true;
}

type ModalOpener = { open(props: Record<string, unknown>): Promise<FixModalResult | undefined> };

const TABS = [
  { value: 'checks', label: LABELS.tabChecks },
  { value: 'mapping', label: LABELS.tabMapping },
  { value: 'logins', label: LABELS.tabLogins },
  { value: 'log', label: LABELS.tabFixLog }
];

/**
 * The Act-On Readiness app page. Loads the snapshot and checklist from Apex, scores them with the
 * engine (the page never decides a rule), and composes the header, the checks (worst problem
 * first), the fix preview, the field mapping, the login history and the fix log.
 */
export default class ReadinessConsole extends LightningElement {
  labels = LABELS;

  /** The user looked at; null means the saved integration user. */
  userId: string | null = null;
  wiredResult: unknown;
  data: ReadinessData | null = null;
  snapshot: Snapshot | null = null;
  report: Report | null = null;
  plan: FixPlan | null = null;
  loadError = '';
  scoreError = '';
  loading = true;
  refreshing = false;
  choosingUser = false;
  activeTab = 'checks';
  notice = '';
  /** Set when the notice leads to the fix log (after a fix). */
  noticeOpensLog = false;
  markdown = '';
  savingUser = false;
  /** Bumped after every write so the fix log reloads. */
  changeVersion = 0;

  @wire(getReadiness, { userId: '$userId' })
  wiredReadiness(result: { data?: ReadinessData; error?: unknown }): void {
    this.wiredResult = result;
    if (result.data) {
      this.data = result.data;
      this.loadError = '';
      this.loading = false;
      this.rescore(result.data.snapshot);
    } else if (result.error) {
      this.loadError = reduceError(result.error);
      this.loading = false;
    }
  }

  rescore(snapshot: Snapshot | null): void {
    this.snapshot = snapshot;
    this.scoreError = '';
    if (!snapshot) {
      this.report = null;
      this.plan = null;
      return;
    }
    try {
      const { report, plan } = assess(this.data?.checklist ?? [], snapshot);
      this.report = report;
      this.plan = plan;
    } catch (error) {
      this.report = null;
      this.plan = null;
      this.scoreError = fill(LABELS.snapshotInvalid, reduceError(error));
    }
  }

  // ------------------------------------------------------------ view state

  get hasError(): boolean {
    return !!(this.loadError || this.scoreError);
  }

  get errorMessage(): string {
    return this.loadError || this.scoreError;
  }

  get showPicker(): boolean {
    return !this.loading && !this.loadError && (this.choosingUser || (!!this.data && !this.data.snapshot));
  }

  /** Cancel only makes sense when there is a report to go back to. */
  get canCancelPicker(): boolean {
    return !!this.report;
  }

  get showReport(): boolean {
    return !!this.report && !this.showPicker;
  }

  get canFix(): boolean {
    return !!this.data?.canFix;
  }

  get fixDisabledText(): string {
    if (!this.data || this.data.canFix) return '';
    return fill(LABELS.fixDisabledBody, missingFor('fix', this.data.missingPermissions) || LABELS.permCustom);
  }

  /** Saving the integration user and the field mapping needs the fix permission too. */
  get canSave(): boolean {
    return canSaveSettings(this.data);
  }

  /** Why saving settings is off, naming only the rights saving needs ('' when it is on). */
  get saveDisabledText(): string {
    if (!this.data || this.canSave) return '';
    return fill(LABELS.saveNeeds, missingFor('save', this.data.missingPermissions) || LABELS.permCustom);
  }

  /** The report is of another user than the saved integration user: fixes would be refused. */
  get viewingOther(): string {
    const shown = this.report?.user;
    if (!shown || !this.data || shown.Id === this.data.integrationUserId) return '';
    return fill(LABELS.viewingOther, shown.Name ?? shown.Username);
  }

  /** Why no fix may be applied to the user shown ('' when fixes are possible). */
  get fixBlocked(): string {
    return this.viewingOther || this.plan?.refused || '';
  }

  /** Why Fix is greyed out, on its title: the user shown, the running user, or the rights fixes need. */
  get fixOffText(): string {
    return this.fixBlocked || this.fixDisabledText;
  }

  get incomplete(): { key: string; text: string }[] {
    return (this.report ? incompleteLines(this.report, { causesShown: true }) : []).map((text, i) => ({
      key: `i${i}`,
      text
    }));
  }

  get isIncomplete(): boolean {
    return this.incomplete.length > 0;
  }

  /** Checks Fix all settles: those whose every change is ticked by default (the plan's checkIds). */
  get fixableCount(): number {
    return this.plan?.checkIds.length ?? 0;
  }

  get fixAllDisabled(): boolean {
    return !this.canFix || !this.plan?.selected.length || !!this.fixBlocked;
  }

  /** "Fix all (12 checks)": counts checks, as the rows do, not the changes behind them. */
  get fixAllLabel(): string {
    if (!this.plan?.selected.length) return LABELS.fixAllNone;
    return this.fixableCount === 1 ? LABELS.fixAllOne : fill(LABELS.fixAllCount, this.fixableCount);
  }

  /** Nothing to fix: on a phone the greyed-out button gives way to the problems. */
  get toolbarClass(): string {
    return `toolbar slds-m-vertical_small${this.plan?.selected.length ? '' : ' toolbar_idle'}`;
  }

  get currentUserId(): string | null {
    return this.report?.user.Id ?? this.data?.integrationUserId ?? null;
  }

  get runningUserId(): string | null {
    return this.snapshot?.runningUserId ?? null;
  }

  get csvHref(): string {
    return this.report ? csvDataUrl(toCsv(this.report)) : '';
  }

  get csvName(): string {
    return this.report ? exportFileName(this.report, 'csv') : '';
  }

  get useShownDisabled(): boolean {
    return this.savingUser || !this.canSave;
  }

  get checklist() {
    return this.data?.checklist ?? [];
  }

  get snapshotFields() {
    return this.snapshot?.fields ?? [];
  }

  get fieldMapping(): Record<string, string> {
    return this.snapshot?.fieldMapping ?? {};
  }

  get loginHistory() {
    return this.snapshot?.loginHistory ?? [];
  }

  get loginAccess(): boolean {
    return this.snapshot?.access?.loginHistory !== false;
  }

  get manualChecks() {
    return (this.report?.manualChecks ?? []).map((m, i) => ({
      key: `m${i}`,
      summary: m.summary,
      text: m.steps.join(' ')
    }));
  }

  /** Lower-case Object.Field -> label, from the snapshot's describes. */
  get fieldLabels(): Record<string, string> {
    return this.changeContext.fieldLabels ?? {};
  }

  /** Plain words for changes: field labels from describe, check titles, the user's name. */
  get changeContext(): ChangeContext {
    const fieldLabels: Record<string, string> = {};
    for (const f of this.snapshot?.fields ?? [])
      if (f.label) fieldLabels[`${f.object}.${f.name}`.toLowerCase()] = f.label;
    const checkTitles: Record<string, string> = {};
    for (const c of this.report?.checks ?? []) checkTitles[c.id] = c.title;
    const user = this.report?.user;
    return { fieldLabels, checkTitles, userName: user ? (user.Name ?? user.Username) : undefined };
  }

  get tabs() {
    return TABS.map((t) => ({
      ...t,
      id: `tab-${t.value}`,
      panelId: `panel-${t.value}`,
      selected: String(t.value === this.activeTab),
      isSelected: t.value === this.activeTab,
      tabIndex: t.value === this.activeTab ? '0' : '-1',
      itemClass: `slds-tabs_default__item${t.value === this.activeTab ? ' slds-is-active' : ''}`
    }));
  }

  get isChecksTab(): boolean {
    return this.activeTab === 'checks';
  }

  get isMappingTab(): boolean {
    return this.activeTab === 'mapping';
  }

  get isLoginsTab(): boolean {
    return this.activeTab === 'logins';
  }

  get isLogTab(): boolean {
    return this.activeTab === 'log';
  }

  // ------------------------------------------------------------ actions

  async handleRefresh(): Promise<void> {
    this.refreshing = true;
    this.notice = '';
    try {
      await refreshApex(this.wiredResult);
    } catch (error) {
      this.loadError = reduceError(error);
    } finally {
      this.refreshing = false;
    }
  }

  handleChangeUser(): void {
    this.choosingUser = true;
  }

  handlePickerCancel(): void {
    this.choosingUser = false;
  }

  /** The picker saved the user as the integration user, or the admin only looks at it. */
  handleUserSelected(event: CustomEvent<{ userId: string; saved: boolean }>): void {
    this.choosingUser = false;
    this.notice = '';
    const wanted = event.detail.saved ? null : event.detail.userId;
    if (wanted === this.userId) {
      this.handleRefresh();
      return;
    }
    this.loading = true;
    this.userId = wanted;
  }

  async handleUseShownUser(): Promise<void> {
    const id = this.report?.user.Id;
    if (!id) return;
    this.savingUser = true;
    try {
      await saveIntegrationUser(id);
      // userId null: the wire reads the saved user again by itself (no second reload).
      this.userId = null;
      this.afterWrite(null, '', { reload: false });
    } catch (error) {
      this.loadError = reduceError(error);
    } finally {
      this.savingUser = false;
    }
  }

  handleTab(event: Event): void {
    this.activeTab = (event.currentTarget as HTMLElement).dataset.tab ?? 'checks';
  }

  /** On a phone the tabs are a select (they would wrap over two lines). */
  handleTabSelect(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (TABS.some((t) => t.value === value)) this.activeTab = value;
  }

  /** Arrow keys move between tabs (the ARIA tabs pattern). */
  handleTabKey(event: KeyboardEvent): void {
    const order = TABS.map((t) => t.value);
    const at = order.indexOf(this.activeTab);
    let next = -1;
    if (event.key === 'ArrowRight') next = (at + 1) % order.length;
    else if (event.key === 'ArrowLeft') next = (at - 1 + order.length) % order.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = order.length - 1;
    if (next < 0) return;
    event.preventDefault();
    this.activeTab = order[next];
    Promise.resolve().then(() => {
      (this.template?.querySelector(`[data-tab="${order[next]}"]`) as HTMLElement | null)?.focus();
    });
  }

  handleFixCheck(event: CustomEvent<{ checkId: string }>): void {
    const { checkId } = event.detail;
    this.returnFocus = () => this.checkList?.focusCheck(checkId) ?? false;
    if (this.report) this.openFix(planFor(this.report, [checkId]));
  }

  /** A root cause's one action: a fix of every check it explains. */
  handleFixMany(event: CustomEvent<{ checkIds: string[]; causeId?: string }>): void {
    const { causeId } = event.detail;
    this.returnFocus = () => (causeId ? (this.checkList?.focusCause(causeId) ?? false) : false);
    if (this.report) this.openFix(planFor(this.report, event.detail.checkIds));
  }

  handleFixAll(): void {
    this.returnFocus = () => focusIfEnabled(this.template?.querySelector('[data-id="fix-all"]') ?? null);
    if (this.plan) this.openFix(this.plan);
  }

  /** Puts focus back where the modal was opened from (Close, Cancel, Escape). */
  private returnFocus: (() => boolean) | null = null;

  private get checkList(): { focusCheck(id: string): boolean; focusCause(id: string): boolean } | null {
    return this.template?.querySelector('c-readiness-check-list') as unknown as {
      focusCheck(id: string): boolean;
      focusCause(id: string): boolean;
    } | null;
  }

  /**
   * After the modal closes and the page shows the new report: focus on the button that opened it;
   * when that button is gone or greyed out (nothing left to fix, an undone fix), on the notice
   * that says what happened, so focus never drops to the page body.
   */
  private restoreFocus(): void {
    const back = this.returnFocus;
    this.returnFocus = null;
    // After the rescored report and its rows render (LWC renders in a microtask).
    Promise.resolve()
      .then(() => undefined)
      .then(() => {
        if (back?.()) return;
        const notice = this.template?.querySelector('[data-id="notice-text"]') as HTMLElement | null;
        notice?.focus();
      });
  }

  async openFix(plan: FixPlan | UndoPlan): Promise<void> {
    if (!this.report) return;
    const undo = 'undoes' in plan;
    const result = await (ReadinessFixModal as unknown as ModalOpener).open({
      size: 'large',
      label: undo ? LABELS.modalUndoTitle : LABELS.modalTitle,
      description: undo ? LABELS.modalUndoDescription : LABELS.modalDescription,
      plan,
      snapshot: this.snapshot,
      report: this.report,
      userId: this.report.user.Id,
      context: this.changeContext,
      checklist: this.data?.checklist ?? []
    });
    if (result && result.status === 'applied') {
      const n = result.result.changed;
      this.afterWrite(
        result.result.snapshot,
        undo ? LABELS.logUndone : n === 1 ? LABELS.noticeAppliedOne : fill(LABELS.noticeAppliedMany, n)
      );
      this.noticeOpensLog = !undo;
      if (result.openLog) {
        this.activeTab = 'log';
        this.returnFocus = () => {
          const log = this.template?.querySelector('c-readiness-fix-log') as unknown as {
            focusEntry(id: string | null): boolean;
          } | null;
          return log?.focusEntry(null) ?? false;
        };
      }
    }
    this.restoreFocus();
  }

  /** Undo opens in the fix preview: the engine's inverse of the logged fix against the org now. */
  handleUndo(event: CustomEvent<{ logId: string; operations: unknown[] }>): void {
    const { logId } = event.detail;
    this.returnFocus = () => {
      const log = this.template?.querySelector('c-readiness-fix-log') as unknown as {
        focusEntry(id: string | null): boolean;
      } | null;
      return log?.focusEntry(logId) ?? false;
    };
    if (this.snapshot) this.openFix(planUndo(event.detail.operations, this.snapshot, logId));
  }

  handleOpenLog(): void {
    this.activeTab = 'log';
  }

  handleMapField(): void {
    this.activeTab = 'mapping';
  }

  handleMappingSaved(event: CustomEvent<{ mapping: Record<string, string> }>): void {
    const snapshot = this.snapshot ? { ...this.snapshot, fieldMapping: { ...event.detail.mapping } } : null;
    this.afterWrite(snapshot, LABELS.mappingSaved);
  }

  /**
   * Rescores at once with what the server returned, then reloads so the cache agrees: the report
   * (unless its wire reloads by itself) and the fix log (unless it reloaded itself).
   */
  afterWrite(
    snapshot: Snapshot | null,
    notice: string,
    { log = true, reload = true }: { log?: boolean; reload?: boolean } = {}
  ): void {
    if (snapshot) this.rescore(snapshot);
    this.notice = notice;
    this.noticeOpensLog = false;
    if (log) this.changeVersion += 1;
    if (!reload) return;
    refreshApex(this.wiredResult).catch((error: unknown) => {
      this.loadError = reduceError(error);
    });
  }

  async handleCopyMarkdown(): Promise<void> {
    if (!this.report) return;
    const text = toMarkdown(this.report);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      this.markdown = '';
      this.notice = LABELS.copied;
    } catch {
      this.markdown = text;
      this.notice = LABELS.copyFailed;
    }
    this.noticeOpensLog = false;
  }
}
