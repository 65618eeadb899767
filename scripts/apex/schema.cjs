'use strict';
/**
 * Offline SOQL schema check. Every query of every Apex class and trigger (static ones, and the
 * literal parts of dynamic ones passed to Database.query*) names only objects, fields, relationship
 * paths and child relationships that exist: in the API 65 sObject types that the PMD engine's
 * sobject-types-65.0.0.jar ships (one class per sObject, read with javap: a lookup is typed with its
 * target sObject class, a child relationship is an array of the child class), or in this project's
 * own objects. FieldDefinition and EntityDefinition queries use none of OR, NOT, LIMIT, OFFSET,
 * COUNT or GROUP BY, which those objects refuse. Also: no Apex deserializes JSON into a type that
 * holds Object (Apex refuses "Apex Type unsupported in JSON: Object"); deserializeUntyped is the way.
 *
 *   node scripts/apex/schema.cjs [DIR ...]     (default: force-app/main/default)
 *
 * Needs javap (a Java 17 JDK). Prints one line per problem and closes with a count line.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const {
  ApexParserFactory,
  ApexParseTreeWalker,
  ApexParserBaseListener,
  ApexErrorListener
} = require('@apexdevtools/apex-parser');
const { XMLParser } = require('fast-xml-parser');

const ROOT = path.resolve(__dirname, '..', '..');
const JAR = path.join(
  ROOT,
  'node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib/sobject-types-65.0.0.jar'
);
const PACKAGE = 'com.nawforce.runforce.SObjects.';
const RESTRICTED_OBJECTS = ['fielddefinition', 'entitydefinition'];
const RESTRICTED_WORDS = ['OR', 'NOT', 'LIMIT', 'OFFSET', 'COUNT', 'GROUP BY'];

class SetupError extends Error {}

// ------------------------------------------------------------------ javap

/** javap from JAVA_HOME or the PATH; when missing, the Debian JDK as root, or a clear failure. */
function findJavap() {
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(path.join(process.env.JAVA_HOME, 'bin', 'javap'));
  candidates.push('javap');
  const works = () => candidates.find((c) => spawnSync(c, ['-version'], { encoding: 'utf8' }).status === 0);
  let found = works();
  if (
    !found &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0 &&
    fs.existsSync('/usr/bin/apt-get')
  ) {
    process.stderr.write('soql: installing javap (openjdk-17-jdk-headless) with apt-get\n');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'openjdk-17-jdk-headless'], {
      stdio: 'ignore',
      env
    });
    found = works();
  }
  if (!found)
    throw new SetupError(
      'soql: javap (a Java 17 JDK) is required to read the sObject schema: apt-get install -y openjdk-17-jdk-headless'
    );
  return found;
}

/** Names of the sObject classes in the jar (zip central directory, read without unzip). */
function jarObjectNames(jar = JAR) {
  const buf = fs.readFileSync(jar);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new SetupError(`soql: ${jar} is not a zip file`);
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = new Map();
  for (let i = 0; i < entries; i++) {
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const m = /^com\/nawforce\/runforce\/SObjects\/(\w+)\.class$/.exec(name);
    if (m) names.set(m[1].toLowerCase(), m[1]);
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

/** Fields of the named sObject classes, from one javap run: { Name: Map<lower, field> }. */
function javapObjects(classNames, javap) {
  const out = {};
  if (!classNames.length) return out;
  const run = spawnSync(javap, ['-p', '-cp', JAR, ...classNames.map((n) => PACKAGE + n)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  });
  if (run.status !== 0) throw new SetupError(`soql: javap failed: ${run.stderr.trim().split('\n')[0]}`);
  let current = null;
  for (const line of run.stdout.split('\n')) {
    const head = /^public class com\.nawforce\.runforce\.SObjects\.(\w+)/.exec(line);
    if (head) {
      current = new Map();
      out[head[1]] = current;
      continue;
    }
    const field = /^\s+public ([\w.$<>]+)(\[\])? (\w+);$/.exec(line);
    if (!current || !field || line.includes(' static ')) continue;
    const [, type, array, name] = field;
    const target = type.startsWith(PACKAGE) ? type.slice(PACKAGE.length) : null;
    let kind = 'field';
    if (array && target) kind = 'child';
    else if (target === 'Name' || type === 'com.nawforce.runforce.System.SObject') kind = 'poly';
    else if (target) kind = 'ref';
    current.set(name.toLowerCase(), { name, kind, target });
  }
  return out;
}

// ------------------------------------------------------------------ the project's objects

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** Fields every custom object, setting, event or metadata type has, beside its own. */
function standardFields(apiName) {
  const base = ['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];
  if (apiName.endsWith('__e')) return ['ReplayId', 'EventUuid', 'CreatedDate', 'CreatedById'];
  if (apiName.endsWith('__mdt'))
    return ['Id', 'DeveloperName', 'MasterLabel', 'Label', 'QualifiedApiName', 'NamespacePrefix', 'Language'];
  return [...base, 'Name', 'IsDeleted', 'OwnerId', 'SetupOwnerId'];
}

function projectObjects(sourceRoots) {
  const out = {};
  for (const root of sourceRoots) {
    const dir = path.join(root, 'objects');
    if (!fs.existsSync(dir)) continue;
    for (const object of fs.readdirSync(dir)) {
      const fields = new Map();
      for (const name of standardFields(object))
        fields.set(name.toLowerCase(), { name, kind: 'field', target: null });
      for (const ref of ['CreatedBy', 'LastModifiedBy', 'Owner', 'SetupOwner'])
        fields.set(ref.toLowerCase(), {
          name: ref,
          kind: ref === 'Owner' || ref === 'SetupOwner' ? 'poly' : 'ref',
          target: 'User'
        });
      const fieldDir = path.join(dir, object, 'fields');
      for (const file of fs.existsSync(fieldDir) ? fs.readdirSync(fieldDir) : []) {
        const doc = xml.parse(fs.readFileSync(path.join(fieldDir, file), 'utf8')).CustomField ?? {};
        const name = String(doc.fullName ?? file.split('.')[0]);
        fields.set(name.toLowerCase(), { name, kind: 'field', target: null });
        if (doc.type === 'Lookup' || doc.type === 'MasterDetail') {
          const rel = name.replace(/__c$/, '__r');
          fields.set(rel.toLowerCase(), { name: rel, kind: 'ref', target: String(doc.referenceTo ?? '') });
        }
      }
      out[object] = fields;
    }
  }
  return out;
}

// ------------------------------------------------------------------ the queries

class Errors extends ApexErrorListener {
  constructor() {
    super();
    this.errors = [];
  }
  apexSyntaxError(line, column, message) {
    this.errors.push(`${line}:${column} ${message}`);
  }
}

const NAME = (ctx) => ctx.constructor.name.replace(/Context$/, '');

function ancestor(ctx, names) {
  for (let p = ctx.parentCtx; p; p = p.parentCtx) if (names.includes(NAME(p))) return p;
  return null;
}

/**
 * A query's parts: its object (FROM), the field paths it names (select, where, group, order), its
 * child subqueries (relationship name and their fields) and semi-join subqueries (object and fields).
 */
function describeQuery(queryCtx) {
  const query = {
    object: queryCtx.fromNameList().getText(),
    fields: [],
    children: [],
    semiJoins: [],
    text: queryCtx.start.getInputStream().getText(queryCtx.start.start, queryCtx.stop.stop)
  };
  const subs = new Map();
  class Collector extends ApexParserBaseListener {
    enterFieldName(ctx) {
      if (ancestor(ctx, ['FromNameList']) && NAME(ctx.parentCtx) === 'FromNameList') return;
      const owner = ancestor(ctx, ['SubQuery', 'Query']);
      const field = ctx.getText();
      if (owner === queryCtx) query.fields.push(field);
      else if (owner && NAME(owner) === 'SubQuery') subs.get(owner)?.fields.push(field);
    }
    enterSubQuery(ctx) {
      const inSelect = NAME(ctx.parentCtx) === 'SelectEntry';
      const entry = { name: ctx.fromNameList().getText(), fields: [] };
      subs.set(ctx, entry);
      (inSelect ? query.children : query.semiJoins).push(entry);
    }
  }
  ApexParseTreeWalker.DEFAULT.walk(new Collector(), queryCtx);
  return query;
}

/** The text of a string-building expression: literals kept, anything computed read as "Id". */
function template(expr, resolve) {
  if (!expr) return 'Id';
  const kind = NAME(expr);
  const kids = expr.children ?? [];
  if (kind === 'PrimaryExpression') {
    const primary = expr.primary();
    const literal = primary?.literal?.();
    if (literal?.StringLiteral?.())
      return JSON.parse(`"${literal.getText().slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`);
    const id = primary?.id?.();
    if (id && !primary.literal?.()) {
      const declared = resolve(id.getText());
      return declared ? template(declared, resolve) : 'Id';
    }
    return 'Id';
  }
  if (kind === 'Arth2Expression' && kids[1]?.getText() === '+') {
    return template(kids[0], resolve) + template(kids[2], resolve);
  }
  if (kind === 'DotExpression' && /^String\.join\(/.test(expr.getText())) {
    const list = expr.dotMethodCall?.()?.expressionList?.()?.expression(0);
    const names = list ? listLiterals(list, resolve, new Set()) : [];
    return names.length ? names.join(', ') : 'Id';
  }
  if (kind === 'SubExpression') return template(expr.expression(), resolve);
  if (kind === 'CondExpression') return template(expr.expression(1), resolve);
  return 'Id';
}

/** The string literals a list expression is built from, following the variables it names. */
function listLiterals(expr, resolve, seen) {
  const text = expr.getText();
  const out = [...text.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]);
  for (const [name] of text.matchAll(/\b[A-Za-z_]\w*\b/g)) {
    if (seen.has(name)) continue;
    const declared = resolve(name);
    if (!declared) continue;
    seen.add(name);
    out.push(...listLiterals(declared, resolve, seen));
  }
  return out;
}

const QUERY_METHODS =
  /^Database\.(query|queryWithBinds|countQuery|countQueryWithBinds|getQueryLocator|getQueryLocatorWithBinds)\(/;

/** Every query of one Apex file: static ones and dynamic ones rebuilt from their literal parts. */
function queriesOf(file) {
  const errors = new Errors();
  const source = fs.readFileSync(file, 'utf8');
  const { parser } = ApexParserFactory.createLexerAndParser(source, errors);
  const unit = file.endsWith('.trigger') ? parser.triggerUnit() : parser.compilationUnit();
  const found = [];
  const declarations = new Map();
  class Walker extends ApexParserBaseListener {
    enterVariableDeclarator(ctx) {
      if (ctx.expression()) declarations.set(ctx.id().getText(), ctx.expression());
    }
    enterQuery(ctx) {
      if (ancestor(ctx, ['Query', 'SubQuery'])) return;
      found.push({ line: ctx.start.line, kind: 'static', ...describeQuery(ctx) });
    }
    enterDotExpression(ctx) {
      if (!QUERY_METHODS.test(ctx.getText())) return;
      const args = ctx.dotMethodCall?.()?.expressionList?.();
      const first = args?.expression(0);
      if (!first) return;
      const text = template(first, (name) => declarations.get(name));
      const soqlErrors = new Errors();
      const { parser: soql } = ApexParserFactory.createLexerAndParser(text, soqlErrors);
      const queryCtx = soql.query();
      if (soqlErrors.errors.length) {
        found.push({ line: ctx.start.line, kind: 'dynamic', text, error: soqlErrors.errors[0] });
        return;
      }
      found.push({ line: ctx.start.line, kind: 'dynamic', ...describeQuery(queryCtx), text });
    }
  }
  ApexParseTreeWalker.DEFAULT.walk(new Walker(), unit);
  return { queries: found, errors: errors.errors, source };
}

// ------------------------------------------------------------------ the check

function apexFiles(sourceRoots) {
  return sourceRoots
    .flatMap((root) => ['classes', 'triggers'].map((d) => path.join(root, d)))
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f)))
    .filter((f) => f.endsWith('.cls') || f.endsWith('.trigger'))
    .sort();
}

/** JSON.deserialize(…, T.class) / deserializeStrict where T is or holds Object. */
function objectJsonTargets(source) {
  const problems = [];
  const re = /JSON\.deserialize(?:Strict)?\s*\(([\s\S]*?),\s*([\w.<>, \s]+?)\s*\.class\s*\)/g;
  for (const m of source.matchAll(re)) {
    if (/(^|[<,\s])Object([>,\s]|$)/.test(m[2])) {
      const line = source.slice(0, m.index).split('\n').length;
      problems.push({
        line,
        message: `JSON.deserialize into ${m[2].replace(/\s+/g, '')}.class: Apex refuses types holding Object; use JSON.deserializeUntyped`
      });
    }
  }
  return problems;
}

function checkSoql(sourceRoots = [path.join(ROOT, 'force-app/main/default')]) {
  const files = apexFiles(sourceRoots);
  const parsed = files.map((file) => ({ file, ...queriesOf(file) }));
  const jarNames = jarObjectNames();
  const own = projectObjects(sourceRoots);
  const ownByLower = new Map(Object.keys(own).map((n) => [n.toLowerCase(), n]));
  // Which jar objects are needed: every FROM, and the targets of the paths (loaded in rounds).
  const schema = {};
  const javap = findJavap();
  const load = (names) => {
    const wanted = [
      ...new Set(names.map((n) => jarNames.get(n.toLowerCase())).filter((n) => n && !schema[n]))
    ];
    Object.assign(schema, javapObjects(wanted, javap));
  };
  const lookup = (name) => {
    if (!name) return null;
    const ownName = ownByLower.get(name.toLowerCase());
    if (ownName) return { name: ownName, fields: own[ownName] };
    const jarName = jarNames.get(name.toLowerCase());
    if (!jarName) return null;
    if (!schema[jarName]) load([jarName]);
    return schema[jarName] ? { name: jarName, fields: schema[jarName] } : null;
  };
  load(parsed.flatMap((p) => p.queries.map((q) => q.object).filter(Boolean)));

  const problems = [];
  let count = 0;
  const report = (file, line, message) => problems.push(`${path.relative(ROOT, file)}:${line} ${message}`);
  const checkPath = (file, line, object, fieldPath) => {
    const segments = fieldPath.split('.');
    let current = object;
    for (let i = 0; i < segments.length; i++) {
      const field = current.fields.get(segments[i].toLowerCase());
      const last = i === segments.length - 1;
      if (!field || (last && field.kind === 'child') || (!last && field.kind === 'field')) {
        report(
          file,
          line,
          `${current.name}.${segments.slice(i).join('.')} is not ${last ? 'a field' : 'a relationship'} of ${current.name} (API 65 schema or this project's objects)`
        );
        return;
      }
      if (last || field.kind === 'poly') return;
      const next = lookup(field.target);
      if (!next) {
        report(
          file,
          line,
          `${current.name}.${segments[i]} points to ${field.target}, which is not in the schema`
        );
        return;
      }
      current = next;
    }
  };
  for (const { file, queries, errors, source } of parsed) {
    for (const e of errors) report(file, e.split(':')[0], `syntax: ${e}`);
    for (const p of objectJsonTargets(source)) report(file, p.line, p.message);
    for (const q of queries) {
      count += 1;
      if (q.error) {
        report(file, q.line, `dynamic SOQL does not parse (${q.error}): ${q.text}`);
        continue;
      }
      const object = lookup(q.object);
      if (!object) {
        report(file, q.line, `object ${q.object} is not in the API 65 schema or this project's objects`);
        continue;
      }
      for (const field of q.fields) checkPath(file, q.line, object, field);
      for (const child of q.children) {
        const rel = object.fields.get(child.name.toLowerCase());
        if (!rel || rel.kind !== 'child') {
          report(file, q.line, `${child.name} is not a child relationship of ${object.name}`);
          continue;
        }
        const target = lookup(rel.target);
        if (target) for (const field of child.fields) checkPath(file, q.line, target, field);
      }
      for (const semi of q.semiJoins) {
        const target = lookup(semi.name);
        if (!target) report(file, q.line, `object ${semi.name} (semi-join) is not in the schema`);
        else for (const field of semi.fields) checkPath(file, q.line, target, field);
      }
      if (RESTRICTED_OBJECTS.includes(object.name.toLowerCase())) {
        const bare = q.text.replace(/'(?:[^'\\]|\\.)*'/g, "''").toUpperCase();
        for (const word of RESTRICTED_WORDS) {
          const re = new RegExp(`(^|[^A-Z_])${word.replace(' ', '\\s+')}([^A-Z_]|$)`);
          if (re.test(bare)) report(file, q.line, `${object.name} queries refuse ${word}`);
        }
      }
    }
  }
  return { files: files.length, queries: count, problems };
}

if (require.main === module) {
  try {
    const roots = process.argv.slice(2).map((d) => path.resolve(d));
    const { files, queries, problems } = checkSoql(roots.length ? roots : undefined);
    for (const p of problems) process.stderr.write(`soql: ${p}\n`);
    process.stdout.write(
      `soql: ${queries} queries in ${files} Apex files checked against the API 65 schema and the project's objects, ${problems.length} problems\n`
    );
    process.exit(problems.length ? 1 : 0);
  } catch (e) {
    process.stderr.write(`${e instanceof SetupError ? e.message : `soql: ${e.stack}`}\n`);
    process.exit(1);
  }
}

module.exports = { checkSoql, objectJsonTargets, jarObjectNames, findJavap, SetupError };
