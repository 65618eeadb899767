/* Shared test helpers: the shipped checklist records and the fixture library. */
import fs from 'node:fs';
import path from 'node:path';
import { definitionsFromRecords, evaluate, validateSnapshot } from 'c/readinessEngine';
import type { CheckDefinition, CheckRecord, CheckResult, Report, Snapshot } from 'c/readinessEngine';

const ROOT = path.resolve(__dirname, '../../../../../..');
const { readChecklistRecords } = require(path.join(ROOT, 'scripts/lib/checklist-xml.cjs')) as {
  readChecklistRecords: () => CheckRecord[];
};

export const FIXTURE_DIR = path.join(ROOT, 'fixtures/snapshots');
export const records: CheckRecord[] = readChecklistRecords();
export const definitions: CheckDefinition[] = definitionsFromRecords(records);

export const fixtureNames: string[] = fs
  .readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

/** A fresh, validated copy of a fixture (tests may mutate it). */
export function fixture(name: string): Snapshot {
  return validateSnapshot(JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, `${name}.json`), 'utf8')));
}

export function score(snapshot: Snapshot): Report {
  return evaluate(definitions, snapshot);
}

export function check(report: Report, id: string): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in report`);
  return found;
}

export function statusOf(snapshot: Snapshot, id: string): string {
  return check(score(snapshot), id).status;
}

/** The permission set record with this Name (fails loudly when absent). */
export function ps(snapshot: Snapshot, name: string): Snapshot['permissionSets'][number] {
  const found = snapshot.permissionSets.find((p) => p.Name === name || p.Label === name);
  if (!found) throw new Error(`no permission set ${name}`);
  return found;
}

export function profilePs(snapshot: Snapshot): Snapshot['permissionSets'][number] {
  const found = snapshot.permissionSets.find((p) => p.IsOwnedByProfile);
  if (!found) throw new Error('no profile permission set');
  return found;
}
