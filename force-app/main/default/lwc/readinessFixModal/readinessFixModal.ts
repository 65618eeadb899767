import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import type { FixPlan, Report } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import { selectChanges } from 'c/readinessEngine';
import { applyFix, describeChange, reduceError, type ApplyResult, type ChangeView } from 'c/readinessService';

export type FixModalResult = { status: 'applied'; result: ApplyResult } | { status: 'cancelled' };

type Step = 'review' | 'applying' | 'done' | 'error';

/**
 * Previews a fix plan (every change with its before and after, warnings for anything that touches
 * other users, what will not be fixed), applies it only on confirmation, shows progress and the
 * result. Closes with { status: 'applied', result } or { status: 'cancelled' }.
 */
export default class ReadinessFixModal extends LightningModal {
  @api plan: FixPlan | null = null;
  @api report: Report | null = null;
  @api userId: string | null = null;
  /** Other users holding the product's permission set: they gain whatever it is given. */

  labels = LABELS;
  step: Step = 'review';
  result: ApplyResult | null = null;
  errorMessage = '';

  /** The changes that will be applied: the plan's selection, with what it needs. */
  get chosen() {
    return this.plan ? selectChanges(this.plan, this.plan.selected) : { checkIds: [], changes: [] };
  }

  get changes(): ChangeView[] {
    return this.chosen.changes.map(describeChange);
  }

  get changeCount(): number {
    return this.chosen.changes.length;
  }

  /** Offered but left out (sign-in changes for a person): never applied without a tick of their own. */
  get held(): { key: string; text: string }[] {
    const byKey = new Map((this.plan?.changes ?? []).map((c) => [c.key, c]));
    return (this.plan?.held ?? []).map((h) => {
      const change = byKey.get(h.key);
      return { key: h.key, text: `${change ? describeChange(change).title : h.key}: ${h.reason}` };
    });
  }

  get hasHeld(): boolean {
    return this.held.length > 0;
  }

  get changesHeading(): string {
    return fill(LABELS.modalChanges, this.changeCount);
  }

  get hasChanges(): boolean {
    return this.changeCount > 0;
  }

  get warnings(): { key: string; text: string }[] {
    const texts = [...(this.plan?.warnings ?? [])];
    for (const c of this.changes)
      for (const n of c.notes) if (c.touchesOthers && !texts.includes(n)) texts.push(n);
    return texts.map((text, i) => ({ key: `w${i}`, text }));
  }

  get hasWarnings(): boolean {
    return this.warnings.length > 0;
  }

  get skipped(): { key: string; text: string }[] {
    const title = (id: string) => this.report?.checks.find((c) => c.id === id)?.title ?? id;
    return (this.plan?.skipped ?? []).map((s) => ({
      key: s.checkId,
      text: `${title(s.checkId)}: ${s.reason}`
    }));
  }

  get hasSkipped(): boolean {
    return this.skipped.length > 0;
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

  get confirmLabel(): string {
    return fill(LABELS.modalConfirm, this.changeCount);
  }

  get confirmDisabled(): boolean {
    return !this.hasChanges || !this.userId || this.step !== 'review';
  }

  get doneMessage(): string {
    return fill(LABELS.modalApplied, this.result?.changed ?? this.changeCount);
  }

  get failedMessage(): string {
    return fill(LABELS.modalFailed, this.errorMessage);
  }

  async handleConfirm(): Promise<void> {
    if (!this.plan || !this.userId || this.step !== 'review') return;
    this.step = 'applying';
    this.disableClose = true;
    try {
      this.result = await applyFix(this.userId, this.chosen);
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
    this.close(
      this.result
        ? ({ status: 'applied', result: this.result } satisfies FixModalResult)
        : ({ status: 'cancelled' } satisfies FixModalResult)
    );
  }
}
