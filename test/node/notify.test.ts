/**
 * @jest-environment node
 *
 * scripts/notify.cjs against a webhook receiver on 127.0.0.1: the Slack and the Teams Workflows
 * message for a regression (reports made by the score command from two fixtures of the same user:
 * ready last night, frozen tonight), a failed run, a quiet night, and a webhook that refuses.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const NOTIFY = path.join(ROOT, 'scripts', 'notify.cjs');
const SCORE = path.join(ROOT, 'scripts', 'score.cjs');
const fixture = (name: string) => path.join(ROOT, 'fixtures', 'snapshots', `${name}.json`);

type Result = { code: number | null; stdout: string; stderr: string };
function node(args: string[], env: Record<string, string | undefined> = {}): Promise<Result> {
  const base = { ...process.env };
  delete base.ACTON_WEBHOOK_URL;
  delete base.ACTON_WEBHOOK_KIND;
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, env: { ...base, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    );
  });
}

type Hit = { method?: string; url?: string; type?: string; body: unknown };
let server: http.Server;
let hook: string;
const hits: Hit[] = [];
let answer = { status: 200, body: 'ok' };

let dir: string;
let regressed: string;
let quiet: string;
let first: string;
const LINK = 'https://github.com/acme/watch/actions/runs/42/artifacts/7';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hits.push({
        method: req.method,
        url: req.url,
        type: req.headers['content-type'],
        body: JSON.parse(body)
      });
      res.writeHead(answer.status, { 'content-type': 'text/plain' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/workflows/hook`;

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-notify-'));
  first = path.join(dir, 'ready.json');
  regressed = path.join(dir, 'regressed.json');
  quiet = path.join(dir, 'quiet.json');
  const ready = await node([SCORE, '--snapshot', fixture('perfect-dedicated-user'), '--json']);
  fs.writeFileSync(first, ready.stdout);
  const frozen = await node([SCORE, '--snapshot', fixture('frozen-user'), '--json', '--compare', first]);
  fs.writeFileSync(regressed, frozen.stdout);
  const same = await node([
    SCORE,
    '--snapshot',
    fixture('perfect-dedicated-user'),
    '--json',
    '--compare',
    first
  ]);
  fs.writeFileSync(quiet, same.stdout);
}, 60000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  hits.length = 0;
  answer = { status: 200, body: 'ok' };
});

const notify = (args: string[], env: Record<string, string> = { ACTON_WEBHOOK_URL: hook }) =>
  node([NOTIFY, ...args], env);

describe('notify', () => {
  it('posts a Slack message with the status, the score range, what changed and the report link', async () => {
    const r = await notify(['--report', regressed, '--exit-code', '1', '--kind', 'slack', '--link', LINK]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('notify: posted to the Slack webhook (HTTP 200)\n');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toEqual(
      expect.objectContaining({ method: 'POST', url: '/workflows/hook', type: 'application/json' })
    );
    const body = hits[0].body as {
      text: string;
      blocks: { type: string; text: { type: string; text: string } }[];
    };
    expect(body.text).toBe('Act-On Readiness regressed: Blocked: Freeze status fails');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section']);
    const text = body.blocks[1].text.text;
    expect(body.blocks[1].text.type).toBe('mrkdwn');
    expect(text).toContain('*User:* Act-On Integration (acton.integration@acme.example)');
    expect(text).toContain('*Status:* Blocked');
    expect(text).toContain('*Score:* 49/100');
    expect(text).toMatch(/score 100 → 49 \(-51\), status Ready → Blocked/);
    expect(text).toContain('Started failing: user.not-frozen (Freeze status) [blocker]: pass → fail');
    expect(text).toContain(`<${LINK}|Report>`);
  });

  it('posts a Teams Workflows Adaptive Card with the same facts', async () => {
    const r = await notify(['--report', regressed, '--exit-code', '1', '--link', LINK], {
      ACTON_WEBHOOK_URL: hook,
      ACTON_WEBHOOK_KIND: 'teams'
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('notify: posted to the Teams webhook (HTTP 200)\n');
    const body = hits[0].body as {
      type: string;
      attachments: { contentType: string; content: Record<string, unknown> }[];
    };
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0].content as {
      type: string;
      version: string;
      body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
      actions: { type: string; title: string; url: string }[];
    };
    expect(card.type).toBe('AdaptiveCard');
    expect(card.body[0].text).toBe('Act-On Readiness regressed: Blocked: Freeze status fails');
    expect(card.body[1].facts).toEqual([
      { title: 'User', value: 'Act-On Integration (acton.integration@acme.example)' },
      { title: 'Status', value: 'Blocked' },
      { title: 'Score', value: '49/100' }
    ]);
    const texts = card.body.slice(2).map((b) => b.text);
    expect(texts).toContain('Started failing: user.not-frozen (Freeze status) [blocker]: pass → fail');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Report', url: LINK }]);
  });

  it('says a failed run failed, with its one line, and sends the score range of an incomplete report', async () => {
    const error = path.join(dir, 'error.txt');
    fs.writeFileSync(error, 'score: no Salesforce CLI authorization for "monitored": run sf org login web\n');
    const r = await notify([
      '--report',
      path.join(dir, 'absent.json'),
      '--exit-code',
      '3',
      '--error-file',
      error,
      '--kind',
      'slack'
    ]);
    expect(r.code).toBe(0);
    const body = hits[0].body as { text: string; blocks: { text: { text: string } }[] };
    expect(body.text).toBe('Act-On Readiness: the monitoring run failed (exit 3)');
    expect(body.blocks[1].text.text).toContain(
      '*Error:* score: no Salesforce CLI authorization for "monitored"'
    );

    hits.length = 0;
    const partial = path.join(dir, 'partial.json');
    fs.writeFileSync(
      partial,
      (await node([SCORE, '--snapshot', fixture('limited-admin-rights'), '--json'])).stdout
    );
    const range = JSON.parse(fs.readFileSync(partial, 'utf8')).scoreRange;
    expect(range.min).toBeLessThan(range.max);
    await notify(['--report', partial, '--exit-code', '0', '--kind', 'slack']);
    const text = (hits[0].body as { blocks: { text: { text: string } }[] }).blocks[1].text.text;
    expect(text).toContain(`*Score:* ${range.min}-${range.max}/100`);
    expect(text).toContain('First run: no previous report to compare with.');
  });

  it('stays quiet when nothing changed, unless --when always; and without a webhook sends nothing', async () => {
    const r = await notify(['--report', quiet, '--exit-code', '0', '--kind', 'slack']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/nothing changed since the last run: nothing sent/);
    expect(hits).toHaveLength(0);
    await notify(['--report', quiet, '--exit-code', '0', '--kind', 'slack', '--when', 'always']);
    expect(hits).toHaveLength(1);
    expect((hits[0].body as { blocks: { text: { text: string } }[] }).blocks[1].text.text).toContain(
      'No check changed.'
    );
    const none = await notify(['--report', regressed, '--exit-code', '1'], {});
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('notify: ACTON_WEBHOOK_URL is not set: nothing sent\n');
    expect(hits).toHaveLength(1);
  });

  it('exits 3 with one line, never the URL, when the webhook refuses; 2 for a file that is not a report', async () => {
    answer = { status: 404, body: 'no_service' };
    const r = await notify(['--report', regressed, '--exit-code', '1', '--kind', 'slack']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('notify: the webhook refused the message: HTTP 404 no_service\n');
    expect(r.stderr + r.stdout).not.toContain('127.0.0.1');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"hello":1}');
    const b = await notify(['--report', bad, '--exit-code', '0', '--kind', 'slack']);
    expect(b.code).toBe(2);
    expect(b.stderr.trim().split('\n')).toHaveLength(1);
    expect(b.stderr).toMatch(/^notify: --report .* is not a report of the score command/);
  });

  it('is wired into the monitoring workflow template: its step posts the report of the night', async () => {
    const workflow = YAML.parse(
      fs.readFileSync(path.join(ROOT, 'docs', 'monitoring', 'act-on-readiness-monitor.yml'), 'utf8')
    );
    const steps = workflow.jobs.score.steps as {
      id?: string;
      if?: string;
      env?: Record<string, string>;
      run?: string;
    }[];
    const step = steps.find((s) => s.run?.includes('scripts/notify.cjs'));
    expect(step).toBeDefined();
    expect(step?.if).toBe('always()');
    expect(step?.env?.ACTON_WEBHOOK_URL).toBe('${{ secrets.ACTON_WEBHOOK_URL }}');
    expect(steps.findIndex((s) => s === step)).toBeGreaterThan(steps.findIndex((s) => s.id === 'upload'));
    // Run the step's own script where the score step left its files, with the values Actions would give.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-step-'));
    fs.symlinkSync(path.join(ROOT, 'scripts'), path.join(work, 'scripts'));
    fs.mkdirSync(path.join(work, 'reports'));
    fs.copyFileSync(regressed, path.join(work, 'reports', 'report.json'));
    fs.writeFileSync(path.join(work, 'reports', 'error.txt'), '');
    const r = await new Promise<Result>((resolve) =>
      execFile(
        'bash',
        ['-e', '-c', step?.run ?? ''],
        {
          cwd: work,
          env: {
            ...process.env,
            ACTON_WEBHOOK_URL: hook,
            ACTON_WEBHOOK_KIND: 'teams',
            CODE: '1',
            RUN_URL: 'https://github.com/acme/watch/actions/runs/42',
            ARTIFACT_URL: LINK
          }
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
      )
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const card = (
      hits[0].body as { attachments: { content: { actions: { title: string; url: string }[] } }[] }
    ).attachments[0].content;
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Report', url: LINK },
      { type: 'Action.OpenUrl', title: 'Run', url: 'https://github.com/acme/watch/actions/runs/42' }
    ]);
  });
});
