/**
 * Builds the local preview: the product's components (the .js that npm run build emits beside each .ts),
 * the open-source lightning base components, synthetic shadow, and stand-ins for what only Salesforce
 * provides: @salesforce/apex (stubs/apex.js, the real engine on fixture snapshots), @salesforce/label/c.*
 * (the values in the package's labels file) and lightning/recordPicker.
 * Output: dist/preview/app.js, minified (+ index.html). Usage: node scripts/preview/build.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { rollup } from 'rollup';
import { minify } from 'terser';
import lwc from '@lwc/rollup-plugin';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
export const OUT = path.join(ROOT, 'dist', 'preview');
const LWC_DIR = path.join(ROOT, 'force-app', 'main', 'default', 'lwc');
const FIXTURES = path.join(ROOT, 'fixtures', 'snapshots');
const STUBS = path.join(HERE, 'stubs');

export const { readLabels, LABELS_FILE } = require('../lib/labels-xml.cjs');

/** Resolves the Salesforce-only modules to the preview's stand-ins, as virtual modules. */
function salesforceStandIns() {
  const labels = readLabels();
  const PREFIX = '\0preview:';
  const apex = path.join(STUBS, 'apex.js');
  return {
    name: 'salesforce-stand-ins',
    resolveId(source) {
      if (source.startsWith('@salesforce/apex/ReadinessController.')) return `${PREFIX}${source}`;
      if (source === '@salesforce/apex') return `${PREFIX}${source}`;
      if (source.startsWith('@salesforce/label/c.')) return `${PREFIX}${source}`;
      if (source === 'preview:data') return `${PREFIX}data`;
      return null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const source = id.slice(PREFIX.length);
      if (source === '@salesforce/apex') return `export { refreshApex } from ${JSON.stringify(apex)};`;
      if (source.startsWith('@salesforce/apex/ReadinessController.')) {
        const method = source.split('.').pop();
        return `export { ${method} as default } from ${JSON.stringify(apex)};`;
      }
      if (source.startsWith('@salesforce/label/c.')) {
        const name = source.slice('@salesforce/label/c.'.length);
        if (!(name in labels)) this.error(`label ${name} is not in ${path.relative(ROOT, LABELS_FILE)}`);
        return `export default ${JSON.stringify(labels[name])};`;
      }
      if (source === 'data') {
        const { readChecklistRecords } = require(path.join(ROOT, 'scripts', 'lib', 'checklist-xml.cjs'));
        const fixtures = {};
        for (const f of fs
          .readdirSync(FIXTURES)
          .filter((n) => n.endsWith('.json'))
          .sort())
          fixtures[f.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
        return `export const checklist = ${JSON.stringify(readChecklistRecords())};\nexport const fixtures = ${JSON.stringify(fixtures)};`;
      }
      return null;
    }
  };
}

/**
 * process.env.NODE_ENV and import.meta.env.SSR as constants, as a bundler for the browser must
 * (lwc and the base components read them).
 */
function nodeEnv(value) {
  return {
    name: 'node-env',
    transform(code) {
      if (!code.includes('process.env.NODE_ENV') && !code.includes('import.meta.env')) return null;
      const out = code
        .replace(/\bprocess\.env\.NODE_ENV\b/g, JSON.stringify(value))
        .replace(/\bimport\.meta\.env\.SSR\b/g, 'false');
      return { code: out, map: null };
    }
  };
}

/** The preview's own LWC stand-ins are TypeScript too: transpile them as scripts/build.cjs does the product's. */
function buildStandIns() {
  const ts = require('typescript');
  const src = path.join(HERE, 'lwc');
  const out = path.join(OUT, 'lwc');
  for (const bundle of fs.readdirSync(src)) {
    fs.mkdirSync(path.join(out, bundle), { recursive: true });
    for (const file of fs.readdirSync(path.join(src, bundle))) {
      const from = path.join(src, bundle, file);
      if (file.endsWith('.ts')) {
        const { outputText } = ts.transpileModule(fs.readFileSync(from, 'utf8'), {
          fileName: from,
          compilerOptions: {
            target: ts.ScriptTarget.ESNext,
            module: ts.ModuleKind.ESNext,
            useDefineForClassFields: true
          }
        });
        fs.writeFileSync(path.join(out, bundle, file.replace(/\.ts$/, '.js')), outputText);
      } else {
        fs.copyFileSync(from, path.join(out, bundle, file));
      }
    }
  }
  return out;
}

export async function buildPreview() {
  const missing = fs
    .readdirSync(LWC_DIR)
    .filter(
      (b) =>
        fs.existsSync(path.join(LWC_DIR, b, `${b}.ts`)) && !fs.existsSync(path.join(LWC_DIR, b, `${b}.js`))
    );
  if (missing.length) throw new Error(`run npm run build first: no built .js for ${missing.join(', ')}`);
  const standIns = buildStandIns();
  const warnings = [];
  const bundle = await rollup({
    input: path.join(HERE, 'main.js'),
    plugins: [
      salesforceStandIns(),
      nodeEnv('production'),
      lwc({
        rootDir: ROOT,
        modules: [
          { name: 'lightning/recordPicker', path: path.join(standIns, 'recordPicker', 'recordPicker.js') },
          ...fs
            .readdirSync(LWC_DIR)
            .filter((b) => fs.existsSync(path.join(LWC_DIR, b, `${b}.js`)))
            .map((b) => ({ name: `c/${b}`, path: path.join(LWC_DIR, b, `${b}.js`) })),
          { npm: 'lightning-base-components' }
        ],
        // Only the built .js of each bundle: the .ts sources are not for the browser.
        exclude: ['**/*.ts']
      })
    ],
    onwarn(warning) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
      // Template warnings inside the open-source base components are theirs, not the product's.
      if (String(warning.id ?? warning.message).includes('lightning-base-components')) return;
      warnings.push(warning.message);
    }
  });
  fs.mkdirSync(OUT, { recursive: true });
  const { output } = await bundle.generate({ format: 'iife', inlineDynamicImports: true, sourcemap: false });
  await bundle.close();
  const code = await minified(output[0].code);
  fs.writeFileSync(path.join(OUT, 'app.js'), code);
  fs.copyFileSync(path.join(HERE, 'index.html'), path.join(OUT, 'index.html'));
  return { warnings, bytes: Buffer.byteLength(code), gzipBytes: zlib.gzipSync(code).length };
}

/**
 * The bundle without comments and whitespace (terser, no compress or mangle: those take a minute
 * on 4 MB, for little more once the server gzips it).
 */
async function minified(code) {
  const result = await minify(code, { compress: false, mangle: false, format: { comments: false } });
  return result.code ?? code;
}

/** "3.8 MB (680 KB gzipped)", for npm start. */
export function sizeText({ bytes, gzipBytes }) {
  const unit = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} KB`);
  return `${unit(bytes)} (${unit(gzipBytes)} gzipped)`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  buildPreview().then(
    (built) => {
      for (const w of built.warnings) process.stderr.write(`preview build warning: ${w}\n`);
      process.stdout.write(
        `preview: built ${path.relative(ROOT, OUT)} in ${Date.now() - started} ms, app.js ${sizeText(built)}\n`
      );
    },
    (error) => {
      process.stderr.write(`preview: build failed: ${error.message}\n`);
      process.exit(1);
    }
  );
}
