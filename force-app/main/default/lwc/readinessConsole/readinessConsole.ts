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
  missingPermissionText,
  planFor,
  reduceError,
  toCsv,
  toMarkdown,
  type ReadinessData
} from 'c/readinessService';

type ModalOpener = { open(props: Record<string, unknown>): Promise<FixModalResult | undefined> };

/**
 * The Act-On Readiness app page. Loads the snapshot and checklist from Apex, scores them with the
 * engine (the page never decides a rule), and composes the header, the checks, the fix modal, the
 * field mapping, the login history and the fix log.
 */
export default class ReadinessConsole extends LightningElement {
  labels = LABELS;

  /** The user asked for; null means the saved integration user. */
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
  markdown = '';
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

  get showReport(): boolean {
    return !!this.report && !this.showPicker;
  }

  /** What an incomplete verdict lacks (empty when every check could be read). */
  get incomplete(): { key: string; text: string }[] {
    return (this.report ? incompleteLines(this.report) : []).map((text, i) => ({ key: `i${i}`, text }));
  }

  get isIncomplete(): boolean {
    return this.incomplete.length > 0;
  }

  get canFix(): boolean {
    return !!this.data?.canFix;
  }

  get fixDisabledText(): string {
    if (!this.data || this.data.canFix) return '';
    return fill(
      LABELS.fixDisabledBody,
      missingPermissionText(this.data.missingPermissions) || LABELS.permCustom
    );
  }

  get fixableCount(): number {
    return this.plan?.selected.length ?? 0;
  }

  get fixAllDisabled(): boolean {
    return !this.canFix || this.fixableCount === 0;
  }

  get fixAllLabel(): string {
    return this.fixableCount ? LABELS.fixAll : LABELS.fixAllNone;
  }

  get currentUserId(): string | null {
    return this.report?.user.Id ?? this.data?.integrationUserId ?? null;
  }

  get csvHref(): string {
    return this.report ? csvDataUrl(toCsv(this.report)) : '';
  }

  get csvName(): string {
    return this.report ? exportFileName(this.report, 'csv') : '';
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

  handleUserSelected(event: CustomEvent<{ userId: string }>): void {
    this.choosingUser = false;
    this.notice = '';
    if (event.detail.userId === this.userId) {
      this.handleRefresh();
      return;
    }
    this.loading = true;
    this.userId = event.detail.userId;
  }

  handleTabActive(event: Event): void {
    this.activeTab = (event.target as unknown as { value: string }).value;
  }

  handleFixCheck(event: CustomEvent<{ checkId: string }>): void {
    if (this.report) this.openFix(planFor(this.report, [event.detail.checkId]));
  }

  handleFixAll(): void {
    if (this.plan) this.openFix(this.plan);
  }

  async openFix(plan: FixPlan): Promise<void> {
    if (!this.report) return;
    const result = await (ReadinessFixModal as unknown as ModalOpener).open({
      size: 'large',
      label: LABELS.modalTitle,
      description: LABELS.modalDescription,
      plan,
      report: this.report,
      userId: this.report.user.Id
    });
    if (result && result.status === 'applied') {
      this.afterWrite(result.result.snapshot, fill(LABELS.modalApplied, result.result.changed));
    }
  }

  handleMapField(): void {
    this.activeTab = 'mapping';
  }

  handleMappingSaved(event: CustomEvent<{ mapping: Record<string, string> }>): void {
    const snapshot = this.snapshot ? { ...this.snapshot, fieldMapping: { ...event.detail.mapping } } : null;
    this.afterWrite(snapshot, LABELS.mappingSaved);
  }

  handleUndone(event: CustomEvent<{ snapshot: Snapshot | null }>): void {
    this.afterWrite(event.detail.snapshot ?? this.snapshot, LABELS.logUndone);
  }

  /** Rescores at once with what the server returned, then reloads so the cache agrees. */
  afterWrite(snapshot: Snapshot | null, notice: string): void {
    if (snapshot) this.rescore(snapshot);
    this.notice = notice;
    this.changeVersion += 1;
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
  }
}
