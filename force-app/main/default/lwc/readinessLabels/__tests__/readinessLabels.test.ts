import fs from 'node:fs';
import path from 'node:path';
import { fill } from 'c/readinessLabels';

const LWC = path.join(__dirname, '..', '..');
const XML = fs.readFileSync(path.join(LWC, '..', 'labels', 'CustomLabels.labels-meta.xml'), 'utf8');
const declared = [...XML.matchAll(/<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1]);

function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const bundle of fs.readdirSync(LWC)) {
    const dir = path.join(LWC, bundle);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir))
      if (/\.(ts|html)$/.test(f) && !f.endsWith('.d.ts'))
        out.push({ file: `${bundle}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') });
  }
  return out;
}

describe('custom labels', () => {
  const all = sources();
  const imported = all.flatMap((s) =>
    [...s.text.matchAll(/@salesforce\/label\/c\.([A-Za-z0-9_]+)/g)].map((m) => m[1])
  );

  it('names every label Readiness_X, once', () => {
    expect(declared.length).toBeGreaterThan(50);
    expect(declared.every((n) => /^Readiness_[A-Za-z0-9_]+$/.test(n))).toBe(true);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('declares every label a component imports, and imports every label declared', () => {
    expect([...new Set(imported)].sort()).toEqual([...declared].sort());
  });

  it('uses every label somewhere in a component', () => {
    const lib = fs.readFileSync(path.join(LWC, 'readinessLabels', 'readinessLabels.ts'), 'utf8');
    const keys = [...lib.matchAll(/^ {2}([a-zA-Z0-9]+): [A-Z0-9_]+,?$/gm)].map((m) => m[1]);
    expect(keys).toHaveLength(declared.length);
    const code = all
      .filter((s) => !s.file.startsWith('readinessLabels/'))
      .map((s) => s.text)
      .join('\n');
    const unused = keys.filter((k) => !new RegExp(`(labels|LABELS)\\.${k}\\b`).test(code));
    expect(unused).toEqual([]);
  });

  it('fills placeholders', () => {
    expect(fill('{0} of {1}', 3, 4)).toBe('3 of 4');
    expect(fill('{0} and {2}', 'a')).toBe('a and ');
    expect(fill('no placeholders', 1)).toBe('no placeholders');
  });
});
