/**
 * The constant allow-list in Apex (ReadinessAllowList.ENTRIES) is the one source of what a fix may
 * write: this test reads it from the class and checks every operation of every plan of every
 * fixture against it (checklist.md 0.3, "The allow-list is code"), with the entry switched on by one
 * of the checks it serves. It also keeps the list honest: no high-risk permission, not MFA for API
 * logins, and every check id it names is a check of the shipped checklist.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const { loadEngine } = require(path.join(ROOT, 'scripts/lib/load-ts.cjs'));
const { readChecklistRecords } = require(path.join(ROOT, 'scripts/lib/checklist-xml.cjs'));
const engine = loadEngine();
const definitions = engine.definitionsFromRecords(readChecklistRecords());
const FIXTURES = path.join(ROOT, 'fixtures/snapshots');
const source = fs.readFileSync(
  path.join(ROOT, 'force-app/main/default/classes/ReadinessAllowList.cls'),
  'utf8'
);

/** ENTRIES as the class writes it: 'key' => 'check ids' (a field entry's first word is its access). */
const block = source.slice(
  source.indexOf('ENTRIES = new Map'),
  source.indexOf('};', source.indexOf('ENTRIES = new Map'))
);
const ENTRIES: Record<string, string[]> = Object.fromEntries(
  [...block.matchAll(/'([^']+)' => '([^']+)'/g)].map((m) => [m[1], m[2].split(' ')])
);
const DEFAULTS = Object.fromEntries(
  [...source.slice(source.indexOf('MAPPED_DEFAULTS')).matchAll(/'(\w+\.\w+)' => (?:'(\w+)'|null)/g)].map(
    (m) => [m[1], m[2] ?? null]
  )
);

const checkIds: string[] = definitions.map((d: { id: string }) => d.id);
/** A check id of the list (a trailing * matches any suffix) names a check of the shipped checklist. */
function known(id: string): boolean {
  return id.endsWith('*') ? checkIds.some((c) => c.startsWith(id.slice(0, -1))) : checkIds.includes(id);
}
const idsOf = (entry: string) => (ENTRIES[entry] ?? []).filter((id) => id !== 'read' && id !== 'edit');

/** The entry (and the access it needs) an operation writes under. */
function entriesOf(
  change: Record<string, unknown> & { kind: string; [k: string]: any }, // eslint-disable-line @typescript-eslint/no-explicit-any -- the engine's change, loaded untyped from TypeScript
  mapping: Record<string, string>
): { entry: string; access?: string }[] {
  switch (change.kind) {
    case 'systemPermission':
      return change.value ? [{ entry: `system:${change.permission}` }] : [];
    case 'objectPermission':
      return Object.entries(change.value)
        .filter(([, on]) => on)
        .map(([flag]) => ({ entry: `object:${change.object}:${flag}` }));
    case 'fieldPermission': {
      // The logical field a mapped field stands for, resolved like the Apex list (mapping, then constant default).
      const [object, name] = change.field.split('.');
      const logical = Object.keys(DEFAULTS).find(
        (k) => k.startsWith(`${object}.`) && (mapping[k] ?? DEFAULTS[k]) === name
      );
      return [{ entry: `field:${logical ?? change.field}`, access: change.value.edit ? 'edit' : 'read' }];
    }
    case 'userPermission':
      return [{ entry: `user:${change.field}` }];
    default:
      return [];
  }
}

describe('the constant allow-list (ReadinessAllowList.cls)', () => {
  it('holds no high-risk permission, not MFA for API logins, and names only checks that exist', () => {
    expect(Object.keys(ENTRIES).length).toBeGreaterThan(40);
    for (const risky of [...engine.HIGH_RISK_PERMISSIONS, 'PermissionsTwoFactorApi'])
      expect(ENTRIES).not.toHaveProperty(`system:${risky}`);
    const unknown = Object.keys(ENTRIES).flatMap((entry) => idsOf(entry).filter((id) => !known(id)));
    expect(unknown).toEqual([]);
  });

  it.each(fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json')))(
    '%s: every operation of every plan is on it, and the product’s prerequisites too',
    (file) => {
      const snapshot = engine.validateSnapshot(
        JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'))
      );
      const report = engine.evaluate(definitions, snapshot);
      const plan = engine.buildFixPlan(report);
      const mapping = snapshot.fieldMapping ?? {};
      const refused = plan.changes
        .flatMap((change: { key: string }) =>
          entriesOf(change as never, mapping).map(({ entry, access }) => ({
            change: change.key,
            entry,
            access
          }))
        )
        .filter(({ entry, access }: { entry: string; access?: string }) => {
          const listed = entry in ENTRIES;
          return !listed || (access === 'edit' && ENTRIES[entry][0] !== 'edit');
        });
      expect(refused).toEqual([]);
    }
  );

  it('lists every prerequisite the engine plans for what it allows', () => {
    const missing = Object.keys(ENTRIES)
      .filter((e) => e.startsWith('system:') || e.startsWith('object:'))
      .flatMap((entry) => engine.prerequisitesOf(entry).map((required: string) => ({ entry, required })))
      .filter(({ required }: { required: string }) => !(required in ENTRIES));
    expect(missing).toEqual([]);
  });
});
