import { createElement } from 'lwc';
import ReadinessCard from 'c/readinessCard';
import getReadiness from '@salesforce/apex/ReadinessController.getReadiness';
import { assess } from 'c/readinessService';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import inactive from '../../../../../../fixtures/snapshots/inactive-user.json';
import perfect from '../../../../../../fixtures/snapshots/perfect-dedicated-user.json';

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

  it('says so when nothing is wrong', async () => {
    const element = mount();
    wire.emit(data(perfect));
    await flush();
    expect(assess(checklist, perfect).report.score).toBe(100);
    expect($(element, '[data-id="no-problems"]').textContent).toContain('No problems');
    expect($$(element, '[data-check-id]')).toHaveLength(0);
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
