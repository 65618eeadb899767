/**
 * Salesforce's own refusal is the final check of prerequisites (checklist.md 0.3): a write that
 * lacks one fails with FIELD_INTEGRITY_EXCEPTION "Permission Export Reports depends on
 * permission(s): Run Reports". This turns that message into plain words and into the grant units it
 * names, so the console can offer a one-click re-plan that includes them; never a request to tick a
 * change the preview does not offer.
 */
import { AccessModel, OBJECT_FLAG_LABELS, OBJECT_FLAGS } from './access';
import { grantsFor, mergeChanges } from './fixes';
import { linkDependencies, orderForWrite } from './plan';
import type { FixPlan, ObjectFlag, Snapshot } from './types';
import { permissionLabel, permissionField } from './vocabulary';

export interface DependencyRefusal {
  /** What Salesforce refused, as it named it ("Export Reports"). */
  permission: string;
  /** What it requires, as named ("Run Reports", "Read Account"). */
  requires: string[];
  /** The grant units of those the product can add to its set (unknown names are left out). */
  units: string[];
  /** One sentence a person reads. */
  text: string;
}

const PATTERN = /Permission (.+?) depends on permission\(s\):\s*(.+?)\s*(?::\s*\[|;|\.(?:\s|$)|$)/i;

/** Object flags as Salesforce writes them in the message ("Read", "View All", "ModifyAllRecords"). */
const FLAG_WORDS: [RegExp, ObjectFlag][] = [
  [/^(modify ?all( ?records)?)\s+(.+)$/i, 'ModifyAll'],
  [/^(view ?all( ?records)?)\s+(.+)$/i, 'ViewAll'],
  [/^(read)\s+()(.+)$/i, 'Read'],
  [/^(create)\s+()(.+)$/i, 'Create'],
  [/^(edit)\s+()(.+)$/i, 'Edit'],
  [/^(delete)\s+()(.+)$/i, 'Delete']
];

/** The grant unit Salesforce names: a system permission by label or API name, or "Read Account". */
export function unitOfName(name: string, objects: readonly string[]): string | null {
  const field = permissionField(name);
  if (field) return `system:${field}`;
  for (const [re, flag] of FLAG_WORDS) {
    const m = re.exec(name.trim());
    if (!m) continue;
    const said = m[3].replace(/\s+/g, '').toLowerCase();
    const object = objects.find((o) => [o.toLowerCase(), `${o.toLowerCase()}s`].includes(said));
    return object ? `object:${object}:${flag}` : null;
  }
  return null;
}

/** The refusal in a message, or null when the message is not a prerequisite refusal. */
export function dependencyRefusal(message: string, objects: readonly string[]): DependencyRefusal | null {
  const m = PATTERN.exec(message ?? '');
  if (!m) return null;
  const permission = m[1].trim();
  const requires = m[2]
    .split(/,\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  const units = requires.map((r) => unitOfName(r, objects)).filter((u): u is string => !!u);
  const said = requires.join(', ');
  return {
    permission,
    requires,
    units,
    text: `Salesforce accepts ${permission} in a permission set only with ${said} in the same set, and nothing was changed.${units.length ? ` Re-plan to add ${units.length === requires.length ? 'it' : 'what the product can grant of it'}, then apply again.` : ' The product cannot grant that itself: add it in Setup, or untick the change that needs it.'}`
  };
}

/** The plan with the named prerequisites added to the product's set, ticked, each with its reason. */
export function replanWith(plan: FixPlan, snapshot: Snapshot, refusal: DependencyRefusal): FixPlan {
  const access = new AccessModel(snapshot);
  const added = grantsFor(access, refusal.units, 'prerequisite').map((c) => ({
    ...c,
    checkIds: [],
    reason: `Salesforce named it when it refused the fix: it accepts ${refusal.permission} only with ${refusal.requires.join(', ')} in the same set.`
  }));
  const changes = orderForWrite(linkDependencies(mergeChanges([...plan.changes, ...added])));
  const keys = new Set(added.map((c) => c.key));
  return {
    ...plan,
    changes,
    selected: [...plan.selected, ...changes.filter((c) => keys.has(c.key) && !c.auxiliary).map((c) => c.key)]
  };
}

/** For a person: "Read on Account". */
export function unitText(unit: string): string {
  const [kind, a, b] = unit.split(':');
  return kind === 'system'
    ? permissionLabel(a)
    : `${OBJECT_FLAG_LABELS[OBJECT_FLAGS.find((f) => f === b) as ObjectFlag]} on ${a}`;
}
