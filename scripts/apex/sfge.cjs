'use strict';
/**
 * Salesforce Graph Engine (sfge), offline: every rule the engine offers, over every Apex class and
 * trigger, through Code Analyzer's core (the way check.cjs runs PMD). sfge follows each entry point
 * (@AuraEnabled and the like) through the code it calls, so it sees what per-file rules cannot: a
 * query or DML without CRUD/FLS checks on some path, a database operation in a loop or in a class
 * without sharing, a null dereference.
 *
 *   node scripts/apex/sfge.cjs [--root DIR] [--log-dir DIR]
 *
 * Exit 0 only when the engine reports no violation left unsuppressed and no error of its own: a
 * class it cannot load ("Unexpected exception while loading graph"), an entry point it abandoned or
 * that ran out of time (an "Internal execution error", otherwise silent), any error or warning it
 * logs, or an ERROR line in its log file. Suppressions (see README, "Graph Engine") must each name
 * one rule and carry a reason: sfge's own `sfge-disable-next-line` directive above the statement,
 * Code Analyzer's `code-analyzer-suppress(sfge:Rule)` ... `code-analyzer-unsuppress(sfge:Rule)`
 * markers around it, or a per-file, per-rule, counted entry in code-analyzer.yml. Needs Java 17.
 *
 * Prints `sfge: 7 rules, 0 violations (0 suppressed, 0 sfge-disable-next-line) in 170 s`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..', '..');
const CONFIG_FILE = 'code-analyzer.yml';
const APEX_DIRS = ['force-app/main/default/classes', 'force-app/main/default/triggers'];
const WORKSPACE = 'force-app/main/default';
const MIN_REASON = 20;

/**
 * The engine's settings for a 2-core machine (the smallest this project runs on; CI runners have 4).
 * - java_thread_count 2, not sfge's default 8: one thread per core. Each thread expands the paths of
 *   one entry point, and java_thread_timeout is wall-clock time: with 8 threads on 2 cores every
 *   entry point gets a quarter of a core and runs out of time for nothing.
 * - java_thread_timeout 60 s per entry point (sfge's default is 30 s, sized for a thread per core
 *   on a larger machine). Measured here (2 cores, 2 threads): the entry points sfge can follow take
 *   4 to 13 s; those it cannot (a path explosion) were still running after 20 minutes, so a longer
 *   limit buys nothing but waiting. 60 s leaves over four times the slowest good one, and bounds
 *   the run at the graph build (about a minute) plus one limit per two entry points: about 5
 *   minutes for ReadinessController's 8. A timeout is an engine error and fails the check.
 * - java_max_heap_size 4g, not the JVM default of a quarter of the machine's memory: sfge derives
 *   its path expansion limit from the heap, so a fixed heap gives the same result on every machine
 *   (the run above peaked at 3.2 GB).
 */
const SFGE_ENGINE = {
  java_thread_count: 2,
  java_thread_timeout: 60000,
  java_max_heap_size: '4g',
  disable_limit_reached_violations: false
};

// ---------------------------------------------------------------------------------------------
// Java

function findJava() {
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(path.join(process.env.JAVA_HOME, 'bin', 'java'));
  candidates.push('java');
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-version'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const version = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr);
    const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : 0;
    return { command: candidate, major };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Suppressions

const RULE_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const where = (file, line) => `${file}:${line}`;
const tooShort = (reason) => typeof reason !== 'string' || reason.trim().length < MIN_REASON;

/**
 * code-analyzer.yml, Code Analyzer's own configuration file, holds only per-file suppressions here:
 *
 *   suppressions:
 *     force-app/main/default/classes/Foo.cls:
 *       - rule_selector: sfge:ApexFlsViolation
 *         max_suppressed_violations: 1
 *         reason: why this finding is a false positive
 *
 * Refused: another top-level key (rule overrides, ignores and engine settings would widen or switch
 * off the check silently), disable_suppressions, a folder or a file that is not the project's Apex,
 * a selector that is not one sfge rule, no count (unlimited), and an entry without a reason.
 * Returns the suppressions with absolute paths (Code Analyzer resolves relative ones against the
 * workspace, not the project) and the problems found.
 */
function readSuppressionConfig(root, text) {
  const problems = [];
  const file = CONFIG_FILE;
  if (text === undefined) {
    const full = path.join(root, CONFIG_FILE);
    if (!fs.existsSync(full)) return { suppressions: {}, entries: 0, problems };
    text = fs.readFileSync(full, 'utf8');
  }
  let doc;
  try {
    doc = require('yaml').parse(text) ?? {};
  } catch (error) {
    return { suppressions: {}, entries: 0, problems: [`${file}: not YAML: ${error.message}`] };
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    return { suppressions: {}, entries: 0, problems: [`${file}: expected a mapping`] };
  }
  for (const key of Object.keys(doc)) {
    if (key !== 'suppressions') {
      problems.push(`${file}: '${key}' is not allowed here: this file holds only reasoned suppressions`);
    }
  }
  const raw = doc.suppressions ?? {};
  const suppressions = {};
  let entries = 0;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${file}: 'suppressions' must map Apex files to lists of suppressions`);
    return { suppressions, entries, problems };
  }
  for (const [target, list] of Object.entries(raw)) {
    const at = `${file}: suppressions.${target}`;
    if (target === 'disable_suppressions') {
      problems.push(`${at}: turning suppressions off is not allowed`);
      continue;
    }
    const rel = target.split(path.sep).join('/');
    const full = path.resolve(root, target);
    const apexFile =
      /\.(cls|trigger)$/.test(rel) &&
      APEX_DIRS.some((d) => path.relative(path.join(root, d), full) === path.basename(full)) &&
      fs.existsSync(full) &&
      fs.statSync(full).isFile();
    if (!apexFile) {
      problems.push(`${at}: must be one Apex class or trigger of the project (a path from the project root)`);
    }
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`${at}: expected a list of suppressions`);
      continue;
    }
    const kept = [];
    list.forEach((entry, i) => {
      const here = `${at}[${i}]`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        problems.push(`${here}: expected rule_selector, max_suppressed_violations and reason`);
        return;
      }
      const extra = Object.keys(entry).filter(
        (k) => !['rule_selector', 'max_suppressed_violations', 'reason'].includes(k)
      );
      if (extra.length) problems.push(`${here}: unknown ${extra.join(', ')}`);
      const selector = /^sfge:(.+)$/.exec(entry.rule_selector ?? '');
      if (!selector || !RULE_NAME.test(selector[1])) {
        problems.push(`${here}: rule_selector must name one sfge rule, as sfge:RuleName`);
      }
      const max = entry.max_suppressed_violations;
      if (!Number.isInteger(max) || max < 1) {
        problems.push(
          `${here}: max_suppressed_violations must be the number of findings it covers (1 or more)`
        );
      }
      if (tooShort(entry.reason)) {
        problems.push(
          `${here}: a suppression needs a reason: why the finding is a false positive (at least ${MIN_REASON} characters)`
        );
      }
      kept.push({
        rule_selector: entry.rule_selector,
        max_suppressed_violations: max,
        reason: entry.reason
      });
      entries++;
    });
    if (apexFile) suppressions[full] = kept;
  }
  return { suppressions, entries, problems };
}

const DIRECTIVE = /sfge-disable(-next-line|-stack)?(?![\w-])([^\n]*)/gi;
const MARKER = /code-analyzer-(un)?suppress(?:\(([^()]*(?:\([^)]*\)[^()]*)*)\))?([^\n]*)/gi;
const afterMarker = (rest) =>
  rest
    .replace(/\*\/.*$/, '')
    .replace(/^[\s:-]+/, '')
    .trim();

/**
 * Inline suppressions in the Apex sources. sfge honours its own directives; Code Analyzer's core
 * honours its markers for every engine. Allowed:
 *   sfge-disable-next-line RuleName -- reason          (the next statement only; sfge's own)
 *   code-analyzer-suppress(sfge:RuleName) reason ...   (through the matching
 *   code-analyzer-unsuppress(sfge:RuleName))           (Code Analyzer's; sfge:, pmd:, ... rules)
 * Refused: sfge-disable (a whole class), sfge-disable-stack (everything a method calls), a
 * directive or marker that names no rule, a marker left open to the end of the file, and any of
 * them without a reason of at least MIN_REASON characters.
 * `sources` is a list of { file, text } (file relative to the project). Returns the problems and how
 * many directives and markers were found.
 */
function auditInlineSuppressions(sources) {
  const problems = [];
  let directives = 0;
  let markers = 0;
  for (const { file, text } of sources) {
    const lines = text.split('\n');
    const open = new Map();
    lines.forEach((line, i) => {
      const at = where(file, i + 1);
      for (const m of line.matchAll(DIRECTIVE)) {
        const kind = (m[1] ?? '').toLowerCase();
        const [rulesPart, ...comment] = m[2].replace(/\*\/.*$/, '').split('--');
        const rules = rulesPart
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        const reason = comment.join('--').replace(/^-+/, '').trim();
        if (kind !== '-next-line') {
          problems.push(
            `${at}: sfge-disable${kind} silences ${kind ? 'everything the method calls' : 'a whole class'}: use sfge-disable-next-line RuleName -- reason above the statement`
          );
          continue;
        }
        directives++;
        if (rules.length === 0 || !rules.every((r) => RULE_NAME.test(r))) {
          problems.push(`${at}: sfge-disable-next-line must name the rule(s) it silences`);
        }
        if (tooShort(reason)) {
          problems.push(
            `${at}: sfge-disable-next-line needs a reason after "--": why the finding is a false positive (at least ${MIN_REASON} characters)`
          );
        }
      }
      for (const m of line.matchAll(MARKER)) {
        const selector = (m[2] ?? '').trim();
        if (m[1]) {
          if (open.has(selector)) open.delete(selector);
          continue;
        }
        markers++;
        if (!/^[a-z]+:[A-Za-z][A-Za-z0-9]*$/i.test(selector)) {
          problems.push(
            `${at}: code-analyzer-suppress must name one rule, as code-analyzer-suppress(engine:RuleName)`
          );
        }
        if (tooShort(afterMarker(m[3]))) {
          problems.push(
            `${at}: code-analyzer-suppress needs a reason after the marker: why the finding is a false positive (at least ${MIN_REASON} characters)`
          );
        }
        open.set(selector, at);
      }
    });
    for (const [selector, at] of open) {
      problems.push(
        `${at}: code-analyzer-suppress(${selector}) is never closed: end it with code-analyzer-unsuppress(${selector})`
      );
    }
  }
  return { problems, directives, markers };
}

// ---------------------------------------------------------------------------------------------
// The run

function apexFiles(root) {
  return APEX_DIRS.map((d) => path.join(root, d))
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f)))
    .filter((f) => /\.(cls|trigger)$/.test(f))
    .sort();
}

const SUPPRESSED =
  /^(\d+) violation\(s\) were suppressed by (?:inline suppression markers|bulk suppressions)\./;
const LOG_ERROR = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?:\S+ )?\s*ERROR\s/;

/**
 * The engine's messages with paths from the project root, and the method an entry point names
 * ("ReadinessController.cls:12:39 (getReadiness)").
 */
function readable(root, message) {
  const prefix = root + path.sep;
  return message
    .split(prefix)
    .join('')
    .replace(/([\w/.-]+\.(?:cls|trigger)):(\d+):(\d+)/g, (all, file, line, column) => {
      const full = path.join(root, file);
      const text = fs.existsSync(full) ? (fs.readFileSync(full, 'utf8').split('\n')[line - 1] ?? '') : '';
      const name = /^\w+/.exec(text.slice(column - 1));
      return name ? `${all} (${name[0]})` : all;
    });
}

/** Runs every sfge rule; returns rule names, violations, suppressed count and engine errors. */
async function runSfge({ root, java, files, suppressions, logDir }) {
  const { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } = require('@salesforce/code-analyzer-core');
  const { createEnginePlugin } = require('@salesforce/code-analyzer-sfge-engine');
  const config = CodeAnalyzerConfig.fromObject(
    {
      log_folder: logDir,
      log_level: LogLevel.Info,
      engines: { sfge: { java_command: java, ...SFGE_ENGINE } },
      suppressions
    },
    root
  );
  const analyzer = new CodeAnalyzer(config);
  const errors = [];
  let suppressed = 0;
  const onLog = (event) => {
    const message = event.message.trim();
    if (event.logLevel <= LogLevel.Warn) {
      const source = event.engineName ? `${event.engineName} ` : '';
      errors.push(`${source}${event.logLevel === LogLevel.Error ? 'error' : 'warning'}: ${message}`);
    }
    const count = SUPPRESSED.exec(message);
    if (count) suppressed += Number(count[1]);
  };
  analyzer.onEvent(EventType.LogEvent, onLog);
  analyzer.onEvent(EventType.EngineLogEvent, onLog);
  await analyzer.addEnginePlugin(createEnginePlugin());
  const workspace = await analyzer.createWorkspace([path.join(root, WORKSPACE)], files);
  const selection = await analyzer.selectRules(['sfge'], { workspace });
  const rules = selection
    .getRulesFor('sfge')
    .map((r) => r.getName())
    .sort();
  const results = await analyzer.run(selection, { workspace });
  const violations = [];
  for (const v of results.getViolations()) {
    const rule = v.getRule().getName();
    if (rule === 'UnexpectedEngineError' || rule === 'UninstantiableEngineError') {
      // The engine's message holds the java command line and a Node stack: keep what sfge said.
      const said = v
        .getMessage()
        .split('\n')
        .filter((l) => !/^\s+at |Command: |SLF4J|Deduped array|BaseApexLexer/.test(l))
        .join('\n');
      errors.push(`${rule}: ${said.trim()}`);
      continue;
    }
    const locations = v.getCodeLocations();
    const loc = v.getPrimaryLocation();
    const rel = (l) => `${path.relative(root, l.getFile())}:${l.getStartLine()}`;
    const from = locations.length > 1 && locations[0] !== loc ? ` (from ${rel(locations[0])})` : '';
    violations.push(`${rel(loc)} ${rule}: ${v.getMessage().trim()}${from}`);
  }
  // Errors the engine writes only to its log file count too (one line for all of them).
  const log = fs
    .readdirSync(logDir)
    .filter((f) => /^sfca-sfge-.*\.log$/.test(f))
    .flatMap((f) => fs.readFileSync(path.join(logDir, f), 'utf8').split('\n'));
  const logErrors = log.filter((l) => LOG_ERROR.test(l));
  if (logErrors.length && errors.length === 0) {
    errors.push(`sfge log: ${logErrors.length} ERROR lines, the first: ${logErrors[0].trim()}`);
  }
  // A graph that fails to load names only a vertex in the log: say which class and line.
  const failedAt = log.findIndex((l) => /ERROR .*Unexpected exception while loading graph/.test(l));
  const vertex = failedAt >= 0 ? (log[failedAt + 1] ?? '') : '';
  const type = /vp\[DefiningType->([\w.]+)\]/.exec(vertex);
  const line = /vp\[BeginLine->(\d+)\]/.exec(vertex);
  if (type && line) {
    errors.push(
      `sfge could not load ${type[1]} line ${line[1]} into its graph: a construct sfge cannot follow (docs/graph-engine.md)`
    );
  }
  if (rules.length === 0) errors.push('sfge offered no rules: nothing was checked');
  return { rules, violations, suppressed, errors: errors.map((e) => readable(root, e)) };
}

function parseArgs(argv) {
  const options = { root: REPO, logDir: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') options.root = path.resolve(argv[++i]);
    else if (argv[i] === '--log-dir') options.logDir = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (usage: sfge.cjs [--root DIR] [--log-dir DIR])`);
  }
  options.logDir ??= path.join(REPO, 'artifacts', 'sfge');
  return options;
}

async function main() {
  const { root, logDir } = parseArgs(process.argv.slice(2));
  const java = findJava();
  if (!java || java.major < 17) {
    console.error(
      `sfge: Java 17 is required for Salesforce Graph Engine (${java ? `found Java ${java.major}` : 'no java on PATH or in JAVA_HOME'}): apt-get install -y openjdk-17-jre-headless`
    );
    process.exit(1);
  }
  const files = apexFiles(root);
  const config = readSuppressionConfig(root);
  const inline = auditInlineSuppressions(
    files.map((f) => ({ file: path.relative(root, f), text: fs.readFileSync(f, 'utf8') }))
  );
  const refused = [...config.problems, ...inline.problems];
  if (refused.length) {
    for (const line of refused) console.error(line);
    console.error(`sfge: ${refused.length} suppressions refused; nothing was run`);
    process.exit(1);
  }
  fs.mkdirSync(logDir, { recursive: true });
  for (const f of fs.readdirSync(logDir)) {
    if (/^sfca-sfge-.*\.log$/.test(f)) fs.rmSync(path.join(logDir, f));
  }
  const started = Date.now();
  const { rules, violations, suppressed, errors } = await runSfge({
    root,
    java: java.command,
    files,
    suppressions: config.suppressions,
    logDir
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`sfge rules: ${rules.join(', ')}`);
  for (const line of violations) console.error(line);
  for (const line of errors) console.error(line);
  if (errors.length) {
    const shown = path.relative(process.cwd(), logDir);
    console.error(`sfge: the engine's log is in ${shown && !shown.startsWith('..') ? shown : logDir}`);
  }
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  console.log(
    `sfge: ${plural(rules.length, 'rule')}, ${plural(violations.length, 'violation')} ` +
      `(${suppressed} suppressed, ${inline.directives} sfge-disable-next-line), ` +
      `${plural(errors.length, 'engine error')} in ${seconds} s`
  );
  process.exit(violations.length || errors.length ? 1 : 0);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`sfge: ${error.message}`);
    process.exit(1);
  });
}

module.exports = {
  readSuppressionConfig,
  auditInlineSuppressions,
  apexFiles,
  findJava,
  SFGE_ENGINE,
  MIN_REASON
};
