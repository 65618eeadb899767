import { createElement } from 'lwc';
import ReadinessCheckList from 'c/readinessCheckList';
import { SECTIONS, SECTION_LABELS } from 'c/readinessEngine';
import { assess } from 'c/readinessService';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import normal from '../../../../../../fixtures/snapshots/normal-user-fixable.json';
import perfect from '../../../../../../fixtures/snapshots/perfect-dedicated-user.json';
import fixable from '../../../../../../fixtures/snapshots/new-user-fixable.json';
import expired from '../../../../../../fixtures/snapshots/expired-assignment.json';

jest.mock('c/readinessLabels');
const flush = () => Promise.resolve();

function mount(snapshot: unknown) {
  const report = assess(checklist, snapshot).report;
  const element = createElement('c-readiness-check-list', {
    is: ReadinessCheckList
  }) as unknown as HTMLElement & Record<string, unknown>;
  element.report = report;
  element.canFix = true;
  document.body.appendChild(element);
  return { element, report };
}
const $ = (el: HTMLElement, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement;
const checksIn = (root: Element | null) =>
  Array.from(root?.querySelectorAll('c-readiness-check') ?? []).map(
    (c) => (c as unknown as { check: { id: string; status: string; severity: string } }).check
  );
const SEVERITY = ['blocker', 'required', 'recommended', 'info'];
const STATUS = ['fail', 'warn', 'unknown', 'pass', 'n/a'];

describe('c-readiness-check-list', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('opens on problems only, worst first: by severity, then fail before warn before unknown', () => {
    const { element, report } = mount(fixable);
    const shown = checksIn($(element, '[data-id="problems"]'));
    const problems = report.checks.filter((c) => ['fail', 'warn', 'unknown'].includes(c.status));
    expect(shown.map((c) => c.id).sort()).toEqual(problems.map((c) => c.id).sort());
    const rank = shown.map((c) => SEVERITY.indexOf(c.severity) * 10 + STATUS.indexOf(c.status));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    expect(shown[0]).toMatchObject({ id: 'system.api-enabled', severity: 'blocker', status: 'fail' });
    expect($(element, '[data-id="view-problems"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps passing checks under a collapsed "Passed" list', async () => {
    const { element, report } = mount(normal);
    const toggle = $(element, '[data-id="passed-toggle"]');
    const passed = report.checks.filter((c) => c.status === 'pass' || c.status === 'n/a');
    expect(toggle.textContent?.trim()).toBe(`Passed or not applicable (${passed.length})`);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect($(element, '[data-id="passed-list"]')).toBeNull();
    toggle.click();
    await flush();
    expect(checksIn($(element, '[data-id="passed-list"]'))).toHaveLength(passed.length);
  });

  it('switches to the section view, every check in the checklist order, problems first in each', async () => {
    const { element, report } = mount(normal);
    $(element, '[data-id="view-sections"]').click();
    await flush();
    const found = Array.from(element.shadowRoot!.querySelectorAll('section[data-section]')) as HTMLElement[];
    expect(found.map((s) => s.dataset.section)).toEqual(
      SECTIONS.filter((s) => report.checks.some((c) => c.section === s))
    );
    for (const s of found) {
      expect(s.querySelector('h3')!.textContent).toContain(
        SECTION_LABELS[s.dataset.section as keyof typeof SECTION_LABELS]
      );
      const ranks = checksIn(s).map((c) => STATUS.indexOf(c.status));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(found.flatMap(checksIn)).toHaveLength(report.checks.length);
    expect($(element, '[data-id="view-sections"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('says so when there is no problem to show', () => {
    const { element } = mount(perfect);
    const empty = $(element, '[data-id="empty"]');
    expect(empty.getAttribute('role')).toBe('status');
    expect(empty.textContent?.trim()).toBe('No problems: every check passes.');
  });

  it('passes a check fix request up', async () => {
    const { element } = mount(normal);
    const handler = jest.fn();
    element.addEventListener('fix', handler);
    const child = element.shadowRoot!.querySelector('c-readiness-check')!;
    child.dispatchEvent(new CustomEvent('fix', { detail: { checkId: 'object.Lead' } }));
    await flush();
    expect(handler.mock.calls[0][0].detail).toEqual({ checkId: 'object.Lead' });
  });

  it('shows each root cause once, above the checks, with the checks it explains and its one action', async () => {
    const { element, report } = mount(expired);
    const causes = Array.from(element.shadowRoot!.querySelectorAll('[data-cause-id]')) as HTMLElement[];
    const articles = causes.filter((c) => c.tagName === 'ARTICLE');
    expect(articles.map((c) => c.dataset.causeId)).toEqual(report.rootCauses.map((c) => c.id));
    const [cause] = report.rootCauses;
    const box = articles[0];
    expect(box.querySelector('h4')!.textContent).toBe(`Root cause 1: ${cause.label}`);
    expect(box.querySelector('[data-id="cause-action"]')!.textContent).toContain(cause.action);
    expect(box.querySelector('[data-id="cause-count"]')!.textContent).toBe(
      `Explains ${cause.checkIds.length} problems`
    );
    // Above the rows, in the DOM order a screen reader reads.
    const firstRow = $(element, '[data-id="problems"]');
    expect(box.compareDocumentPosition(firstRow) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const toggle = box.querySelector('[data-id="cause-toggle"]') as HTMLElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await flush();
    const listed = Array.from(box.querySelectorAll('[data-id="cause-checks"] li')) as HTMLElement[];
    expect(listed.map((li) => li.dataset.checkId)).toEqual(cause.checkIds);
    // The rows it explains say so instead of repeating it; the others say nothing.
    const rows = Array.from(element.shadowRoot!.querySelectorAll('c-readiness-check')) as unknown as {
      check: { id: string };
      causeText: string;
    }[];
    for (const row of rows)
      expect(row.causeText).toBe(
        cause.checkIds.includes(row.check.id) ? `Explained by root cause 1 above: ${cause.label}` : ''
      );
  });

  it("asks for a fix of every check a cause explains, as the cause's one action", async () => {
    const { element, report } = mount(expired);
    const handler = jest.fn();
    element.addEventListener('fixmany', handler);
    $(element, '[data-id="fix-cause"]').click();
    await flush();
    expect(handler.mock.calls[0][0].detail).toEqual({
      checkIds: report.rootCauses[0].checkIds,
      causeId: report.rootCauses[0].id
    });
  });

  it('shows no root cause section when the report names none', () => {
    const { element, report } = mount(perfect);
    expect(report.rootCauses).toEqual([]);
    expect($(element, '[data-id="root-causes"]')).toBeNull();
  });
});
