/**
 * @jest-environment node
 *
 * The Apex half agrees with the engine and the house rules: the Apex copy of the high-risk list and
 * of the object permission vocabulary equal the engine's, every class is pinned to API 67.0 and
 * declares its sharing, every class has a test class, and the admin permission set grants exactly
 * the package's classes, custom permission, tab, app and fix log access.
 */
import fs from 'node:fs';
import path from 'node:path';

const { loadTs } = require('../../scripts/lib/load-ts.cjs') as {
  loadTs: (file: string) => Record<string, unknown>;
};
const { XMLParser } = require('fast-xml-parser') as typeof import('fast-xml-parser');

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'force-app/main/default');
const CLASSES = path.join(MAIN, 'classes');
const ENGINE = path.join(MAIN, 'lwc/readinessEngine');
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

const read = (file: string): string => fs.readFileSync(file, 'utf8');
const classFiles = fs.readdirSync(CLASSES).filter((f) => f.endsWith('.cls'));
const classNames = classFiles.map((f) => f.replace(/\.cls$/, ''));
const isTest = (name: string): boolean =>
  /@IsTest/i.test(read(path.join(CLASSES, `${name}.cls`)).split(/\bclass\b/)[0]);

/** The string literals of an Apex static initializer, e.g. HIGH_RISK_PERMISSIONS = new List<String>{...}. */
function apexStrings(source: string, name: string): string[] {
  const start = source.indexOf(` ${name} = `);
  expect(start).toBeGreaterThan(0);
  const body = source.slice(start, source.indexOf('};', start));
  return [...body.matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

describe('Apex copies of engine vocabulary', () => {
  const checklist = read(path.join(CLASSES, 'ReadinessChecklist.cls'));
  const vocabulary = loadTs(path.join(ENGINE, 'vocabulary.ts'));
  const access = loadTs(path.join(ENGINE, 'access.ts'));

  it('HIGH_RISK_PERMISSIONS equals the engine list', () => {
    expect(apexStrings(checklist, 'HIGH_RISK_PERMISSIONS')).toEqual([
      ...(vocabulary.HIGH_RISK_PERMISSIONS as string[])
    ]);
  });

  it('object flag fields equal the engine; Apex keeps no copy of the prerequisite table', () => {
    const pairs = apexStrings(checklist, 'OBJECT_FLAG_FIELDS');
    const apexFields: Record<string, string> = {};
    for (let i = 0; i < pairs.length; i += 2) apexFields[pairs[i]] = pairs[i + 1];
    expect(apexFields).toEqual(access.OBJECT_FLAG_FIELDS);
    // Prerequisites are planned by the engine; Salesforce's own refusal is the final check.
    for (const file of fs.readdirSync(CLASSES).filter((f) => f.endsWith('.cls')))
      expect(fs.readFileSync(path.join(CLASSES, file), 'utf8')).not.toMatch(/DEPENDENCIES\s*=/);
  });

  it('the product permission set has the engine name and label', () => {
    const product = access.PRODUCT_PERMISSION_SET as { name: string; label: string };
    const constant = (name: string): string | undefined =>
      new RegExp(` ${name} = '([^']*)';`).exec(checklist)?.[1];
    expect(constant('PRODUCT_PERMISSION_SET_NAME')).toBe(product.name);
    expect(constant('PRODUCT_PERMISSION_SET_LABEL')).toBe(product.label);
  });
});

describe('Apex classes', () => {
  it.each(classNames)('%s is pinned to API 67.0', (name) => {
    const meta = xml.parse(read(path.join(CLASSES, `${name}.cls-meta.xml`)));
    expect(meta.ApexClass.apiVersion).toBe('67.0');
  });

  it.each(classNames.filter((n) => !isTest(n)))('%s declares its sharing', (name) => {
    expect(read(path.join(CLASSES, `${name}.cls`))).toMatch(/\b(with|without|inherited) sharing class\b/);
  });

  it('no shipped permission set grants Create on the fix log event: only Apex publishes it', () => {
    const dir = path.join(MAIN, 'permissionsets');
    for (const file of fs.readdirSync(dir)) {
      const source = read(path.join(dir, file));
      const blocks = [...source.matchAll(/<objectPermissions>([\s\S]*?)<\/objectPermissions>/g)].map(
        (m) => m[1]
      );
      const event = blocks.filter((b) => b.includes('<object>Readiness_Fix_Event__e</object>'));
      expect(event.filter((b) => b.includes('<allowCreate>true</allowCreate>'))).toEqual([]);
    }
  });

  it('every class has a test class', () => {
    const untested = classNames.filter((n) => !isTest(n) && !classNames.includes(`${n}Test`));
    expect(untested).toEqual([]);
  });

  it('no .cls-meta.xml without its class', () => {
    const orphans = fs
      .readdirSync(CLASSES)
      .filter((f) => f.endsWith('.cls-meta.xml') && !classFiles.includes(f.replace(/-meta\.xml$/, '')));
    expect(orphans).toEqual([]);
  });
});

describe('Act_On_Readiness_Admin permission set', () => {
  const ps = xml.parse(
    read(path.join(MAIN, 'permissionsets/Act_On_Readiness_Admin.permissionset-meta.xml'))
  ).PermissionSet;
  const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

  it('is labelled, has no license, and grants the custom permission, tab and app', () => {
    expect(ps.label).toBe('Act-On Readiness Admin');
    expect(ps.license).toBeUndefined();
    expect(list(ps.customPermissions)).toEqual([{ enabled: 'true', name: 'Act_On_Readiness_Fix' }]);
    expect(list(ps.tabSettings)).toEqual([{ tab: 'Act_On_Readiness', visibility: 'Visible' }]);
    expect(list(ps.applicationVisibilities)).toEqual([{ application: 'Act_On_Readiness', visible: 'true' }]);
    expect(
      fs.existsSync(path.join(MAIN, 'customPermissions/Act_On_Readiness_Fix.customPermission-meta.xml'))
    ).toBe(true);
  });

  it('grants exactly the non-test classes', () => {
    const granted = list(ps.classAccesses as { apexClass: string }[])
      .map((c) => c.apexClass)
      .sort();
    expect(granted).toEqual(classNames.filter((n) => !isTest(n)).sort());
  });

  it('holds read access and FLS for every fix log field', () => {
    const fields = fs
      .readdirSync(path.join(MAIN, 'objects/Readiness_Fix_Log__c/fields'))
      .map((f) => `Readiness_Fix_Log__c.${f.replace('.field-meta.xml', '')}`)
      .sort();
    const granted = list(ps.fieldPermissions as { field: string; readable: string }[])
      .filter((f) => f.readable === 'true')
      .map((f) => f.field)
      .sort();
    expect(granted).toEqual(fields);
    // The log is read-only to admins; only Apex publishes the event that writes it (system mode), so
    // no one needs, and no shipped permission set grants, Create on the event.
    expect(list(ps.objectPermissions as { object: string; allowRead: string }[])).toEqual([
      expect.objectContaining({
        object: 'Readiness_Fix_Log__c',
        allowCreate: 'false',
        allowRead: 'true',
        allowEdit: 'false',
        allowDelete: 'false'
      })
    ]);
  });
});
