import { createElement } from 'lwc';
import ReadinessLoginHistory from 'c/readinessLoginHistory';
import locked from '../../../../../../fixtures/snapshots/locked-out-user.json';

jest.mock('c/readinessLabels');

type Login = { LoginTime: string; Status: string };
function mount(logins: Login[], hasAccess = true) {
  const el = createElement('c-readiness-login-history', {
    is: ReadinessLoginHistory
  }) as unknown as HTMLElement & Record<string, unknown>;
  el.logins = logins;
  el.hasAccess = hasAccess;
  document.body.appendChild(el);
  return el;
}

describe('c-readiness-login-history', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('lists logins newest first and highlights failures', () => {
    const logins = [...((locked as { loginHistory?: Login[] }).loginHistory ?? [])].reverse();
    expect(logins.length).toBeGreaterThan(1);
    const el = mount(logins);
    const rows = Array.from(el.shadowRoot!.querySelectorAll('tbody tr')) as HTMLElement[];
    expect(rows).toHaveLength(logins.length);
    const newestFirst = [...logins].sort((a, b) => b.LoginTime.localeCompare(a.LoginTime));
    rows.forEach((row, i) => {
      expect(row.textContent).toContain(newestFirst[i].Status);
      const failed = newestFirst[i].Status !== 'Success';
      expect(row.dataset.failed).toBe(String(failed));
      expect(row.classList.contains('failed')).toBe(failed);
    });
    expect(rows.some((r) => r.dataset.failed === 'true')).toBe(true);
    expect(el.shadowRoot!.querySelectorAll('thead th[scope="col"]')).toHaveLength(5);
  });

  it('says when there is nothing, or when the history cannot be read', () => {
    expect(mount([]).shadowRoot!.querySelector('[data-id="empty"]')).not.toBeNull();
    document.body.innerHTML = '';
    expect(mount([], false).shadowRoot!.querySelector('[data-id="no-access"]')!.textContent).toContain(
      'Manage Users'
    );
  });
});
