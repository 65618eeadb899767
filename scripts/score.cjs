#!/usr/bin/env node
'use strict';
/**
 * Scores an integration user with the same engine the org uses (shared/spec/snapshot.md), from a
 * snapshot file or from a live org through the Salesforce CLI's stored authorization.
 *
 *   npm run --silent score -- --snapshot FILE [options]
 *   npm run --silent score -- --target-org ALIAS [--user USERNAME|ID] [--save-snapshot FILE] [--verbose] [options]
 *
 * options: --json, --fail-on at-risk|blocked|regression, --compare PREVIOUS.json, --markdown FILE,
 * --checklist DIR. Without --user, --target-org lists the likely integration users and asks nothing.
 *
 * Exit codes: 0 done (whatever the status, unless --fail-on says otherwise); 1 --fail-on met;
 * 2 bad input (arguments, files, a snapshot that breaks the contract), one line on standard error
 * and nothing on standard output; 3 the org cannot be reached, or its authorization is missing or
 * expired, or the user logged in may not read what scoring needs (one line naming what to run);
 * 4 an internal error.
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadEngine } = require('./lib/load-ts.cjs');
const { readChecklistRecords } = require('./lib/checklist-xml.cjs');
const text = require('./lib/report-text.cjs');
const { plainDeep, plainText } = require('./lib/plain-text.cjs');

const USAGE =
  'usage: npm run --silent score -- (--snapshot FILE | --target-org ALIAS [--user USERNAME|ID] [--save-snapshot FILE] [--verbose]) [--json] [--fail-on at-risk|blocked|regression] [--compare PREVIOUS.json] [--markdown FILE] [--checklist DIR]';

const EXIT = Object.freeze({ OK: 0, FAIL_ON: 1, INPUT: 2, ORG: 3, INTERNAL: 4 });
const FAIL_ON = ['at-risk', 'blocked', 'regression'];

class InputError extends Error {}

const VALUED = [
  'snapshot',
  'checklist',
  'target-org',
  'user',
  'save-snapshot',
  'fail-on',
  'compare',
  'markdown'
];
const FLAGS = ['json', 'verbose', 'help'];

function parseArgs(argv) {
  const args = { json: false, verbose: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') {
      args.help = true;
      continue;
    }
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(a);
    const name = m?.[1];
    if (name && FLAGS.includes(name) && m[2] === undefined) {
      args[name] = true;
    } else if (name && VALUED.includes(name)) {
      const value = m[2] !== undefined ? m[2] : argv[++i];
      if (value === undefined || value === '' || (m[2] === undefined && value.startsWith('--')))
        throw new InputError(`${a.split('=')[0]} needs a value (${USAGE})`);
      if (args[name] !== undefined) throw new InputError(`--${name} is given twice`);
      args[name] = value;
    } else {
      throw new InputError(`unknown argument ${a} (${USAGE})`);
    }
  }
  if (args.help) return args;
  if (args.snapshot && args['target-org'])
    throw new InputError('give --snapshot FILE or --target-org ALIAS, not both');
  if (!args.snapshot && !args['target-org'])
    throw new InputError(`--snapshot FILE or --target-org ALIAS is required (${USAGE})`);
  for (const name of ['user', 'save-snapshot', 'verbose'])
    if (args.snapshot && args[name] !== undefined && args[name] !== false)
      throw new InputError(`--${name} goes with --target-org, not with --snapshot`);
  if (args['fail-on'] !== undefined && !FAIL_ON.includes(args['fail-on']))
    throw new InputError(`--fail-on takes ${FAIL_ON.join(', ')}; got "${args['fail-on']}"`);
  if (args['fail-on'] === 'regression' && !args.compare)
    throw new InputError('--fail-on regression needs --compare PREVIOUS.json');
  if (args['target-org'] && !args.user) {
    for (const name of ['fail-on', 'compare', 'markdown', 'save-snapshot'])
      if (args[name] !== undefined)
        throw new InputError(`--${name} needs --user: without it the command only lists candidates`);
  }
  return args;
}

function readJson(file, what) {
  let raw;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(
      e.code === 'ENOENT'
        ? `${what} file not found: ${file}`
        : `cannot read ${what} file ${file}: ${e.code || e.message}`
    );
  }
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new InputError(`${what} file ${file} is not valid JSON: ${e.message.split('\n')[0]}`);
  }
}

function writeFile(file, content, what) {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, content);
  } catch (e) {
    throw new InputError(`cannot write the ${what} to ${file}: ${e.code || e.message}`);
  }
}

function definitionsOf(engine, dir) {
  try {
    return engine.definitionsFromRecords(readChecklistRecords(dir || undefined));
  } catch (e) {
    throw new InputError(`invalid checklist: ${e.message}`);
  }
}

function previousReport(engine, file) {
  const raw = readJson(file, '--compare');
  try {
    return engine.asComparableReport(raw);
  } catch (e) {
    throw new InputError(`--compare ${file} is not a report of this command (--json): ${e.message}`);
  }
}

/** Captures the snapshot of --user from the org (or lists candidates without --user). */
async function fromOrg(args, engine, definitions, log) {
  const { connect, OrgReader } = require('./lib/org-reader.cjs');
  const client = await connect(args['target-org'], { log });
  const reader = new OrgReader(client, engine, definitions);
  await reader.start();
  let snapshot = null;
  let candidates = null;
  if (args.user) {
    const found = await reader.findUser(args.user);
    if (found) snapshot = await reader.read(found.Id);
    if (!snapshot) throw new InputError(`no user "${args.user}" is visible in ${args['target-org']}`);
  } else {
    const sources = await reader.candidateSources();
    candidates = { list: engine.rankCandidates(sources), skipped: sources.skipped ?? [] };
  }
  if (log) log(`${client.calls} API calls to ${client.instanceUrl} (API v${client.version})`);
  return { snapshot, candidates };
}

async function main(argv) {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.OK;
  }
  const engine = loadEngine();
  const definitions = definitionsOf(engine, args.checklist);
  const previous = args.compare ? previousReport(engine, args.compare) : null;
  const verbose = args.verbose ? (line) => process.stderr.write(`score: ${line}\n`) : null;

  let raw;
  if (args.snapshot) raw = readJson(args.snapshot, 'snapshot');
  else {
    const { snapshot, candidates } = await fromOrg(args, engine, definitions, verbose);
    if (candidates) {
      if (args.json)
        process.stdout.write(
          `${JSON.stringify({ candidates: candidates.list, skipped: candidates.skipped }, null, 2)}\n`
        );
      else
        process.stdout.write(
          text.candidateList(
            plainDeep(candidates.list),
            plainDeep(candidates.skipped),
            plainText(args['target-org'])
          )
        );
      return EXIT.OK;
    }
    raw = snapshot;
    if (args['save-snapshot'])
      writeFile(args['save-snapshot'], `${JSON.stringify(raw, null, 2)}\n`, 'snapshot');
  }

  let snapshot;
  try {
    snapshot = engine.validateSnapshot(raw);
  } catch (e) {
    if (e instanceof engine.SnapshotError)
      throw new InputError(`invalid snapshot ${args.snapshot ?? `from ${args['target-org']}`}: ${e.message}`);
    throw e;
  }
  const report = engine.evaluate(definitions, snapshot);
  const comparison = previous ? engine.compareReports(previous, report) : null;
  // What a person reads (the terminal, the Markdown file) holds no control characters: plainDeep.
  if (args.markdown)
    writeFile(
      args.markdown,
      text.markdown(plainDeep(report), engine, plainDeep(comparison)),
      'Markdown report'
    );
  if (args.json) {
    process.stdout.write(`${JSON.stringify(comparison ? { ...report, comparison } : report, null, 2)}\n`);
  } else {
    const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
    process.stdout.write(text.readable(plainDeep(report), engine, colour, plainDeep(comparison)));
  }
  const failOn = args['fail-on'];
  if (failOn === 'blocked' && report.status === 'blocked') return EXIT.FAIL_ON;
  if (failOn === 'at-risk' && report.status !== 'ready') return EXIT.FAIL_ON;
  if (failOn === 'regression' && comparison?.regression) return EXIT.FAIL_ON;
  return EXIT.OK;
}

function oneLine(message) {
  return plainText(message).replace(/\s+/g, ' ').trim();
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof InputError) {
      process.stderr.write(`score: ${oneLine(e.message)}\n`);
      process.exitCode = EXIT.INPUT;
    } else if (e?.name === 'OrgError') {
      process.stderr.write(`score: ${oneLine(e.message)}\n`);
      process.exitCode = EXIT.ORG;
    } else {
      process.stderr.write(`score: internal error: ${String(e && e.stack ? e.stack : e).split('\n')[0]}\n`);
      process.exitCode = EXIT.INTERNAL;
    }
  }
);
