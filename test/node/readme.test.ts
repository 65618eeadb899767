/**
 * The README stays true to the package: its table of checks equals the shipped Readiness_Check__mdt
 * records (npm run docs:checks regenerates it), it opens with the two set-up lines, it names every
 * Apex entry point that ReadinessController exposes, and every npm script it tells people to run
 * exists.
 */
import fs from 'node:fs';
import path from 'node:path';

const { checksTable, readmeTable } = require('../../scripts/metadata/checks-table.cjs') as {
  checksTable: (records?: Record<string, unknown>[]) => string;
  readmeTable: (text: string) => string | null;
};

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const CONTROLLER = fs.readFileSync(
  path.join(ROOT, 'force-app/main/default/classes/ReadinessController.cls'),
  'utf8'
);

/** Table rows as trimmed cells, so that Prettier's column padding does not matter. */
function rows(table: string): string[][] {
  return table
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim())
    );
}

describe('README table of checks', () => {
  const current = readmeTable(README);

  it('sits between the checks markers', () => {
    expect(current).not.toBeNull();
  });

  it('equals the table generated from the shipped records (run npm run docs:checks)', () => {
    expect(rows(current ?? '')).toEqual(rows(checksTable()));
  });

  it('has one row per record, with id, severity, section, title and source', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'force-app/main/default/customMetadata'))
      .filter((f) => f.startsWith('Readiness_Check.'));
    const body = rows(current ?? '').slice(1);
    expect(body).toHaveLength(files.length);
    expect(body.map((r) => r[0])).toContain('`mfa.api-logins-disabled`');
    for (const r of body) {
      expect(r).toHaveLength(5);
      expect(['blocker', 'required', 'recommended', 'info']).toContain(r[1]);
      expect(r[4].length).toBeGreaterThan(0);
    }
  });

  it('would notice a changed record', () => {
    const records = [
      {
        Check_Id__c: 'user.active',
        Severity__c: 'required',
        Section__c: 'identity',
        Title__c: 'Integration user is active',
        Source__c: 'x | y',
        Sort_Order__c: 10,
        Active__c: false
      }
    ];
    expect(rows(checksTable(records))[1]).toEqual([
      '`user.active`',
      'required',
      'identity',
      'Integration user is active (inactive)',
      'x \\| y'
    ]);
    expect(rows(current ?? '')).not.toEqual(rows(checksTable(records)));
  });
});

describe('README', () => {
  it('opens with the two set-up lines', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
    expect(README.indexOf('```sh')).toBeLessThan(README.indexOf('\n## '));
    expect(firstBlock.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^npm ci && npm start\s+#/),
      expect.stringMatching(/^npm test\s+#/)
    ]);
  });

  it('names every @AuraEnabled entry point of ReadinessController', () => {
    const methods = [...CONTROLLER.matchAll(/@AuraEnabled[^\n]*\n\s*public static [\w<>, ]+ (\w+)\(/g)].map(
      (m) => m[1]
    );
    expect(methods).toEqual(
      expect.arrayContaining([
        'getReadiness',
        'findIntegrationUsers',
        'saveIntegrationUser',
        'getMappableFields',
        'saveFieldMapping',
        'applyFix',
        'getFixLog'
      ])
    );
    for (const method of methods) expect(README).toContain(`\`${method}(`);
  });

  it('tells people to run only npm scripts that exist', () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
    const named = [...README.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(5);
    for (const name of named) expect(scripts).toContain(name);
  });

  it('shows the console screenshot, or says plainly that it is still to come', () => {
    const shipped = fs.existsSync(path.join(ROOT, 'docs/console.png'));
    const expected = shipped
      ? /!\[[^\]]*\]\(docs\/console\.png\)/
      : /TODO\(lead\): add a screenshot of the console as docs\/console\.png/;
    expect(README).toMatch(expected);
  });

  it('gives both install forms and the admin permission set', () => {
    expect(README).toMatch(/sf package install --package 04t\S* --target-org \S+ --wait 10/);
    expect(README).toContain('/packaging/installPackage.apexp?p0=04t');
    expect(README).toContain('Act-On Readiness Admin');
    expect(README).toMatch(/Setup Home cannot host it/);
  });
});

describe('README on the sf plugin', () => {
  const plugin = JSON.parse(fs.readFileSync(path.join(ROOT, 'plugin', 'package.json'), 'utf8'));
  const tarball = `${plugin.name.replace(/^@/, '').replace('/', '-')}-${plugin.version}.tgz`;

  it('installs it in one command from a file:// URL of the tarball npm pack writes, and says how to allow it', () => {
    expect(README).toMatch(
      new RegExp(`^sf plugins install file:///\\S+/${tarball.replace(/\./g, '\\.')}$`, 'm')
    );
    expect(README).toContain(`cd plugin && npm pack`);
    expect(README).toContain('unsignedPluginAllowList.json');
  });

  it('shows only commands and flags the plugin has', () => {
    const commands = path.join(ROOT, 'plugin', 'src', 'commands', 'acton', 'readiness');
    const names = fs.readdirSync(commands).map((f) => f.replace(/\.js$/, ''));
    const lines = [...README.matchAll(/^sf acton readiness (\S+)(.*)$/gm)];
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const shared = fs.readFileSync(path.join(ROOT, 'plugin', 'src', 'readiness.js'), 'utf8');
    const unknown = lines.flatMap(([, command, rest]) => {
      if (!names.includes(command)) return [command];
      const source = `${fs.readFileSync(path.join(commands, `${command}.js`), 'utf8')}\n${shared}`;
      return [...rest.replace(/#.*$/, '').matchAll(/--([\w-]+)/g)]
        .map((m) => m[1])
        .filter((flag) => flag !== 'json' && !new RegExp(`['\\s]${flag}['"]?:`).test(source))
        .map((flag) => `${command} --${flag}`);
    });
    expect(unknown).toEqual([]);
  });
});
