import { LightningElement, api } from 'lwc';
import type { Report } from 'c/readinessEngine';
import { LABELS, fill } from 'c/readinessLabels';
import { groupChecks, type CheckGroup } from 'c/readinessService';

interface GroupView extends CheckGroup {
  headingId: string;
  problemText: string;
}

/** The checks grouped by section in the checklist's order, problems first, with a "show only problems" filter. */
export default class ReadinessCheckList extends LightningElement {
  @api report: Report | null = null;
  @api canFix = false;

  labels = LABELS;
  onlyProblems = false;

  get groups(): GroupView[] {
    if (!this.report) return [];
    return groupChecks(this.report, this.onlyProblems).map((g) => ({
      ...g,
      headingId: `section-${g.section}`,
      problemText: g.problems ? fill(LABELS.problemsInSection, g.problems) : ''
    }));
  }

  get isEmpty(): boolean {
    return !!this.report && this.groups.length === 0;
  }

  handleFilter(event: CustomEvent<{ checked: boolean }>): void {
    this.onlyProblems = !!(event.target as unknown as { checked: boolean }).checked;
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
