'use strict';
/**
 * Offline validation of the package as the platform receives it. The source is converted to
 * Metadata API format with @salesforce/source-deploy-retrieve (the library behind
 * `sf project convert source`), then the converted folder is checked: no TypeScript or test files,
 * every component that a FlexiPage, app, tab, permission set or LWC import names exists in the
 * package, every Apex class has a test class, and Apex is pinned to the project's sourceApiVersion.
 *
 * Every check returns a list of problems (one line each) instead of throwing, so that the command
 * line can print them all and the tests can feed it broken packages.
 */
const fs = require('node:fs');
const path = require('node:path');
const { XMLParser, XMLValidator } = require('fast-xml-parser');

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  // Elements that may repeat are always arrays, so a single child reads the same as many.
  isArray: (name) => ARRAY_TAGS.has(name)
});
const ARRAY_TAGS = new Set([
  'applicationVisibilities',
  'classAccesses',
  'customPermissions',
  'objectPermissions',
  'fieldPermissions',
  'tabSettings',
  'customMetadataTypeAccesses',
  'customSettingAccesses',
  'pageAccesses',
  'recordTypeVisibilities',
  'flexiPageRegions',
  'itemInstances',
  'componentInstance',
  'tabs',
  'tab',
  'actionOverrides',
  'profileActionOverrides',
  'fields',
  'recordTypes',
  'labels',
  'types',
  'members',
  'targets',
  'target',
  'targetConfigs',
  'targetConfig'
]);

/** Files that must never reach the org: sources and tooling of the TypeScript build and tests. */
const FORBIDDEN = [
  { test: (rel) => /\.ts$/.test(rel), why: 'TypeScript source' },
  { test: (rel) => rel.split('/').includes('__tests__'), why: 'a __tests__ folder' },
  { test: (rel) => rel.split('/').includes('__mocks__'), why: 'a __mocks__ folder' },
  { test: (rel) => /(^|\/)tsconfig[^/]*\.json$/.test(rel), why: 'a tsconfig file' },
  { test: (rel) => /(^|\/)jsconfig\.json$/.test(rel), why: 'a jsconfig file' },
  { test: (rel) => /(^|\/)\.eslintrc[^/]*$/.test(rel), why: 'an ESLint config' },
  { test: (rel) => /\.test\.[cm]?[jt]s$/.test(rel), why: 'a test file' }
];

function readXml(file) {
  return parser.parse(fs.readFileSync(file, 'utf8'));
}

const list = (value) => (value === undefined || value === null ? [] : [].concat(value));
const text = (value) => (value === undefined || value === null ? '' : String(value).trim());

function walk(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

/** The names of the files in a folder of the converted package that end with suffix. */
function namesIn(dir, suffix) {
  if (!fs.existsSync(dir)) return new Set();
  return new Set(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(suffix))
      .map((f) => f.slice(0, -suffix.length))
  );
}

function readProject(root) {
  const file = path.join(root, 'sfdx-project.json');
  if (!fs.existsSync(file)) throw new Error(`no sfdx-project.json in ${root}`);
  const project = JSON.parse(fs.readFileSync(file, 'utf8'));
  const dirs = list(project.packageDirectories).map((d) => d.path);
  if (dirs.length === 0) throw new Error('sfdx-project.json lists no packageDirectories');
  if (!project.sourceApiVersion) throw new Error('sfdx-project.json has no sourceApiVersion');
  return { project, dirs, sourceApiVersion: String(project.sourceApiVersion) };
}

/**
 * The platform deploys the .js that `npm run build` emits beside each .ts of an LWC bundle.
 * Returns the .ts files whose .js is missing or older than the source (stale build output).
 */
function findBuildProblems(root, dirs) {
  const problems = [];
  for (const dir of dirs) {
    for (const rel of walk(path.join(root, dir))) {
      if (!/(^|\/)lwc\/[^/]+\/.*\.ts$/.test(rel) || rel.endsWith('.d.ts')) continue;
      if (/(^|\/)(__tests__|__mocks__)\//.test(rel)) continue;
      const ts = path.join(root, dir, rel);
      const js = ts.replace(/\.ts$/, '.js');
      const shown = path.relative(root, js).split(path.sep).join('/');
      if (!fs.existsSync(js)) problems.push(`${shown} is missing`);
      else if (fs.statSync(js).mtimeMs + 1000 < fs.statSync(ts).mtimeMs)
        problems.push(`${shown} is older than its .ts`);
    }
  }
  return problems;
}

/**
 * Converts every package directory to Metadata API format in outDir (emptied first) and returns
 * the converted components, and as problems the source files that belong to none (the library
 * skips them). Throws with the library's message when conversion fails.
 */
async function convertSource(root, dirs, outDir, sourceApiVersion) {
  // The library logs to a file in the home folder unless told not to; nothing here needs it.
  process.env.SF_DISABLE_LOG_FILE = 'true';
  process.env.SFDX_DISABLE_LOG_FILE = 'true';
  const { ComponentSet, ForceIgnore, MetadataConverter } = require('@salesforce/source-deploy-retrieve');
  fs.rmSync(outDir, { recursive: true, force: true });
  const set = ComponentSet.fromSource({ fsPaths: dirs.map((d) => path.join(root, d)) });
  // Set explicitly: without it the library asks a Salesforce server for the newest version.
  set.sourceApiVersion = sourceApiVersion;
  set.apiVersion = sourceApiVersion;
  const components = set.getSourceComponents().toArray();
  if (components.length === 0) throw new Error(`no metadata found under ${dirs.join(', ')}`);
  // The library skips a file that belongs to no component: it would silently never be deployed.
  const owned = new Set();
  for (const c of components) {
    for (const part of [c, ...c.getChildren()]) {
      if (part.xml) owned.add(path.resolve(part.xml));
      for (const file of part.walkContent()) owned.add(path.resolve(file));
    }
  }
  const ignore = ForceIgnore.findAndCreate(root);
  const stray = [];
  for (const dir of dirs) {
    for (const rel of walk(path.join(root, dir))) {
      const file = path.resolve(root, dir, rel);
      if (!owned.has(file) && !ignore.denies(file))
        stray.push(path.relative(root, file).split(path.sep).join('/'));
    }
  }
  await new MetadataConverter().convert(set, 'metadata', {
    type: 'directory',
    outputDirectory: outDir,
    genUniqueDir: false
  });
  // The library re-serialises decomposed XML leniently: check the source as written.
  const malformed = [];
  for (const file of [...owned].filter((f) => f.endsWith('.xml')).sort()) {
    const result = XMLValidator.validate(fs.readFileSync(file, 'utf8'));
    const shown = path.relative(root, file).split(path.sep).join('/');
    if (result !== true)
      malformed.push(`${shown} is not well-formed XML: ${result.err.msg} (line ${result.err.line})`);
  }
  return {
    components: components.map((c) => ({ type: c.type.name, fullName: c.fullName })),
    problems: [
      ...stray.map((f) => `${f} belongs to no metadata component and would not be deployed`),
      ...malformed
    ]
  };
}

function checkForbiddenFiles(outDir) {
  const problems = [];
  for (const rel of walk(outDir)) {
    const rule = FORBIDDEN.find((r) => r.test(rel));
    if (rule) problems.push(`${rel} is ${rule.why} and must not be deployed (add it to .forceignore)`);
  }
  return problems;
}

/** The converted files that are metadata XML (not Apex, LWC sources or other content files). */
function isMetadataXml(rel) {
  if (rel.endsWith('-meta.xml') || rel === 'package.xml') return true;
  if (/^(lwc|aura|staticresources|documents|contentassets)\//.test(rel)) return false;
  return !/\.(cls|trigger|page|component|email|resource)$/.test(rel);
}

/** The platform rejects a deploy with malformed XML; the conversion copies it unchecked. */
function checkWellFormed(outDir) {
  const problems = [];
  for (const rel of walk(outDir).filter(isMetadataXml)) {
    const result = XMLValidator.validate(fs.readFileSync(path.join(outDir, rel), 'utf8'));
    if (result !== true)
      problems.push(`${rel} is not well-formed XML: ${result.err.msg} (line ${result.err.line})`);
  }
  return problems;
}

/** What the converted package holds, by kind, for the reference checks. */
function inventory(outDir) {
  const objects = new Map();
  for (const name of namesIn(path.join(outDir, 'objects'), '.object')) {
    const doc = readXml(path.join(outDir, 'objects', `${name}.object`)).CustomObject ?? {};
    const fields = new Map(list(doc.fields).map((f) => [text(f.fullName), f]));
    const recordTypes = new Set(list(doc.recordTypes).map((r) => text(r.fullName)));
    objects.set(name, { fields, recordTypes });
  }
  const labelsFile = path.join(outDir, 'labels', 'CustomLabels.labels');
  const labels = fs.existsSync(labelsFile)
    ? new Set(list(readXml(labelsFile).CustomLabels?.labels).map((l) => text(l.fullName)))
    : new Set();
  const lwc = new Map();
  const lwcDir = path.join(outDir, 'lwc');
  if (fs.existsSync(lwcDir)) {
    for (const name of fs.readdirSync(lwcDir)) {
      const meta = path.join(lwcDir, name, `${name}.js-meta.xml`);
      const doc = fs.existsSync(meta) ? (readXml(meta).LightningComponentBundle ?? {}) : {};
      const targets = new Set(list(doc.targets).flatMap((t) => list(t.target).map(text)));
      lwc.set(name, { exposed: text(doc.isExposed) === 'true', targets, meta: fs.existsSync(meta) });
    }
  }
  return {
    objects,
    labels,
    lwc,
    aura: new Set(fs.existsSync(path.join(outDir, 'aura')) ? fs.readdirSync(path.join(outDir, 'aura')) : []),
    classes: namesIn(path.join(outDir, 'classes'), '.cls'),
    triggers: namesIn(path.join(outDir, 'triggers'), '.trigger'),
    pages: namesIn(path.join(outDir, 'pages'), '.page'),
    apps: namesIn(path.join(outDir, 'applications'), '.app'),
    tabs: namesIn(path.join(outDir, 'tabs'), '.tab'),
    flexipages: namesIn(path.join(outDir, 'flexipages'), '.flexipage'),
    customPermissions: namesIn(path.join(outDir, 'customPermissions'), '.customPermission'),
    permissionSets: namesIn(path.join(outDir, 'permissionsets'), '.permissionset')
  };
}

/** Custom objects end in a suffix; anything else (Account, Task) is the platform's. */
const isCustomObject = (name) => /__(c|mdt|e|x|b|kav)$/.test(name);
const isCustomField = (name) => /__c$/.test(name);

function checkObjectRef(inv, where, object) {
  if (!isCustomObject(object) || inv.objects.has(object)) return [];
  return [`${where} names object ${object}, which is not in the package`];
}

function checkFieldRef(inv, where, qualified) {
  const [object, field] = qualified.split('.');
  if (!field) return [`${where} names field "${qualified}" without its object`];
  if (!isCustomObject(object) && !isCustomField(field)) return [];
  const obj = inv.objects.get(object);
  if (!obj) return [`${where} names field ${qualified}, but object ${object} is not in the package`];
  if (!isCustomField(field)) return [];
  const def = obj.fields.get(field);
  if (!def) return [`${where} names field ${qualified}, which is not in the package`];
  return [];
}

/** A custom component name in a FlexiPage: `c:name` or a bare name; others are the platform's. */
function customComponent(name) {
  if (name.startsWith('c:')) return name.slice(2);
  return name.includes(':') ? null : name;
}

function checkFlexiPages(outDir, inv) {
  const problems = [];
  for (const name of inv.flexipages) {
    const where = `FlexiPage ${name}`;
    const doc = readXml(path.join(outDir, 'flexipages', `${name}.flexipage`)).FlexiPage ?? {};
    const type = text(doc.type);
    if (doc.sobjectType) problems.push(...checkObjectRef(inv, where, text(doc.sobjectType)));
    for (const region of list(doc.flexiPageRegions)) {
      for (const item of list(region.itemInstances)) {
        for (const instance of list(item.componentInstance)) {
          const bundle = customComponent(text(instance.componentName));
          if (!bundle) continue;
          const lwc = inv.lwc.get(bundle);
          if (!lwc) {
            if (!inv.aura.has(bundle))
              problems.push(`${where} places component ${bundle}, which is not in the package`);
            continue;
          }
          if (!lwc.exposed) problems.push(`${where} places ${bundle}, whose isExposed is not true`);
          const target = `lightning__${type}`;
          if (type && !lwc.targets.has(target))
            problems.push(`${where} is a ${type}, but ${bundle} does not target ${target}`);
        }
      }
    }
  }
  return problems;
}

function checkApps(outDir, inv) {
  const problems = [];
  for (const name of inv.apps) {
    const where = `app ${name}`;
    const doc = readXml(path.join(outDir, 'applications', `${name}.app`)).CustomApplication ?? {};
    for (const tab of [...list(doc.tabs), ...list(doc.tab)].map(text)) {
      if (!tab.startsWith('standard-') && !inv.tabs.has(tab))
        problems.push(`${where} lists tab ${tab}, which is not in the package`);
    }
    for (const o of [...list(doc.actionOverrides), ...list(doc.profileActionOverrides)]) {
      if (text(o.type) === 'Flexipage' && !inv.flexipages.has(text(o.content))) {
        problems.push(
          `${where} overrides a page with FlexiPage ${text(o.content)}, which is not in the package`
        );
      }
      if (o.pageOrSobjectType) problems.push(...checkObjectRef(inv, where, text(o.pageOrSobjectType)));
    }
    if (doc.utilityBar && !inv.flexipages.has(text(doc.utilityBar))) {
      problems.push(`${where} uses utility bar ${text(doc.utilityBar)}, which is not in the package`);
    }
  }
  return problems;
}

function checkTabs(outDir, inv) {
  const problems = [];
  for (const name of inv.tabs) {
    const where = `tab ${name}`;
    const doc = readXml(path.join(outDir, 'tabs', `${name}.tab`)).CustomTab ?? {};
    if (doc.flexiPage && !inv.flexipages.has(text(doc.flexiPage))) {
      problems.push(`${where} opens FlexiPage ${text(doc.flexiPage)}, which is not in the package`);
    }
    if (doc.lwcComponent) {
      const lwc = inv.lwc.get(text(doc.lwcComponent));
      if (!lwc)
        problems.push(`${where} opens component ${text(doc.lwcComponent)}, which is not in the package`);
      else if (!lwc.targets.has('lightning__Tab'))
        problems.push(`${where} opens ${text(doc.lwcComponent)}, which does not target lightning__Tab`);
    }
    if (doc.page && !inv.pages.has(text(doc.page)))
      problems.push(`${where} opens page ${text(doc.page)}, which is not in the package`);
    if (text(doc.customObject) === 'true') problems.push(...checkObjectRef(inv, where, name));
    if (!doc.flexiPage && !doc.lwcComponent && !doc.page && !doc.url && text(doc.customObject) !== 'true') {
      problems.push(`${where} opens nothing (no flexiPage, lwcComponent, page, url or customObject)`);
    }
  }
  return problems;
}

function checkPermissionSets(outDir, inv) {
  const problems = [];
  for (const name of inv.permissionSets) {
    const where = `permission set ${name}`;
    const doc = readXml(path.join(outDir, 'permissionsets', `${name}.permissionset`)).PermissionSet ?? {};
    for (const a of list(doc.applicationVisibilities)) {
      const app = text(a.application);
      if (!app.startsWith('standard__') && !inv.apps.has(app))
        problems.push(`${where} shows app ${app}, which is not in the package`);
    }
    for (const c of list(doc.classAccesses)) {
      if (!inv.classes.has(text(c.apexClass)))
        problems.push(`${where} grants class ${text(c.apexClass)}, which is not in the package`);
    }
    for (const c of list(doc.customPermissions)) {
      if (!inv.customPermissions.has(text(c.name))) {
        problems.push(`${where} grants custom permission ${text(c.name)}, which is not in the package`);
      }
    }
    for (const p of list(doc.pageAccesses)) {
      if (!inv.pages.has(text(p.apexPage)))
        problems.push(`${where} grants page ${text(p.apexPage)}, which is not in the package`);
    }
    for (const o of list(doc.objectPermissions)) problems.push(...checkObjectRef(inv, where, text(o.object)));
    for (const o of [...list(doc.customMetadataTypeAccesses), ...list(doc.customSettingAccesses)]) {
      problems.push(...checkObjectRef(inv, where, text(o.name)));
    }
    for (const f of list(doc.fieldPermissions)) {
      const qualified = text(f.field);
      const found = checkFieldRef(inv, where, qualified);
      problems.push(...found);
      if (found.length > 0) continue;
      const [object, field] = qualified.split('.');
      const def = inv.objects.get(object)?.fields.get(field);
      if (def && (text(def.required) === 'true' || text(def.type) === 'MasterDetail')) {
        problems.push(
          `${where} sets field-level security on ${qualified}, which is required: the deploy rejects it`
        );
      }
    }
    for (const t of list(doc.tabSettings)) {
      const tab = text(t.tab);
      if (!tab.startsWith('standard-') && !inv.tabs.has(tab))
        problems.push(`${where} sets visibility of tab ${tab}, which is not in the package`);
    }
    for (const r of list(doc.recordTypeVisibilities)) {
      const [object, recordType] = text(r.recordType).split('.');
      if (isCustomObject(object) && !inv.objects.get(object)?.recordTypes.has(recordType)) {
        problems.push(`${where} shows record type ${text(r.recordType)}, which is not in the package`);
      }
    }
  }
  return problems;
}

/** `@salesforce/apex/Class.method` targets: the class must exist and the method be @AuraEnabled. */
function auraEnabledMethods(outDir, className) {
  const source = fs.readFileSync(path.join(outDir, 'classes', `${className}.cls`), 'utf8');
  const names = new Set();
  for (const m of source.matchAll(/@AuraEnabled\b(?:\s*\([^)]*\))?/gi)) {
    // The declaration that follows: the identifier just before its first parenthesis.
    const rest = source.slice(m.index + m[0].length).replace(/^(?:\s*@\w+(?:\s*\([^)]*\))?)+/, '');
    const name = /^[^;{}()]*?(\w+)\s*\(/.exec(rest)?.[1];
    if (name) names.add(name);
  }
  return names;
}

function checkLwcImports(outDir, inv) {
  const problems = [];
  for (const bundle of inv.lwc.keys()) {
    const dir = path.join(outDir, 'lwc', bundle);
    if (!inv.lwc.get(bundle).meta) problems.push(`LWC ${bundle} has no ${bundle}.js-meta.xml`);
    if (!fs.existsSync(path.join(dir, `${bundle}.js`)))
      problems.push(`LWC ${bundle} has no ${bundle}.js (run npm run build)`);
    for (const rel of walk(dir).filter((f) => f.endsWith('.js'))) {
      const where = `LWC ${bundle}/${rel}`;
      const source = fs.readFileSync(path.join(dir, rel), 'utf8');
      const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map(
        (m) => m[1]
      );
      for (const spec of specifiers) {
        let m;
        if ((m = /^c\/(\w+)$/.exec(spec))) {
          if (!inv.lwc.has(m[1])) problems.push(`${where} imports c/${m[1]}, which is not in the package`);
        } else if ((m = /^@salesforce\/apex\/(\w+)\.(\w+)$/.exec(spec))) {
          if (!inv.classes.has(m[1]))
            problems.push(`${where} calls Apex ${m[1]}.${m[2]}, but class ${m[1]} is not in the package`);
          else if (!auraEnabledMethods(outDir, m[1]).has(m[2])) {
            problems.push(
              `${where} calls Apex ${m[1]}.${m[2]}, which is not an @AuraEnabled method of ${m[1]}`
            );
          }
        } else if ((m = /^@salesforce\/label\/c\.(\w+)$/.exec(spec))) {
          if (!inv.labels.has(m[1]))
            problems.push(`${where} imports label ${m[1]}, which is not in the package`);
        } else if ((m = /^@salesforce\/customPermission\/(\w+)$/.exec(spec))) {
          if (!inv.customPermissions.has(m[1]))
            problems.push(`${where} imports custom permission ${m[1]}, which is not in the package`);
        } else if ((m = /^@salesforce\/schema\/(\w+)(?:\.(\w+))?$/.exec(spec))) {
          problems.push(
            ...(m[2] ? checkFieldRef(inv, where, `${m[1]}.${m[2]}`) : checkObjectRef(inv, where, m[1]))
          );
        }
      }
    }
  }
  return problems;
}

const isTestClass = (source) => /@isTest\b/i.test(source.split(/\bclass\b/i)[0]);
const hasTestMethod = (source) =>
  /@isTest\b[\s\S]*?\b(static|void)\b/i.test(
    source
      .split(/\bclass\b/i)
      .slice(1)
      .join('class')
  ) || /\btestMethod\b/i.test(source);

/**
 * Every class that is not itself a test has `<Name>Test`, an @isTest class with a test method;
 * every trigger is reached by a test (its object is named in one, or its events are delivered).
 */
function checkApexTests(outDir, inv) {
  const problems = [];
  const sources = new Map(
    [...inv.classes].map((c) => [c, fs.readFileSync(path.join(outDir, 'classes', `${c}.cls`), 'utf8')])
  );
  const tests = [...sources].filter(([, s]) => isTestClass(s));
  for (const [name, source] of sources) {
    if (isTestClass(source)) continue;
    const testName = `${name}Test`;
    const test = sources.get(testName);
    if (!test) problems.push(`Apex class ${name} has no test class ${testName}`);
    else if (!isTestClass(test)) problems.push(`Apex class ${testName} is not annotated @isTest`);
    else if (!hasTestMethod(test)) problems.push(`Apex class ${testName} has no test method`);
  }
  for (const trigger of inv.triggers) {
    const source = fs.readFileSync(path.join(outDir, 'triggers', `${trigger}.trigger`), 'utf8');
    const object = /\btrigger\s+\w+\s+on\s+(\w+)/i.exec(source)?.[1];
    if (!object) problems.push(`trigger ${trigger}: cannot read the object it is on`);
    else if (object.endsWith('__e')) {
      // Platform event triggers run in a test only when the test delivers the published events.
      if (!tests.some(([, s]) => /Test\.getEventBus\(\)\s*\.\s*deliver\(/.test(s))) {
        problems.push(`trigger ${trigger} on ${object}: no test class calls Test.getEventBus().deliver()`);
      }
    } else if (!tests.some(([, s]) => new RegExp(`\\b${object}\\b`).test(s))) {
      problems.push(`trigger ${trigger} on ${object}: no test class mentions ${object}`);
    }
  }
  return problems;
}

/** Apex runs at the pinned sourceApiVersion (its query modes depend on it); nothing is newer. */
function checkApiVersions(outDir, sourceApiVersion) {
  const problems = [];
  const pinned = Number(sourceApiVersion);
  for (const rel of walk(outDir).filter((f) => f.endsWith('-meta.xml'))) {
    const match = /<apiVersion>([\d.]+)<\/apiVersion>/.exec(fs.readFileSync(path.join(outDir, rel), 'utf8'));
    if (!match) continue;
    const version = Number(match[1]);
    const apex = /^(classes|triggers)\//.test(rel);
    if (apex && version !== pinned)
      problems.push(`${rel} is at API ${match[1]}; Apex is pinned to ${sourceApiVersion}`);
    else if (!apex && version > pinned)
      problems.push(`${rel} is at API ${match[1]}, above sourceApiVersion ${sourceApiVersion}`);
  }
  const manifest = path.join(outDir, 'package.xml');
  if (!fs.existsSync(manifest)) problems.push('package.xml was not generated');
  else {
    const version = text(readXml(manifest).Package?.version);
    if (version !== sourceApiVersion)
      problems.push(`package.xml is at API ${version}, expected ${sourceApiVersion}`);
  }
  return problems;
}

/** Every check over a converted (Metadata API format) folder. */
function checkConverted(outDir, sourceApiVersion) {
  const malformed = checkWellFormed(outDir);
  // The other checks read the XML: with a malformed file their findings would be guesses.
  if (malformed.length > 0) return [...checkForbiddenFiles(outDir), ...malformed];
  const inv = inventory(outDir);
  return [
    ...checkForbiddenFiles(outDir),
    ...checkFlexiPages(outDir, inv),
    ...checkApps(outDir, inv),
    ...checkTabs(outDir, inv),
    ...checkPermissionSets(outDir, inv),
    ...checkLwcImports(outDir, inv),
    ...checkApexTests(outDir, inv),
    ...checkApiVersions(outDir, sourceApiVersion)
  ];
}

module.exports = {
  readProject,
  findBuildProblems,
  convertSource,
  checkConverted,
  checkForbiddenFiles,
  inventory,
  walk
};
