#!/usr/bin/env node
'use strict';
/**
 * The README's table of checks, generated from the shipped Readiness_Check__mdt records so that it
 * never drifts from the package. `node scripts/metadata/checks-table.cjs` prints it;
 * `--write` replaces the text between the README's `<!-- checks:start -->` and
 * `<!-- checks:end -->` markers (npm run docs:checks).
 */
const fs = require('node:fs');
const path = require('node:path');
const { readChecklistRecords } = require('../lib/checklist-xml.cjs');

const README = path.resolve(__dirname, '..', '..', 'README.md');
const START = '<!-- checks:start -->';
const END = '<!-- checks:end -->';

const cell = (value) =>
  String(value ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s+/g, ' ')
    .trim();

/** Markdown table: one row per record, in the console's order (Sort_Order__c). */
function checksTable(records = readChecklistRecords()) {
  const rows = [...records].sort(
    (a, b) => (a.Sort_Order__c ?? 0) - (b.Sort_Order__c ?? 0) || a.Check_Id__c.localeCompare(b.Check_Id__c)
  );
  const lines = ['| id | severity | section | check | source |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const title = r.Active__c === false ? `${r.Title__c} (inactive)` : r.Title__c;
    lines.push(
      `| \`${cell(r.Check_Id__c)}\` | ${cell(r.Severity__c)} | ${cell(r.Section__c)} | ${cell(title)} | ${cell(r.Source__c)} |`
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The README's current table (between the markers), or null when the markers are missing. */
function readmeTable(text) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return null;
  return text.slice(start + START.length, end).replace(/^\n+/, '');
}

function main() {
  const table = checksTable();
  if (!process.argv.includes('--write')) {
    process.stdout.write(table);
    return;
  }
  const text = fs.readFileSync(README, 'utf8');
  if (readmeTable(text) === null) {
    process.stderr.write(`checks-table: README.md has no ${START} ... ${END} markers\n`);
    process.exit(1);
  }
  const updated = `${text.slice(0, text.indexOf(START) + START.length)}\n\n${table}\n${text.slice(text.indexOf(END))}`;
  fs.writeFileSync(README, updated);
  process.stdout.write(`checks-table: README.md lists ${table.split('\n').length - 3} checks\n`);
}

if (require.main === module) main();

module.exports = { checksTable, readmeTable, START, END };
