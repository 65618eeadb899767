import { createElement } from 'lwc';
import ReadinessCheck from 'c/readinessCheck';
import { assess, formatDateTime } from 'c/readinessService';
import type { CheckResult } from 'c/readinessEngine';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import viaGroup from '../../../../../../fixtures/snapshots/mfa-api-via-group.json';
import viaProfile from '../../../../../../fixtures/snapshots/mfa-api-via-profile.json';
import fixable from '../../../../../../fixtures/snapshots/new-user-fixable.json';
import unmapped from '../../../../../../fixtures/snapshots/unmapped-lead-score.json';
import limited from '../../../../../../fixtures/snapshots/limited-admin-rights.json';
import perfect from '../../../../../../fixtures/snapshots/perfect-dedicated-user.json';
import lockedOut from '../../../../../../fixtures/snapshots/locked-out-user.json';

jest.mock('c/readinessLabels');

const checkOf = (snapshot: unknown, id: string): CheckResult =>
  assess(checklist, snapshot).report.checks.find((c) => c.id === id)!;

function mount(check: CheckResult, props: Record<string, unknown> = {}) {
  const element = createElement('c-readiness-check', { is: ReadinessCheck }) as unknown as HTMLElement &
    Record<string, unknown>;
  element.check = check;
  element.canFix = true;
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}
const $ = (el: HTMLElement, sel: string) =>
  el.shadowRoot!.querySelector(sel) as HTMLElement & Record<string, unknown>;
const flush = () => Promise.resolve();

async function open(el: HTMLElement): Promise<void> {
  $(el, '[data-id="toggle"]').click();
  await flush();
}

describe('c-readiness-check', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('is one line, closed: title, status, severity and its action; details on demand', async () => {
    const check = checkOf(viaGroup, 'mfa.api-logins-disabled');
    const el = mount(check);
    const article = $(el, 'article');
    expect(article.dataset.checkId).toBe('mfa.api-logins-disabled');
    expect(article.dataset.status).toBe('fail');
    expect($(el, '.title').textContent).toBe('MFA for API logins');
    expect($(el, '.status-text').textContent).toBe('Fail');
    expect($(el, '[data-id="severity"]').textContent).toBe('Blocker');
    expect($(el, '[data-id="details"]')).toBeNull();
    expect($(el, '[data-id="toggle"]').getAttribute('aria-expanded')).toBe('false');
    await open(el);
    expect($(el, '[data-id="toggle"]').getAttribute('aria-expanded')).toBe('true');
    expect($(el, '.evidence').textContent).toBe(check.evidence);
    expect($(el, '.why').textContent).toBe(check.why);
    const rows = Array.from(el.shadowRoot!.querySelectorAll('tr[data-grant-id]')) as HTMLElement[];
    expect(rows.map((r) => r.dataset.grantId)).toEqual(check.grantedBy.map((g) => g.id));
    expect(rows[0].textContent).toContain('permission set group');
    expect($(el, '[data-id="grants"] caption').textContent).toBe('What grants or imposes it');
  });

  it('never alarms with its severity on a passing row', () => {
    const el = mount(checkOf(perfect, 'system.api-enabled'));
    const badge = $(el, '[data-id="severity"]');
    expect(badge.textContent).toBe('Blocker');
    expect(badge.className).toContain('severity_quiet');
    expect(badge.className).not.toContain('severity_blocker');
    const failing = mount(checkOf(viaProfile, 'mfa.api-logins-disabled'));
    expect($(failing, '[data-id="severity"]').className).toContain('severity_blocker');
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

  it('disables Fix without the right to fix, or when fixes are blocked for this user, and says why', () => {
    expect($(mount(checkOf(fixable, 'object.Contact'), { canFix: false }), '[data-id="fix"]').disabled).toBe(
      true
    );
    const blocked = mount(checkOf(fixable, 'object.Contact'), { fixBlocked: 'This is your own user.' });
    expect($(blocked, '[data-id="fix"]').disabled).toBe(true);
    expect($(blocked, '[data-id="fix"]').title).toBe('This is your own user.');
  });

  it('opens Setup instead of a button for a profile-only problem, with the steps in its details', async () => {
    const check = checkOf(viaProfile, 'mfa.api-logins-disabled');
    const el = mount(check);
    expect($(el, '[data-id="fix"]')).toBeNull();
    const link = $(el, '[data-id="action-link"]');
    expect(link.getAttribute('href')).toBe(check.fix!.manual!.url);
    expect(link.textContent).toBe('Open in Setup');
    await open(el);
    const steps = Array.from(el.shadowRoot!.querySelectorAll('[data-id="steps"] li')).map(
      (li) => li.textContent
    );
    expect(steps).toEqual(check.fix!.manual!.steps);
  });

  it('asks to map an unmapped field', async () => {
    const check = checkOf(unmapped, 'field.Contact.LeadScore');
    const el = mount(check);
    const handler = jest.fn();
    el.addEventListener('mapfield', handler);
    expect($(el, '[data-id="map"]').label).toBe('Map this field');
    $(el, '[data-id="map"]').click();
    await flush();
    expect(handler.mock.calls[0][0].detail).toEqual({
      checkId: 'field.Contact.LeadScore',
      mappingKey: 'Contact.LeadScore'
    });
  });

  it('offers to grant the right for a check the running user cannot read', () => {
    const check = checkOf(limited, 'user.not-frozen');
    const el = mount(check, { runningUserId: '0058d0000000900AAM' });
    const link = $(el, '[data-id="action-link"]');
    expect(link.dataset.kind).toBe('grant');
    expect(link.textContent).toBe('Grant the right');
    expect(link.title).toBe('Ask a System Administrator to give you Manage Users, then refresh.');
    expect(link.getAttribute('href')).toContain('0058d0000000900AAM');
  });

  it("shows dates in evidence in the reader's locale, not as ISO text", async () => {
    const check = checkOf(lockedOut, 'auth.recent-logins');
    expect(check.evidence).toContain('2026-11-22T09:00:03.000Z');
    const el = mount(check);
    await open(el);
    const text = $(el, '.evidence').textContent ?? '';
    expect(text).not.toContain('2026-11-22T09:00:03.000Z');
    expect(text).toContain(formatDateTime('2026-11-22T09:00:03.000Z'));
  });
});
