/**
 * Stand-in for @salesforce/apex/ReadinessController.*: the same contract as the Apex controller,
 * answered from the preview's in-memory org (state.js). Each method is callable (imperative Apex) and
 * carries a wire adapter (@wire), as on the platform.
 */
import {
  ACTON_NAME_PATTERNS,
  INTEGRATION_NAME_PATTERNS,
  MAPPED_LOGICAL_FIELDS,
  OWN_SET_LABEL_PATTERN,
  PASSWORD_POLICY_KEY,
  PRODUCT_PERMISSION_SET,
  likeMatches,
  mappingProblem,
  passwordPolicyProblem
} from 'c/readinessEngine';
import * as org from './state.js';

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const valueOwners = new WeakMap();

function apexError(message) {
  return { body: { message }, status: 400, statusText: 'Bad Request' };
}

function wireable(method, { reloadOnChange = false } = {}) {
  class Adapter {
    constructor(callback) {
      this.callback = callback;
      this.config = undefined;
      this.connected = false;
      this.unsubscribe = null;
    }
    connect() {
      this.connected = true;
      if (reloadOnChange) this.unsubscribe = org.onChange(() => this.fetch());
      if (this.config !== undefined) this.fetch();
    }
    update(config) {
      this.config = config ?? {};
      if (this.connected) this.fetch();
    }
    disconnect() {
      this.connected = false;
      if (this.unsubscribe) this.unsubscribe();
    }
    fetch() {
      const config = this.config ?? {};
      return Promise.resolve()
        .then(() => method(config))
        .then(
          (data) => ({ data, error: undefined }),
          (error) => ({ data: undefined, error })
        )
        .then((value) => {
          valueOwners.set(value, this);
          if (this.connected) this.callback(value);
        });
    }
  }
  const callable = (params) => Promise.resolve().then(() => method(params ?? {}));
  callable.adapter = Adapter;
  return callable;
}

/** refreshApex(value): re-runs the wire that provided value. */
export function refreshApex(value) {
  const owner = value && valueOwners.get(value);
  return owner ? owner.fetch() : Promise.resolve();
}

/**
 * The finder's raw records for the demo org, as ReadinessUserFinder returns them: the console ranks
 * them with the engine. Every user of the demo org is found by at least one source.
 */
function candidateSources() {
  const sources = {
    apiOnly: [],
    permissionSets: [],
    names: [],
    oauthTokens: [],
    logins: [],
    users: [],
    skipped: []
  };
  const like = (patterns, text) => patterns.some((p) => likeMatches(p, text));
  const names = [...ACTON_NAME_PATTERNS, ...INTEGRATION_NAME_PATTERNS];
  for (const snap of org.users()) {
    const u = snap.user;
    const found = new Set();
    const add = (source, row) => {
      sources[source].push(row);
      found.add(source);
    };
    const held = new Set((snap.assignments ?? []).map((a) => a.PermissionSetId));
    for (const ps of snap.permissionSets ?? []) {
      if (!held.has(ps.Id)) continue;
      if (ps.PermissionsApiUserOnly) add('apiOnly', { AssigneeId: u.Id });
      const actOnSet = ps.Name === PRODUCT_PERMISSION_SET.name || like(ACTON_NAME_PATTERNS, ps.Label);
      if (actOnSet && !likeMatches(OWN_SET_LABEL_PATTERN, ps.Label))
        add('permissionSets', { AssigneeId: u.Id, PermissionSet: { Name: ps.Name, Label: ps.Label } });
    }
    if (like(names, u.Name) || like(names, u.Username))
      add('names', { Id: u.Id, Name: u.Name, Username: u.Username });
    for (const t of snap.oauthTokens ?? [])
      if (like(ACTON_NAME_PATTERNS, t.AppName)) add('oauthTokens', { UserId: u.Id, AppName: t.AppName });
    for (const l of snap.loginHistory ?? [])
      if (l.LoginType !== 'Application') add('logins', { UserId: u.Id, Status: l.Status });
    if (found.size)
      sources.users.push({
        Id: u.Id,
        Name: u.Name,
        Username: u.Username,
        IsActive: u.IsActive,
        LastLoginDate: u.LastLoginDate ?? null,
        Profile: u.Profile ?? null
      });
  }
  return sources;
}

export const getReadiness = wireable(
  ({ userId }) => ({
    snapshot: org.state.chosen || userId ? org.snapshotFor(userId) : null,
    checklist: org.getChecklist(),
    canFix: org.state.canFix,
    // As ReadinessController: saving the integration user and the mapping needs the custom permission too.
    canSave: org.state.canFix,
    // The custom permission by its label, as the Apex reader names it; Manage Users only matters for reads.
    missingPermissions: org.state.canFix ? [] : ['Act-On Readiness: apply fixes', 'Manage Users'],
    integrationUserId: org.state.chosen ? org.state.snapshot.user.Id : null
  }),
  { reloadOnChange: true }
);

export const findIntegrationUsers = wireable(() => candidateSources());

/** ReadinessWriter.requireFixPermission: every write needs the custom permission. */
function requireFixPermission() {
  if (!org.state.canFix)
    throw apexError(
      "You need the custom permission 'Act-On Readiness: apply fixes' (permission set Act-On Readiness Admin) to change Act-On Readiness settings or apply fixes."
    );
}

export const saveIntegrationUser = wireable(({ userId }) => {
  requireFixPermission();
  if (!userId) throw apexError('Choose a user first.');
  try {
    org.saveUser(userId);
  } catch (error) {
    throw apexError(error.message);
  }
  org.changed();
  return null;
});

/** Which logical fields a field can hold: the engine's rule, which ReadinessFieldMapping.cls mirrors. */
function mappable(objectName) {
  return (org.state.snapshot?.fields ?? [])
    .filter((f) => f.object === objectName && f.permissionable)
    .map((f) => ({
      name: f.name,
      label: f.label ?? f.name,
      type: f.type,
      length: f.length ?? null,
      custom: f.custom ?? /__c$/i.test(f.name),
      usableFor: MAPPED_LOGICAL_FIELDS.filter((logical) => !mappingProblem(logical, f))
    }))
    .filter((f) => f.usableFor.length)
    .sort((a, b) => a.label.localeCompare(b.label));
}

export const getMappableFields = wireable(({ objectName }) => {
  if (objectName !== 'Contact' && objectName !== 'Lead')
    throw apexError(`Only Lead and Contact fields can be mapped, not ${objectName}.`);
  return mappable(objectName);
});

export const saveFieldMapping = wireable(({ mapping }) => {
  requireFixPermission();
  const parsed = JSON.parse(mapping ?? '{}');
  const next = { ...(org.state.snapshot.fieldMapping ?? {}) };
  for (const [key, value] of Object.entries(parsed)) {
    const [object, logical] = key.split('.');
    if (!value) {
      delete next[key];
      continue;
    }
    if (key === PASSWORD_POLICY_KEY) {
      const problem = passwordPolicyProblem(String(value));
      if (problem) throw apexError(problem);
      next[key] = String(value).trim().toLowerCase();
      continue;
    }
    const field = mappable(object).find((f) => f.name === value);
    if (!field || !field.usableFor.includes(logical))
      throw apexError(`${object}.${value} cannot hold ${logical}: choose a field of a suitable type.`);
    next[key] = value;
  }
  org.state.snapshot.fieldMapping = next;
  org.changed();
  return next;
});

export const applyFix = wireable(async ({ userId, requestJson }) => {
  if (!org.state.canFix)
    throw apexError('You need the custom permission Act_On_Readiness_Fix to apply fixes.');
  if (userId !== org.state.snapshot.user.Id) throw apexError('The plan is for another user.');
  if (org.state.snapshot.runningUserId === userId)
    throw apexError(
      'Refused: the saved integration user is you: the product never changes the access of the admin who runs it.'
    );
  await delay(400); // long enough to see the progress state
  let entry;
  try {
    entry = org.applyRequest(JSON.parse(requestJson));
  } catch (error) {
    throw apexError(error.message);
  }
  setTimeout(() => org.changed(), 0);
  return {
    logId: entry.logId,
    status: 'Applied',
    changed: entry.operations.length,
    snapshot: org.snapshotCopy()
  };
});

export const getFixLog = wireable(
  () =>
    org.state.log.map((e) => ({
      logId: e.logId,
      createdDate: e.createdDate,
      createdBy: e.createdBy,
      checkIds: e.checkIds,
      status: e.status,
      summary: e.summary,
      operations: e.operations,
      changedCount: e.operations.length,
      undoes: e.undoes,
      undoneBy: e.undoneBy,
      undoneDate: e.undoneDate
    })),
  { reloadOnChange: true }
);
