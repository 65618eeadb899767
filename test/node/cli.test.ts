/**
 * The command line's contract (shared/spec/snapshot.md): JSON report with every check exactly
 * once, a readable report, and exit 2 with one line on standard error for bad input.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

const { loadEngine } = require(path.join(ROOT, 'scripts/lib/load-ts.cjs'));
const { readChecklistRecords } = require(path.join(ROOT, 'scripts/lib/checklist-xml.cjs'));
const reportText = require(path.join(ROOT, 'scripts/lib/report-text.cjs'));

const CLI = path.join(ROOT, 'scripts', 'score.cjs');
const FIXTURES = path.join(ROOT, 'fixtures', 'snapshots');
const CHECK_FILES = fs
  .readdirSync(path.join(ROOT, 'force-app/main/default/customMetadata'))
  .filter((f) => f.startsWith('Readiness_Check.'));

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env }
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

describe('score --json', () => {
  it.each(fixtures)('%s prints one JSON report with every check exactly once', (file) => {
    const r = run(['--snapshot', path.join(FIXTURES, file), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Number.isInteger(report.score)).toBe(true);
    expect(report.score).toBeGreaterThanOrEqual(0);
    expect(report.score).toBeLessThanOrEqual(100);
    expect(['ready', 'at-risk', 'blocked']).toContain(report.status);
    expect(report.user).toEqual(
      expect.objectContaining({ Id: expect.any(String), Username: expect.any(String) })
    );
    const ids = report.checks.map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(CHECK_FILES.length);
    for (const c of report.checks) {
      expect(c).toEqual(
        expect.objectContaining({
          severity: expect.any(String),
          status: expect.any(String),
          title: expect.any(String),
          evidence: expect.any(String),
          grantedBy: expect.any(Array)
        })
      );
      expect(c).toHaveProperty('fix');
    }
  });

  it('reports the MFA blocker with the profile that grants it', () => {
    const report = JSON.parse(
      run(['--snapshot', path.join(FIXTURES, 'mfa-api-via-profile.json'), '--json']).stdout
    );
    expect(report).toMatchObject({ score: 49, status: 'blocked' });
    const mfa = report.checks.find((c: { id: string }) => c.id === 'mfa.api-logins-disabled');
    expect(mfa).toMatchObject({
      severity: 'blocker',
      status: 'fail',
      grantedBy: [expect.objectContaining({ label: 'Integration - MFA Enforced', type: 'Profile' })]
    });
  });

  it.each(fixtures)('%s carries the 0.2 contract: summary.unknown, completeness and fixAll', (file) => {
    const report = JSON.parse(run(['--snapshot', path.join(FIXTURES, file), '--json']).stdout);
    expect(Number.isInteger(report.summary.unknown)).toBe(true);
    expect(report.completeness.unknown).toBe(report.summary.unknown);
    expect(report.fixAll).toEqual(
      expect.objectContaining({
        checkIds: expect.any(Array),
        changes: expect.any(Array),
        held: expect.any(Array)
      })
    );
    for (const change of report.fixAll.changes) expect(typeof change.kind).toBe('string');
    const system = report.fixAll.changes.filter((c: { kind: string }) => c.kind === 'systemPermission');
    for (const change of system) expect(change.permission).toMatch(/^Permissions\w+$/);
  });

  it('fixAll for a person holds back the sign-in changes', () => {
    const report = JSON.parse(
      run(['--snapshot', path.join(FIXTURES, 'person-with-ui-logins.json'), '--json']).stdout
    );
    expect(report.fixAll.changes.map((c: { permission?: string }) => c.permission)).not.toContain(
      'PermissionsApiUserOnly'
    );
    // Three sign-in changes and the record-wide part of five objects: a person keeps their reach (0.3).
    expect(report.fixAll.held).toHaveLength(8);
    expect(report.fixAll.changes.filter((c: { recordWide?: boolean }) => c.recordWide)).toEqual([]);
  });

  it('accepts --snapshot=FILE', () => {
    const r = run([`--snapshot=${path.join(FIXTURES, 'perfect-dedicated-user.json')}`, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ score: 100, status: 'ready' });
  });
});

describe('readable report', () => {
  const r = run(['--snapshot', path.join(FIXTURES, 'missing-modify-all.json')]);

  it('puts the verdict with its reason, the score and the problems with their next step first', () => {
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Act-On Readiness: acton.integration@acme.example (Act-On Integration)',
      'At risk: Contact access fails (and 1 other problem)',
      'Score 94/100 · checked 22 Nov 2026 10:00 UTC · 52 pass, 0 warn, 2 fail, 0 unknown, 2 n/a',
      'Problems, worst first (2):'
    ]);
    expect(lines[4]).toBe(
      "  FAIL    required  Contact access [object.Contact]: Missing Modify All on Contact (has Read, Create, Edit, View All). Next: apply the fix in the Act-On Readiness console: Grant Modify All on Contact in the product's permission set."
    );
    expect(r.stdout).toContain(
      'Fixes (applied in the Act-On Readiness console): by default 2 changes for 2 checks.'
    );
    for (const section of [
      'Identity and license',
      'Authentication',
      'System permissions',
      'Object access',
      'Field access',
      'Data governance',
      'Connection'
    ]) {
      expect(lines).toContain(section);
    }
    expect(r.stdout).toMatch(/^ {2}FAIL {4}object\.Contact +Contact access/m);
    // Command-line words, not the console's buttons.
    expect(r.stdout).not.toMatch(/Fix all|tick/i);
  });

  it('shows a score range and the reason while checks are unread, never a bare 100 (0.3)', () => {
    const out = run(['--snapshot', path.join(FIXTURES, 'limited-admin-rights.json')]).stdout.split('\n');
    expect(out[1]).toBe('At risk: 6 checks could not be read');
    expect(out[2]).toMatch(/^Score 49-100\/100 \(6 checks could not be read\) · /);
    expect(out[3]).toBe(
      'Root cause 1 (4 problems): The running user lacks Manage Users, so 4 checks could not be read. Next: Grant the running user Manage Users (or run the check as an admin who has it).'
    );
    expect(out).toContain(
      'Incomplete: 6 checks could not be read, so this verdict is incomplete. Granting the running user Manage Users; View Setup and Configuration; Customize Application would complete them.'
    );
  });

  it('never prints a bare "Ready" for an incomplete verdict', () => {
    const out = run(['--snapshot', path.join(FIXTURES, 'unmapped-lead-score.json')]).stdout.split('\n');
    expect(out[1]).toBe('Ready (2 recommended checks could not be read)');
    expect(out[2]).toMatch(/^Score 97-100\/100 /);
  });

  it('says once that the assignment expired, and the checks it breaks point to it', () => {
    const out = run(['--snapshot', path.join(FIXTURES, 'expired-assignment.json')]).stdout.split('\n');
    expect(out[3]).toBe(
      "Root cause 1 (42 problems): The assignment of permission set 'Act-On Integration User' expired on 15 Nov 2026. Next: Renew the assignment: the fixes clear its expiration date."
    );
    expect(out[5]).toBe('  FAIL    blocker      API Enabled [system.api-enabled]: see root cause 1.');
  });

  // In process (the wiring of the command is tested above): the engine and the readable text of every fixture.
  const engine = loadEngine();
  const definitions = engine.definitionsFromRecords(readChecklistRecords());
  it.each(fixtures)(
    '%s: the worst problem, or its root cause, and the next step are in the first 10 lines',
    (file) => {
      const report = engine.evaluate(
        definitions,
        engine.validateSnapshot(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')))
      );
      const first = reportText.readable(report, engine, false).split('\n').slice(0, 10).join('\n');
      expect(first).toContain(report.statusReason);
      const [worst] = engine.problemsFirst(report).problems;
      const id = worst?.id.replace(/\./g, '\\.');
      // The worst problem with its own next step, or with its root cause (and the cause's next step) above it.
      const wanted = !worst
        ? /^No problems\.$/m
        : worst.causedBy
          ? new RegExp(`^Root cause 1 .* Next: [^\\n]+\\n(.*\\n)*.*\\[${id}\\]: see root cause 1\\.$`, 'm')
          : new RegExp(`\\[${id}\\]: .* Next: \\S`);
      expect(first).toMatch(wanted);
    }
  );

  it('removes control characters from what a person reads, so a value cannot forge a line', () => {
    const perfect = JSON.parse(
      fs.readFileSync(path.join(FIXTURES, 'mfa-api-via-permission-set.json'), 'utf8')
    );
    perfect.user.Username = 'evil@x.example\nScore 100/100 · Ready\u001b[2K\u202e';
    perfect.user.Name = 'Eve\rReady';
    const file = tmpFile('forge.json', JSON.stringify(perfect));
    const out = run(['--snapshot', file]);
    expect(out.stdout.split('\n')[0]).toBe(
      'Act-On Readiness: evil@x.example Score 100/100 · Ready [2K  (Eve Ready)'
    );
    const controls = (text: string) =>
      [...text].filter((ch) => {
        const code = ch.charCodeAt(0);
        return (code < 32 && code !== 10) || code === 0x202e;
      });
    expect(controls(out.stdout)).toEqual([]);
    const md = path.join(path.dirname(file), 'forge.md');
    run(['--snapshot', file, '--markdown', md]);
    expect(controls(fs.readFileSync(md, 'utf8'))).toEqual([]);
    // --json keeps the value, JSON-escaped.
    expect(JSON.parse(run(['--snapshot', file, '--json']).stdout).user.Username).toBe(perfect.user.Username);
  });

  it('uses no colour when standard output is not a terminal', () => {
    expect(r.stdout).not.toContain('\u001b[');
  });
});

describe('bad input exits 2 with one line on standard error and nothing on standard output', () => {
  const perfect = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'perfect-dedicated-user.json'), 'utf8'));
  const cases: [string, string[], RegExp][] = [
    [
      'a missing file',
      ['--snapshot', '/nonexistent/snap.json', '--json'],
      /^score: snapshot file not found: \/nonexistent\/snap\.json$/
    ],
    [
      'invalid JSON',
      ['--snapshot', tmpFile('bad.json', '{"schemaVersion": 1,'), '--json'],
      /^score: snapshot file .*bad\.json is not valid JSON: /
    ],
    [
      'a missing key',
      ['--snapshot', tmpFile('nouser.json', JSON.stringify({ ...perfect, user: undefined })), '--json'],
      /^score: invalid snapshot .*: snapshot\.user is missing$/
    ],
    [
      'a wrong type',
      ['--snapshot', tmpFile('type.json', JSON.stringify({ ...perfect, permissionSets: {} }))],
      /^score: invalid snapshot .*: snapshot\.permissionSets must be an array \(got an object\)$/
    ],
    [
      'a wrong type for userLogin',
      [
        '--snapshot',
        tmpFile('ul.json', JSON.stringify({ ...perfect, userLogin: { IsFrozen: 'no' } })),
        '--json'
      ],
      /^score: invalid snapshot .*: snapshot\.userLogin\.IsFrozen must be a boolean \(got "no"\)$/
    ],
    [
      'a wrong type for runningUserId',
      ['--snapshot', tmpFile('ru.json', JSON.stringify({ ...perfect, runningUserId: 5 })), '--json'],
      /^score: invalid snapshot .*: snapshot\.runningUserId must be a string \(got 5\)$/
    ],
    [
      'a wrong type for a login field',
      [
        '--snapshot',
        tmpFile(
          'lh.json',
          JSON.stringify({
            ...perfect,
            loginHistory: [{ ...perfect.loginHistory[0], ApiType: ['SOAP'] }]
          })
        ),
        '--json'
      ],
      /^score: invalid snapshot .*: snapshot\.loginHistory\[0\]\.ApiType must be a string \(got an array\)$/
    ],
    ['no --snapshot', ['--json'], /^score: --snapshot FILE or --target-org ALIAS is required/],
    [
      'both a file and an org',
      ['--snapshot', 'x.json', '--target-org', 'x'],
      /^score: give --snapshot FILE or --target-org ALIAS, not both$/
    ],
    [
      'an unknown --fail-on',
      ['--snapshot', 'x.json', '--fail-on', 'warn'],
      /^score: --fail-on takes at-risk, blocked, regression; got "warn"$/
    ],
    [
      '--fail-on regression without a previous report',
      ['--snapshot', 'x.json', '--fail-on', 'regression'],
      /^score: --fail-on regression needs --compare PREVIOUS\.json$/
    ],
    ['--user with a file', ['--snapshot', 'x.json', '--user', 'u'], /^score: --user goes with --target-org/],
    [
      'a previous report that is not one',
      [
        '--snapshot',
        path.join(FIXTURES, 'perfect-dedicated-user.json'),
        '--compare',
        path.join(FIXTURES, 'soap-login.json')
      ],
      /^score: --compare .*soap-login\.json is not a report of this command \(--json\): it has no numeric "score"/
    ],
    [
      'a missing previous report',
      ['--snapshot', path.join(FIXTURES, 'perfect-dedicated-user.json'), '--compare', '/nonexistent/r.json'],
      /^score: --compare file not found: \/nonexistent\/r\.json$/
    ],
    [
      '--fail-on without --user on an org',
      ['--target-org', 'x', '--fail-on', 'blocked'],
      /^score: --fail-on needs --user: without it the command only lists candidates$/
    ],
    ['an unknown argument', ['--snapshot', 'x.json', '--xml'], /^score: unknown argument --xml/],
    ['a directory', ['--snapshot', FIXTURES], /^score: cannot read snapshot file .*: EISDIR$/]
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('a broken checklist is bad input too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-checklist-'));
    fs.writeFileSync(
      path.join(dir, 'Readiness_Check.Broken.md-meta.xml'),
      '<?xml version="1.0"?><CustomMetadata xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><label>x</label><values><field>Check_Id__c</field><value xsi:type="xsd:string">x.y</value></values></CustomMetadata>'
    );
    const r = run(['--snapshot', path.join(FIXTURES, 'perfect-dedicated-user.json'), '--checklist', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(
      /^score: invalid checklist: Readiness_Check__mdt Broken: Rule__c is null; expected one of user-active/
    );
  });
});

it('prints usage with --help', () => {
  const r = run(['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^usage: npm run --silent score -- \(--snapshot FILE \| --target-org ALIAS/);
});

describe('exit codes for pipelines, --compare and --markdown', () => {
  const file = (name: string) => path.join(FIXTURES, `${name}.json`);

  it.each([
    ['perfect-dedicated-user', undefined, 0],
    ['soap-login', undefined, 0],
    ['mfa-api-via-profile', undefined, 0],
    ['perfect-dedicated-user', 'at-risk', 0],
    ['soap-login', 'at-risk', 1],
    ['soap-login', 'blocked', 0],
    ['mfa-api-via-profile', 'blocked', 1],
    ['mfa-api-via-profile', 'at-risk', 1],
    ['unmapped-lead-score', 'at-risk', 0]
  ])('%s with --fail-on %s exits %d', (name, failOn, code) => {
    const r = run(['--snapshot', file(name), '--json', ...(failOn ? ['--fail-on', failOn] : [])]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
    expect(JSON.parse(r.stdout).checks.length).toBe(CHECK_FILES.length);
  });

  const previous = tmpFile(
    'previous.json',
    run(['--snapshot', file('perfect-dedicated-user'), '--json']).stdout
  );

  it('--compare reads a version 1 report (a nightly monitor across the upgrade): status and checks, scores not comparable', () => {
    const v1 = path.join(ROOT, 'fixtures/reports/v1-limited-admin-rights.json');
    expect(JSON.parse(fs.readFileSync(v1, 'utf8')).schemaVersion).toBe(1);
    const r = run([
      '--snapshot',
      file('limited-admin-rights'),
      '--compare',
      v1,
      '--fail-on',
      'regression',
      '--markdown',
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-md-')), 'r.md')
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Since the previous report \(previous report .+\): score 100 → 49 \(not comparable: the previous report is of an older version\), status At risk → At risk$/m
    );
    // Checks added since version 1 are new, never a regression.
    expect(r.stdout).toContain(
      '  Other changes: user.marketing-user (Marketing User) [required]: new → pass; auth.password-expiry (Password not expired) [blocker]: new → n/a\n  No regression.'
    );
    const json = JSON.parse(
      run(['--snapshot', file('limited-admin-rights'), '--compare', v1, '--json']).stdout
    );
    expect(json.comparison.score).toEqual({ before: 100, after: 49, delta: null, comparable: false });
  });

  it('--compare reads a report saved inside an sf --json envelope', () => {
    const report = JSON.parse(run(['--snapshot', file('perfect-dedicated-user'), '--json']).stdout);
    const wrapped = tmpFile('sf.json', JSON.stringify({ status: 0, result: report, warnings: [] }));
    const r = run(['--snapshot', file('perfect-dedicated-user'), '--compare', wrapped, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).comparison.score).toMatchObject({ delta: 0, comparable: true });
  });

  it.each([
    [
      'a newer report version',
      { schemaVersion: 3, score: 1, status: 'ready', checks: [{ id: 'x', status: 'pass' }] },
      /is a report of version 3, newer than this command reads \(2\)/
    ],
    ['a file without checks', { schemaVersion: 2, score: 1, status: 'ready', checks: [] }, /has no "checks"/],
    [
      'a snapshot instead of a report',
      { schemaVersion: 1, capturedAt: '2026-11-22T10:00:00Z' },
      /no numeric "score"/
    ]
  ])('--compare refuses %s: exit 2 with one line', (_name, content, message) => {
    const r = run([
      '--snapshot',
      file('perfect-dedicated-user'),
      '--compare',
      tmpFile('p.json', JSON.stringify(content))
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('--compare says what started failing, the score and status before and after, and the regression', () => {
    const r = run(['--snapshot', file('mfa-api-via-permission-set'), '--compare', previous]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Since the previous report \(previous report .+\): score 100 → 49 \(-51\), status Ready → Blocked$/m
    );
    expect(r.stdout).toMatch(
      /^ {2}Started failing: mfa\.api-logins-disabled \(.+\) \[blocker\]: pass → fail/m
    );
    expect(r.stdout).toMatch(
      /^ {2}Regression: status Ready → Blocked; blocker failing now: mfa\.api-logins-disabled$/m
    );
    const json = JSON.parse(
      run(['--snapshot', file('mfa-api-via-permission-set'), '--compare', previous, '--json']).stdout
    );
    expect(json.comparison).toMatchObject({
      score: { before: 100, after: 49, delta: -51 },
      status: { before: 'ready', after: 'blocked' },
      regression: true
    });
    expect(json.comparison.startedFailing.map((c: { id: string }) => c.id)).toContain(
      'mfa.api-logins-disabled'
    );
  });

  it('--fail-on regression exits 1 only when the status drops or a blocker starts failing', () => {
    expect(
      run([
        '--snapshot',
        file('mfa-api-via-permission-set'),
        '--compare',
        previous,
        '--fail-on',
        'regression'
      ]).code
    ).toBe(1);
    expect(
      run(['--snapshot', file('perfect-dedicated-user'), '--compare', previous, '--fail-on', 'regression'])
        .code
    ).toBe(0);
    const blocked = tmpFile(
      'blocked.json',
      run(['--snapshot', file('mfa-api-via-permission-set'), '--json']).stdout
    );
    const fixed = run([
      '--snapshot',
      file('perfect-dedicated-user'),
      '--compare',
      blocked,
      '--fail-on',
      'regression'
    ]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/^ {2}Fixed: mfa\.api-logins-disabled/m);
  });

  it('--markdown writes the report for a ticket or a CI artifact', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-md-')), 'report.md');
    const r = run([
      '--snapshot',
      file('mfa-api-via-permission-set'),
      '--markdown',
      out,
      '--compare',
      previous
    ]);
    expect(r.code).toBe(0);
    const md = fs.readFileSync(out, 'utf8');
    expect(md).toMatch(/^# Act-On Readiness: Act-On Integration \(.+\)$/m);
    expect(md).toContain(
      '**Blocked: MFA for API logins fails** · score 49/100 · checked 22 Nov 2026 10:00 UTC'
    );
    expect(md).toContain('## Root causes (1)');
    expect(md).toMatch(/^## Problems \(\d+\)$/m);
    expect(md).toMatch(/^\| fail \| blocker \| .*`mfa\.api-logins-disabled`/m);
    expect(md).toContain('## Since the previous report');
  });
});
