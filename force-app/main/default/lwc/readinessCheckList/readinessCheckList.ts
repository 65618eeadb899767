import { LightningElement, api } from 'lwc';
import type { CheckResult, Report } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import {
  causesOf,
  groupChecks,
  problemsFirst,
  themeOf,
  type CauseView,
  type CheckGroup
} from 'c/readinessService';

interface GroupView extends CheckGroup {
  headingId: string;
  problemText: string;
}

type View = 'problems' | 'sections';

interface CauseRow extends CauseView {
  key: string;
  headingId: string;
  listId: string;
  heading: string;
  countText: string;
  open: boolean;
  expanded: string;
  toggleLabel: string;
  causeClass: string;
  iconName: string;
  titles: { key: string; text: string }[];
}

/**
 * The checks, worst problem first (blocker fails, then required fails, ... as Health Check's risk
 * table), each one line with its action; the checks that pass or do not apply under a collapsed
 * "Passed" list. The section view (the checklist's order) is one toggle away.
 */
export default class ReadinessCheckList extends LightningElement {
  @api report: Report | null = null;
  @api canFix = false;
  @api fixBlocked = '';
  @api runningUserId: string | null = null;
  /** Lower-case Object.Field -> label, for the rows' texts. */
  @api fieldLabels: Record<string, string> = {};

  labels = LABELS;
  view: View = 'problems';
  showPassed = false;
  /** Root causes whose list of checks is open. */
  openCauses: string[] = [];

  /** The report's root causes, worst first: shown once, above the checks they explain. */
  get causes(): CauseRow[] {
    if (!this.report) return [];
    return causesOf(this.report).map((c) => {
      const open = this.openCauses.includes(c.id);
      const slug = c.id.replace(/[^A-Za-z0-9_-]/g, '_');
      const theme = themeOf(c.status);
      return {
        ...c,
        key: c.id,
        headingId: `cause-${slug}`,
        listId: `cause-checks-${slug}`,
        heading: fill(LABELS.causeHeading, c.number, c.label),
        countText:
          c.checks.length === 1 ? LABELS.causeExplainsOne : fill(LABELS.causeExplainsMany, c.checks.length),
        open,
        expanded: String(open),
        toggleLabel: open ? LABELS.causeHide : LABELS.causeShow,
        causeClass: `cause cause_${theme}`,
        iconName:
          theme === 'error' ? 'utility:error' : theme === 'warning' ? 'utility:warning' : 'utility:question',
        titles: c.checks.map((check) => ({ key: check.id, text: check.title }))
      };
    });
  }

  get hasCauses(): boolean {
    return this.causes.length > 0;
  }

  /** Check id -> "Explained by root cause 1 above: ..." for the rows a cause explains. */
  get causeTexts(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of this.causes)
      for (const check of c.checks) out[check.id] = fill(LABELS.causedBy, c.number, c.label);
    return out;
  }

  get fixDisabled(): boolean {
    return !this.canFix || !!this.fixBlocked;
  }

  get isProblemsView(): boolean {
    return this.view === 'problems';
  }

  get problemsPressed(): string {
    return String(this.view === 'problems');
  }

  get sectionsPressed(): string {
    return String(this.view === 'sections');
  }

  get problemsButtonClass(): string {
    return `slds-button ${this.view === 'problems' ? 'slds-button_brand' : 'slds-button_neutral'}`;
  }

  get sectionsButtonClass(): string {
    return `slds-button ${this.view === 'sections' ? 'slds-button_brand' : 'slds-button_neutral'}`;
  }

  private get split(): { problems: CheckResult[]; passed: CheckResult[] } {
    return this.report ? problemsFirst(this.report) : { problems: [], passed: [] };
  }

  get problems(): (CheckResult & { causeText: string })[] {
    const texts = this.causeTexts;
    return this.split.problems.map((c) => ({ ...c, causeText: texts[c.id] ?? '' }));
  }

  get passed(): CheckResult[] {
    return this.split.passed;
  }

  get noProblems(): boolean {
    return !!this.report && this.problems.length === 0;
  }

  get passedLabel(): string {
    return fill(LABELS.passedToggle, this.passed.length);
  }

  get passedExpanded(): string {
    return String(this.showPassed);
  }

  get hasPassed(): boolean {
    return this.passed.length > 0;
  }

  get groups(): GroupView[] {
    if (!this.report) return [];
    const texts = this.causeTexts;
    return groupChecks(this.report).map((g) => ({
      ...g,
      checks: g.checks.map((c) => ({ ...c, causeText: texts[c.id] ?? '' })),
      headingId: `section-${g.section}`,
      problemText: !g.problems
        ? ''
        : g.problems === 1
          ? LABELS.problemsInSectionOne
          : fill(LABELS.problemsInSection, g.problems)
    }));
  }

  /** Focus on a check's action (or its Details): where a fix preview opened from a row returns. */
  @api
  focusCheck(checkId: string): boolean {
    const rows = Array.from(
      this.template?.querySelectorAll('c-readiness-check') ?? []
    ) as unknown as (HTMLElement & {
      focusAction(): boolean;
    })[];
    const row = rows.find((r) => r.dataset.rowId === checkId);
    return row ? row.focusAction() : false;
  }

  /** Focus on a root cause's Fix button, or its toggle once nothing is left to fix. */
  @api
  focusCause(causeId: string): boolean {
    const box = Array.from(this.template?.querySelectorAll('article[data-cause-id]') ?? []).find(
      (b) => (b as HTMLElement).dataset.causeId === causeId
    );
    if (!box) return false;
    const fix = box.querySelector('[data-id="fix-cause"]') as (HTMLElement & { disabled?: boolean }) | null;
    const target =
      fix && !fix.disabled ? fix : (box.querySelector('[data-id="cause-toggle"]') as HTMLElement);
    target.focus();
    return true;
  }

  handleToggleCause(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.causeId as string;
    this.openCauses = this.openCauses.includes(id)
      ? this.openCauses.filter((c) => c !== id)
      : [...this.openCauses, id];
  }

  /** The cause's one action: a fix of every check it explains, previewed like any fix. */
  handleFixCause(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.causeId as string;
    const cause = this.causes.find((c) => c.id === id);
    if (!cause) return;
    this.dispatchEvent(
      new CustomEvent('fixmany', { detail: { checkIds: cause.checks.map((c) => c.id), causeId: id } })
    );
  }

  handleProblemsView(): void {
    this.view = 'problems';
  }

  handleSectionsView(): void {
    this.view = 'sections';
  }

  handleTogglePassed(): void {
    this.showPassed = !this.showPassed;
  }

  handleFix(event: CustomEvent<{ checkId: string }>): void {
    event.stopPropagation();
    this.dispatchEvent(new CustomEvent('fix', { detail: { checkId: event.detail.checkId } }));
  }

  handleMap(event: CustomEvent<{ checkId: string; mappingKey: string | null }>): void {
    event.stopPropagation();
    this.dispatchEvent(new CustomEvent('mapfield', { detail: { ...event.detail } }));
  }
}
