/**
 * Fix plans: the changes offered for some checks (default: every check with an automatic fix), how
 * they depend on each other, which are ticked by default ("Fix all"), and how ticking or unticking
 * one box moves the others. The writer re-derives every dependency itself; these exist so the
 * preview shows the same thing the writer will accept.
 */
import { PRODUCT_PERMISSION_SET } from './access';
import { mergeChanges } from './fixes';
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

/**
 * Fills each change's dependsOn with the keys of the changes of this plan it cannot go without:
 * a grant needs the product's set to exist and to be assigned; the assignment needs the set; an
 * object grant needs the grants on other objects that Salesforce requires (set by the builder);
 * a removal needs the grants that replace what it takes away (set by the builder).
 */
function linkDependencies(changes: Change[]): Change[] {
  const keys = new Set(changes.map((c) => c.key));
  const ensure = changes.find((c) => c.kind === 'ensurePermissionSet')?.key;
  const assign = changes.find((c) => c.kind === 'assignPermissionSet')?.key;
  return changes.map((change) => {
    const deps = new Set((change.dependsOn ?? []).filter((k) => keys.has(k) && k !== change.key));
    if (change.kind === 'assignPermissionSet' && ensure) deps.add(ensure);
    if (
      change.kind === 'systemPermission' ||
      change.kind === 'objectPermission' ||
      change.kind === 'fieldPermission'
    ) {
      if (ensure) deps.add(ensure);
      if (assign) deps.add(assign);
    }
    return { ...change, dependsOn: [...deps] };
  });
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

/** Ticks a box: it and everything it needs become selected. Returns the new selection and what came with it. */
export function tickChange(
  plan: Pick<FixPlan, 'changes'>,
  selected: readonly string[],
  key: string
): { selected: string[]; alsoTicked: string[] } {
  const add = requiredKeys(plan.changes, [key]);
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

/** The changes of a selection, closed over what they need, in plan order; and the checks they fully cover. */
export function selectChanges(
  plan: Pick<FixPlan, 'changes'>,
  keys: Iterable<string>
): { checkIds: string[]; changes: Change[] } {
  const chosen = requiredKeys(plan.changes, keys);
  const changes = plan.changes.filter((c) => chosen.has(c.key));
  return { checkIds: coveredChecks(plan.changes, chosen), changes };
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
  const changes = linkDependencies(mergeChanges(collected));
  const held: { key: string; reason: string }[] = [];
  let selected: string[] = [];
  if (!rules.refused) {
    const heldKeys = new Set<string>();
    if (rules.identityHeld)
      for (const c of changes)
        if (c.identity) {
          heldKeys.add(c.key);
          held.push({
            key: c.key,
            reason: `Not ticked by default because ${rules.identityHeld}. ${c.consequence ?? ''}`.trim()
          });
        }
    if (rules.sharedProduct)
      for (const c of changes)
        if (
          !heldKeys.has(c.key) &&
          (c.kind === 'systemPermission' || c.kind === 'objectPermission' || c.kind === 'fieldPermission')
        ) {
          heldKeys.add(c.key);
          held.push({ key: c.key, reason: `Not ticked: ${rules.sharedProduct}` });
        }
    const dropped = dependentKeys(changes, heldKeys);
    selected = changes.map((c) => c.key).filter((k) => !dropped.has(k));
  }
  return {
    userId: report.user.Id,
    permissionSet: { name: PRODUCT_PERMISSION_SET.name, label: PRODUCT_PERMISSION_SET.label },
    checkIds: coveredChecks(changes, new Set(selected)),
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
