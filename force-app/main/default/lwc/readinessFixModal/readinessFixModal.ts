import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import type { CheckRecord, FixPlan, Report, Snapshot } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import {
  OVERALL_LABELS,
  applyChanges,
  applyFix,
  assess,
  checkTitles,
  dependencyRefusal,
  describeChange,
  reduceError,
  replanWith,
  selectChanges,
  stillFailing,
  tickChange,
  untickChange,
  type ApplyResult,
  type DependencyRefusal,
  type UndoPlan,
  type ChangeContext,
  type ChangeView
} from 'c/readinessService';

/** A held change's reason without the consequence its box already says (no warning twice). */
function heldText(reason: string, consequence: string): string {
  const text = consequence && reason.includes(consequence) ? reason.replace(consequence, '') : reason;
  return text.replace(/\s+/g, ' ').trim();
}

export type FixModalResult =
  { status: 'applied'; result: ApplyResult; openLog: boolean } | { status: 'cancelled' };

type Step = 'review' | 'applying' | 'done' | 'error';

interface Row extends ChangeView {
  ticked: boolean;
  /** The product's set or its assignment: its box follows the grants that need it. */
  locked: boolean;
  held: string;
  boxId: string;
  tickAria: string;
  rowClass: string;
}

/**
 * Previews a fix plan, or the undo of a logged fix (the same thing: operations), as Health Check's
 * "Fix Risks" does: a box per change, all ticked except what the plan holds back (sign-in and
 * record-wide changes for a person). Unticking a change unticks what needs it, ticking one ticks
 * what it needs, and the preview says so; the product's set and its assignment come only with a
 * grant, and the checks that would still fail are named. Applies only the ticked changes, on
 * confirmation, then shows the result. A refusal naming a prerequisite offers a re-plan with it.
 */
export default class ReadinessFixModal extends LightningModal {
  @api plan: FixPlan | UndoPlan | null = null;
  /** The snapshot the plan was built from: a re-plan adds a prerequisite against it. */
  @api snapshot: Snapshot | null = null;
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
  /** A refusal that names a prerequisite: what the re-plan adds. */
  refusal: DependencyRefusal | null = null;
  /** The plan after a re-plan (null: the one given). */
  private replanned: FixPlan | null = null;

  get current(): FixPlan | UndoPlan | null {
    return this.replanned ?? this.plan;
  }

  get undoes(): string | null {
    return (this.plan as UndoPlan | null)?.undoes ?? null;
  }

  get isUndo(): boolean {
    return !!this.undoes;
  }

  get selected(): string[] {
    return this.ticked ?? this.current?.selected ?? [];
  }

  get rows(): Row[] {
    const held = new Map((this.current?.held ?? []).map((h) => [h.key, h.reason]));
    const chosen = new Set(this.chosen.changes.map((c) => c.key));
    return (this.current?.changes ?? []).map((change, i) => {
      const view = describeChange(change, this.context);
      const ticked = chosen.has(change.key);
      return {
        ...view,
        ticked,
        locked: view.auxiliary,
        held: !ticked && held.has(change.key) ? heldText(held.get(change.key) ?? '', view.consequence) : '',
        boxId: `change-${i}`,
        tickAria: fill(LABELS.modalTickAria, view.title),
        rowClass: ticked ? 'change' : 'change change_unticked'
      };
    });
  }

  get chosen() {
    return this.current ? selectChanges(this.current, this.selected) : { checkIds: [], changes: [] };
  }

  /** The last still-failing answer, by selection: the preview scores once per tick, not per render. */
  private failingFor: { key: string; ids: string[] } | null = null;

  /**
   * The checks the plan is for that this selection leaves failing: those whose changes are not all
   * ticked, and those the snapshot with the ticked changes applied still fails when scored (a field
   * grant without Read on its object stays failing though its own box is ticked).
   */
  get stillFailingIds(): string[] {
    const plan = this.current;
    if (!plan || this.isUndo) return [];
    const key = this.selected.join('|');
    if (this.failingFor?.key === key) return this.failingFor.ids;
    const ids = new Set(stillFailing(plan, this.selected));
    if (this.snapshot && this.checklist.length) {
      try {
        const after = assess(this.checklist, applyChanges(this.snapshot, this.chosen.changes)).report;
        const settledNow = new Set(
          after.checks.filter((c) => c.status === 'pass' || c.status === 'n/a').map((c) => c.id)
        );
        for (const id of plan.targets) if (!settledNow.has(id)) ids.add(id);
      } catch {
        // A snapshot the engine cannot score: the plan's own answer stands.
      }
    }
    const ordered = plan.targets.filter((id) => ids.has(id));
    this.failingFor = { key, ids: ordered };
    return ordered;
  }

  /** The checks the plan is for that this selection leaves failing, by title ('' when none). */
  get stillFailingText(): string {
    const ids = this.stillFailingIds;
    return ids.length ? fill(LABELS.modalStillFailing, checkTitles(ids, this.context.checkTitles)) : '';
  }

  /** Logged changes undo leaves as they are, with the reason. */
  get left(): { key: string; text: string }[] {
    return ((this.plan as UndoPlan | null)?.left ?? []).map((l, i) => ({
      key: `${l.key}-${i}`,
      text: `${l.change ? describeChange(l.change, this.context).title : ''}${l.change ? ': ' : ''}${l.reason}`
    }));
  }

  get hasLeft(): boolean {
    return this.isReview && this.left.length > 0;
  }

  get changeCount(): number {
    return this.chosen.changes.length;
  }

  get tickedText(): string {
    return fill(LABELS.modalTicked, this.changeCount, this.current?.changes.length ?? 0);
  }

  get hasChanges(): boolean {
    return (this.current?.changes.length ?? 0) > 0;
  }

  get warnings(): { key: string; text: string }[] {
    return (this.current?.warnings ?? []).map((text, i) => ({ key: `w${i}`, text }));
  }

  get hasWarnings(): boolean {
    return this.isReview && this.warnings.length > 0;
  }

  get skipped(): { key: string; text: string }[] {
    return (this.current?.skipped ?? []).map((s) => ({
      key: s.checkId,
      text: `${checkTitles([s.checkId], this.context.checkTitles)}: ${s.reason}`
    }));
  }

  get hasSkipped(): boolean {
    return this.isReview && this.skipped.length > 0;
  }

  get refused(): string {
    return this.current?.refused ?? '';
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
    if (this.isDone) return this.isUndo ? LABELS.modalUndoResultTitle : LABELS.modalResultTitle;
    return this.isUndo ? LABELS.modalUndoTitle : LABELS.modalTitle;
  }

  get descriptionText(): string {
    return this.isUndo ? LABELS.modalUndoDescription : LABELS.modalDescription;
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
    return this.refusal ? this.refusal.text : fill(LABELS.modalFailed, this.errorMessage);
  }

  get canReplan(): boolean {
    return !!this.refusal?.units.length && !!this.snapshot;
  }

  /** Adds what Salesforce named to the plan, ticked, and goes back to the preview. */
  handleReplan(): void {
    const plan = this.current;
    if (!plan || !this.refusal || !this.snapshot) return;
    this.replanned = replanWith(plan, this.snapshot, this.refusal);
    this.ticked = [...new Set([...this.selected, ...this.replanned.selected])];
    this.refusal = null;
    this.cascade = '';
    this.step = 'review';
  }

  /** Long lists (a new user's 37 boxes) open compact: each box's why and checks one toggle away. */
  private showReasons: boolean | null = null;

  get compact(): boolean {
    return this.showReasons === null ? (this.current?.changes.length ?? 0) > 8 : !this.showReasons;
  }

  get reasonsLabel(): string {
    return this.compact ? LABELS.modalShowReasons : LABELS.modalHideReasons;
  }

  get reasonsExpanded(): string {
    return String(!this.compact);
  }

  get changesClass(): string {
    return this.compact ? 'changes changes_compact' : 'changes';
  }

  get allTicked(): boolean {
    return !!this.current && this.current.changes.every((c) => this.selected.includes(c.key));
  }

  get noneTicked(): boolean {
    return this.selected.length === 0;
  }

  handleToggleReasons(): void {
    this.showReasons = this.compact;
  }

  /** Ticks every change, with what each needs (the same rule as ticking them one by one). */
  handleTickAll(): void {
    const plan = this.current;
    if (!plan || this.step !== 'review') return;
    let selected = this.selected;
    for (const change of plan.changes)
      if (!selected.includes(change.key)) selected = tickChange(plan, selected, change.key).selected;
    this.ticked = selected;
    this.cascade = '';
  }

  handleUntickAll(): void {
    if (!this.current || this.step !== 'review') return;
    this.ticked = [];
    this.cascade = '';
  }

  handleTick(event: Event): void {
    const input = event.target as HTMLInputElement;
    const key = input.dataset.key as string;
    const plan = this.current;
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
    if (!this.current || !this.userId || this.confirmDisabled) return;
    this.step = 'applying';
    this.disableClose = true;
    try {
      this.result = await applyFix(this.userId, this.chosen, this.undoes);
      this.newScore = this.scoreOf(this.result);
      this.step = 'done';
      this.focusResult = true;
    } catch (error) {
      this.errorMessage = reduceError(error);
      this.refusal = dependencyRefusal(this.errorMessage, [
        ...new Set((this.snapshot?.fields ?? []).map((f) => f.object))
      ]);
      this.step = 'error';
      this.focusResult = true;
    } finally {
      this.disableClose = false;
    }
  }

  /** Set when the result (or the failure) is shown: focus goes to its heading, inside the modal. */
  private focusResult = false;

  override renderedCallback(): void {
    if (!this.focusResult) return;
    const heading = this.template?.querySelector('[data-id="result-heading"]') as HTMLElement | null;
    if (!heading) return;
    this.focusResult = false;
    heading.focus();
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
