#!/usr/bin/env node
'use strict';
/**
 * Scores a snapshot file with the same engine the org uses (shared/spec/snapshot.md).
 *
 *   npm run --silent score -- --snapshot FILE [--json]
 *
 * --json prints one JSON report. Without it, a readable report (colour only on a terminal).
 * Bad input (missing file, invalid JSON, a snapshot that breaks the contract): exit 2, one line on
 * standard error naming the problem, nothing on standard output.
 */
const fs = require('node:fs');
const { loadEngine } = require('./lib/load-ts.cjs');
const { readChecklistRecords } = require('./lib/checklist-xml.cjs');

const USAGE = 'usage: npm run --silent score -- --snapshot FILE [--json] [--checklist DIR]';

class InputError extends Error {}

function parseArgs(argv) {
  const args = { snapshot: null, json: false, checklist: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--snapshot' || a === '--checklist') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--'))
        throw new InputError(`${a} needs a value (${USAGE})`);
      args[a.slice(2)] = value;
    } else if (a.startsWith('--snapshot=')) args.snapshot = a.slice(11);
    else if (a.startsWith('--checklist=')) args.checklist = a.slice(12);
    else throw new InputError(`unknown argument ${a} (${USAGE})`);
  }
  if (!args.help && !args.snapshot) throw new InputError(`--snapshot FILE is required (${USAGE})`);
  return args;
}

function readSnapshot(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(
      e.code === 'ENOENT'
        ? `snapshot file not found: ${file}`
        : `cannot read snapshot file ${file}: ${e.code || e.message}`
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`snapshot file ${file} is not valid JSON: ${e.message.split('\n')[0]}`);
  }
}

// ------------------------------------------------------------------ readable output

function painter(enabled) {
  const wrap = (code) => (s) => (enabled ? `\u001b[${code}m${s}\u001b[0m` : s);
  return {
    bold: wrap('1'),
    dim: wrap('2'),
    red: wrap('31'),
    green: wrap('32'),
    yellow: wrap('33'),
    cyan: wrap('36')
  };
}

const STATUS_NAMES = { ready: 'Ready', 'at-risk': 'At risk', blocked: 'Blocked' };

/** What one "Fix all" click would apply, and what it leaves out. */
function fixAllLine(fixAll) {
  if (fixAll.refused) return `Fix all: none (${fixAll.refused})`;
  const n = fixAll.changes.length;
  let line = n
    ? `Fix all: ${n} change${n === 1 ? '' : 's'} for ${fixAll.checkIds.length} check${fixAll.checkIds.length === 1 ? '' : 's'}`
    : 'Fix all: nothing to apply';
  if (fixAll.held.length)
    line += `; ${fixAll.held.length} sign-in change${fixAll.held.length === 1 ? '' : 's'} left for you to tick one by one (${fixAll.identityHeld})`;
  return `${line}.`;
}

function readable(report, engine, colour) {
  const p = painter(colour);
  const statusColour = { ready: p.green, 'at-risk': p.yellow, blocked: p.red };
  const checkColour = { pass: p.green, warn: p.yellow, fail: p.red, unknown: p.cyan, 'n/a': p.dim };
  const lines = [];
  const who = report.user.Name ? `${report.user.Username} (${report.user.Name})` : report.user.Username;
  lines.push(p.bold(`Act-On Readiness: ${who}`));
  const incomplete = !report.completeness.complete;
  const colourOf = incomplete && report.status === 'ready' ? p.yellow : statusColour[report.status];
  lines.push(
    `Score ${p.bold(String(report.score))}/100   Status ${colourOf(STATUS_NAMES[report.status])}${incomplete ? p.yellow(' (incomplete)') : ''}`
  );
  lines.push(report.statusText);
  const s = report.summary;
  lines.push(
    p.dim(
      `Checked ${report.capturedAt}: ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.unknown} unknown, ${s['n/a']} n/a`
    )
  );
  if (incomplete) lines.push(p.yellow(`Incomplete: ${report.completeness.text}`));
  lines.push(fixAllLine(report.fixAll));
  const width = Math.max(...report.checks.map((c) => c.id.length));
  for (const section of engine.SECTIONS) {
    const checks = report.checks.filter((c) => c.section === section);
    if (!checks.length) continue;
    lines.push('', p.bold(engine.SECTION_LABELS[section]));
    for (const c of checks) {
      const tag = checkColour[c.status](c.status.toUpperCase().padEnd(7));
      lines.push(`  ${tag} ${c.id.padEnd(width)}  ${c.title} ${p.dim(`[${c.severity}]`)}`);
      if (c.status !== 'pass') {
        lines.push(`          ${c.evidence}`);
        if (c.fix)
          lines.push(
            `          ${p.cyan(c.fix.fixable ? 'fix:' : 'to do:')} ${c.fix.refused ?? c.fix.summary}`
          );
      }
    }
  }
  lines.push('', p.bold('Manual steps (not scored)'));
  for (const m of report.manualChecks) lines.push(`  - ${m.summary}: ${m.steps.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

function main(argv) {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const raw = readSnapshot(args.snapshot);
  const engine = loadEngine();
  let snapshot;
  try {
    snapshot = engine.validateSnapshot(raw);
  } catch (e) {
    if (e instanceof engine.SnapshotError)
      throw new InputError(`invalid snapshot ${args.snapshot}: ${e.message}`);
    throw e;
  }
  let definitions;
  try {
    definitions = engine.definitionsFromRecords(readChecklistRecords(args.checklist || undefined));
  } catch (e) {
    throw new InputError(`invalid checklist: ${e.message}`);
  }
  const report = engine.evaluate(definitions, snapshot);
  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
    process.stdout.write(readable(report, engine, colour));
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof InputError) {
    process.stderr.write(`score: ${e.message.replace(/\s+/g, ' ')}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`score: internal error: ${String(e && e.stack ? e.stack : e).split('\n')[0]}\n`);
    process.exitCode = 1;
  }
}
