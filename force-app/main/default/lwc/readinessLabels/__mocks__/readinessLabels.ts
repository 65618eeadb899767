/**
 * Jest stand-in for c/readinessLabels with the real texts of the labels file, so tests read and
 * assert what an admin sees (Jest's own label stand-in returns only the label's name).
 * Use with jest.mock('c/readinessLabels').
 */
import fs from 'node:fs';
import path from 'node:path';

const actual = jest.requireActual('../readinessLabels') as typeof import('../readinessLabels');
const FILE = path.join(__dirname, '..', '..', '..', 'labels', 'CustomLabels.labels-meta.xml');

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Readiness_Score_Of -> scoreOf, the key readinessLabels uses. */
export function keyOf(fullName: string): string {
  return fullName
    .replace(/^Readiness_/, '')
    .split('_')
    .map((p, i) => (i === 0 ? p.toLowerCase() : p[0] + p.slice(1).toLowerCase()))
    .join('');
}

export function readLabels(): Record<string, string> {
  const xml = fs.readFileSync(FILE, 'utf8');
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<fullName>([^<]+)<\/fullName>[\s\S]*?<value>([\s\S]*?)<\/value>/g)) {
    out[keyOf(m[1])] = decode(m[2]);
  }
  return out;
}

export const LABELS = readLabels() as unknown as typeof actual.LABELS;
export const fill = actual.fill;
