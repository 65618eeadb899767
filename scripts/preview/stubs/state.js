/**
 * The preview's in-memory org: one fixture snapshot at a time, the saved integration user, the field
 * mapping and the fix log. Fixes are applied with the engine's applyChanges, as the Apex writer would.
 */
import { applyChanges, PRODUCT_PERMISSION_SET } from 'c/readinessEngine';
import { checklist, fixtures } from 'preview:data';

const clone = (value) => JSON.parse(JSON.stringify(value));
const listeners = new Set();

export const SCENARIOS = Object.keys(fixtures)
  .sort()
  .map((name) => ({ name, title: fixtures[name].fixture?.title ?? name }));

export const state = {
  scenario: null,
  snapshot: null,
  chosen: false,
  canFix: true,
  log: [],
  counter: 0,
  others: new Map()
};

/**
 * Other people in the demo org, to look at without saving them: the users of these scenarios (each
 * with its own snapshot), unless one is the scenario's own user.
 */
const OTHER_PEOPLE = ['new-user-fixable', 'normal-user-fixable', 'system-administrator'];

function snapshotOf(name) {
  const { fixture: _meta, ...snapshot } = clone(fixtures[name]);
  return snapshot;
}

/** Loads a fixture: a fresh org in which the integration user is already chosen. */
export function setScenario(name, options = {}) {
  if (!fixtures[name]) throw new Error(`no scenario ${name}`);
  state.scenario = name;
  state.snapshot = snapshotOf(name);
  state.chosen = options.chosen ?? true;
  state.canFix = options.canFix ?? true;
  state.log = [];
  state.others = new Map();
  for (const other of OTHER_PEOPLE) {
    const snapshot = snapshotOf(other);
    if (snapshot.user.Id !== state.snapshot.user.Id) state.others.set(snapshot.user.Id, snapshot);
  }
}

/** The snapshot of a user of the demo org: the saved integration user's unless another is asked for. */
export function snapshotFor(userId) {
  if (!userId || userId === state.snapshot.user.Id) return clone(state.snapshot);
  const other = state.others.get(userId);
  if (!other) throw new Error(`There is no user ${userId} in the demo org.`);
  return clone(other);
}

/** Saves another user of the demo org as the integration user (the one fixes apply to). */
export function saveUser(userId) {
  if (userId !== state.snapshot.user.Id) {
    const next = state.others.get(userId);
    if (!next) throw new Error(`There is no user ${userId} in the demo org.`);
    state.others.delete(userId);
    state.others.set(state.snapshot.user.Id, state.snapshot);
    state.snapshot = next;
  }
  state.chosen = true;
}

/** Every user of the demo org, the saved one first. */
export function users() {
  return state.snapshot ? [state.snapshot, ...state.others.values()] : [];
}

// The record picker stand-in lists the users this org knows.
globalThis.readinessPreviewUsers = () => users().map((snapshot) => snapshot.user);

export function getChecklist() {
  return checklist;
}

export function snapshotCopy() {
  return clone(state.snapshot);
}

/** Writes change the org: every live getReadiness / getFixLog wire reloads, as after a page refresh. */
export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function changed() {
  for (const listener of [...listeners]) listener();
}

/** A plan's change as the writer logs it: what it targets, before and after. */
function logged(change) {
  const base = { kind: change.kind, checkIds: change.checkIds ?? [], changed: true };
  switch (change.kind) {
    case 'ensurePermissionSet':
      return { ...base, target: change.permissionSet, before: 'missing', after: 'exists' };
    case 'systemPermission':
      return {
        ...base,
        target: change.permission,
        permission: change.permission,
        before: change.before === true,
        after: true
      };
    case 'objectPermission':
      return {
        ...base,
        target: change.object,
        object: change.object,
        before: change.before,
        after: change.after
      };
    case 'fieldPermission':
      return {
        ...base,
        target: change.field,
        field: change.field,
        before: change.before,
        after: change.after
      };
    case 'assignPermissionSet':
      return {
        ...base,
        target: change.permissionSet,
        before: change.expiredAssignmentId ? 'expired' : 'not assigned',
        after: 'assigned'
      };
    default:
      return { ...base, target: change.label, before: 'assigned', after: 'removed' };
  }
}

export function applyPlan(plan) {
  const before = clone(state.snapshot);
  state.snapshot = applyChanges(state.snapshot, plan.changes ?? []);
  state.counter += 1;
  const entry = {
    logId: `a0PREVIEW${String(state.counter).padStart(9, '0')}`,
    createdDate: new Date().toISOString(),
    createdBy: 'Preview Admin',
    checkIds: [...(plan.checkIds ?? [])],
    status: 'Applied',
    summary: `Applied ${(plan.changes ?? []).length} change${(plan.changes ?? []).length === 1 ? '' : 's'} to ${PRODUCT_PERMISSION_SET.label} and assignments`,
    changes: (plan.changes ?? []).map(logged),
    canUndo: true,
    before
  };
  state.log.unshift(entry);
  return entry;
}

export function undo(logId) {
  const entry = state.log.find((e) => e.logId === logId);
  if (!entry) throw new Error(`No fix log entry ${logId}`);
  if (entry.status !== 'Applied') throw new Error('This fix was already undone.');
  if (state.log.find((e) => e.status === 'Applied') !== entry)
    throw new Error('Undo the newer fixes first: they build on this one.');
  state.snapshot = entry.before;
  entry.status = 'Undone';
  entry.canUndo = false;
  return entry;
}
