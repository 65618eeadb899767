import { LightningElement, api } from 'lwc';
import type { CheckResult, Report } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import { groupChecks, problemsFirst, type CheckGroup } from 'c/readinessService';

interface GroupView extends CheckGroup {
  headingId: string;
  problemText: string;
}

type View = 'problems' | 'sections';

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

  labels = LABELS;
  view: View = 'problems';
  showPassed = false;

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

  get problems(): CheckResult[] {
    return this.split.problems;
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
    return groupChecks(this.report).map((g) => ({
      ...g,
      headingId: `section-${g.section}`,
      problemText: g.problems ? fill(LABELS.problemsInSection, g.problems) : ''
    }));
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
