import { LightningElement, api } from 'lwc';
import { LABELS, fill } from 'c/readinessLabels';

const RADIUS = 42;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** The score as a ring like Salesforce Health Check: the arc is the share of 100, coloured by status. */
export default class ReadinessScoreRing extends LightningElement {
  @api score: number | null = null;
  @api status: string | null = null;
  /** small (card) or medium (console header). */
  @api size = 'medium';

  radius = RADIUS;

  get shownScore(): number {
    const n = Number(this.score);
    return Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : 0;
  }

  get dashArray(): string {
    const arc = (CIRCUMFERENCE * this.shownScore) / 100;
    return `${arc.toFixed(2)} ${CIRCUMFERENCE.toFixed(2)}`;
  }

  get ariaLabel(): string {
    return fill(LABELS.scoreOf, this.shownScore);
  }

  get ringClass(): string {
    return `ring ring_${this.size === 'small' ? 'small' : 'medium'} ring_${this.status ?? 'none'}`;
  }
}
