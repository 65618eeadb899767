import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import type { CheckRecord, FixPlan, Report } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import {
  OVERALL_LABELS,
  applyFix,
  assess,
  checkTitles,
  describeChange,
  reduceError,
  selectChanges,
  tickChange,
  untickChange,
  type ApplyResult,
  type ChangeContext,
  type ChangeView
} from 'c/readinessService';

export type FixModalResult =
  { status: 'applied'; result: ApplyResult; openLog: boolean } | { status: 'cancelled' };

type Step = 'review' | 'applying' | 'done' | 'error';

interface Row extends ChangeView {
  ticked: boolean;
  held: string;
  boxId: string;
  tickAria: string;
  rowClass: string;
}

/**
 * Previews a fix plan as Health Check's "Fix Risks" does: a box per change, all ticked except the
 * sign-in changes the plan holds back for a person. Unticking a change unticks what needs it, and
 * ticking one ticks what it needs, and the preview says so. Applies only the ticked changes, on
 * confirmation, then shows the result: what changed, the new score, and a way to the fix log.
 */
export default class ReadinessFixModal extends LightningModal {
  @api plan: FixPlan | null = null;
  @api report: Report | null = null;
  @api userId: string | null = null;
  /** Field labels, check titles and the user's name, for plain words. */
  @api context: ChangeContext = {};
  /** The checklist records, to score the snapshot the writer returns. */
  @api checklist: CheckRecord[] = [];

  labels = LABELS;
  step: Step = 'review';
  result: ApplyResult | null = null;
  errorMessage = '';
  /** Keys ticked now; null until the plan arrives (then the plan's default selection). */
  private ticked: string[] | null = null;
  cascade = '';

  get selected(): string[] {
    return this.ticked ?? this.plan?.selected ?? [];
  }

  get rows(): Row[] {
    const held = new Map((this.plan?.held ?? []).map((h) => [h.key, h.reason]));
    const selected = new Set(this.selected);
    return (this.plan?.changes ?? []).map((change, i) => {
      const view = describeChange(change, this.context);
      const ticked = selected.has(change.key);
      return {
        ...view,
        ticked,
        held: !ticked && held.has(change.key) ? (held.get(change.key) ?? '') : '',
        boxId: `change-${i}`,
        tickAria: fill(LABELS.modalTickAria, view.title),
        rowClass: ticked ? 'change' : 'change change_unticked'
      };
    });
  }

  get chosen() {
    return this.plan ? selectChanges(this.plan, this.selected) : { checkIds: [], changes: [] };
  }

  get changeCount(): number {
    return this.chosen.changes.length;
  }

  get tickedText(): string {
    return fill(LABELS.modalTicked, this.changeCount, this.plan?.changes.length ?? 0);
  }

  get hasChanges(): boolean {
    return (this.plan?.changes.length ?? 0) > 0;
  }

  get warnings(): { key: string; text: string }[] {
    return (this.plan?.warnings ?? []).map((text, i) => ({ key: `w${i}`, text }));
  }

  get hasWarnings(): boolean {
    return this.isReview && this.warnings.length > 0;
  }

  get skipped(): { key: string; text: string }[] {
    return (this.plan?.skipped ?? []).map((s) => ({
      key: s.checkId,
      text: `${checkTitles([s.checkId], this.context.checkTitles)}: ${s.reason}`
    }));
  }

  get hasSkipped(): boolean {
    return this.isReview && this.skipped.length > 0;
  }

  get refused(): string {
    return this.plan?.refused ?? '';
  }

  get isReview(): boolean {
    return this.step === 'review';
  }

  get isApplying(): boolean {
    return this.step === 'applying';
  }

  get isDone(): boolean {
    return this.step === 'done';
  }

  get isError(): boolean {
    return this.step === 'error';
  }

  get heading(): string {
    return this.isDone ? LABELS.modalResultTitle : LABELS.modalTitle;
  }

  get confirmLabel(): string {
    return this.changeCount === 1 ? LABELS.modalConfirmOne : fill(LABELS.modalConfirm, this.changeCount);
  }

  get confirmDisabled(): boolean {
    return !this.changeCount || !this.userId || this.step !== 'review' || !!this.refused;
  }

  get doneMessage(): string {
    const n = this.result?.changed ?? this.changeCount;
    return n === 1 ? LABELS.modalResultOne : fill(LABELS.modalResultMany, n);
  }

  /** The score of the snapshot the writer returned, scored once by the engine when it arrives. */
  newScore = '';

  private scoreOf(result: ApplyResult): string {
    if (!result.snapshot) return '';
    try {
      const { report } = assess(this.checklist, result.snapshot);
      return fill(LABELS.modalResultScore, report.score, OVERALL_LABELS[report.status]);
    } catch {
      return '';
    }
  }

  get failedMessage(): string {
    return fill(LABELS.modalFailed, this.errorMessage);
  }

  handleTick(event: Event): void {
    const input = event.target as HTMLInputElement;
    const key = input.dataset.key as string;
    const plan = this.plan;
    if (!plan || this.step !== 'review') return;
    const titleOf = (k: string) => this.rows.find((r) => r.key === k)?.title ?? k;
    if (input.checked) {
      const { selected, alsoTicked } = tickChange(plan, this.selected, key);
      this.ticked = selected;
      this.cascade = alsoTicked.length
        ? fill(LABELS.modalAlsoTicked, alsoTicked.map(titleOf).join('; '))
        : '';
    } else {
      const { selected, alsoUnticked } = untickChange(plan, this.selected, key);
      this.ticked = selected;
      this.cascade = alsoUnticked.length
        ? fill(LABELS.modalAlsoUnticked, alsoUnticked.map(titleOf).join('; '))
        : '';
    }
  }

  async handleConfirm(): Promise<void> {
    if (!this.plan || !this.userId || this.confirmDisabled) return;
    this.step = 'applying';
    this.disableClose = true;
    try {
      this.result = await applyFix(this.userId, this.chosen);
      this.newScore = this.scoreOf(this.result);
      this.step = 'done';
    } catch (error) {
      this.errorMessage = reduceError(error);
      this.step = 'error';
    } finally {
      this.disableClose = false;
    }
  }

  handleCancel(): void {
    this.close({ status: 'cancelled' } satisfies FixModalResult);
  }

  handleDone(): void {
    this.finish(false);
  }

  handleOpenLog(): void {
    this.finish(true);
  }

  private finish(openLog: boolean): void {
    this.close(
      this.result
        ? ({ status: 'applied', result: this.result, openLog } satisfies FixModalResult)
        : ({ status: 'cancelled' } satisfies FixModalResult)
    );
  }
}
