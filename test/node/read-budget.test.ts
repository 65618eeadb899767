/**
 * @jest-environment node
 *
 * The read budget (scripts/read-budget.cjs) is what the README says a load costs in the org, so it
 * is checked against everything it is computed from or stands for: the README's copy equals the
 * generated one (npm run docs:budget), the Apex classes' query budgets equal the counts computed
 * from the read declaration, every query of the reader and the finder runs in user mode (the
 * table's "mode" column), and the estimated row sizes are at least those of the demo snapshots.
 */
import fs from 'node:fs';
import path from 'node:path';

type Budget = {
  entry: string;
  queries: number;
  rows: number;
  unbounded: { name: string }[];
  describes: { global: number; object: number; field: number };
  heap: number;
};
type Read = {
  name: string;
  owner: string;
  entryPoints?: string[];
  fallbackFor?: string;
  rowBytes?: number;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loaded from its TypeScript sources at run time, untyped
type Sources = { reads: Record<string, any>; inputs: Record<string, string[]> };

const { budget, budgetMarkdown, readmeBudget, sources } = require('../../scripts/read-budget.cjs') as {
  budget: (src?: Sources) => Budget[];
  budgetMarkdown: (src?: Sources) => string;
  readmeBudget: (text: string) => string | null;
  sources: () => Sources;
};
const { classQueries } = require('../../scripts/apex/soql.cjs') as {
  classQueries: (name: string) => { constants: Record<string, number>; queries: { text: string }[] };
};

const ROOT = path.join(__dirname, '..', '..');
const CLASSES = path.join(ROOT, 'force-app/main/default/classes');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const src = sources();
const reads: Read[] = [...src.reads.SNAPSHOT_READS, ...src.reads.CANDIDATE_READS];
const byEntry = Object.fromEntries(budget(src).map((b) => [b.entry, b]));

/** Markdown compared as Prettier leaves it: table cells trimmed, lines trimmed, blank lines dropped. */
function normalize(markdown: string): string[] {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map(tableRow);
}

/** A table row with its cells trimmed and separator cells as '---'; any other line as it is. */
function tableRow(line: string): string {
  if (!line.startsWith('|')) return line;
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim())
    .map((cell) => (/^:?-+:?$/.test(cell) ? '---' : cell))
    .join(' | ');
}

describe('the README read budget', () => {
  const current = readmeBudget(README);

  it('sits between the read-budget markers', () => {
    expect(current).not.toBeNull();
  });

  it('equals the budget generated from reads.ts (run npm run docs:budget)', () => {
    expect(normalize(current ?? '')).toEqual(normalize(budgetMarkdown(src)));
  });

  it('would notice a changed cap', () => {
    const changed: Sources = {
      ...src,
      reads: { ...src.reads, READ_LIMITS: { ...src.reads.READ_LIMITS, ROW_CAP: 4000 } }
    };
    expect(budget(changed)[0].rows).toBe(byEntry.readiness.rows + 2000);
    expect(normalize(budgetMarkdown(changed))).not.toEqual(normalize(current ?? ''));
  });
});

describe('the budget as computed', () => {
  it('counts every query of a load, the refused aggregate and its fallback both', () => {
    const snapshotReads = reads.filter((r) => r.owner === 'ReadinessSnapshotReader');
    expect(byEntry.readiness.queries).toBe(snapshotReads.length);
    expect(byEntry.afterFix.queries).toBe(byEntry.readiness.queries);
    expect(reads.filter((r) => r.fallbackFor).map((r) => r.name)).toEqual(['readableFieldsPlain']);
  });

  it('describes globally only where the snapshot is read, once', () => {
    expect(byEntry.readiness.describes.global).toBe(1);
    expect(byEntry.afterFix.describes.global).toBe(1);
    expect(byEntry.readinessNoUser.describes.global).toBe(0);
    expect(byEntry.candidates.describes.global).toBe(0);
    const { inputs } = src;
    expect(byEntry.readiness.describes.object).toBe(
      new Set([...inputs.objects, ...inputs.relatedParents]).size + 1
    );
  });

  it('bounds every read but FieldDefinition by a number, and stays within the query row limit', () => {
    for (const b of Object.values(byEntry)) {
      expect(b.unbounded.map((r) => r.name).filter((n) => n !== 'fieldDefinitions')).toEqual([]);
      expect(b.rows).toBeLessThan(50000);
      expect(b.queries).toBeLessThan(100);
    }
  });

  it('gives every Apex read its entry points and an estimated row size, and the command line none', () => {
    for (const read of reads) {
      const apex = read.owner !== 'cli';
      expect([read.name, (read.entryPoints ?? []).length > 0, typeof read.rowBytes]).toEqual([
        read.name,
        apex,
        apex ? 'number' : 'undefined'
      ]);
    }
    for (const read of reads.filter((r) => r.owner === 'ReadinessUserFinder'))
      expect(read.entryPoints).toEqual(['candidates']);
  });
});

/** The text between the parenthesis at `open` and its match (string literals skipped). */
function argumentsOf(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === "'") {
      i = source.indexOf("'", i + 1);
      while (source[i - 1] === '\\') i = source.indexOf("'", i + 1);
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  return source.slice(open + 1);
}

describe('the Apex classes agree with the budget', () => {
  const reader = classQueries('ReadinessSnapshotReader');
  const finder = classQueries('ReadinessUserFinder');

  it('MAX_QUERIES and RIGHTS_QUERIES are the worst-case query counts', () => {
    expect({
      'ReadinessSnapshotReader.MAX_QUERIES': reader.constants.MAX_QUERIES,
      'ReadinessSnapshotReader.RIGHTS_QUERIES': reader.constants.RIGHTS_QUERIES,
      'ReadinessUserFinder.MAX_QUERIES': finder.constants.MAX_QUERIES
    }).toEqual({
      'ReadinessSnapshotReader.MAX_QUERIES': byEntry.readiness.queries,
      'ReadinessSnapshotReader.RIGHTS_QUERIES': byEntry.readinessNoUser.queries,
      'ReadinessUserFinder.MAX_QUERIES': byEntry.candidates.queries
    });
  });

  it('the reader has one query per read it owns (its PermissionSet query is built at run time)', () => {
    const owned = reads.filter((r) => r.owner === 'ReadinessSnapshotReader').length;
    expect(reader.queries.length + 1).toBe(owned);
  });

  it.each(['ReadinessSnapshotReader', 'ReadinessUserFinder'])(
    '%s runs every query in user mode (the budget says "user")',
    (name) => {
      const source = fs.readFileSync(path.join(CLASSES, `${name}.cls`), 'utf8');
      for (const q of classQueries(name).queries.filter((x) => !x.text.includes('<')))
        expect(q.text).toMatch(/\bWITH USER_MODE\b/);
      const dynamic = [...source.matchAll(/Database\.queryWithBinds\(/g)].map((m) =>
        argumentsOf(source, (m.index ?? 0) + m[0].length - 1)
      );
      expect(dynamic.length).toBeGreaterThan(0);
      for (const args of dynamic) expect(args).toMatch(/,\s*AccessLevel\.USER_MODE\s*$/);
    }
  );
});

describe('the estimated row sizes', () => {
  const fixtures = fs
    .readdirSync(path.join(ROOT, 'fixtures/snapshots'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures/snapshots', f), 'utf8')));
  /** The snapshot key whose rows each estimate stands for. */
  const KEYS: Record<string, string> = {
    user: 'user',
    assignments: 'assignments',
    permissionSets: 'permissionSets',
    objectPermissions: 'objectPermissions',
    fieldPermissions: 'fieldPermissions',
    readableFields: 'readableFields',
    readableFieldsPlain: 'readableFields',
    userLogin: 'userLogin',
    loginHistory: 'loginHistory',
    oauthTokens: 'oauthTokens'
  };
  const largest = (key: string): number =>
    Math.max(0, ...fixtures.flatMap((s) => [].concat(s[key] ?? [])).map((row) => JSON.stringify(row).length));

  it.each(Object.entries(KEYS))(
    '%s: at least the JSON length of every %s row in the demo snapshots',
    (name, key) => {
      const read = reads.find((r) => r.name === name) as Read;
      expect(read.rowBytes).toBeGreaterThanOrEqual(largest(key));
    }
  );

  it('field rows: at least the JSON length of every described field in the demo snapshots', () => {
    for (const d of src.reads.DESCRIBES.filter((x: { rowBytes?: number }) => x.rowBytes))
      expect(d.rowBytes).toBeGreaterThanOrEqual(largest('fields'));
    expect(largest('fields')).toBeGreaterThan(0);
  });
});
