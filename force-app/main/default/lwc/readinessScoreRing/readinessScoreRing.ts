import { LightningElement, api } from 'lwc';
import { LABELS, fill } from 'c/readinessLabels';

const RADIUS = 42;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

const clamp = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : null;
};

/**
 * The score as a ring like Salesforce Health Check: the arc is the share of 100, coloured by status.
 * While checks are unread the score is a range (report.scoreRange): the arc is what is proven (min),
 * a faint arc reaches the most it could be (max), and the number reads "62-100".
 */
export default class ReadinessScoreRing extends LightningElement {
  /** The proven score (scoreRange.min). */
  @api score: number | null = null;
  /** The most the score could be once every check is read (scoreRange.max); null: same as score. */
  @api scoreMax: number | null = null;
  @api status: string | null = null;
  /** small (card) or medium (console header). */
  @api size = 'medium';

  radius = RADIUS;

  get min(): number {
    return clamp(this.score) ?? 0;
  }

  get max(): number {
    const max = clamp(this.scoreMax);
    return max === null || max < this.min ? this.min : max;
  }

  get isRange(): boolean {
    return this.max > this.min;
  }

  get shownScore(): string {
    return this.isRange ? `${this.min}-${this.max}` : String(this.min);
  }

  private dash(share: number): string {
    const arc = (CIRCUMFERENCE * share) / 100;
    return `${arc.toFixed(2)} ${CIRCUMFERENCE.toFixed(2)}`;
  }

  get dashArray(): string {
    return this.dash(this.min);
  }

  /** The faint arc from 0 to max (drawn under the proven arc). */
  get rangeDashArray(): string {
    return this.dash(this.max);
  }

  get ariaLabel(): string {
    return this.isRange ? fill(LABELS.scoreRangeOf, this.min, this.max) : fill(LABELS.scoreOf, this.min);
  }

  get ringClass(): string {
    return `ring ring_${this.size === 'small' ? 'small' : 'medium'} ring_${this.status ?? 'none'}${
      this.isRange ? ' ring_range' : ''
    }`;
  }
}
