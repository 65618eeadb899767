/**
 * The package definition and its delivery: sfdx-project.json (unlocked package, no namespace,
 * pinned API), the scratch org definition, the shipped metadata the README promises, and the
 * GitHub workflow (offline job = .ci/run; scratch org and package jobs only with a Dev Hub secret).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { XMLParser } from 'fast-xml-parser';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'force-app/main/default');
const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
const readXml = (rel: string) => xml.parse(fs.readFileSync(path.join(MAIN, rel), 'utf8'));

describe('sfdx-project.json', () => {
  const project = readJson('sfdx-project.json');
  const dir = project.packageDirectories[0];

  it('defines the unlocked package "Act-On Readiness" with no namespace', () => {
    expect(project.packageDirectories).toHaveLength(1);
    expect(dir).toEqual(
      expect.objectContaining({ path: 'force-app', default: true, package: 'Act-On Readiness' })
    );
    expect(project.namespace).toBe('');
  });

  it('numbers versions 0.1.0.NEXT with no ancestor while 0.x', () => {
    expect(dir.versionNumber).toBe('0.1.0.NEXT');
    expect(dir.ancestorVersion).toBe('NONE');
    expect(dir.ancestorId).toBeUndefined();
    expect(dir.versionDescription.length).toBeGreaterThan(20);
  });

  it("pins sourceApiVersion 67.0 (Summer '26: describe shows its permission fields; every query states its mode)", () => {
    expect(project.sourceApiVersion).toBe('67.0');
  });

  it('builds package versions in the scratch org shape it tests in', () => {
    expect(dir.definitionFile).toBe('config/project-scratch-def.json');
    expect(fs.existsSync(path.join(ROOT, dir.definitionFile))).toBe(true);
  });
});

describe('config/project-scratch-def.json', () => {
  const def = readJson('config/project-scratch-def.json');
  it('is a Developer edition org with Apex, the API and settable passwords', () => {
    expect(def.edition).toBe('Developer');
    expect(def.features).toEqual(expect.arrayContaining(['AuthorApex', 'API', 'EnableSetPasswordInApi']));
    expect(Object.keys(def).every((k) => /^[a-z][A-Za-z]+$/.test(k))).toBe(true);
    for (const [name, value] of Object.entries(def.settings ?? {})) {
      expect(name).toMatch(/^[a-z]\w*Settings$/);
      expect(typeof value).toBe('object');
    }
  });
});

describe('shipped metadata the README and scripts rely on', () => {
  it('ships the admin permission set, without a license, granting the fix custom permission', () => {
    const ps = readXml('permissionsets/Act_On_Readiness_Admin.permissionset-meta.xml').PermissionSet;
    expect(ps.label).toBe('Act-On Readiness Admin');
    expect(ps.license).toBeUndefined();
    expect([].concat(ps.customPermissions).map((c: { name: string }) => c.name)).toContain(
      'Act_On_Readiness_Fix'
    );
  });

  it('does not ship the product permission set: the fix writer creates it at run time', () => {
    expect(
      fs.existsSync(path.join(MAIN, 'permissionsets/Act_On_Integration_User.permissionset-meta.xml'))
    ).toBe(false);
  });

  it('puts the card on Home and App pages and in the utility bar (no Lightning page target exists for Setup Home)', () => {
    const card = readXml('lwc/readinessCard/readinessCard.js-meta.xml').LightningComponentBundle;
    expect(card.isExposed).toBe('true');
    expect([].concat(card.targets.target).sort()).toEqual([
      'lightning__AppPage',
      'lightning__HomePage',
      'lightning__UtilityBar'
    ]);
    // The one property (userId) is offered on every target.
    const raw = fs.readFileSync(path.join(MAIN, 'lwc/readinessCard/readinessCard.js-meta.xml'), 'utf8');
    expect(/<targetConfig targets="([^"]+)"/.exec(raw)?.[1].split(',').sort()).toEqual([
      'lightning__AppPage',
      'lightning__HomePage',
      'lightning__UtilityBar'
    ]);
  });
});

describe('.github/workflows/ci.yml', () => {
  type Step = { run?: string; uses?: string; if?: string; with?: Record<string, unknown> };
  type Job = { needs?: string[]; if?: string; container?: string; steps: Step[]; outputs?: object };
  const workflow = parseYaml(fs.readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: Record<string, Job>;
  };
  const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

  it('runs .ci/run (npm ci && npm test) on Node 20 with Java 17 and Debian chromium', () => {
    const offline = workflow.jobs.offline;
    expect(offline.container).toBe('node:20-bookworm');
    expect(runs(offline)).toMatch(/apt-get install .*openjdk-17-jre-headless/);
    expect(runs(offline)).toMatch(/apt-get install .*\bchromium\b/);
    expect(runs(offline)).toMatch(/^bash \.ci\/run$/m);
    expect(fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm ci\nnpm test$/m);
  });

  it('runs the scratch org job only with a Dev Hub secret, and always deletes the org', () => {
    const job = workflow.jobs['scratch-org'];
    expect(job.needs).toEqual(expect.arrayContaining(['offline', 'devhub']));
    expect(job.if).toBe("needs.devhub.outputs.configured == 'true'");
    expect(runs(job)).toMatch(/npm run scratch -- /);
    expect(runs(job)).toMatch(/npm run org:test -- /);
    const cleanup = job.steps.find((s) => /sf org delete scratch/.test(s.run ?? ''));
    expect(cleanup?.if).toBe('always()');
    expect(runs(workflow.jobs.devhub as Job)).toMatch(/DEVHUB_AUTH_URL/);
  });

  it('creates a package version on tags only', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    const job = workflow.jobs['package-version'];
    expect(job.if).toMatch(/^startsWith\(github\.ref, 'refs\/tags\/v'\) && /);
    expect(runs(job)).toMatch(/npm run package:version -- /);
  });

  it('calls only npm scripts that exist', () => {
    const scripts = readJson('package.json').scripts as Record<string, string>;
    const all = Object.values(workflow.jobs).map(runs).join('\n');
    for (const m of all.matchAll(/npm run ([\w:-]+)/g)) expect(Object.keys(scripts)).toContain(m[1]);
  });
});
