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
