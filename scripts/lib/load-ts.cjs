'use strict';
/**
 * Loads the engine's TypeScript sources in Node without a build step: each .ts file is
 * transpiled (types stripped) to CommonJS in memory, and relative imports resolve to the .ts
 * beside it, never to compiled .js build output that could be stale.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const cache = new Map();

function resolveTs(fromDir, specifier) {
  const base = path.resolve(fromDir, specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot resolve ${specifier} from ${fromDir}`);
}

function loadTs(file) {
  const filename = path.resolve(file);
  const cached = cache.get(filename);
  if (cached) return cached.exports;
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      useDefineForClassFields: true
    }
  });
  const module = { exports: {} };
  cache.set(filename, module);
  const dir = path.dirname(filename);
  const localRequire = (specifier) =>
    specifier.startsWith('.') ? loadTs(resolveTs(dir, specifier)) : require(specifier);
  const run = new Function('exports', 'require', 'module', '__filename', '__dirname', outputText);
  run(module.exports, localRequire, module, filename, dir);
  return module.exports;
}

const ROOT = path.resolve(__dirname, '..', '..');
const ENGINE = path.join(ROOT, 'force-app/main/default/lwc/readinessEngine/readinessEngine.ts');

/** The engine module, loaded from its TypeScript sources. */
function loadEngine() {
  return loadTs(ENGINE);
}

module.exports = { loadTs, loadEngine, ROOT };
