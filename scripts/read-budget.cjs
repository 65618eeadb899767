#!/usr/bin/env node
'use strict';
/**
 * The README's read budget, generated from the read declaration (readinessEngine/reads.ts) and the
 * shipped checklist, so that what a load costs in the org is stated once and never drifts: per Apex
 * entry point the SOQL queries (worst case), the rows at the caps, the describe calls per
 * transaction and an estimate of the heap the rows take; then every read with its cap or bound.
 *
 *   node scripts/read-budget.cjs           prints the budget (Markdown)
 *   node scripts/read-budget.cjs --write   replaces the text between the README's
 *                                          <!-- read-budget:start --> and <!-- read-budget:end -->
 *                                          markers (npm run docs:budget, which then runs Prettier)
 *
 * test/node/read-budget.test.ts fails when the README's copy is stale, and checks the Apex classes'
 * query budgets (MAX_QUERIES, RIGHTS_QUERIES) against the counts computed here.
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadTs, loadEngine, ROOT } = require('./lib/load-ts.cjs');
const { readChecklistRecords } = require('./lib/checklist-xml.cjs');

const README = path.join(ROOT, 'README.md');
const START = '<!-- read-budget:start -->';
const END = '<!-- read-budget:end -->';
const READS = path.join(ROOT, 'force-app/main/default/lwc/readinessEngine/reads.ts');

/** Synchronous Apex limits the budget is measured against (Apex Developer Guide, "Execution Governors and Limits"). */
const APEX_LIMITS = Object.freeze({ queries: 100, rows: 50000, heap: 6000000 });

const number = (n) => n.toLocaleString('en-US');
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const distinct = (values) => [...new Set(values)];

/** What the budget is computed from: the declaration, and what the reads take from the shipped checklist. */
function sources() {
  const reads = loadTs(READS);
  const engine = loadEngine();
  const inputs = reads.readInputs(engine.definitionsFromRecords(readChecklistRecords()), {});
  return { reads, inputs };
}

/** A read's worst-case rows: its LIMIT, or its declared bound; null when only words bound it. */
function rowsOf(read, reads) {
  if (read.limit === 'one') return 1;
  if (read.limit) return reads.READ_LIMITS[read.limit];
  if (read.bound?.limit) return reads.READ_LIMITS[read.bound.limit] + (read.bound.plus ?? 0);
  return null;
}

/** How a read's rows are bounded, in words. */
function boundOf(read, reads) {
  if (read.limit === 'one') return 'LIMIT 1';
  if (read.limit) return `LIMIT ${read.limit} (${number(reads.READ_LIMITS[read.limit])})`;
  if (read.bound?.limit)
    return `no LIMIT: ${read.bound.text} (${read.bound.limit} + ${read.bound.plus ?? 0})`;
  return `no LIMIT: ${read.bound?.text ?? 'unbounded'}`;
}

/** How many describes a declaration stands for, from the checklist. */
function describeCount(describe, reads, inputs) {
  if (typeof describe.count === 'number') return describe.count;
  if (describe.count === 'objects') return distinct([...inputs.objects, ...inputs.relatedParents]).length;
  if (describe.count === 'permissions')
    return distinct([...inputs.permissionFields, ...Object.keys(reads.ADMIN_RIGHTS)]).length;
  return reads.READ_LIMITS[describe.count];
}

/**
 * The budget of one entry point: queries (every read it runs, a fallback included: the refused
 * query counts too), rows (a fallback's rows replace those of the read it stands in for), the reads
 * bounded only in words, describes by kind, and the heap estimate (rows x bytes per row).
 */
function entryBudget(entry, { reads, inputs }) {
  const all = [...reads.SNAPSHOT_READS, ...reads.CANDIDATE_READS].filter((r) =>
    (r.entryPoints ?? []).includes(entry)
  );
  const fallbacks = new Map(all.filter((r) => r.fallbackFor).map((r) => [r.fallbackFor, r]));
  let rows = 0;
  let heap = 0;
  const unbounded = [];
  for (const read of all.filter((r) => !r.fallbackFor)) {
    const options = [read, fallbacks.get(read.name)].filter(Boolean);
    const counts = options.map((r) => rowsOf(r, reads));
    if (counts.some((c) => c === null)) {
      unbounded.push(read);
      continue;
    }
    rows += Math.max(...counts);
    heap += Math.max(...options.map((r, i) => counts[i] * (r.rowBytes ?? 0)));
  }
  const describes = { global: 0, object: 0, field: 0 };
  let sentRows = 0;
  for (const d of reads.DESCRIBES.filter((x) => x.entryPoints.includes(entry))) {
    const count = describeCount(d, reads, inputs);
    describes[d.kind] += count;
    if (d.rowBytes) {
      sentRows += count;
      heap += count * d.rowBytes;
    }
  }
  return {
    entry,
    label: reads.ENTRY_POINTS[entry],
    queries: all.length,
    rows,
    unbounded,
    describes,
    sentRows,
    heap
  };
}

/** Every entry point's budget, in the declaration's order. */
function budget(src = sources()) {
  return Object.keys(src.reads.ENTRY_POINTS).map((entry) => entryBudget(entry, src));
}

function rowsText(b) {
  const extra = b.unbounded.map((r) => `the ${r.object} rows (${r.bound?.text ?? 'unbounded'})`);
  return [number(b.rows), ...extra].join(' + ');
}

function describesText(b) {
  const parts = [];
  if (b.describes.global) parts.push(`global ${b.describes.global}`);
  if (b.describes.object) parts.push(`objects ${b.describes.object}`);
  if (b.describes.field) parts.push(`fields at most ${number(b.describes.field)}`);
  return parts.join(', ') || 'none';
}

/** The Markdown that goes between the README's markers. */
function budgetMarkdown(src = sources()) {
  const { reads, inputs } = src;
  const budgets = budget(src);
  const index = Object.fromEntries(budgets.map((b, i) => [b.entry, i + 1]));
  const objects = distinct([...inputs.objects, ...inputs.relatedParents]);
  const permissions = distinct([...inputs.permissionFields, ...Object.keys(reads.ADMIN_RIGHTS)]);
  const lines = [
    'Generated from `readinessEngine/reads.ts` and the shipped checklist by `npm run docs:budget`',
    '(`test/node/read-budget.test.ts` fails when this copy is stale). Worst cases per transaction;',
    `a synchronous transaction allows ${APEX_LIMITS.queries} queries, ${number(APEX_LIMITS.rows)} query rows and ${megabytes(APEX_LIMITS.heap)} of heap.`,
    '',
    '| # | entry point | SOQL queries | query rows at the caps | describe calls | heap of the rows kept (estimate) |',
    '| --- | --- | --- | --- | --- | --- |'
  ];
  for (const b of budgets) {
    lines.push(
      `| ${index[b.entry]} | \`${b.label.method}\`: ${b.label.when} | ${b.queries} | ${rowsText(b)} | ${describesText(b)} | about ${megabytes(b.heap)} |`
    );
  }
  lines.push(
    '',
    '| read | object | LIMIT, or what bounds it | worst-case rows | bytes per row (estimate) | mode | runs in |',
    '| --- | --- | --- | --- | --- | --- | --- |'
  );
  for (const read of [...reads.SNAPSHOT_READS, ...reads.CANDIDATE_READS]) {
    if (!read.entryPoints?.length) continue;
    const rows = rowsOf(read, reads);
    const note = read.fallbackFor ? ` (only when \`${read.fallbackFor}\` is refused)` : '';
    const bytes = read.rowBytes ? number(read.rowBytes) : 'none kept';
    lines.push(
      `| \`${read.name}\`${note} | \`${read.object}\` | ${boundOf(read, reads)} | ${rows === null ? 'see bound' : number(rows)} | ${bytes} | user | ${read.entryPoints.map((e) => index[e]).join(', ')} |`
    );
  }
  lines.push('', '| describe | what | at most | runs in |', '| --- | --- | --- | --- |');
  for (const d of reads.DESCRIBES) {
    lines.push(
      `| ${d.kind} | ${d.what} | ${number(describeCount(d, reads, inputs))} | ${d.entryPoints.map((e) => index[e]).join(', ')} |`
    );
  }
  lines.push(
    '',
    `- **Queries**: one per read the entry point runs; \`readableFieldsPlain\` counts as well as the aggregate it replaces (whether a refused query counts against the limit is not documented: the budget assumes it does). Every read runs in user mode (\`WITH USER_MODE\`, or \`AccessLevel.USER_MODE\` for the dynamic PermissionSet query), none in a loop, with bind variables only.`,
    `- **Rows**: each read's LIMIT (\`READ_LIMITS\`), or the bound it declares; where a fallback stands in, the larger of the two. FieldDefinition refuses a LIMIT: its rows are the fields of the ${objects.length} checked objects (${objects.join(', ')}), bounded only by the org's schema; a SOQL for loop reads them 200 at a time and copies each classification onto a field row already built, keeping none.`,
    `- **Describes**: through \`ReadinessDescribe\`, each at most once per transaction, whichever class asks (the reader, the finder, the checklist, the field mapping, and the writer). Objects: the ${objects.length} checked objects and custom-related parents, plus PermissionSet. Fields: the ${number(reads.READ_LIMITS.FIELD_CAP)} sent at most (the checks' own first; the rest of the schema is only counted), ${reads.READ_LIMITS.RELATED_LIMIT} related lookups, and the ${permissions.length} Permissions* fields read by name.`,
    `- **Heap (an estimate, not a measurement)**: the sum over reads of worst-case rows kept × an estimated size of one row (\`rowBytes\` in reads.ts: about the JSON length of the largest such row, at least that of every row in \`fixtures/snapshots\`, a test checks), plus the field rows sent × their size. Not counted: the cached describe results (their heap size is not documented), the chunk of 200 rows a SOQL for loop holds, and the serialization of the answer. \`Limits.getHeapSize()\` in a scratch org would calibrate it.`
  );
  return `${lines.join('\n')}\n`;
}

/** The README's current budget (between the markers), or null when the markers are missing. */
function readmeBudget(text) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return null;
  return text.slice(start + START.length, end);
}

function main() {
  const markdown = budgetMarkdown();
  if (!process.argv.includes('--write')) {
    process.stdout.write(markdown);
    return;
  }
  const text = fs.readFileSync(README, 'utf8');
  if (readmeBudget(text) === null) {
    process.stderr.write(`read-budget: README.md has no ${START} ... ${END} markers\n`);
    process.exit(1);
  }
  const updated = `${text.slice(0, text.indexOf(START) + START.length)}\n\n${markdown}\n${text.slice(text.indexOf(END))}`;
  fs.writeFileSync(README, updated);
  process.stdout.write('read-budget: README.md updated\n');
}

if (require.main === module) main();

module.exports = { budget, budgetMarkdown, readmeBudget, sources, START, END, APEX_LIMITS };
