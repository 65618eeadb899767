import { createElement } from 'lwc';
import ReadinessScoreRing from 'c/readinessScoreRing';

jest.mock('c/readinessLabels');

function mount(score: unknown, status: string | null) {
  const element = createElement('c-readiness-score-ring', {
    is: ReadinessScoreRing
  }) as unknown as HTMLElement & {
    score: unknown;
    status: string | null;
  };
  element.score = score;
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
});
