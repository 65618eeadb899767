import { createElement } from 'lwc';
import ReadinessHeader from 'c/readinessHeader';
import { assess } from 'c/readinessService';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import atRisk from '../../../../../../fixtures/snapshots/missing-modify-all.json';
import limited from '../../../../../../fixtures/snapshots/limited-admin-rights.json';

jest.mock('c/readinessLabels');

function mount(refreshing = false, snapshot: unknown = atRisk) {
  const report = assess(checklist, snapshot).report;
  const element = createElement('c-readiness-header', { is: ReadinessHeader }) as unknown as HTMLElement &
    Record<string, unknown>;
  element.report = report;
  element.refreshing = refreshing;
  document.body.appendChild(element);
  return { element, report };
}
const $ = (el: HTMLElement, sel: string) =>
  el.shadowRoot!.querySelector(sel) as HTMLElement & Record<string, unknown>;

describe('c-readiness-header', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows status, its sentence, the user and when it was checked, announced politely', () => {
    const { element, report } = mount();
    expect(report.status).toBe('at-risk');
    expect($(element, '[data-status]').textContent).toBe('At risk');
    expect($(element, '[data-id="status"]').getAttribute('aria-live')).toBe('polite');
    expect($(element, '.status-text').textContent).toBe(report.statusText);
    expect($(element, '[data-id="user"]').textContent).toContain(report.user.Username);
    expect($(element, '[data-id="checked"]').textContent).toMatch(/^Checked \S/);
    expect(($(element, 'c-readiness-score-ring') as unknown as { score: number }).score).toBe(report.score);
  });

  it('asks for a refresh or another user', () => {
    const { element } = mount();
    const refresh = jest.fn();
    const change = jest.fn();
    element.addEventListener('refresh', refresh);
    element.addEventListener('changeuser', change);
    $(element, '[data-id="refresh"]').click();
    $(element, '[data-id="change-user"]').click();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(change).toHaveBeenCalledTimes(1);
  });

  it('disables Refresh while refreshing', () => {
    const { element } = mount(true);
    expect($(element, '[data-id="refresh"]').disabled).toBe(true);
  });

  it('shows the score as a range with the reason beside the status while checks are unread', () => {
    const { element, report } = mount(false, limited);
    const ring = $(element, 'c-readiness-score-ring') as unknown as { score: number; scoreMax: number };
    expect(ring.score).toBe(report.scoreRange.min);
    expect(ring.scoreMax).toBe(report.scoreRange.max);
    expect(report.scoreRange.max).toBeGreaterThan(report.scoreRange.min);
    expect($(element, '[data-id="score-range"]').textContent).toBe(
      `Score ${report.scoreRange.min}-${report.scoreRange.max} until every check is read`
    );
    expect($(element, '[data-id="status-reason"]').textContent).toBe('6 checks could not be read');
  });

  it('shows no range once every check is read, and the reason without repeating the status', () => {
    const { element, report } = mount();
    expect($(element, '[data-id="score-range"]')).toBeNull();
    expect(report.statusReason.startsWith('At risk: ')).toBe(true);
    expect($(element, '[data-id="status-reason"]').textContent).toBe(
      report.statusReason.slice('At risk: '.length)
    );
  });
});
