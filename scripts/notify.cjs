#!/usr/bin/env node
'use strict';
/**
 * Posts the outcome of a monitoring run to a Slack incoming webhook or a Microsoft Teams Workflows
 * webhook: the status and its reason, the score range, what changed since the last run (the
 * report's comparison, in the command line's own words) and a link to the report artifact.
 *
 *   node scripts/notify.cjs --report reports/report.json --exit-code N [--error-file FILE]
 *     [--link URL] [--run-url URL] [--kind slack|teams] [--when changes|always] [--timeout SECONDS]
 *
 * The webhook's URL is a secret: it is read from the environment variable ACTON_WEBHOOK_URL (never
 * an argument, never printed). Without it nothing is sent (exit 0, one line saying so). --kind (or
 * ACTON_WEBHOOK_KIND) says which shape to post; without it a Slack hooks URL is Slack and any other
 * URL Teams. --report is the score command's --json output (plain, or inside sf's envelope);
 * --exit-code its exit code (2 or more: the run itself failed, and --error-file holds its message).
 * --when changes (the default) posts when the run failed, on the first run (nothing to compare
 * with), or when the status or any check changed; --when always posts every run.
 *
 * Exit codes: 0 posted, or nothing to post; 2 bad input (arguments, the report file); 3 the webhook
 * could not be reached or refused the message (one line, without the URL); 4 an internal error.
 */
const fs = require('node:fs');
const { loadEngine } = require('./lib/load-ts.cjs');
const { comparisonLines, scoreText } = require('./lib/report-text.cjs');
const { plainDeep, plainText } = require('./lib/plain-text.cjs');

const USAGE =
  'usage: node scripts/notify.cjs --report FILE --exit-code N [--error-file FILE] [--link URL] [--run-url URL] [--kind slack|teams] [--when changes|always] [--timeout SECONDS] (webhook URL in ACTON_WEBHOOK_URL)';
const EXIT = Object.freeze({ OK: 0, INPUT: 2, WEBHOOK: 3, INTERNAL: 4 });
const KINDS = ['slack', 'teams'];
const WHEN = ['changes', 'always'];
const VALUED = ['report', 'exit-code', 'error-file', 'link', 'run-url', 'kind', 'when', 'timeout'];

class InputError extends Error {}
class WebhookError extends Error {}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !VALUED.includes(m[1])) throw new InputError(`unknown argument ${argv[i]} (${USAGE})`);
    const value = m[2] !== undefined ? m[2] : argv[++i];
    if (value === undefined || value === '') throw new InputError(`--${m[1]} needs a value (${USAGE})`);
    args[m[1]] = value;
  }
  if (args['exit-code'] === undefined || !/^\d+$/.test(args['exit-code']))
    throw new InputError(`--exit-code takes the score command's exit code, a number (${USAGE})`);
  args.code = Number(args['exit-code']);
  if (args.code < 2 && !args.report) throw new InputError(`--report FILE is required (${USAGE})`);
  if (args.kind !== undefined && !KINDS.includes(args.kind))
    throw new InputError(`--kind takes ${KINDS.join(' or ')}; got "${args.kind}"`);
  if (args.when !== undefined && !WHEN.includes(args.when))
    throw new InputError(`--when takes ${WHEN.join(' or ')}; got "${args.when}"`);
  for (const name of ['link', 'run-url'])
    if (args[name] !== undefined && !/^https?:\/\/\S+$/.test(args[name]))
      throw new InputError(`--${name} takes an http(s) URL; got "${plainText(args[name])}"`);
  const seconds = args.timeout === undefined ? 10 : Number(args.timeout);
  if (!(seconds > 0 && seconds <= 120))
    throw new InputError('--timeout takes seconds, above 0 and at most 120');
  args.timeoutMs = Math.round(seconds * 1000);
  return args;
}

function readFile(file, what) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read the ${what} ${file}: ${e.code || e.message}`);
  }
}

/** The report (unwrapped from sf's envelope, checked as --compare checks it), or null if none. */
function reportOf(engine, args) {
  if (!args.report || (args.code >= 2 && !fs.existsSync(args.report))) return null;
  const raw = readFile(args.report, 'report');
  if (args.code >= 2 && !raw.trim()) return null;
  try {
    return engine.asComparableReport(JSON.parse(raw));
  } catch (e) {
    throw new InputError(
      `--report ${args.report} is not a report of the score command (--json): ${e.message}`
    );
  }
}

const changed = (c) =>
  c.status.before !== c.status.after || c.startedFailing.length + c.fixed.length + c.otherChanges.length > 0;

/**
 * What the message says, in plain text, the same for both kinds: a headline, lines of facts and
 * the links. Values from the org (names, evidence) are made plain (no control characters).
 */
function messageOf(engine, report, args, errorLine) {
  const failed = args.code >= 2;
  const r = report ? plainDeep(report) : null;
  const who = r?.user ? (r.user.Name ? `${r.user.Name} (${r.user.Username})` : r.user.Username) : null;
  let headline;
  if (failed) headline = `Act-On Readiness: the monitoring run failed (exit ${args.code})`;
  else if (args.code === 1) headline = `Act-On Readiness regressed: ${r.statusReason ?? r.status}`;
  else headline = `Act-On Readiness: ${r.statusReason ?? r.status}`;
  const facts = [];
  if (failed) facts.push(['Error', errorLine || 'see the run log']);
  if (r) {
    if (who) facts.push(['User', who]);
    facts.push(['Status', engine.STATUS_NAMES?.[r.status] ?? r.status]);
    facts.push(['Score', scoreText(r)]);
  }
  const changes = r?.comparison
    ? comparisonLines(r.comparison, engine).map((l) => l.trim())
    : r
      ? ['First run: no previous report to compare with.']
      : [];
  const links = [];
  if (args.link) links.push(['Report', args.link]);
  if (args['run-url']) links.push(['Run', args['run-url']]);
  return {
    headline,
    facts,
    changes,
    links,
    regression: args.code === 1 || Boolean(r?.comparison?.regression)
  };
}

/** Slack's mrkdwn: &, < and > are escaped; a link is <url|text>. */
const slackText = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slackPayload(m) {
  const lines = [
    ...m.facts.map(([k, v]) => `*${k}:* ${slackText(v)}`),
    ...m.changes.map((l) => slackText(l)),
    ...(m.links.length ? [m.links.map(([k, url]) => `<${url}|${k}>`).join(' · ')] : [])
  ];
  return {
    text: m.headline,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: m.headline.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3000) } }
    ]
  };
}

/** A Teams Workflows webhook ("When a Teams webhook request is received") takes an Adaptive Card. */
function teamsPayload(m) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: m.headline,
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
              ...(m.regression ? { color: 'Attention' } : {})
            },
            { type: 'FactSet', facts: m.facts.map(([title, value]) => ({ title, value })) },
            ...m.changes.map((text) => ({ type: 'TextBlock', text, wrap: true, spacing: 'Small' }))
          ],
          actions: m.links.map(([title, url]) => ({ type: 'Action.OpenUrl', title, url }))
        }
      }
    ]
  };
}

async function post(url, payload, timeoutMs) {
  let res;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs)
    });
  } catch (e) {
    const why =
      e?.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e?.cause?.code ?? e?.message);
    throw new WebhookError(`the webhook could not be reached: ${why}`);
  }
  const body = await res.text().catch(() => '');
  if (!res.ok)
    throw new WebhookError(
      `the webhook refused the message: HTTP ${res.status}${body ? ` ${plainText(body).slice(0, 200)}` : ''}`
    );
  return res.status;
}

async function main(argv, io) {
  const env = io.env ?? process.env;
  const args = parseArgs(argv);
  const engine = loadEngine();
  const report = reportOf(engine, args);
  if (args.code < 2 && !report) throw new InputError(`--report ${args.report} holds no report`);
  const errorLine = args['error-file']
    ? plainText(readFile(args['error-file'], 'error file').trim().split('\n').pop() ?? '').trim()
    : '';
  const url = env.ACTON_WEBHOOK_URL;
  const when = args.when ?? 'changes';
  const worth = when === 'always' || args.code >= 1 || !report.comparison || changed(report.comparison);
  if (!url) {
    io.stdout.write('notify: ACTON_WEBHOOK_URL is not set: nothing sent\n');
    return EXIT.OK;
  }
  if (!worth) {
    io.stdout.write(
      'notify: nothing changed since the last run: nothing sent (--when always sends anyway)\n'
    );
    return EXIT.OK;
  }
  const kind =
    args.kind ?? env.ACTON_WEBHOOK_KIND ?? (/^https:\/\/hooks\.slack\.com\//.test(url) ? 'slack' : 'teams');
  if (!KINDS.includes(kind))
    throw new InputError(`ACTON_WEBHOOK_KIND takes ${KINDS.join(' or ')}; got "${kind}"`);
  const message = messageOf(engine, report, args, errorLine);
  const status = await post(
    url,
    kind === 'slack' ? slackPayload(message) : teamsPayload(message),
    args.timeoutMs
  );
  io.stdout.write(`notify: posted to the ${kind === 'slack' ? 'Slack' : 'Teams'} webhook (HTTP ${status})\n`);
  return EXIT.OK;
}

/** The command: its exit code, never a throw; one line on io.stderr for a failure. */
async function run(argv, io = {}) {
  const out = { stdout: io.stdout ?? process.stdout, stderr: io.stderr ?? process.stderr, env: io.env };
  const oneLine = (s) => plainText(s).replace(/\s+/g, ' ').trim();
  try {
    return await main(argv, out);
  } catch (e) {
    if (e instanceof InputError) {
      out.stderr.write(`notify: ${oneLine(e.message)}\n`);
      return EXIT.INPUT;
    }
    if (e instanceof WebhookError) {
      out.stderr.write(`notify: ${oneLine(e.message)}\n`);
      return EXIT.WEBHOOK;
    }
    out.stderr.write(`notify: internal error: ${oneLine(String(e?.stack ?? e).split('\n')[0])}\n`);
    return EXIT.INTERNAL;
  }
}

module.exports = { run, messageOf, slackPayload, teamsPayload, EXIT };

if (require.main === module)
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
