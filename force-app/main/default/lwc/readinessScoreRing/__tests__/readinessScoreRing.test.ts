import { createElement } from 'lwc';
import ReadinessScoreRing from 'c/readinessScoreRing';

jest.mock('c/readinessLabels');

function mount(score: unknown, status: string | null, scoreMax?: unknown) {
  const element = createElement('c-readiness-score-ring', {
    is: ReadinessScoreRing
  }) as unknown as HTMLElement & {
    score: unknown;
    status: string | null;
    scoreMax?: unknown;
  };
  element.score = score;
  if (scoreMax !== undefined) element.scoreMax = scoreMax;
  element.status = status;
  document.body.appendChild(element);
  return element;
}

describe('c-readiness-score-ring', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('draws the share of 100 and names the score for screen readers', () => {
    const el = mount(49, 'blocked');
    const ring = el.shadowRoot!.querySelector('[role="img"]')!;
    expect(ring.getAttribute('aria-label')).toBe('Score 49 of 100');
    expect(ring.className).toContain('ring_blocked');
    const [arc, circumference] = el
      .shadowRoot!.querySelector('.arc')!
      .getAttribute('stroke-dasharray')!
      .split(' ')
      .map(Number);
    expect(arc / circumference).toBeCloseTo(0.49, 2);
    expect(el.shadowRoot!.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('clamps nonsense to 0..100', () => {
    expect(mount(140, 'ready').shadowRoot!.querySelector('.number')!.textContent).toBe('100');
    expect(mount('x', null).shadowRoot!.querySelector('.number')!.textContent).toBe('0');
  });

  it('shows a range while checks are unread: the proven arc, a faint arc to the most it could be', () => {
    const el = mount(62, 'at-risk', 100);
    const ring = el.shadowRoot!.querySelector('[role="img"]')!;
    expect(el.shadowRoot!.querySelector('.number')!.textContent).toBe('62-100');
    expect(ring.getAttribute('aria-label')).toContain('between 62 and 100');
    const share = (sel: string) => {
      const [arc, c] = el
        .shadowRoot!.querySelector(sel)!
        .getAttribute('stroke-dasharray')!
        .split(' ')
        .map(Number);
      return arc / c;
    };
    expect(share('.arc')).toBeCloseTo(0.62, 2);
    expect(share('.possible')).toBeCloseTo(1, 2);
  });

  it('shows one number when the range is closed (or nonsense)', () => {
    for (const max of [62, null, 10]) {
      const el = mount(62, 'blocked', max);
      expect(el.shadowRoot!.querySelector('.number')!.textContent).toBe('62');
      expect(el.shadowRoot!.querySelector('.possible')).toBeNull();
      document.body.innerHTML = '';
    }
  });
});
