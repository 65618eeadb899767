/**
 * Jest stand-in for c/readinessLabels with the real texts of the labels file, so tests read and
 * assert what an admin sees (Jest's own label stand-in returns only the label's name).
 * Use with jest.mock('c/readinessLabels').
 */
import path from 'node:path';

const actual = jest.requireActual('../readinessLabels') as typeof import('../readinessLabels');
// The same reader the preview build uses (a real XML parser, entities decoded).
const { readLabels: readLabelFile } = require(
  path.join(__dirname, '..', '..', '..', '..', '..', '..', 'scripts', 'lib', 'labels-xml.cjs')
) as {
  readLabels: () => Record<string, string>;
};

/** Readiness_Score_Of -> scoreOf, the key readinessLabels uses. */
export function keyOf(fullName: string): string {
  return fullName
    .replace(/^Readiness_/, '')
    .split('_')
    .map((p, i) => (i === 0 ? p.toLowerCase() : p[0] + p.slice(1).toLowerCase()))
    .join('');
}

export function readLabels(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [fullName, value] of Object.entries(readLabelFile())) out[keyOf(fullName)] = value;
  return out;
}

export const LABELS = readLabels() as unknown as typeof actual.LABELS;
export const fill = actual.fill;
