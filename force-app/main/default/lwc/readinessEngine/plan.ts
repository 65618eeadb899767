/**
 * Fix plans: the changes offered for some checks (default: every check with an automatic fix), how
 * they depend on each other, which are ticked by default ("Fix all"), and how ticking or unticking
 * one box moves the others. The writer re-derives every dependency itself; these exist so the
 * preview shows the same thing the writer will accept.
 */
import { OBJECT_FLAGS, PRODUCT_PERMISSION_SET } from './access';
import { WRITE_ORDER, mergeChanges } from './fixes';
import { objectUnit, prerequisitesOf, systemUnit } from './prerequisites';
import type { Change, FixAll, FixPlan, Report } from './types';

/** Why identity-changing grants are held back for this user, and whether any change may be applied at all. */
export interface FixPolicy {
  /** Null: identity-changing grants may be ticked by default. */
  identityHeld: string | null;
  /**
   * Null: grants to the product's set reach the user alone. Otherwise why they would reach others
   * too (other holders): the writer refuses them, so they are offered unticked with this reason.
   */
  sharedProduct?: string | null;
  /** Null: changes may be applied to this user. */
  refused: string | null;
}

/** The grant units an operation adds to the product's set (none for a removal or a field). */
export function unitsGranted(change: Change): string[] {
  if (change.kind === 'systemPermission')
    return change.value && !change.expected ? [systemUnit(change.permission)] : [];
  if (change.kind === 'objectPermission')
    return OBJECT_FLAGS.filter((f) => change.value[f] && !change.expected[f]).map((f) =>
      objectUnit(change.object, f)
    );
  return [];
}

export const ON_PRODUCT_SET: ReadonlySet<Change['kind']> = new Set([
  'systemPermission',
  'objectPermission',
  'fieldPermission'
]);

/**
 * Fills each change's dependsOn with the keys of the changes of this plan it cannot go without:
 * a grant needs the product's set to exist and to be assigned, and the changes that grant its
 * prerequisites (prerequisites.ts); the assignment needs the set; a removal needs the grants that
 * replace what it takes away (set by the builder).
 */
export function linkDependencies(changes: Change[]): Change[] {
  const keys = new Set(changes.map((c) => c.key));
  const ensure = changes.find((c) => c.kind === 'ensurePermissionSet')?.key;
  const assign = changes.find((c) => c.kind === 'assignPermissionSet')?.key;
  const grantedBy = new Map<string, string>();
  for (const c of changes) for (const unit of unitsGranted(c)) grantedBy.set(unit, c.key);
  return changes.map((change) => {
    const deps = new Set((change.dependsOn ?? []).filter((k) => keys.has(k) && k !== change.key));
    if (change.kind === 'assignPermissionSet' && ensure) deps.add(ensure);
    if (ON_PRODUCT_SET.has(change.kind)) {
      if (ensure) deps.add(ensure);
      if (assign) deps.add(assign);
    }
    for (const unit of unitsGranted(change))
      for (const required of prerequisitesOf(unit)) {
        const by = grantedBy.get(required);
        if (by && by !== change.key) deps.add(by);
      }
    return { ...change, dependsOn: [...deps] };
  });
}

/**
 * The order the writer goes through changes of one kind in: what a change depends on first
 * (Account before Contact when granting; on undo, Contact's removal before Account's). Kinds keep
 * the write order (WRITE_ORDER); Apex writes each kind in one statement, in this order.
 */
export function orderForWrite(changes: readonly Change[]): Change[] {
  const byKind = [...changes].sort((a, b) => WRITE_ORDER.indexOf(a.kind) - WRITE_ORDER.indexOf(b.kind));
  const out: Change[] = [];
  const placed = new Set<string>();
  const byKey = new Map(byKind.map((c) => [c.key, c]));
  const place = (change: Change, seen: Set<string>): void => {
    if (placed.has(change.key) || seen.has(change.key)) return;
    seen.add(change.key);
    for (const key of change.dependsOn ?? []) {
      const dep = byKey.get(key);
      if (dep && dep.kind === change.kind) place(dep, seen);
    }
    placed.add(change.key);
    out.push(change);
  };
  for (const change of byKind) place(change, new Set());
  return out;
}

/** Every key the given keys need, transitively (the keys included). */
export function requiredKeys(changes: readonly Change[], keys: Iterable<string>): Set<string> {
  const byKey = new Map(changes.map((c) => [c.key, c]));
  const out = new Set<string>();
  const visit = (key: string): void => {
    if (out.has(key) || !byKey.has(key)) return;
    out.add(key);
    for (const dep of byKey.get(key)?.dependsOn ?? []) visit(dep);
  };
  for (const key of keys) visit(key);
  return out;
}

/** Every key that needs one of the given keys, transitively (the keys included). */
export function dependentKeys(changes: readonly Change[], keys: Iterable<string>): Set<string> {
  const out = new Set<string>(keys);
  let grew = true;
  while (grew) {
    grew = false;
    for (const change of changes) {
      if (out.has(change.key)) continue;
      if ((change.dependsOn ?? []).some((k) => out.has(k))) {
        out.add(change.key);
        grew = true;
      }
    }
  }
  return out;
}

const auxiliaryKeys = (changes: readonly Change[]): Set<string> =>
  new Set(changes.filter((c) => c.auxiliary).map((c) => c.key));

/**
 * Ticks a box: it and everything it needs become selected. Returns the new selection and what came
 * with it. The product's set and its assignment are never ticked on their own: they come with the
 * grants that need them.
 */
export function tickChange(
  plan: Pick<FixPlan, 'changes'>,
  selected: readonly string[],
  key: string
): { selected: string[]; alsoTicked: string[] } {
  const auxiliary = auxiliaryKeys(plan.changes);
  if (auxiliary.has(key)) return { selected: [...selected], alsoTicked: [] };
  const add = new Set([...requiredKeys(plan.changes, [key])].filter((k) => !auxiliary.has(k)));
  const before = new Set(selected);
  const next = plan.changes.map((c) => c.key).filter((k) => before.has(k) || add.has(k));
  return { selected: next, alsoTicked: [...add].filter((k) => k !== key && !before.has(k)) };
}

/** Unticks a box: it and everything that needs it become unselected. */
export function untickChange(
  plan: Pick<FixPlan, 'changes'>,
  selected: readonly string[],
  key: string
): { selected: string[]; alsoUnticked: string[] } {
  const drop = dependentKeys(plan.changes, [key]);
  return {
    selected: selected.filter((k) => !drop.has(k)),
    alsoUnticked: [...drop].filter((k) => k !== key && selected.includes(k))
  };
}

/**
 * The changes of a selection, closed over what they need, in plan order; and the checks they fully
 * cover. The product's set and its assignment come only with a grant that needs them: a selection
 * never creates or assigns an empty set.
 */
export function selectChanges(
  plan: Pick<FixPlan, 'changes'>,
  keys: Iterable<string>
): { checkIds: string[]; changes: Change[] } {
  const auxiliary = auxiliaryKeys(plan.changes);
  const chosen = requiredKeys(
    plan.changes,
    [...keys].filter((k) => !auxiliary.has(k))
  );
  const changes = plan.changes.filter((c) => chosen.has(c.key));
  return { checkIds: coveredChecks(plan.changes, chosen), changes };
}

/** The checks the plan is for that the selection leaves failing (their changes are not all chosen). */
export function stillFailing(plan: Pick<FixPlan, 'changes' | 'targets'>, keys: Iterable<string>): string[] {
  const covered = new Set(selectChanges(plan, keys).checkIds);
  return plan.targets.filter((id) => !covered.has(id));
}

/** Checks all of whose changes are chosen. */
function coveredChecks(changes: readonly Change[], chosen: Set<string>): string[] {
  const ids: string[] = [];
  for (const change of changes) for (const id of change.checkIds) if (!ids.includes(id)) ids.push(id);
  return ids.filter((id) => changes.every((c) => !c.checkIds.includes(id) || chosen.has(c.key)));
}

/**
 * The fix plan for the given checks (default: every check whose fix is automatic). Changes to the
 * same row are merged; checks without a safe change are listed as skipped. Identity-changing grants
 * are offered but not ticked when the policy holds them; nothing is ticked when it refuses.
 */
export function buildFixPlan(report: Report, checkIds?: readonly string[], policy?: FixPolicy): FixPlan {
  const rules: FixPolicy = policy ?? {
    identityHeld: report.fixAll?.identityHeld ?? null,
    sharedProduct: report.fixAll?.sharedProduct ?? null,
    refused: report.fixAll?.refused ?? null
  };
  const wanted = checkIds ? new Set(checkIds) : null;
  const collected: Change[] = [];
  const skipped: { checkId: string; reason: string }[] = [];
  const warnings: string[] = [];
  for (const check of report.checks) {
    if (wanted && !wanted.has(check.id)) continue;
    const fix = check.fix;
    if (!fix || check.status === 'pass') {
      if (wanted)
        skipped.push({
          checkId: check.id,
          reason: check.status === 'pass' ? 'already passes' : 'nothing to change'
        });
      continue;
    }
    if (!fix.fixable) {
      if (wanted || fix.refused)
        skipped.push({ checkId: check.id, reason: fix.refused ?? fix.manual?.summary ?? fix.summary });
      continue;
    }
    collected.push(...fix.changes);
    for (const w of fix.warnings) if (!warnings.includes(w)) warnings.push(w);
  }
  if (wanted)
    for (const id of wanted)
      if (!report.checks.some((c) => c.id === id)) skipped.push({ checkId: id, reason: 'no such check' });
  const changes = orderForWrite(linkDependencies(mergeChanges(collected)));
  const held: { key: string; reason: string }[] = [];
  let selected: string[] = [];
  if (!rules.refused) {
    const heldKeys = new Set<string>();
    // A person keeps how they sign in and their reach: sign-in and record-wide changes wait for a tick.
    if (rules.identityHeld)
      for (const c of changes)
        if (c.identity || c.recordWide) {
          heldKeys.add(c.key);
          held.push({
            key: c.key,
            reason: `Not ticked by default because ${rules.identityHeld}. ${c.consequence ?? ''}`.trim()
          });
        }
    if (rules.sharedProduct)
      for (const c of changes)
        if (!heldKeys.has(c.key) && ON_PRODUCT_SET.has(c.kind)) {
          heldKeys.add(c.key);
          held.push({ key: c.key, reason: `Not ticked: ${rules.sharedProduct}` });
        }
    const dropped = dependentKeys(changes, heldKeys);
    selected = changes.filter((c) => !c.auxiliary && !dropped.has(c.key)).map((c) => c.key);
  }
  return {
    userId: report.user.Id,
    targets: [...new Set(collected.flatMap((c) => c.checkIds))],
    permissionSet: { name: PRODUCT_PERMISSION_SET.name, label: PRODUCT_PERMISSION_SET.label },
    checkIds: coveredChecks(changes, requiredKeys(changes, selected)),
    changes,
    selected,
    held,
    refused: rules.refused,
    skipped,
    warnings
  };
}

/** What one "Fix all" click applies: the plan's default selection. */
export function fixAllOf(plan: FixPlan, policy: FixPolicy): FixAll {
  const { checkIds, changes } = selectChanges(plan, plan.selected);
  return {
    checkIds,
    changes,
    held: plan.held,
    refused: plan.refused,
    identityHeld: policy.identityHeld,
    sharedProduct: policy.sharedProduct ?? null
  };
}
