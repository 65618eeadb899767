/**
 * The preview's in-memory org: one fixture snapshot at a time, the saved integration user, the field
 * mapping and the fix log. Fixes are applied with the engine's applyChanges, as the Apex writer would.
 */
import { applyChanges, loggedChanges, staleChanges } from 'c/readinessEngine';
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
  others: new Map(),
  loadedAt: Date.now()
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
  state.loadedAt = Date.now();
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
  if (!userId || userId === state.snapshot.user.Id) return read(state.snapshot);
  const other = state.others.get(userId);
  if (!other) throw new Error(`There is no user ${userId} in the demo org.`);
  return read(other);
}

/**
 * A snapshot as the reader returns it: captured now. The demo org's clock starts at the fixture's
 * capturedAt and runs from the moment the scenario loaded, so "Checked" moves after a fix or a
 * Refresh while every verdict that depends on dates stays the fixture's.
 */
function read(snapshot) {
  const copy = clone(snapshot);
  const start = Date.parse(copy.capturedAt);
  if (Number.isFinite(start)) copy.capturedAt = new Date(start + (Date.now() - state.loadedAt)).toISOString();
  return copy;
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
  return read(state.snapshot);
}

/** Writes change the org: every live getReadiness / getFixLog wire reloads, as after a page refresh. */
export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function changed() {
  for (const listener of [...listeners]) listener();
}

/**
 * Writes a request as the Apex writer does, in one piece: the operations as the engine reads them,
 * each compared with the org now (compare-and-swap), then applied with the engine's applyChanges.
 * The log keeps the operations; an undo marks the fix it undoes.
 */
export function applyRequest(request) {
  const operations = request.operations ?? [];
  const changes = loggedChanges(operations, state.snapshot);
  if (changes.length !== operations.length)
    throw new Error('Refused: an operation is not one the product writes.');
  const stale = staleChanges(changes, state.snapshot);
  if (stale.length)
    throw new Error(`Refused: ${stale[0]} was changed since the preview: refresh and try again.`);
  state.snapshot = applyChanges(state.snapshot, changes);
  state.counter += 1;
  const now = new Date().toISOString();
  const entry = {
    logId: `a0PREVIEW${String(state.counter).padStart(9, '0')}`,
    createdDate: now,
    createdBy: 'Preview Admin',
    checkIds: [...(request.checkIds ?? [])],
    status: 'Applied',
    summary: `${request.undoes ? 'Undo' : 'Fix'}: ${operations.length} change(s) applied`,
    operations: clone(operations),
    undoes: request.undoes ?? null,
    undoneBy: null,
    undoneDate: null
  };
  const original = state.log.find((e) => e.logId === request.undoes);
  if (original) Object.assign(original, { status: 'Undone', undoneBy: 'Preview Admin', undoneDate: now });
  state.log.unshift(entry);
  return entry;
}
