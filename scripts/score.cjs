#!/usr/bin/env node
'use strict';
/**
 * Scores an integration user with the same engine the org uses (shared/spec/snapshot.md), from a
 * snapshot file or from a live org through the Salesforce CLI's stored authorization.
 *
 *   npm run --silent score -- --snapshot FILE [options]
 *   npm run --silent score -- --target-org ALIAS [--user USERNAME|ID] [--save-snapshot FILE] [--verbose]
 *     [--timeout SECONDS] [options]
 *
 * options: --json, --fail-on at-risk|blocked|regression, --compare PREVIOUS.json, --markdown FILE,
 * --checklist DIR. Without --user, --target-org lists the likely integration users and asks nothing.
 *
 * Exit codes: 0 done (whatever the status, unless --fail-on says otherwise); 1 --fail-on met;
 * 2 bad input (arguments, files, a snapshot that breaks the contract), one line on standard error
 * and nothing on standard output; 3 the org cannot be reached, or its authorization is missing or
 * expired, or the user logged in may not read what scoring needs, or a required read failed (no
 * answer within --timeout, a dropped connection, an answer that is not the documented one): one
 * line naming the call or what to run; 4 an internal error.
 *
 * run(argv, io) is the whole command, for reuse in-process (tests, an sf plugin): it writes to
 * io.stdout and io.stderr (each { write }, stdout may say isTTY), reads io.env (process.env), and
 * connects through io.connect (org-reader's connect); it returns the exit code and never throws.
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadEngine } = require('./lib/load-ts.cjs');
const { readChecklistRecords } = require('./lib/checklist-xml.cjs');
const text = require('./lib/report-text.cjs');
const { plainDeep, plainText } = require('./lib/plain-text.cjs');

const USAGE =
  'usage: npm run --silent score -- (--snapshot FILE | --target-org ALIAS [--user USERNAME|ID] [--save-snapshot FILE] [--verbose] [--timeout SECONDS]) [--json] [--fail-on at-risk|blocked|regression] [--compare PREVIOUS.json] [--markdown FILE] [--checklist DIR]';

/** A Salesforce username is at most 80 characters; a user id 15 or 18. An alias is kept as short. */
const MAX_USERNAME = 80;
const MAX_TARGET_ORG = 255;
const USER_ID = /^005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;
/** --timeout: seconds, above 0 and at most this. */
const MAX_TIMEOUT_S = 600;

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
  'markdown',
  'timeout'
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
  for (const name of ['user', 'save-snapshot', 'verbose', 'timeout'])
    if (args.snapshot && args[name] !== undefined && args[name] !== false)
      throw new InputError(`--${name} goes with --target-org, not with --snapshot`);
  if (args['fail-on'] !== undefined && !FAIL_ON.includes(args['fail-on']))
    throw new InputError(`--fail-on takes ${FAIL_ON.join(', ')}; got "${args['fail-on']}"`);
  if (args['fail-on'] === 'regression' && !args.compare)
    throw new InputError('--fail-on regression needs --compare PREVIOUS.json');
  if (args['target-org'] !== undefined && args['target-org'].length > MAX_TARGET_ORG)
    throw new InputError(
      `--target-org takes an alias or a username of at most ${MAX_TARGET_ORG} characters; got ${args['target-org'].length}`
    );
  if (args.user !== undefined && !USER_ID.test(args.user) && args.user.length > MAX_USERNAME)
    throw new InputError(
      `--user takes a username (at most ${MAX_USERNAME} characters) or a user id (15 or 18 characters); got ${args.user.length} characters`
    );
  if (args.timeout !== undefined) {
    const value = Number(args.timeout);
    if (!/^\d+(\.\d+)?$/.test(args.timeout) || !(value > 0) || value > MAX_TIMEOUT_S)
      throw new InputError(
        `--timeout takes seconds, a number above 0 and at most ${MAX_TIMEOUT_S}; got "${args.timeout}"`
      );
    args.timeoutMs = Math.max(1, Math.round(value * 1000));
  }
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
    // A byte-order mark (as some editors and PowerShell write) is not part of the JSON.
    return JSON.parse(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
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
  let records;
  try {
    records = readChecklistRecords(dir || undefined);
  } catch (e) {
    throw new InputError(
      e.code === 'ENOENT'
        ? `--checklist folder not found: ${dir}`
        : e.code === 'ENOTDIR'
          ? `--checklist ${dir} is not a folder`
          : `invalid checklist: ${e.message}`
    );
  }
  if (!records.length)
    throw new InputError(
      `--checklist ${dir} holds no Readiness_Check records (Readiness_Check.NAME.md-meta.xml files)`
    );
  try {
    return engine.definitionsFromRecords(records);
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
async function fromOrg(args, engine, definitions, log, connect) {
  const { OrgReader } = require('./lib/org-reader.cjs');
  const client = await connect(args['target-org'], { log, timeoutMs: args.timeoutMs });
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

async function main(argv, io) {
  const { stdout, stderr } = io;
  const env = io.env ?? process.env;
  const args = parseArgs(argv);
  if (args.help) {
    stdout.write(`${USAGE}\n`);
    return EXIT.OK;
  }
  const engine = loadEngine();
  const definitions = definitionsOf(engine, args.checklist);
  const previous = args.compare ? previousReport(engine, args.compare) : null;
  const verbose = args.verbose ? (line) => stderr.write(`score: ${oneLine(line)}\n`) : null;

  let raw;
  if (args.snapshot) raw = readJson(args.snapshot, 'snapshot');
  else {
    const connect = io.connect ?? require('./lib/org-reader.cjs').connect;
    const { snapshot, candidates } = await fromOrg(args, engine, definitions, verbose, connect);
    if (candidates) {
      if (args.json)
        stdout.write(
          `${JSON.stringify({ candidates: candidates.list, skipped: candidates.skipped }, null, 2)}\n`
        );
      else
        stdout.write(
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
    stdout.write(`${JSON.stringify(comparison ? { ...report, comparison } : report, null, 2)}\n`);
  } else {
    const colour = Boolean(stdout.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
    stdout.write(text.readable(plainDeep(report), engine, colour, plainDeep(comparison)));
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

/**
 * The command: its exit code (EXIT), never a throw. Messages go to io.stderr as one plain line each
 * (control characters removed); output to io.stdout only when there is something to print.
 */
async function run(argv, io = {}) {
  const out = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env,
    connect: io.connect
  };
  try {
    return await main(argv, out);
  } catch (e) {
    if (e instanceof InputError) {
      out.stderr.write(`score: ${oneLine(e.message)}\n`);
      return EXIT.INPUT;
    }
    if (e?.name === 'OrgError') {
      out.stderr.write(`score: ${oneLine(e.message)}\n`);
      return EXIT.ORG;
    }
    out.stderr.write(
      `score: internal error: ${oneLine(String(e && e.stack ? e.stack : e).split('\n')[0])}\n`
    );
    return EXIT.INTERNAL;
  }
}

/**
 * Once what was written has gone out, ends the process. A call given up at its limit (a token refresh
 * that hangs) may still hold a socket: a command line (this one, the sf plugin's) does not wait for it.
 */
function exitWhenFlushed() {
  const leave = () => {
    if (process.stdout.writableLength || process.stderr.writableLength) setTimeout(leave, 100).unref();
    else process.exit();
  };
  setTimeout(leave, 500).unref();
}

/** The command as a process: run(argv) on the process's streams, its exit code as the process's. */
async function runAsProcess(argv) {
  process.exitCode = await run(argv);
  exitWhenFlushed();
}

module.exports = { run, runAsProcess, exitWhenFlushed, parseArgs, EXIT, USAGE, FAIL_ON };

if (require.main === module) runAsProcess(process.argv.slice(2));
