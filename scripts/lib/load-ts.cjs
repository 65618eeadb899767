'use strict';
/**
 * Loads the engine's TypeScript sources in Node without a build step: each .ts file is
 * transpiled (types stripped) to CommonJS in memory, and relative imports resolve to the .ts
 * beside it, never to compiled .js build output that could be stale.
 *
 * Where there are no sources (the sf plugin's package, plugin/build/prepack.cjs), the engine is the
 * CommonJS that the pack compiled from them at the same place, and TypeScript is not needed.
 */
const fs = require('node:fs');
const path = require('node:path');

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
  const ts = require('typescript');
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

/** The engine module, loaded from its TypeScript sources (or, in a package without them, compiled). */
function loadEngine() {
  return fs.existsSync(ENGINE) ? loadTs(ENGINE) : require(ENGINE.replace(/\.ts$/, '.js'));
}

module.exports = { loadTs, loadEngine, ROOT };
