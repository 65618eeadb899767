import { createElement } from 'lwc';
import ReadinessCheck from 'c/readinessCheck';
import { assess } from 'c/readinessService';
import type { CheckResult } from 'c/readinessEngine';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import viaGroup from '../../../../../../fixtures/snapshots/mfa-api-via-group.json';
import viaProfile from '../../../../../../fixtures/snapshots/mfa-api-via-profile.json';
import fixable from '../../../../../../fixtures/snapshots/new-user-fixable.json';
import unmapped from '../../../../../../fixtures/snapshots/unmapped-lead-score.json';

jest.mock('c/readinessLabels');

const checkOf = (snapshot: unknown, id: string): CheckResult =>
  assess(checklist, snapshot).report.checks.find((c) => c.id === id)!;

function mount(check: CheckResult, canFix = true) {
  const element = createElement('c-readiness-check', { is: ReadinessCheck }) as unknown as HTMLElement &
    Record<string, unknown>;
  element.check = check;
  element.canFix = canFix;
  document.body.appendChild(element);
  return element;
}
const $ = (el: HTMLElement, sel: string) =>
  el.shadowRoot!.querySelector(sel) as HTMLElement & Record<string, unknown>;
const flush = () => Promise.resolve();

describe('c-readiness-check', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('carries the check id and status, and opens a failing check with what grants it', () => {
    const check = checkOf(viaGroup, 'mfa.api-logins-disabled');
    const el = mount(check);
    const article = $(el, 'article');
    expect(article.dataset.checkId).toBe('mfa.api-logins-disabled');
    expect(article.dataset.status).toBe('fail');
    expect($(el, '.evidence').textContent).toBe(check.evidence);
    expect($(el, '.why').textContent).toBe(check.why);
    const rows = Array.from(el.shadowRoot!.querySelectorAll('tr[data-grant-id]'));
    expect(rows.map((r) => (r as HTMLElement).dataset.grantId)).toEqual(check.grantedBy.map((g) => g.id));
    const group = check.grantedBy.find((g) => g.type === 'Group')!;
    expect(rows.find((r) => (r as HTMLElement).dataset.grantId === group.id)!.textContent).toContain('Group');
    expect($(el, '[data-id="grants"] caption').textContent).toBe('What grants or imposes it');
  });

  it('offers Fix for a fixable problem and says which check', async () => {
    const el = mount(checkOf(fixable, 'object.Contact'));
    const handler = jest.fn();
    el.addEventListener('fix', handler);
    const fix = $(el, '[data-id="fix"]');
    expect(fix.disabled).toBe(false);
    fix.click();
    await flush();
    expect(handler.mock.calls[0][0].detail).toEqual({ checkId: 'object.Contact' });
  });

  it('disables Fix without the right to fix', () => {
    expect($(mount(checkOf(fixable, 'object.Contact'), false), '[data-id="fix"]').disabled).toBe(true);
  });

  it('shows the steps and a Setup link instead of a button for a profile-only problem', () => {
    const check = checkOf(viaProfile, 'mfa.api-logins-disabled');
    const el = mount(check);
    expect($(el, '[data-id="fix"]')).toBeNull();
    const steps = Array.from(el.shadowRoot!.querySelectorAll('[data-id="steps"] li')).map(
      (li) => li.textContent
    );
    expect(steps).toEqual(check.fix!.manual!.steps);
    expect($(el, '[data-id="setup-link"]').getAttribute('href')).toBe(check.fix!.manual!.url);
  });

  it('asks to map an unmapped field', async () => {
    const check = checkOf(unmapped, 'field.Contact.LeadScore');
    expect(check.fix?.manual?.kind).toBe('map-field');
    const el = mount(check);
    const handler = jest.fn();
    el.addEventListener('mapfield', handler);
    $(el, '[data-id="map"]').click();
    await flush();
    expect(handler.mock.calls[0][0].detail).toEqual({
      checkId: 'field.Contact.LeadScore',
      mappingKey: 'Contact.LeadScore'
    });
  });

  it('toggles its details with aria-expanded', async () => {
    const el = mount(checkOf(fixable, 'user.api-only'));
    const toggle = $(el, '[data-id="toggle"]');
    const before = toggle.getAttribute('aria-expanded');
    toggle.click();
    await flush();
    expect(toggle.getAttribute('aria-expanded')).toBe(before === 'true' ? 'false' : 'true');
    expect(!!$(el, '[data-id="details"]')).toBe(toggle.getAttribute('aria-expanded') === 'true');
    expect($(el, 'lightning-icon').alternativeText).toBeTruthy();
  });
});
