/**
 * @jest-environment node
 *
 * One definition of what to read: the engine declares every read (readinessEngine/reads.ts), and
 * both readers are checked against it, so they cannot drift:
 * - the Apex reader and user finder: every SOQL query of ReadinessSnapshotReader and
 *   ReadinessUserFinder (static, and the dynamic ones rebuilt from their literals) matches one
 *   declaration in object, selected fields, filtered fields, GROUP BY, ORDER BY and LIMIT, every
 *   declaration owned by Apex has its query, and the classes' caps and lists equal the engine's;
 * - the command line's REST reader: every query it sends to a fake org matches a declaration, and
 *   it runs every declared snapshot read.
 */
import fs from 'node:fs';
import path from 'node:path';

type Shape = {
  text?: string;
  object: string;
  fields: string[];
  filters: string[];
  groupBy: string[];
  orderBy: string | null;
  limit: number | string | null;
  errors: string[];
};
type Declaration = {
  name: string;
  owner: string;
  object: string;
  fields: string[];
  withPermissionFields?: boolean;
  filters: string[];
  groupBy?: string[];
  orderBy?: string;
  limit: string | null;
};

const { classQueries, describeSoql, readerQueries } = require('../../scripts/apex/soql.cjs') as {
  classQueries: (
    name: string,
    names?: Record<string, string>
  ) => { constants: Record<string, number>; queries: Shape[]; errors: string[] };
  describeSoql: (text: string, constants?: Record<string, number>) => Shape;
  readerQueries: (permissionFields: string[]) => { dynamic: string; errors: string[] };
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loaded from its TypeScript sources at run time, untyped
const { loadEngine } = require('../../scripts/lib/load-ts.cjs') as { loadEngine: () => Record<string, any> };
const { readChecklistRecords } = require('../../scripts/lib/checklist-xml.cjs') as {
  readChecklistRecords: () => Record<string, unknown>[];
};

const ROOT = path.join(__dirname, '..', '..');
const CLASSES = path.join(ROOT, 'force-app/main/default/classes');
const engine = loadEngine();
const DECLARED: Declaration[] = [...engine.SNAPSHOT_READS, ...engine.CANDIDATE_READS];
const definitions = engine.definitionsFromRecords(readChecklistRecords());
const inputs = engine.readInputs(definitions, {});

const lower = (values: readonly string[]) => values.map((v) => v.toLowerCase()).sort();
const isPermission = (f: string) => /^Permissions[A-Z]\w*$/.test(f);
const limitValue = (d: Declaration): number | null => engine.limitOf(d);

/** Whether a query's shape is the declared read (exactLimit: Apex; the CLI may send a smaller remainder). */
function matches(d: Declaration, q: Shape, exactLimit: boolean): string[] {
  const problems: string[] = [];
  if (d.object.toLowerCase() !== q.object.toLowerCase()) return [`object ${q.object} is not ${d.object}`];
  const selected = d.withPermissionFields ? q.fields.filter((f) => !isPermission(f)) : q.fields;
  if (JSON.stringify(lower(selected)) !== JSON.stringify(lower(d.fields)))
    problems.push(`fields [${selected.join(', ')}] are not [${d.fields.join(', ')}]`);
  if (JSON.stringify(lower(q.filters)) !== JSON.stringify(lower(d.filters)))
    problems.push(`filters [${q.filters.join(', ')}] are not [${d.filters.join(', ')}]`);
  if (JSON.stringify(lower(q.groupBy)) !== JSON.stringify(lower(d.groupBy ?? [])))
    problems.push(`GROUP BY [${q.groupBy.join(', ')}] is not [${(d.groupBy ?? []).join(', ')}]`);
  if ((q.orderBy ?? '').toLowerCase() !== (d.orderBy ?? '').toLowerCase())
    problems.push(`ORDER BY ${q.orderBy} is not ${d.orderBy ?? 'none'}`);
  const want = limitValue(d);
  const ok = exactLimit
    ? q.limit === want
    : want === null
      ? q.limit === null
      : typeof q.limit === 'number' && q.limit <= want;
  if (!ok) problems.push(`LIMIT ${q.limit} is not ${want ?? 'none'}`);
  return problems;
}

/** The declaration a query implements, or every reason none fits. */
function declarationOf(
  q: Shape,
  owners: string[],
  exactLimit: boolean
): { read?: Declaration; why: string[] } {
  const why: string[] = [];
  for (const d of DECLARED.filter((x) => owners.includes(x.owner))) {
    const problems = matches(d, q, exactLimit);
    if (!problems.length) return { read: d, why };
    if (d.object.toLowerCase() === q.object.toLowerCase()) why.push(`${d.name}: ${problems.join('; ')}`);
  }
  return { why };
}

/** Queries of a class that are not reads: the finder's check that a user to save exists. */
const NOT_READS = [/^SELECT Id FROM User WHERE Id = :userId WITH USER_MODE LIMIT 1$/];

function apexShapes(): { className: string; shape: Shape }[] {
  const out: { className: string; shape: Shape }[] = [];
  const finder = classQueries('ReadinessUserFinder', { apiOnlyField: 'PermissionsApiUserOnly' });
  const reader = classQueries('ReadinessSnapshotReader');
  expect([...finder.errors, ...reader.errors]).toEqual([]);
  for (const q of finder.queries)
    if (!NOT_READS.some((r) => r.test(q.text ?? '')))
      out.push({ className: 'ReadinessUserFinder', shape: q });
  for (const q of reader.queries) out.push({ className: 'ReadinessSnapshotReader', shape: q });
  // The reader's PermissionSet query is built at run time from its field list.
  const { dynamic, errors } = readerQueries(inputs.permissionFields);
  expect(errors).toEqual([]);
  out.push({ className: 'ReadinessSnapshotReader', shape: describeSoql(dynamic, reader.constants) });
  return out;
}

describe('the Apex reader and finder implement the declared reads', () => {
  const shapes = apexShapes();

  it('parses every query', () => {
    for (const { shape } of shapes) expect(shape.errors).toEqual([]);
    expect(shapes.length).toBeGreaterThanOrEqual(DECLARED.filter((d) => d.owner !== 'cli').length);
  });

  it.each(shapes.map((s) => [`${s.className}: ${s.shape.text ?? s.shape.object}`, s]))(
    '%s is a declared read',
    (_name, { className, shape }) => {
      const { read, why } = declarationOf(shape, [className], true);
      const problems = read
        ? []
        : why.length
          ? why
          : [`no read of ${shape.object} is declared for ${className}`];
      expect(problems).toEqual([]);
    }
  );

  it('has a query for every read declared for Apex', () => {
    const implemented = new Set(
      shapes.map(({ className, shape }) => declarationOf(shape, [className], true).read?.name)
    );
    const missing = DECLARED.filter((d) => d.owner !== 'cli' && !implemented.has(d.name)).map((d) => d.name);
    expect(missing).toEqual([]);
  });

  it('would notice a field added to one side only', () => {
    const user = DECLARED.find((d) => d.name === 'user') as Declaration;
    const q = describeSoql(
      'SELECT Id, Username, Name, IsActive, UserType, ProfileId, Profile.Name, Profile.UserLicense.Name, LastLoginDate, Email FROM User WHERE Id = :x LIMIT 1'
    );
    expect(matches(user, q, true).join()).toMatch(/fields/);
    const noLimit = describeSoql(
      'SELECT Id, Username, Name, IsActive, UserType, ProfileId, Profile.Name, Profile.UserLicense.Name, LastLoginDate FROM User WHERE Id = :x'
    );
    expect(matches(user, noLimit, true).join()).toMatch(/LIMIT/);
  });
});

describe('the Apex classes hold the engine caps, rights and lists', () => {
  const reader = fs.readFileSync(path.join(CLASSES, 'ReadinessSnapshotReader.cls'), 'utf8');
  const finder = fs.readFileSync(path.join(CLASSES, 'ReadinessUserFinder.cls'), 'utf8');
  const constants = {
    ...classQueries('ReadinessSnapshotReader').constants,
    ...classQueries('ReadinessUserFinder').constants
  };

  it.each(
    Object.entries(engine.READ_LIMITS as Record<string, number>).filter(([k]) => k !== 'MAX_CANDIDATES')
  )('%s is %d in Apex too', (name, value) => {
    expect(constants[name]).toBe(value);
  });

  it('reads the same admin rights, with the same Setup names, and the same PermissionSet fields', () => {
    const rights = Object.fromEntries(
      [...reader.matchAll(/'(Permissions\w+)' => '([^']+)'/g)].map((m) => [m[1], m[2]])
    );
    expect(rights).toEqual(engine.ADMIN_RIGHTS);
    const block = /PERMISSION_SET_FIELDS = new List<String>\{([^}]*)\}/.exec(reader)?.[1] ?? '';
    expect([...block.matchAll(/'([\w.]+)'/g)].map((m) => m[1])).toEqual([...engine.PERMISSION_SET_FIELDS]);
    expect(reader).toContain(`LOGIN_HISTORY_RIGHT = '${engine.LOGIN_HISTORY_RIGHT}'`);
  });

  it('tries each optional read on the same rights, and names them alike, as the command line', () => {
    const block = (name: string) =>
      reader.slice(reader.indexOf(` ${name} = `), reader.indexOf('};', reader.indexOf(` ${name} = `)));
    const anyOf = Object.fromEntries(
      [...block('ACCESS_RIGHTS').matchAll(/'(\w+)' => new List<String>(?:\{([^}]*)\}|\(\))/g)].map((m) => [
        m[1],
        [...(m[2] ?? '').matchAll(/'(\w+)'/g)].map((x) => x[1])
      ])
    );
    const labels = Object.fromEntries(
      [...block('ACCESS_RIGHT_LABELS').matchAll(/'(\w+)' => '([^']+)'/g)].map((m) => [m[1], m[2]])
    );
    const rights = engine.ACCESS_RIGHTS as Record<string, { anyOf: string[]; label: string }>;
    expect(anyOf).toEqual(Object.fromEntries(Object.entries(rights).map(([k, v]) => [k, [...v.anyOf]])));
    expect(labels).toEqual(Object.fromEntries(Object.entries(rights).map(([k, v]) => [k, v.label])));
  });

  it('holds the same permissions that change how a person signs in', () => {
    const writer = fs.readFileSync(path.join(CLASSES, 'ReadinessWriter.cls'), 'utf8');
    const block = /SIGN_IN_PERMISSIONS = new Set<String>\{([^}]*)\}/.exec(writer)?.[1] ?? '';
    expect([...block.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort()).toEqual(
      Object.keys(engine.IDENTITY_PERMISSIONS).sort()
    );
  });

  it('looks for the same names', () => {
    const list = (name: string) =>
      [
        ...(new RegExp(`${name} = new List<String>\\{([^}]*)\\}`).exec(finder)?.[1] ?? '').matchAll(
          /'([^']+)'/g
        )
      ].map((m) => m[1]);
    expect(list('ACTON_PATTERNS')).toEqual([...engine.ACTON_NAME_PATTERNS]);
    expect(list('INTEGRATION_PATTERNS')).toEqual([...engine.INTEGRATION_NAME_PATTERNS]);
  });
});
