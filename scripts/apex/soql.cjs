'use strict';
/**
 * Parses the snapshot reader's SOQL with apex-parser's own SOQL rules: the static queries of
 * ReadinessSnapshotReader.cls, and its one dynamic query (PermissionSet) rebuilt from the class's
 * literals plus the Permissions* names it adds at run time. Used by test/node/soql-contract.test.ts.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
  ApexParserFactory,
  ApexParseTreeWalker,
  ApexParserBaseListener,
  ApexErrorListener
} = require('@apexdevtools/apex-parser');

const READER = path.join(__dirname, '..', '..', 'force-app/main/default/classes/ReadinessSnapshotReader.cls');

class QueryCollector extends ApexParserBaseListener {
  constructor() {
    super();
    this.queries = [];
  }

  enterQuery(ctx) {
    const object = ctx.fromNameList().getText();
    const fields = [];
    for (const entry of ctx.selectList().selectEntry_list()) {
      const field = entry.fieldName();
      const fn = entry.soqlFunction();
      const sub = entry.subQuery();
      if (field) fields.push(field.getText());
      else if (fn) {
        const inner = /\(([\w.]+)\)/.exec(fn.getText());
        if (inner) fields.push(inner[1]);
      } else if (sub) {
        const subFields = sub
          .subFieldList()
          .subFieldEntry_list()
          .map((e) => e.fieldName()?.getText())
          .filter(Boolean);
        this.queries.push({ object: `${object}.${sub.fromNameList().getText()}`, fields: subFields });
      }
    }
    this.queries.push({ object, fields });
  }
}

class LiteralCollector extends ApexParserBaseListener {
  constructor() {
    super();
    this.byVariable = {};
  }

  enterVariableDeclarator(ctx) {
    const expression = ctx.expression();
    const text = expression ? expression.getText() : '';
    this.byVariable[ctx.id().getText()] = [...text.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]);
  }
}

class Errors extends ApexErrorListener {
  constructor() {
    super();
    this.errors = [];
  }

  apexSyntaxError(line, column, message) {
    this.errors.push(`${line}:${column} ${message}`);
  }
}

/**
 * Every query of the reader as { object, fields } (a child subquery as "Parent.Relationship"), with
 * the dynamic query's text. permissionFields: the Permissions* names the reader adds at run time.
 */
function readerQueries(permissionFields) {
  const errors = new Errors();
  const { parser } = ApexParserFactory.createLexerAndParser(fs.readFileSync(READER, 'utf8'), errors);
  const unit = parser.compilationUnit();
  const queries = new QueryCollector();
  const literals = new LiteralCollector();
  ApexParseTreeWalker.DEFAULT.walk(queries, unit);
  ApexParseTreeWalker.DEFAULT.walk(literals, unit);
  const base = literals.byVariable.PERMISSION_SET_FIELDS ?? [];
  const admin = (literals.byVariable.ADMIN_PERMISSIONS ?? []).filter((s) => s.startsWith('Permissions'));
  // The literals of "'SELECT ' + String.join(fields, ', ') + ...": drop the keyword and the separator.
  const tail = (literals.byVariable.soql ?? []).slice(2).join('');
  const fields = [...new Set([...base, ...permissionFields, ...admin])];
  const dynamic = `SELECT ${fields.join(', ')}${tail}`;
  const dynamicErrors = new Errors();
  const { parser: soqlParser } = ApexParserFactory.createLexerAndParser(dynamic, dynamicErrors);
  const dynamicQueries = new QueryCollector();
  ApexParseTreeWalker.DEFAULT.walk(dynamicQueries, soqlParser.query());
  return {
    queries: [...queries.queries, ...dynamicQueries.queries],
    dynamic,
    adminPermissions: admin,
    errors: [...errors.errors, ...dynamicErrors.errors]
  };
}

module.exports = { readerQueries };

// ------------------------------------------------------------------ query shapes (read contract)

const CLASSES = path.join(__dirname, '..', '..', 'force-app/main/default/classes');

/** `public static final Integer NAME = 123;` constants of a class, by name. */
function integerConstants(source) {
  const out = {};
  for (const m of source.matchAll(/static\s+final\s+Integer\s+(\w+)\s*=\s*(\d+)\s*;/g))
    out[m[1]] = Number(m[2]);
  return out;
}

/**
 * The shape of one SOQL query, from its text (Apex, with binds, or literal SOQL as the command line
 * sends it): object, selected fields (aggregates as COUNT(Id)), fields the WHERE filters on, GROUP
 * BY, ORDER BY and LIMIT (a bind resolved through constants). Syntax is checked with apex-parser's
 * SOQL rule; errors are returned, not thrown.
 */
function describeSoql(text, constants = {}) {
  const errors = new Errors();
  const { parser } = ApexParserFactory.createLexerAndParser(text, errors);
  const query = parser.query();
  const fields = [];
  for (const entry of query.selectList().selectEntry_list()) {
    const field = entry.fieldName();
    const fn = entry.soqlFunction();
    if (field) fields.push(field.getText());
    else if (fn) fields.push(fn.getText().replace(/\s+/g, ''));
  }
  const clause = (ctx) => (ctx ? text.slice(ctx.start.start, ctx.stop.stop + 1) : '');
  const where = clause(query.whereClause());
  // Every field on the left of a comparison; bind names (":x") and literals are not fields.
  const filters = [
    ...new Set(
      [
        ...where.matchAll(
          /([A-Za-z_][\w.]*)\s*(?:=|!=|<>|<=|>=|<|>|\bNOT\s+IN\b|\bIN\b|\bLIKE\b|\bINCLUDES\b|\bEXCLUDES\b)/gi
        )
      ]
        .map((m) => m[1])
        .filter((name) => !/^(WHERE|AND|OR|NOT|TRUE|FALSE|NULL)$/i.test(name))
    )
  ];
  const group = clause(query.groupByClause?.());
  const order = clause(query.orderByClause?.());
  const limitText = clause(query.limitClause?.());
  let limit = null;
  const bind = /:\s*(\w+)/.exec(limitText);
  const literal = /(\d+)/.exec(limitText);
  if (bind) limit = constants[bind[1]] ?? `:${bind[1]}`;
  else if (literal) limit = Number(literal[1]);
  return {
    object: query.fromNameList().getText(),
    fields,
    filters,
    groupBy: group
      ? group
          .replace(/^GROUP\s+BY\s+/i, '')
          .split(',')
          .map((s) => s.trim())
      : [],
    orderBy: order
      ? order
          .replace(/^ORDER\s+BY\s+/i, '')
          .replace(/\s+/g, ' ')
          .trim()
      : null,
    limit,
    errors: errors.errors
  };
}

/**
 * Every query of an Apex class, as shapes: the static ones from the parse tree, and each
 * Database.queryWithBinds whose first argument is a concatenation of literals and names; names are
 * replaced through `names` (e.g. { apiOnlyField: 'PermissionsApiUserOnly' }). The reader's
 * PermissionSet query is rebuilt by readerQueries (its field list is computed).
 */
function classQueries(className, names = {}) {
  const source = fs.readFileSync(path.join(CLASSES, `${className}.cls`), 'utf8');
  const constants = integerConstants(source);
  // Binds of Database.queryWithBinds maps ('sourceLimit' => SOURCE_LIMIT) resolve like constants.
  for (const m of source.matchAll(/'(\w+)'\s*=>\s*([A-Z_]+)\b/g))
    if (m[2] in constants) constants[m[1]] = constants[m[2]];
  const errors = new Errors();
  const { parser } = ApexParserFactory.createLexerAndParser(source, errors);
  const texts = [];
  class Collector extends ApexParserBaseListener {
    enterSoqlLiteral(ctx) {
      texts.push(source.slice(ctx.start.start + 1, ctx.stop.stop));
    }
  }
  ApexParseTreeWalker.DEFAULT.walk(new Collector(), parser.compilationUnit());
  for (const m of source.matchAll(/Database\.queryWithBinds\(\s*((?:'(?:[^'\\]|\\.)*'|\w+|\s|\+)+),/g)) {
    const parts = [...m[1].matchAll(/'((?:[^'\\]|\\.)*)'|(\w+)/g)].map((p) =>
      p[1] !== undefined ? p[1] : (names[p[2]] ?? `<${p[2]}>`)
    );
    if (parts.join('').trim().toUpperCase().startsWith('SELECT')) texts.push(parts.join(''));
  }
  return {
    constants,
    queries: texts.map((text) => ({
      text: text.replace(/\s+/g, ' ').trim(),
      ...describeSoql(text, constants)
    })),
    errors: errors.errors
  };
}

module.exports.describeSoql = describeSoql;
module.exports.classQueries = classQueries;
module.exports.integerConstants = integerConstants;
