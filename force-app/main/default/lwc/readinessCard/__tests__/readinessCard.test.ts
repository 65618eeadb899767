import { createElement } from 'lwc';
import ReadinessCard from 'c/readinessCard';
import getReadiness from '@salesforce/apex/ReadinessController.getReadiness';
import { assess } from 'c/readinessService';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import inactive from '../../../../../../fixtures/snapshots/inactive-user.json';
import perfect from '../../../../../../fixtures/snapshots/perfect-dedicated-user.json';
import lockedOut from '../../../../../../fixtures/snapshots/locked-out-user.json';
import frozen from '../../../../../../fixtures/snapshots/frozen-user.json';
import soap from '../../../../../../fixtures/snapshots/soap-login-no-use-any-api-auth.json';
import limited from '../../../../../../fixtures/snapshots/limited-admin-rights.json';
import unmapped from '../../../../../../fixtures/snapshots/unmapped-lead-score.json';
import expiring from '../../../../../../fixtures/snapshots/password-expiring.json';

jest.mock(
  '@salesforce/apex/ReadinessController.getReadiness',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('c/readinessLabels');

type WireMock = {
  emit(v: unknown, filter?: (config: unknown) => boolean): void;
  error(body?: unknown): void;
  getLastConfig(): Record<string, unknown>;
};
const wire = getReadiness as unknown as WireMock;
/** The config of every live wire instance (getLastConfig is reset by connect()). */
function liveConfigs(): unknown[] {
  const configs: unknown[] = [];
  wire.emit(null, (config: unknown) => {
    configs.push(config);
    return false;
  });
  return configs;
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const $ = (el: HTMLElement, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement;
const $$ = (el: HTMLElement, sel: string) =>
  Array.from(el.shadowRoot!.querySelectorAll(sel)) as HTMLElement[];

function mount(userId?: string) {
  const element = createElement('c-readiness-card', { is: ReadinessCard }) as unknown as HTMLElement & {
    userId?: string;
  };
  if (userId !== undefined) element.userId = userId;
  document.body.appendChild(element);
  return element;
}

const data = (snapshot: unknown) => ({
  snapshot,
  checklist,
  canFix: true,
  missingPermissions: [],
  integrationUserId: null
});

describe('c-readiness-card', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('watches the user set in App Builder, or the saved integration user when blank', async () => {
    const set = mount('  005000000000009AAA ') as HTMLElement & { userId: string | null };
    expect(set.userId).toBe('005000000000009AAA');
    await flush();
    expect(liveConfigs()).toContainEqual({ userId: '005000000000009AAA' });
    document.body.innerHTML = '';
    const blank = mount('') as HTMLElement & { userId: string | null };
    expect(blank.userId).toBeNull();
    await flush();
    expect(liveConfigs()).toEqual([{ userId: null }]);
    expect(liveConfigs()).not.toContainEqual({ userId: '' });
  });

  it('shows score, status and the top three problems, blockers first', async () => {
    const element = mount();
    wire.emit(data(inactive));
    await flush();
    const report = assess(checklist, inactive).report;
    expect($(element, '[data-id="status"]').dataset.status).toBe(report.status);
    expect($(element, '[data-id="status"]').textContent).toBe('Blocked');
    const ring = $(element, 'c-readiness-score-ring') as unknown as { score: number };
    expect(ring.score).toBe(report.score);
    const items = $$(element, '[data-check-id]');
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(items[0].dataset.checkId).toBe('user.active');
    expect($(element, '[data-id="checked"]').textContent).toMatch(/^Checked /);
    expect($(element, '[data-id="open-console"]').getAttribute('href')).toBe('/lightning/n/Act_On_Readiness');
  });

  it('shows the date beside a problem where it matters: when the password expires', async () => {
    const element = mount();
    wire.emit(data(expiring));
    await flush();
    const item = $(element, '[data-check-id="auth.password-expiry"]');
    expect(item.querySelector('[data-id="headline"]')?.textContent).toBe(': expires 5 Dec 2026 (in 12 days)');
  });

  it('says so when nothing is wrong', async () => {
    const element = mount();
    wire.emit(data(perfect));
    await flush();
    expect(assess(checklist, perfect).report.score).toBe(100);
    expect($(element, '[data-id="no-problems"]').textContent).toBe('No problems: every check passes.');
    expect($(element, '[data-id="status"]').className).toContain('slds-theme_success');
    expect($(element, '[data-id="incomplete"]')).toBeNull();
    expect($$(element, '[data-check-id]')).toHaveLength(0);
  });

  it.each([
    ['locked out', lockedOut, 'Blocked', 'user.not-locked-out'],
    ['frozen', frozen, 'Blocked', 'user.not-frozen'],
    ['logging in with SOAP login() without Use Any API Auth', soap, 'At risk', 'auth.use-any-api-auth']
  ])('a user %s: %s, the cause first, never "No problems"', async (_name, snapshot, status, first) => {
    const element = mount();
    wire.emit(data(snapshot));
    await flush();
    expect($(element, '[data-id="status"]').textContent).toBe(status);
    expect($(element, '[data-id="status"]').className).not.toContain('slds-theme_success');
    expect($$(element, '[data-check-id]')[0].dataset.checkId).toBe(first);
    expect($(element, '[data-id="no-problems"]')).toBeNull();
  });

  it('says plainly when checks could not be read and which right completes them, never green', async () => {
    const element = mount();
    wire.emit(data(limited));
    await flush();
    expect($(element, '[data-id="status"]').textContent).toBe('At risk');
    expect($(element, '[data-id="status"]').className).toContain('slds-theme_warning');
    expect($(element, '[data-id="incomplete"]').textContent).toBe(
      'Incomplete verdict: 6 checks could not be read, so this verdict is incomplete. Granting the running user Manage Users, View Setup and Configuration, Customize Application would complete it.'
    );
    expect($(element, '[data-id="no-problems"]')).toBeNull();
    expect($$(element, '[data-check-id]')[0].dataset.checkId).toBe('user.not-frozen');
    // Never a bare number over unread checks: the range, and why the status is what it is.
    const { report } = assess(checklist, limited);
    const ring = $(element, 'c-readiness-score-ring') as unknown as { score: number; scoreMax: number };
    expect([ring.score, ring.scoreMax]).toEqual([report.scoreRange.min, report.scoreRange.max]);
    expect($(element, '[data-id="score-range"]').textContent).toBe(
      `Score ${report.scoreRange.min}-${report.scoreRange.max} until every check is read`
    );
    expect($(element, '[data-id="status-reason"]').textContent!.trim()).toBe('6 checks could not be read');
  });

  it('a ready verdict with unread checks is "Ready (incomplete)", not green', async () => {
    const element = mount();
    wire.emit(data(unmapped));
    await flush();
    expect($(element, '[data-id="status"]').textContent).toBe('Ready (incomplete)');
    expect($(element, '[data-id="status"]').className).toContain('slds-theme_warning');
    expect($(element, '[data-id="incomplete"]').textContent).toContain(
      '2 field checks wait for a field mapping.'
    );
    expect($(element, '[data-id="no-problems"]')).toBeNull();
  });

  it('asks for a user when none is saved', async () => {
    const element = mount();
    wire.emit(data(null));
    await flush();
    expect($(element, '[data-id="no-user"]').textContent).toContain('No integration user chosen yet');
    expect($(element, '[data-id="open-console"]')).not.toBeNull();
  });

  it('shows errors as an alert', async () => {
    const element = mount();
    wire.error({ message: 'Insufficient privileges' });
    await flush();
    expect($(element, '[data-id="error"]').getAttribute('role')).toBe('alert');
    expect($(element, '[data-id="error"]').textContent).toContain('Insufficient privileges');
  });
});
