/**
 * @jest-environment node
 *
 * The Salesforce Graph Engine runner (scripts/apex/sfge.cjs; the project's own run is the apex-graph
 * stage of npm test). Here: a suppression without a reason, or wider than one rule in one place, is
 * refused; without Java the runner says so in one line; and on a small planted project the engine
 * finds a missing FLS check, honours each allowed suppression, counts them, and fails on a class
 * its grammar cannot load.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface ConfigResult {
  suppressions: Record<
    string,
    { rule_selector: string; max_suppressed_violations: number; reason: string }[]
  >;
  entries: number;
  problems: string[];
}
const { readSuppressionConfig, auditInlineSuppressions, SFGE_ENGINE } =
  require('../../scripts/apex/sfge.cjs') as {
    readSuppressionConfig: (root: string, text?: string) => ConfigResult;
    auditInlineSuppressions: (sources: { file: string; text: string }[]) => {
      problems: string[];
      directives: number;
      markers: number;
    };
    SFGE_ENGINE: Record<string, unknown>;
  };

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts/apex/sfge.cjs');
const CLASS = 'force-app/main/default/classes/ReadinessController.cls';
const REASON = 'the controller checks access before it calls this';

const entry = (fields: Record<string, unknown>): string =>
  `suppressions:\n  ${CLASS}:\n    - ${Object.entries(fields)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n      ')}\n`;

describe('code-analyzer.yml suppressions', () => {
  it('the committed file is accepted', () => {
    expect(readSuppressionConfig(ROOT).problems).toEqual([]);
  });

  it('accepts one rule, one file, a count and a reason, and passes an absolute path on', () => {
    const result = readSuppressionConfig(
      ROOT,
      entry({ rule_selector: 'sfge:ApexFlsViolation', max_suppressed_violations: 1, reason: REASON })
    );
    expect(result.problems).toEqual([]);
    expect(result.entries).toBe(1);
    expect(result.suppressions[path.join(ROOT, CLASS)]).toEqual([
      { rule_selector: 'sfge:ApexFlsViolation', max_suppressed_violations: 1, reason: REASON }
    ]);
  });

  it('refuses a suppression without a reason', () => {
    const { problems } = readSuppressionConfig(
      ROOT,
      entry({ rule_selector: 'sfge:ApexFlsViolation', max_suppressed_violations: 1 })
    );
    expect(problems).toEqual([expect.stringMatching(/needs a reason/)]);
  });

  it.each([
    ['an empty reason', { reason: '   ' }, /needs a reason/],
    ['a token reason', { reason: 'false positive' }, /needs a reason/],
    ['no count (unlimited)', { max_suppressed_violations: undefined }, /max_suppressed_violations/],
    ['a count of 0', { max_suppressed_violations: 0 }, /max_suppressed_violations/],
    ['every sfge rule', { rule_selector: 'sfge' }, /one sfge rule/],
    ['a tag', { rule_selector: 'Security' }, /one sfge rule/],
    ['another engine', { rule_selector: 'pmd:ApexCRUDViolation' }, /one sfge rule/],
    ['an unknown field', { note: 'x' }, /unknown note/]
  ])('refuses %s', (_name, change, expected) => {
    const fields: Record<string, unknown> = {
      rule_selector: 'sfge:ApexFlsViolation',
      max_suppressed_violations: 1,
      reason: REASON,
      ...change
    };
    for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
    expect(readSuppressionConfig(ROOT, entry(fields)).problems).toEqual([expect.stringMatching(expected)]);
  });

  it('refuses a folder, a missing file, turning suppressions off and any other setting', () => {
    const good = `\n    - rule_selector: sfge:ApexFlsViolation\n      max_suppressed_violations: 1\n      reason: ${REASON}\n`;
    expect(
      readSuppressionConfig(ROOT, `suppressions:\n  force-app/main/default/classes:${good}`).problems
    ).toEqual([expect.stringMatching(/one Apex class or trigger/)]);
    expect(
      readSuppressionConfig(ROOT, `suppressions:\n  force-app/main/default/classes/Nope.cls:${good}`).problems
    ).toEqual([expect.stringMatching(/one Apex class or trigger/)]);
    expect(readSuppressionConfig(ROOT, 'suppressions:\n  disable_suppressions: true\n').problems).toEqual([
      expect.stringMatching(/not allowed/)
    ]);
    expect(
      readSuppressionConfig(ROOT, 'rules:\n  sfge:\n    ApexFlsViolation:\n      disabled: true\n').problems
    ).toEqual([expect.stringMatching(/'rules' is not allowed/)]);
  });
});

describe('inline suppressions', () => {
  const audit = (text: string) => auditInlineSuppressions([{ file: 'A.cls', text }]);

  it('accepts sfge-disable-next-line with a rule and a reason, and closed markers with a reason', () => {
    const result = audit(
      [
        `/* sfge-disable-next-line ApexFlsViolation -- ${REASON} */`,
        'insert row;',
        `// code-analyzer-suppress(sfge:ApexFlsViolation) ${REASON}`,
        'update row;',
        '// code-analyzer-unsuppress(sfge:ApexFlsViolation)'
      ].join('\n')
    );
    expect(result).toEqual({ problems: [], directives: 1, markers: 1 });
  });

  it('refuses a directive or a marker without a reason', () => {
    expect(audit('/* sfge-disable-next-line ApexFlsViolation */').problems).toEqual([
      'A.cls:1: sfge-disable-next-line needs a reason after "--": why the finding is a false positive (at least 20 characters)'
    ]);
    expect(
      audit(
        '// code-analyzer-suppress(sfge:ApexFlsViolation)\nx;\n// code-analyzer-unsuppress(sfge:ApexFlsViolation)'
      ).problems
    ).toEqual([expect.stringMatching(/^A\.cls:1: code-analyzer-suppress needs a reason/)]);
  });

  it('refuses what silences more than one rule in one place', () => {
    expect(audit(`/* sfge-disable -- ${REASON} */`).problems).toEqual([
      expect.stringMatching(/a whole class/)
    ]);
    expect(audit(`/* sfge-disable-stack ApexFlsViolation -- ${REASON} */`).problems).toEqual([
      expect.stringMatching(/everything the method calls/)
    ]);
    expect(audit(`/* sfge-disable-next-line -- ${REASON} */`).problems).toEqual([
      expect.stringMatching(/must name the rule/)
    ]);
    expect(audit(`// code-analyzer-suppress ${REASON}\nx;\n// code-analyzer-unsuppress`).problems).toEqual([
      expect.stringMatching(/must name one rule/)
    ]);
    expect(
      audit(`// code-analyzer-suppress(sfge) ${REASON}\nx;\n// code-analyzer-unsuppress(sfge)`).problems
    ).toEqual([expect.stringMatching(/must name one rule/)]);
    expect(audit(`// code-analyzer-suppress(sfge:ApexFlsViolation) ${REASON}\nx;`).problems).toEqual([
      expect.stringMatching(/never closed/)
    ]);
  });

  it('the package Apex holds no refused suppression', () => {
    const dirs = ['force-app/main/default/classes', 'force-app/main/default/triggers'];
    const sources = dirs.flatMap((d) =>
      fs
        .readdirSync(path.join(ROOT, d))
        .filter((f) => /\.(cls|trigger)$/.test(f))
        .map((f) => ({ file: `${d}/${f}`, text: fs.readFileSync(path.join(ROOT, d, f), 'utf8') }))
    );
    expect(auditInlineSuppressions(sources).problems).toEqual([]);
  });
});

describe('the runner', () => {
  it('runs on two threads, one per core, with a finite limit per entry point and a fixed heap', () => {
    expect(SFGE_ENGINE).toMatchObject({ java_thread_count: 2, java_max_heap_size: '4g' });
    expect(SFGE_ENGINE.java_thread_timeout).toBeGreaterThan(30000);
  });

  it('without Java says so in one line naming Java 17', () => {
    const run = spawnSync(process.execPath, [SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: path.join(os.tmpdir(), 'no-java-here') }
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^sfge: Java 17 is required/)]);
  });

  it('refuses an unreasoned suppression before it runs anything', () => {
    const root = planted({
      'Planted.cls': `public with sharing class Planted {\n    /* sfge-disable-next-line ApexFlsViolation */\n    public static void m() {\n    }\n}\n`
    });
    const run = spawnSync(process.execPath, [SCRIPT, '--root', root, '--log-dir', path.join(root, 'logs')], {
      encoding: 'utf8'
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Planted\.cls:2: sfge-disable-next-line needs a reason/);
    expect(run.stderr).toMatch(/1 suppressions refused; nothing was run/);
  });
});

/** A throwaway project with the package's layout, the given classes and optional code-analyzer.yml. */
function planted(classes: Record<string, string>, yml?: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-sfge-'));
  const dir = path.join(root, 'force-app/main/default/classes');
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(classes)) {
    fs.writeFileSync(path.join(dir, name), body);
    fs.writeFileSync(
      path.join(dir, `${name}-meta.xml`),
      '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>67.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n'
    );
  }
  if (yml) fs.writeFileSync(path.join(root, 'code-analyzer.yml'), yml);
  return root;
}

function sfge(root: string) {
  const run = spawnSync(process.execPath, [SCRIPT, '--root', root, '--log-dir', path.join(root, 'logs')], {
    encoding: 'utf8'
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the engine on a planted project', () => {
  // Four inserts without an FLS check, each reached from its own @AuraEnabled method: one is left
  // to be found, one is silenced by sfge's directive, one by Code Analyzer's markers, one by
  // code-analyzer.yml.
  const insert = (name: string, before = '', after = '') =>
    `    @AuraEnabled\n    public static Id ${name}(String n) {\n        Account a = new Account(Name = n);\n${before}        insert a;\n${after}        return a.Id;\n    }\n`;
  const planted4 = () =>
    planted(
      {
        'Planted.cls':
          'public with sharing class Planted {\n' +
          insert('found') +
          insert('directive', `        /* sfge-disable-next-line ApexFlsViolation -- ${REASON} */\n`) +
          insert(
            'marker',
            `        // code-analyzer-suppress(sfge:ApexFlsViolation) ${REASON}\n`,
            '        // code-analyzer-unsuppress(sfge:ApexFlsViolation)\n'
          ) +
          '}\n',
        'ViaConfig.cls': `public with sharing class ViaConfig {\n${insert('viaConfig')}}\n`
      },
      `suppressions:\n  force-app/main/default/classes/ViaConfig.cls:\n    - rule_selector: sfge:ApexFlsViolation\n      max_suppressed_violations: 1\n      reason: ${REASON}\n`
    );

  it('finds the unchecked insert, honours each suppression and counts them', () => {
    const run = sfge(planted4());
    expect(run.stderr).toMatch(
      /^force-app\/main\/default\/classes\/Planted\.cls:5 ApexFlsViolation: FLS validation is missing for \[INSERT\] operation on \[Account\] with field\(s\) \[Name\]\. \(from force-app\/main\/default\/classes\/Planted\.cls:3\)$/m
    );
    expect(run.stdout).toMatch(
      /^sfge: 7 rules, 1 violation \(2 suppressed, 1 sfge-disable-next-line\), 0 engine errors in \d+ s$/m
    );
    expect(run.status).toBe(1);
  }, 180000);

  it('fails, naming the log, on a class its grammar cannot load', () => {
    const root = planted({
      'Coalesce.cls':
        'public with sharing class Coalesce {\n    @AuraEnabled\n    public static Integer count(Set<Id> ids) {\n        Integer n = 0;\n        for (Id i : ids ?? new Set<Id>()) {\n            n++;\n        }\n        return n;\n    }\n}\n'
    });
    const run = sfge(root);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Unexpected exception while loading graph/);
    expect(run.stderr).toMatch(/^sfge could not load Coalesce line 5 into its graph/m);
    expect(run.stdout).toMatch(
      /^sfge: 7 rules, 0 violations \(0 suppressed, 0 sfge-disable-next-line\), \d+ engine errors? in \d+ s$/m
    );
  }, 180000);
});
