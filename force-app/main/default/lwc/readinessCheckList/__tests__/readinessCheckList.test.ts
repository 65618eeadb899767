import { createElement } from 'lwc';
import ReadinessCheckList from 'c/readinessCheckList';
import { SECTIONS, SECTION_LABELS } from 'c/readinessEngine';
import { assess } from 'c/readinessService';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import normal from '../../../../../../fixtures/snapshots/normal-user-fixable.json';
import perfect from '../../../../../../fixtures/snapshots/perfect-dedicated-user.json';

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
const sections = (el: HTMLElement) => Array.from(el.shadowRoot!.querySelectorAll('section')) as HTMLElement[];
const checksIn = (section: HTMLElement) =>
  Array.from(section.querySelectorAll('c-readiness-check')).map(
    (c) => (c as unknown as { check: { id: string; status: string } }).check
  );

describe('c-readiness-check-list', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('groups every check by section in the checklist order, failing first, with labelled headings', () => {
    const { element, report } = mount(normal);
    const found = sections(element);
    expect(found.map((s) => s.dataset.section)).toEqual(
      SECTIONS.filter((s) => report.checks.some((c) => c.section === s))
    );
    for (const s of found) {
      expect(s.querySelector('h3')!.textContent).toContain(
        SECTION_LABELS[s.dataset.section as keyof typeof SECTION_LABELS]
      );
      expect(s.getAttribute('aria-labelledby')).toBeTruthy();
      const ranks = checksIn(s).map((c) => ['fail', 'warn', 'unknown', 'pass', 'n/a'].indexOf(c.status));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(found.flatMap(checksIn)).toHaveLength(report.checks.length);
  });

  it('shows only problems when the toggle is on', async () => {
    const { element, report } = mount(normal);
    const toggle = element.shadowRoot!.querySelector('[data-id="only-problems"]') as HTMLElement & {
      checked: boolean;
    };
    toggle.checked = true;
    toggle.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
    await flush();
    const shown = sections(element).flatMap(checksIn);
    const problems = report.checks.filter((c) => ['fail', 'warn', 'unknown'].includes(c.status));
    expect(shown.map((c) => c.id).sort()).toEqual(problems.map((c) => c.id).sort());
  });

  it('says so when there is no problem to show', async () => {
    const { element } = mount(perfect);
    const toggle = element.shadowRoot!.querySelector('[data-id="only-problems"]') as HTMLElement & {
      checked: boolean;
    };
    toggle.checked = true;
    toggle.dispatchEvent(new CustomEvent('change'));
    await flush();
    expect(sections(element)).toHaveLength(0);
    const empty = element.shadowRoot!.querySelector('[data-id="empty"]')!;
    expect(empty.getAttribute('role')).toBe('status');
    expect(empty.textContent).toContain('Every check passes');
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
});
