'use strict';
/**
 * Offline checks of the Apex half (nothing here can run Apex): every class and trigger parses
 * (@apexdevtools/apex-parser), apex-ls finds no semantic issue (unknown fields, types, methods),
 * and PMD's security, performance, error-prone and best-practice rules find no violation.
 * Needs Java (apex-ls and PMD are Java). Exit 0 only when all three are clean.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { checkSoql } = require('./schema.cjs');

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['force-app/main/default/classes', 'force-app/main/default/triggers'].map((d) =>
  path.join(ROOT, d)
);
const JAVA_LIB = path.join(ROOT, 'node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib/*');
const PMD_CATEGORIES = ['Security', 'Performance', 'ErrorProne', 'BestPractices'];

function findJava() {
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(path.join(process.env.JAVA_HOME, 'bin', 'java'));
  candidates.push('java');
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

function apexFiles() {
  return SOURCE_DIRS.filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f)))
    .filter((f) => f.endsWith('.cls') || f.endsWith('.trigger'))
    .sort();
}

/** Syntax: count the errors the parser reports (checkProject's exit status cannot be trusted). */
function parseAll(files) {
  const { ApexParserFactory, ApexErrorListener } = require('@apexdevtools/apex-parser');
  const errors = [];
  for (const file of files) {
    class Listener extends ApexErrorListener {
      apexSyntaxError(line, column, message) {
        errors.push(`${path.relative(ROOT, file)}:${line}:${column} ${message}`);
      }
    }
    const { parser } = ApexParserFactory.createLexerAndParser(fs.readFileSync(file, 'utf8'), new Listener());
    if (file.endsWith('.trigger')) parser.triggerUnit();
    else parser.compilationUnit();
  }
  return errors;
}

/**
 * apex-ls findings that are known to be wrong, each with its reason: apex-ls knows the standard
 * library of API 65, and the classes are at 67.0. One file, one exact message each; anything else
 * it reports fails the check.
 */
const APEX_LS_KNOWN = [
  {
    file: 'force-app/main/default/classes/ReadinessFixLog.cls',
    message: "No matching method found for 'publishWithAccessLevel' on 'System.EventBus'",
    reason:
      'EventBus.publishWithAccessLevel(event, AccessLevel) is documented (Apex Reference, EventBus Class) and newer than the API 65 types apex-ls knows'
  }
];

const isKnown = (issue) =>
  APEX_LS_KNOWN.some((k) => issue.startsWith(`${k.file}:`) && issue.includes(k.message));

/** Semantics: apex-ls over the sfdx-project workspace. */
function apexLs(java) {
  const run = spawnSync(
    java,
    [
      '-cp',
      JAVA_LIB,
      'io.github.apexdevtools.apexls.CheckForIssues',
      '-n',
      '-d',
      'warnings',
      '-f',
      'json',
      '-w',
      ROOT
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
  );
  const start = run.stdout.indexOf('{');
  if (start < 0) throw new Error(`apex-ls printed no report (exit ${run.status}): ${run.stderr.trim()}`);
  const report = JSON.parse(run.stdout.slice(start));
  const issues = report.files.flatMap((f) =>
    f.messages.map((m) => `${path.relative(ROOT, f.path)}:${m.start.line} ${m.category}: ${m.message}`)
  );
  if (run.status !== 0 && issues.length === 0) throw new Error(`apex-ls failed (exit ${run.status})`);
  return issues.filter((issue) => !isKnown(issue));
}

/** PMD through Salesforce Code Analyzer's core and PMD engine. */
async function pmd(java, files) {
  const { CodeAnalyzer, CodeAnalyzerConfig } = require('@salesforce/code-analyzer-core');
  const { createEnginePlugin } = require('@salesforce/code-analyzer-pmd-engine');
  const config = CodeAnalyzerConfig.fromObject(
    { engines: { pmd: { java_command: java }, cpd: { disable_engine: true } } },
    ROOT
  );
  const analyzer = new CodeAnalyzer(config);
  await analyzer.addEnginePlugin(createEnginePlugin());
  const selection = await analyzer.selectRules(PMD_CATEGORIES.map((c) => `pmd:${c}:Apex`));
  const workspace = await analyzer.createWorkspace(files);
  const results = await analyzer.run(selection, { workspace });
  const violations = results.getViolations().map((v) => {
    const loc = v.getPrimaryLocation();
    return `${path.relative(ROOT, loc.getFile())}:${loc.getStartLine()} ${v.getRule().getName()}: ${v.getMessage()}`;
  });
  return { rules: selection.getCount(), violations };
}

/**
 * Non-test Apex lines of code: every class and trigger not annotated @IsTest, comments and blank
 * lines left out. A figure to report (issue 17 aims at 2,300 or fewer), not a gate.
 */
function linesOfCode(files) {
  let total = 0;
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    if (/^\s*@IsTest/im.test(source)) continue;
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    total += code.split('\n').filter((line) => line.trim() !== '').length;
  }
  return total;
}

async function main() {
  const java = findJava();
  if (!java) {
    console.error(
      'apex: Java 17 is required for apex-ls and PMD: apt-get install -y openjdk-17-jre-headless'
    );
    process.exit(1);
  }
  const files = apexFiles();
  const classes = files.filter((f) => f.endsWith('.cls')).length;
  const triggers = files.length - classes;
  const parseErrors = parseAll(files);
  const lsIssues = apexLs(java);
  const { rules, violations } = await pmd(java, files);
  const soql = checkSoql();
  for (const line of [...parseErrors, ...lsIssues, ...violations, ...soql.problems]) console.error(line);
  console.log(
    `apex: ${classes} classes and ${triggers} trigger parsed (${parseErrors.length} syntax errors), ` +
      `apex-ls ${lsIssues.length} issues, PMD ${violations.length} violations (${rules} rules), ` +
      `SOQL schema ${soql.queries} queries ${soql.problems.length} problems; ` +
      `non-test Apex ${linesOfCode(files).toLocaleString('en-US')} lines of code`
  );
  process.exit(parseErrors.length || lsIssues.length || violations.length || soql.problems.length ? 1 : 0);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`apex: ${error.message}`);
    process.exit(1);
  });
}

module.exports = { APEX_LS_KNOWN, apexFiles, linesOfCode, parseAll, findJava, ROOT };
