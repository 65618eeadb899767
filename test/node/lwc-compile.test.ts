/**
 * @jest-environment node
 *
 * Compiles every built LWC bundle with @lwc/compiler, as the platform does on deploy: a decorator,
 * import or template the platform rejects fails here. Needs `npm run build` first (npm test runs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from '@lwc/compiler';

const LWC = path.join(__dirname, '..', '..', 'force-app', 'main', 'default', 'lwc');
const bundles = fs
  .readdirSync(LWC, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
  .map((d) => d.name);

function bundleFiles(bundle: string): string[] {
  const dir = path.join(LWC, bundle);
  return fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

describe('every LWC bundle compiles as the platform would', () => {
  it('finds bundles to check', () => {
    expect(bundles).toContain('readinessEngine');
  });

  describe.each(bundles)('%s', (bundle) => {
    const files = bundleFiles(bundle);
    const dir = path.join(LWC, bundle);

    it('has a built .js for every .ts module', () => {
      const missing = files
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .filter((f) => !fs.existsSync(path.join(dir, f.replace(/\.ts$/, '.js'))));
      expect({ bundle, missing, hint: 'run npm run build' }).toEqual({
        bundle,
        missing: [],
        hint: 'run npm run build'
      });
    });

    it('has a main module and a meta file', () => {
      expect(files).toContain(`${bundle}.js-meta.xml`);
      expect(files.some((f) => f === `${bundle}.ts` || f === `${bundle}.js`)).toBe(true);
    });

    const sources = files.filter((f) => f.endsWith('.js') || f.endsWith('.html') || f.endsWith('.css'));
    it.each(sources)('%s compiles', (file) => {
      const code = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(code).not.toMatch(/__decorate|__esDecorate/);
      const result = transformSync(code, file, { namespace: 'c', name: bundle });
      const errors = (result.warnings ?? []).filter((w) => w.level === 0 || String(w.level) === 'error');
      expect(errors).toEqual([]);
      expect(result.code.length).toBeGreaterThan(0);
    });
  });
});
