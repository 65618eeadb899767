/**
 * npm run test:metadata (scripts/metadata/validate.cjs): the package converts to Metadata API
 * format cleanly and holds only what the org should get; and each check fails on a package that
 * breaks it (small projects built in a temporary folder and converted by the same library).
 * Needs `npm run build` first (npm test runs it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const VALIDATE = path.join(ROOT, 'scripts', 'metadata', 'validate.cjs');
const CLOSING = /^metadata: (\d+) components converted, (\d+) problems?$/;

function run(args: string[]) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [VALIDATE, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

const lines = (s: string): string[] => s.split('\n').filter(Boolean);

function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

const META = (type: string, body = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${type} xmlns="http://soap.sforce.com/2006/04/metadata">${body}</${type}>\n`;
const CLASS_META = META('ApexClass', '<apiVersion>65.0</apiVersion><status>Active</status>');

/** A small valid project: one class with its test, one exposed LWC, a custom object with a field. */
function project(
  files: Record<string, string> = {},
  forceignore = fs.readFileSync(path.join(ROOT, '.forceignore'), 'utf8')
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-metadata-'));
  const base: Record<string, string> = {
    'sfdx-project.json': JSON.stringify({
      packageDirectories: [{ path: 'force-app', default: true }],
      sourceApiVersion: '65.0'
    }),
    '.forceignore': forceignore,
    'force-app/main/default/classes/Widget.cls':
      "public with sharing class Widget {\n    @AuraEnabled(cacheable=true)\n    public static String ping() { return 'pong'; }\n}\n",
    'force-app/main/default/classes/Widget.cls-meta.xml': CLASS_META,
    'force-app/main/default/classes/WidgetTest.cls':
      "@isTest\nprivate class WidgetTest {\n    @isTest\n    static void pings() { System.assertEquals('pong', Widget.ping()); }\n}\n",
    'force-app/main/default/classes/WidgetTest.cls-meta.xml': CLASS_META,
    'force-app/main/default/lwc/widgetCard/widgetCard.ts':
      "import { LightningElement } from 'lwc';\nexport default class WidgetCard extends LightningElement {}\n",
    'force-app/main/default/lwc/widgetCard/widgetCard.js':
      "import { LightningElement } from 'lwc';\nimport ping from '@salesforce/apex/Widget.ping';\nexport default class WidgetCard extends LightningElement { ping = ping; }\n",
    'force-app/main/default/lwc/widgetCard/widgetCard.html': '<template><p>widget</p></template>\n',
    'force-app/main/default/lwc/widgetCard/widgetCard.js-meta.xml': META(
      'LightningComponentBundle',
      '<apiVersion>65.0</apiVersion><isExposed>true</isExposed><targets><target>lightning__AppPage</target></targets>'
    ),
    'force-app/main/default/objects/Widget__c/Widget__c.object-meta.xml': META(
      'CustomObject',
      '<deploymentStatus>Deployed</deploymentStatus><label>Widget</label><pluralLabel>Widgets</pluralLabel><nameField><label>Name</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel>'
    ),
    'force-app/main/default/objects/Widget__c/fields/Size__c.field-meta.xml': META(
      'CustomField',
      '<fullName>Size__c</fullName><label>Size</label><type>Number</type><precision>5</precision><scale>0</scale>'
    ),
    ...files
  };
  for (const [rel, content] of Object.entries(base)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

function validate(dir: string) {
  return run(['--root', dir, '--out', path.join(dir, 'out')]);
}

describe('the shipped package', () => {
  let result: ReturnType<typeof run>;
  let out: string;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-mdapi-'));
    result = run(['--out', out]);
  });

  it('converts with no problem and says so in its closing line', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const last = lines(result.stdout).at(-1) ?? '';
    expect(last).toMatch(CLOSING);
    expect(Number(CLOSING.exec(last)?.[1])).toBeGreaterThan(50);
  });

  it('holds no TypeScript, tests or tsconfig, and every LWC bundle has its built .js', () => {
    const files = walk(out);
    expect(files.filter((f) => /\.ts$|__tests__|__mocks__|tsconfig/.test(f))).toEqual([]);
    const bundles = fs.readdirSync(path.join(out, 'lwc'));
    expect(bundles).toEqual(expect.arrayContaining(['readinessEngine', 'readinessConsole', 'readinessCard']));
    for (const b of bundles) expect(files).toContain(`lwc/${b}/${b}.js`);
  });

  it('has a package.xml at the pinned API version 67.0', () => {
    expect(fs.readFileSync(path.join(out, 'package.xml'), 'utf8')).toContain('<version>67.0</version>');
  });
});

describe('test:metadata on broken packages', () => {
  it('passes a small valid project (the checks do not fire on good metadata)', () => {
    const r = validate(project());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lines(r.stdout).at(-1)).toBe('metadata: 4 components converted, 0 problems');
  });

  it('fails with one line when the build output is missing', () => {
    const dir = project();
    fs.rmSync(path.join(dir, 'force-app/main/default/lwc/widgetCard/widgetCard.js'));
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([
      'metadata: build output missing or stale (force-app/main/default/lwc/widgetCard/widgetCard.js is missing): run npm run build first'
    ]);
  });

  it('fails with one line when the conversion fails', () => {
    const r = validate(project({ 'force-app/main/default/classes/Orphan.cls-meta.xml': CLASS_META }));
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^metadata: conversion failed: .*Orphan\.cls-meta\.xml/);
  });

  it('reports a file that belongs to no component, and malformed XML the conversion would smooth over', () => {
    const r = validate(
      project({
        'force-app/main/default/classes/notes.txt': 'not metadata',
        'force-app/main/default/objects/Widget__c/fields/Size__c.field-meta.xml':
          '<CustomField><fullName>Size__c</fullName><label>Size</oops></CustomField>'
      })
    );
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      'metadata: force-app/main/default/classes/notes.txt belongs to no metadata component and would not be deployed',
      expect.stringMatching(
        /^metadata: force-app\/main\/default\/objects\/Widget__c\/fields\/Size__c\.field-meta\.xml is not well-formed XML: /
      )
    ]);
    expect(lines(r.stdout).at(-1)).toBe('metadata: 4 components converted, 2 problems');
  });

  it('reports TypeScript, tests and tsconfig that .forceignore lets through', () => {
    const dir = project(
      {
        'force-app/main/default/lwc/widgetCard/tsconfig.json': '{}',
        'force-app/main/default/lwc/widgetCard/__tests__/widgetCard.test.js': 'test("x", () => {});'
      },
      '**/jsconfig.json\n'
    );
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lwc/widgetCard/widgetCard.ts is TypeScript source');
    expect(r.stderr).toContain('lwc/widgetCard/tsconfig.json is a tsconfig file');
    expect(r.stderr).toContain('lwc/widgetCard/__tests__/widgetCard.test.js is a __tests__ folder');
    expect(lines(r.stdout).at(-1)).toMatch(/^metadata: \d+ components converted, 3 problems$/);
  });

  it('reports references to components the package lacks', () => {
    const dir = project({
      'force-app/main/default/flexipages/Widget_Page.flexipage-meta.xml': META(
        'FlexiPage',
        '<flexiPageRegions><itemInstances><componentInstance><componentName>c:ghostPanel</componentName><identifier>g</identifier></componentInstance></itemInstances>' +
          '<itemInstances><componentInstance><componentName>flexipage:richText</componentName><identifier>r</identifier></componentInstance></itemInstances>' +
          '<itemInstances><componentInstance><componentName>c:widgetCard</componentName><identifier>w</identifier></componentInstance></itemInstances>' +
          '<name>main</name><type>Region</type></flexiPageRegions><masterLabel>Widget</masterLabel><template><name>flexipage:defaultAppHomeTemplate</name></template><type>HomePage</type>'
      ),
      'force-app/main/default/tabs/Widget_Tab.tab-meta.xml': META(
        'CustomTab',
        '<flexiPage>Missing_Page</flexiPage><label>Widget</label><motif>Custom1: Heart</motif>'
      ),
      'force-app/main/default/applications/Widget_App.app-meta.xml': META(
        'CustomApplication',
        '<formFactors>Large</formFactors><label>Widget</label><navType>Standard</navType><tabs>standard-home</tabs><tabs>Widget_Tab</tabs><tabs>Ghost_Tab</tabs><uiType>Lightning</uiType>'
      ),
      'force-app/main/default/permissionsets/Widget_Admin.permissionset-meta.xml': META(
        'PermissionSet',
        '<applicationVisibilities><application>Ghost_App</application><visible>true</visible></applicationVisibilities>' +
          '<classAccesses><apexClass>Widget</apexClass><enabled>true</enabled></classAccesses>' +
          '<classAccesses><apexClass>GhostClass</apexClass><enabled>true</enabled></classAccesses>' +
          '<customPermissions><enabled>true</enabled><name>Ghost_Permission</name></customPermissions>' +
          '<fieldPermissions><editable>false</editable><field>Widget__c.Size__c</field><readable>true</readable></fieldPermissions>' +
          '<fieldPermissions><editable>false</editable><field>Widget__c.Colour__c</field><readable>true</readable></fieldPermissions>' +
          '<fieldPermissions><editable>false</editable><field>Account.Industry</field><readable>true</readable></fieldPermissions>' +
          '<hasActivationRequired>false</hasActivationRequired><label>Widget Admin</label>' +
          '<objectPermissions><allowCreate>false</allowCreate><allowDelete>false</allowDelete><allowEdit>false</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>Gadget__c</object><viewAllRecords>false</viewAllRecords></objectPermissions>' +
          '<tabSettings><tab>Widget_Tab</tab><visibility>Visible</visibility></tabSettings>' +
          '<tabSettings><tab>Ghost_Tab</tab><visibility>Visible</visibility></tabSettings>'
      ),
      'force-app/main/default/lwc/widgetCard/widgetCard.js':
        "import { LightningElement } from 'lwc';\nimport ping from '@salesforce/apex/Widget.ping';\nimport pong from '@salesforce/apex/Widget.pong';\nimport ghost from 'c/ghostHelper';\nimport LABEL from '@salesforce/label/c.Ghost_Label';\nimport CAN from '@salesforce/customPermission/Ghost_Permission';\nexport default class WidgetCard extends LightningElement { x = [ping, pong, ghost, LABEL, CAN]; }\n"
    });
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(lines(r.stderr).sort()).toEqual(
      [
        'metadata: FlexiPage Widget_Page places component ghostPanel, which is not in the package',
        'metadata: FlexiPage Widget_Page is a HomePage, but widgetCard does not target lightning__HomePage',
        'metadata: tab Widget_Tab opens FlexiPage Missing_Page, which is not in the package',
        'metadata: app Widget_App lists tab Ghost_Tab, which is not in the package',
        'metadata: permission set Widget_Admin shows app Ghost_App, which is not in the package',
        'metadata: permission set Widget_Admin grants class GhostClass, which is not in the package',
        'metadata: permission set Widget_Admin grants custom permission Ghost_Permission, which is not in the package',
        'metadata: permission set Widget_Admin names field Widget__c.Colour__c, which is not in the package',
        'metadata: permission set Widget_Admin names object Gadget__c, which is not in the package',
        'metadata: permission set Widget_Admin sets visibility of tab Ghost_Tab, which is not in the package',
        'metadata: LWC widgetCard/widgetCard.js calls Apex Widget.pong, which is not an @AuraEnabled method of Widget',
        'metadata: LWC widgetCard/widgetCard.js imports c/ghostHelper, which is not in the package',
        'metadata: LWC widgetCard/widgetCard.js imports label Ghost_Label, which is not in the package',
        'metadata: LWC widgetCard/widgetCard.js imports custom permission Ghost_Permission, which is not in the package'
      ].sort()
    );
    expect(lines(r.stdout).at(-1)).toMatch(/, 14 problems$/);
  });

  it('reports an Apex class without a test class, and Apex off the pinned API version', () => {
    const dir = project({
      'force-app/main/default/classes/Gadget.cls': 'public with sharing class Gadget {}\n',
      'force-app/main/default/classes/Gadget.cls-meta.xml': CLASS_META.replace('65.0', '67.0')
    });
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(lines(r.stderr).sort()).toEqual([
      'metadata: Apex class Gadget has no test class GadgetTest',
      'metadata: classes/Gadget.cls-meta.xml is at API 67.0; Apex is pinned to 65.0'
    ]);
  });

  it('reports a test class with no test method, and a trigger no test reaches', () => {
    const dir = project({
      'force-app/main/default/classes/WidgetTest.cls': '@isTest\nprivate class WidgetTest {\n}\n',
      'force-app/main/default/triggers/WidgetTrigger.trigger':
        'trigger WidgetTrigger on Widget__c (before insert) {}\n',
      'force-app/main/default/triggers/WidgetTrigger.trigger-meta.xml': META(
        'ApexTrigger',
        '<apiVersion>65.0</apiVersion><status>Active</status>'
      )
    });
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(lines(r.stderr).sort()).toEqual([
      'metadata: Apex class WidgetTest has no test method',
      'metadata: trigger WidgetTrigger on Widget__c: no test class mentions Widget__c'
    ]);
  });
});
