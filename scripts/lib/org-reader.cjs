'use strict';
/**
 * Reads a live org through the Salesforce REST API, as the Apex reader does inside the org: the
 * reads the engine declares (SNAPSHOT_READS and CANDIDATE_READS in readinessEngine/reads.ts), with
 * the same objects, fields, filters, order and caps (test/node/read-contract.test.ts checks the
 * queries this module sends against the declaration). Queries follow nextRecordsUrl; every call is
 * counted. Credentials come from the Salesforce CLI's stored authorization (@salesforce/core): this
 * module never sees a password and writes no token anywhere.
 *
 * REST has no bind variables: every value is a quoted, escaped SOQL literal, and ids are checked to
 * be ids. Long id lists are sent in chunks so that a URL stays short.
 */

/** The newest API version the reads are written for (the Apex classes' version). */
const API_VERSION = '67.0';
const ID_CHUNK = 200;
const DEFAULT_TIMEOUT_MS = 30000;

/** A failure the command line reports with exit code 3 (org unreachable, authorization, rights). */
class OrgError extends Error {
  constructor(message, errorCode = null) {
    super(message);
    this.name = 'OrgError';
    this.errorCode = errorCode;
  }
}

/** A Salesforce REST error: its HTTP status and the first errorCode of its body. */
class SalesforceError extends Error {
  constructor(status, errorCode, message, path) {
    super(`${errorCode || `HTTP ${status}`}: ${message}`);
    this.name = 'SalesforceError';
    this.status = status;
    this.errorCode = errorCode;
    this.sfMessage = message;
    this.path = path;
  }
}

// ------------------------------------------------------------------ SOQL literals

function soqlString(value) {
  return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

function soqlId(value) {
  if (!ID.test(String(value))) throw new Error(`not a Salesforce id: ${value}`);
  return `'${value}'`;
}

const inList = (values, literal = soqlString) => `(${values.map(literal).join(', ')})`;

function chunks(values, size = ID_CHUNK) {
  const out = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out.length ? out : [[]];
}

// ------------------------------------------------------------------ records

const SF_DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2}):?(\d{2})$/;

/** A REST record as the snapshot holds it: no attributes, datetimes in ISO form with Z. */
function clean(value) {
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'attributes') out[k] = clean(v);
    return out;
  }
  if (typeof value === 'string') {
    const m = SF_DATETIME.exec(value);
    if (m) {
      const date = new Date(`${m[1]}${m[2]}:${m[3]}`);
      if (!Number.isNaN(date.getTime())) return date.toISOString();
    }
  }
  return value;
}

// ------------------------------------------------------------------ REST client

class RestClient {
  /**
   * @param {object} o instanceUrl, accessToken, refresh (async () => new token, or null), log (fn),
   *   timeoutMs
   */
  constructor({ instanceUrl, accessToken, refresh = null, log = null, timeoutMs = DEFAULT_TIMEOUT_MS }) {
    this.instanceUrl = instanceUrl.replace(/\/+$/, '');
    this.accessToken = accessToken;
    this.refresh = refresh;
    this.log = log;
    this.timeoutMs = timeoutMs;
    this.version = API_VERSION;
    this.calls = 0;
  }

  async request(pathOrUrl, { auth = true } = {}) {
    const url = new URL(pathOrUrl, `${this.instanceUrl}/`);
    const started = Date.now();
    this.calls += 1;
    let response;
    try {
      response = await fetch(url, {
        headers: {
          Accept: 'application/json',
          ...(auth ? { Authorization: `Bearer ${this.accessToken}` } : {})
        },
        signal: AbortSignal.timeout(this.timeoutMs)
      });
    } catch (error) {
      const cause = error?.cause?.code ?? (error?.name === 'TimeoutError' ? 'TIMEOUT' : error?.name);
      throw new OrgError(`cannot reach ${this.instanceUrl} (${cause ?? error.message})`, cause);
    }
    const text = await response.text();
    const shown = decodeURIComponent(url.pathname + url.search).slice(0, 160);
    if (this.log) this.log(`${response.status} GET ${shown} (${Date.now() - started} ms)`);
    if (response.status === 401 && auth && this.refresh) {
      const token = await this.refresh().catch(() => null);
      this.refresh = null; // once
      if (token) {
        this.accessToken = token;
        return this.request(pathOrUrl, { auth });
      }
    }
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) {
      const first = Array.isArray(body) ? body[0] : body;
      throw new SalesforceError(
        response.status,
        first?.errorCode ?? first?.error ?? null,
        first?.message ?? first?.error_description ?? (text.slice(0, 200) || response.statusText),
        shown
      );
    }
    return body;
  }

  /** Picks the API version: the reads' own, or the newest the org has when it is older. */
  async chooseVersion() {
    const versions = await this.request('/services/data', { auth: false });
    const numbers = (Array.isArray(versions) ? versions : []).map((v) => String(v.version)).filter(Boolean);
    const usable = numbers
      .filter((v) => Number(v) <= Number(API_VERSION))
      .sort((a, b) => Number(a) - Number(b));
    if (usable.length) this.version = usable[usable.length - 1];
    return this.version;
  }

  /** Every record of a query, following nextRecordsUrl; stops early at `max` records. */
  async query(soql, max = Infinity) {
    let page = await this.request(`/services/data/v${this.version}/query?q=${encodeURIComponent(soql)}`);
    const records = [...(page?.records ?? [])];
    while (page && !page.done && page.nextRecordsUrl && records.length < max) {
      page = await this.request(page.nextRecordsUrl);
      records.push(...(page?.records ?? []));
    }
    return clean(records);
  }

  async describe(object) {
    return this.request(`/services/data/v${this.version}/sobjects/${encodeURIComponent(object)}/describe`);
  }

  async globalDescribe() {
    return this.request(`/services/data/v${this.version}/sobjects`);
  }
}

// ------------------------------------------------------------------ connecting

/**
 * A REST client for an org the Salesforce CLI knows, by alias or username, without a network call
 * (the stored access token; refreshed once on a 401 when a refresh token is stored).
 */
async function connect(targetOrg, { log = null, timeoutMs } = {}) {
  const core = require('@salesforce/core');
  // @salesforce/core warns through its Lifecycle (e.g. about http URLs): keep them for --verbose.
  core.Lifecycle.getInstance().onWarning(async (message) => {
    if (log) log(`warning: ${message}`);
  });
  let username;
  let authInfo;
  try {
    const state = await core.StateAggregator.getInstance();
    username = state.aliases.resolveUsername(targetOrg) ?? targetOrg;
    authInfo = await core.AuthInfo.create({ username });
  } catch (error) {
    const name = error?.name ?? '';
    if (/NamedOrgNotFound|NoUsernameFound|NoAuthInfoFound|AuthInfoCreationError/.test(name)) {
      throw new OrgError(
        `no Salesforce CLI authorization for "${targetOrg}": run sf org login web --alias ${targetOrg} (sf org list shows the orgs you are logged in to)`,
        name
      );
    }
    throw new OrgError(
      `cannot read the Salesforce CLI authorization for "${targetOrg}": ${error.message}`,
      name
    );
  }
  const options = authInfo.getConnectionOptions();
  if (!options.instanceUrl || !options.accessToken) {
    throw new OrgError(
      `the authorization for "${targetOrg}" has no access token: run sf org login web --alias ${targetOrg}`
    );
  }
  const fields = authInfo.getFields();
  const refresh = fields.refreshToken
    ? async () => {
        const connection = await core.Connection.create({
          authInfo,
          connectionOptions: { version: API_VERSION }
        });
        await connection.refreshAuth();
        return connection.accessToken;
      }
    : null;
  const client = new RestClient({
    instanceUrl: options.instanceUrl,
    accessToken: options.accessToken,
    refresh,
    log,
    timeoutMs
  });
  client.username = fields.username ?? username;
  client.targetOrg = targetOrg;
  return client;
}

/** One line for a REST failure that stops the read (exit code 3). */
function orgErrorOf(error, client, what) {
  if (error instanceof OrgError) return error;
  if (!(error instanceof SalesforceError)) return error;
  const org = client.targetOrg ?? client.instanceUrl;
  const login = `sf org login web --alias ${client.targetOrg ?? 'ALIAS'}`;
  switch (error.errorCode) {
    case 'INVALID_SESSION_ID':
      return new OrgError(
        `the authorization for "${org}" has expired or was revoked (INVALID_SESSION_ID): run ${login}`,
        error.errorCode
      );
    case 'API_DISABLED_FOR_ORG':
      return new OrgError(
        `the REST API is not enabled for "${org}" (API_DISABLED_FOR_ORG): log in as a user whose profile has API Enabled, in an edition with API access`,
        error.errorCode
      );
    case 'API_CURRENTLY_DISABLED':
      return new OrgError(
        `API access is disabled for the user logged in to "${org}" (API_CURRENTLY_DISABLED): log in as a user with API Enabled`,
        error.errorCode
      );
    case 'REQUEST_LIMIT_EXCEEDED':
      return new OrgError(
        `"${org}" has used up its daily API requests (REQUEST_LIMIT_EXCEEDED): try again later`,
        error.errorCode
      );
    case 'INSUFFICIENT_ACCESS':
    case 'INSUFFICIENT_ACCESS_OR_READONLY':
    case 'INVALID_TYPE':
      return new OrgError(
        `${client.username ?? 'the user logged in'} cannot read ${what} in "${org}" (${error.errorCode}): log in as an admin with View Setup and Configuration`,
        error.errorCode
      );
    default:
      return new OrgError(`"${org}" refused to read ${what}: ${error.message}`, error.errorCode);
  }
}

// ------------------------------------------------------------------ the reads

function decl(engine, name) {
  const read = [...engine.SNAPSHOT_READS, ...engine.CANDIDATE_READS].find((r) => r.name === name);
  if (!read) throw new Error(`no read named ${name}`);
  return read;
}

/** SELECT ... FROM ... for a declared read, plus the extra (permission) fields. */
function selectOf(read, extra = []) {
  const fields = read.fields.map((f) => (f === 'COUNT(Id)' ? 'COUNT(Id) n' : f));
  return `SELECT ${[...fields, ...extra].join(', ')} FROM ${read.object}`;
}

function limitClause(engine, read) {
  const n = engine.limitOf(read);
  return n === null ? '' : ` LIMIT ${n}`;
}

const toBool = (v) => v === true || v === 'true';

/** The admin rights (ADMIN_RIGHTS fields that are true) of the sets the running user holds. */
function rightsOf(engine, sets, heldIds) {
  const rights = new Set();
  for (const ps of sets)
    if (heldIds.has(ps.Id))
      for (const right of Object.keys(engine.ADMIN_RIGHTS)) if (toBool(ps[right])) rights.add(right);
  return rights;
}

/** At its cap a read may have missed rows: the snapshot says so under the read's truncates key. */
function markTruncated(engine, truncated, read, count) {
  if (read.truncates) truncated[read.truncates] = count >= engine.limitOf(read);
}

/**
 * Reads the snapshot of one user (shared/spec/snapshot.md), as ReadinessSnapshotReader.read does.
 * `definitions`: the checklist's definitions (readInputs takes what the reads need from them).
 */
class OrgReader {
  constructor(client, engine, definitions) {
    this.client = client;
    this.engine = engine;
    this.definitions = definitions;
    this.describes = new Map();
  }

  /** A required read: a failure stops the command (exit 3). */
  async must(what, fn) {
    try {
      return await fn();
    } catch (error) {
      throw orgErrorOf(error, this.client, what);
    }
  }

  /** An optional read: a refusal turns into null (the caller sets an access flag). */
  async may(fn) {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof SalesforceError && error.errorCode !== 'INVALID_SESSION_ID') return null;
      throw orgErrorOf(error, this.client, 'the org');
    }
  }

  /**
   * A read the running user may lack the right for (an access flag): tried only when their rights
   * allow it; a missing right or a refusal sets the flag false and names the right. Null then.
   */
  async optional(flag, { rights, access, accessMissing }, fn) {
    const rows = this.engine.mayRead(flag, rights) ? await this.may(fn) : null;
    access[flag] = rows !== null;
    if (rows === null) accessMissing[flag] = this.engine.ACCESS_RIGHTS[flag].label;
    return rows;
  }

  async describe(object) {
    const key = object.toLowerCase();
    if (!this.describes.has(key)) this.describes.set(key, await this.client.describe(object));
    return this.describes.get(key);
  }

  async start() {
    await this.must('the API versions', () => this.client.chooseVersion());
    const me = await this.userByUsername(this.client.username);
    if (!me) throw new OrgError(`the user logged in (${this.client.username}) is not visible in the org`);
    this.runningUser = me;
    return me;
  }

  async userByUsername(username) {
    const read = decl(this.engine, 'userByUsername');
    const rows = await this.must('User', () =>
      this.client.query(
        `${selectOf(read)} WHERE Username = ${soqlString(username)}${limitClause(this.engine, read)}`
      )
    );
    return rows[0] ?? null;
  }

  /** The user for --user: an id or a username; null when the org has no such user. */
  async findUser(idOrUsername) {
    if (/^005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/.test(idOrUsername)) return { Id: idOrUsername };
    return this.userByUsername(idOrUsername);
  }

  /** The running user's admin rights (ADMIN_RIGHTS they hold), from the same reads as a snapshot. */
  async runningRights() {
    const e = this.engine;
    const read = decl(e, 'assignments');
    const mine = await this.must('PermissionSetAssignment', () =>
      this.client.query(
        `${selectOf(read)} WHERE AssigneeId IN ${inList([this.runningUser.Id], soqlId)}${limitClause(e, read)}`,
        e.limitOf(read)
      )
    );
    const fields = await this.orgPermissionFields(Object.keys(e.ADMIN_RIGHTS));
    const held = new Set(mine.map((a) => a.PermissionSetId));
    return rightsOf(e, await this.permissionSets([...held], fields), held);
  }

  /** Of these Permissions* names, those the org has, as it spells them (never named unless described). */
  async orgPermissionFields(names) {
    const existing = await this.permissionFieldsOfOrg();
    return [...new Set(names.map((p) => existing.get(p.toLowerCase())).filter(Boolean))];
  }

  /** The Boolean Permissions* fields of PermissionSet in this org, by lower-case name. */
  async permissionFieldsOfOrg() {
    const described = await this.must('the PermissionSet describe', () => this.describe('PermissionSet'));
    const out = new Map();
    for (const f of described.fields ?? [])
      if (/^Permissions[A-Z]/.test(f.name) && f.type === 'boolean') out.set(f.name.toLowerCase(), f.name);
    return out;
  }

  /** The sets with these ids plus the product's own set by name (the declared read, as Apex sends it). */
  async permissionSets(ids, permissionFields) {
    const read = decl(this.engine, 'permissionSets');
    const product = ` OR (Name = ${soqlString(this.engine.PRODUCT_PERMISSION_SET.name)} AND NamespacePrefix = null)`;
    const byId = new Map();
    for (const chunk of chunks(ids)) {
      const where = chunk.length ? `Id IN ${inList(chunk, soqlId)}` : "Id = '000000000000000AAA'";
      const rows = await this.must('PermissionSet', () =>
        this.client.query(`${selectOf(read, permissionFields)} WHERE ${where}${product}`)
      );
      for (const row of rows) byId.set(row.Id, row);
    }
    return [...byId.values()];
  }

  async read(userId) {
    const e = this.engine;
    const inputs = e.readInputs(this.definitions, await this.fieldMapping());
    const access = {};
    const accessMissing = {};
    const truncated = {};
    const runningUserId = this.runningUser.Id;

    // 1. The user.
    const userRead = decl(e, 'user');
    const users = await this.must('User', () =>
      this.client.query(`${selectOf(userRead)} WHERE Id = ${soqlId(userId)}${limitClause(e, userRead)}`)
    );
    if (!users.length) return null;
    const user = users[0];

    // 2. Assignments of the user and the running user.
    const assignmentRead = decl(e, 'assignments');
    const assignmentCap = e.limitOf(assignmentRead);
    const allAssignments = await this.must('PermissionSetAssignment', () =>
      this.client.query(
        `${selectOf(assignmentRead)} WHERE AssigneeId IN ${inList([...new Set([user.Id, runningUserId])], soqlId)}${limitClause(e, assignmentRead)}`,
        assignmentCap
      )
    );
    markTruncated(e, truncated, assignmentRead, allAssignments.length);

    // 3. The sets, with the checklist's permissions and the admin rights the org has.
    const permissionFields = await this.orgPermissionFields([
      ...inputs.permissionFields,
      ...Object.keys(e.ADMIN_RIGHTS)
    ]);
    const setIds = [...new Set(allAssignments.map((a) => a.PermissionSetId))];
    const sets = await this.permissionSets(setIds, permissionFields);
    const rights = rightsOf(
      e,
      sets,
      new Set(allAssignments.filter((a) => a.AssigneeId === runningUserId).map((a) => a.PermissionSetId))
    );
    const gate = { rights, access, accessMissing };

    const assignedToUser = new Set();
    const assignments = [];
    for (const a of allAssignments) {
      if (a.AssigneeId !== user.Id) continue;
      assignedToUser.add(a.PermissionSetId);
      const { AssigneeId: _assignee, ...row } = a;
      assignments.push(row);
    }
    let productId = null;
    const permissionSets = [];
    for (const ps of sets) {
      const product = e.isProductPermissionSet(ps);
      if (product) productId = ps.Id;
      if (assignedToUser.has(ps.Id) || product) permissionSets.push(ps);
    }
    const permissionSetIds = permissionSets.map((ps) => ps.Id);

    // 4. Assignee counts.
    const countRead = decl(e, 'assigneeCounts');
    const counts = new Map();
    for (const chunk of chunks(permissionSetIds)) {
      if (!chunk.length) continue;
      const rows = await this.must('PermissionSetAssignment counts', () =>
        this.client.query(
          `${selectOf(countRead)} WHERE PermissionSetId IN ${inList(chunk, soqlId)} GROUP BY PermissionSetId`
        )
      );
      for (const row of rows) counts.set(row.PermissionSetId, Number(row.n ?? row.expr0 ?? 0));
    }
    for (const ps of permissionSets) ps.AssigneeCount = counts.get(ps.Id) ?? 0;

    // Objects: the checklist's (as the org spells them), Activity, and custom objects related to Lead or Contact.
    const global = await this.must('the list of objects', () => this.client.globalDescribe());
    const names = new Map((global.sobjects ?? []).map((o) => [o.name.toLowerCase(), o.name]));
    const objects = inputs.objects.map((o) => names.get(o.toLowerCase())).filter(Boolean);
    const related = await this.relatedObjectFields(inputs.relatedParents, names, truncated);
    const permissionObjects = [...new Set([...objects, 'Activity', ...related.map((f) => f.object)])];
    const now = Date.now();
    const effectiveIds = [
      ...new Set(
        allAssignments
          .filter(
            (a) => a.AssigneeId === user.Id && (!a.ExpirationDate || Date.parse(a.ExpirationDate) > now)
          )
          .map((a) => a.PermissionSetId)
      )
    ];

    // 5. Object permissions.
    const objectRead = decl(e, 'objectPermissions');
    const objectPermissions = await this.capped(
      objectRead,
      permissionSetIds,
      (chunk, limit) =>
        `${selectOf(objectRead)} WHERE ParentId IN ${inList(chunk, soqlId)} AND SobjectType IN ${inList(permissionObjects)} LIMIT ${limit}`
    );
    markTruncated(e, truncated, objectRead, objectPermissions.length);

    // 6. Field permissions of the fields the checks name.
    const fieldRead = decl(e, 'fieldPermissions');
    const fieldPermissions = inputs.checkedFields.length
      ? await this.capped(
          fieldRead,
          permissionSetIds,
          (chunk, limit) =>
            `${selectOf(fieldRead)} WHERE ParentId IN ${inList(chunk, soqlId)} AND Field IN ${inList(inputs.checkedFields)} LIMIT ${limit}`
        )
      : [];
    markTruncated(e, truncated, fieldRead, fieldPermissions.length);

    // 7. Readable fields, one row per field.
    const readableFields = await this.readableFields(effectiveIds, permissionObjects, truncated);

    // 8. Classifications (optional: FieldDefinition needs View Setup and Configuration).
    const classifications = new Map();
    const definitionRead = decl(e, 'fieldDefinitions');
    const definitions = objects.length
      ? await this.optional('fieldClassification', gate, () =>
          this.client.query(
            `${selectOf(definitionRead)} WHERE EntityDefinition.QualifiedApiName IN ${inList(objects)}`
          )
        )
      : [];
    for (const d of definitions ?? []) {
      if (d.SecurityClassification != null || d.ComplianceGroup != null)
        classifications.set(`${d.EntityDefinition?.QualifiedApiName}.${d.QualifiedApiName}`.toLowerCase(), d);
    }
    const snapshotFields = await this.describeFields(
      objects,
      classifications,
      inputs.checkedFields,
      truncated
    );
    snapshotFields.push(...related);

    // 9. UserLogin (Manage Users). A user who never logged in may have no row: null.
    const loginRead = decl(e, 'userLogin');
    const loginRows = await this.optional('userLogin', gate, () =>
      this.client.query(
        `${selectOf(loginRead)} WHERE UserId = ${soqlId(user.Id)}${limitClause(e, loginRead)}`
      )
    );
    const userLogin = loginRows === null ? undefined : (loginRows[0] ?? null);

    // 10. Login history (Manage Users or Monitor Login History), newest first.
    const historyRead = decl(e, 'loginHistory');
    const loginHistory =
      (await this.optional('loginHistory', gate, () =>
        this.client.query(
          `${selectOf(historyRead)} WHERE UserId = ${soqlId(user.Id)} ORDER BY ${historyRead.orderBy}${limitClause(e, historyRead)}`,
          e.limitOf(historyRead)
        )
      )) ?? undefined;
    if (loginHistory) markTruncated(e, truncated, historyRead, loginHistory.length);

    // 11. OAuth tokens of apps named like Act-On (Customize Application to see other users' tokens).
    const tokenRead = decl(e, 'oauthTokens');
    const oauthTokens =
      (await this.optional('oauthTokens', gate, () =>
        inputs.oauthPatterns.length
          ? this.client.query(
              `${selectOf(tokenRead)} WHERE ${likeAny('AppName', inputs.oauthPatterns)} ORDER BY ${tokenRead.orderBy}${limitClause(e, tokenRead)}`,
              e.limitOf(tokenRead)
            )
          : []
      )) ?? undefined;

    const snapshot = {
      schemaVersion: 1,
      capturedAt: new Date().toISOString(),
      runningUserId,
      user,
      productPermissionSetId: productId,
      assignments,
      permissionSets,
      objectPermissions,
      fieldPermissions,
      readableFields,
      fields: snapshotFields,
      fieldMapping: this.mapping ?? {},
      access,
      accessMissing,
      truncated
    };
    if (access.fieldClassification) snapshot.classifiedObjects = objects;
    if (userLogin !== undefined) snapshot.userLogin = userLogin;
    if (loginHistory !== undefined) snapshot.loginHistory = loginHistory;
    if (oauthTokens !== undefined) snapshot.oauthTokens = oauthTokens;
    return snapshot;
  }

  /** A capped read over id chunks: at most the declared cap in all. */
  async capped(read, ids, soqlFor) {
    const cap = this.engine.limitOf(read);
    const out = [];
    for (const chunk of chunks(ids)) {
      if (!chunk.length || out.length >= cap) continue;
      const rows = await this.must(read.object, () =>
        this.client.query(soqlFor(chunk, cap - out.length), cap - out.length)
      );
      out.push(...rows.slice(0, cap - out.length));
    }
    return out;
  }

  async readableFields(effectiveIds, objects, truncated) {
    const e = this.engine;
    const distinct = new Map();
    const add = (objectName, field) =>
      distinct.set(`${objectName}|${field}`.toLowerCase(), { SobjectType: objectName, Field: field });
    if (!effectiveIds.length) {
      truncated.readableFields = false;
      return [];
    }
    const grouped = decl(e, 'readableFields');
    const where = (chunk) =>
      `WHERE ParentId IN ${inList(chunk, soqlId)} AND SobjectType IN ${inList(objects)} AND PermissionsRead = TRUE`;
    try {
      let rows = 0;
      for (const chunk of chunks(effectiveIds)) {
        const page = await this.client.query(
          `${selectOf(grouped)} ${where(chunk)} GROUP BY SobjectType, Field${limitClause(e, grouped)}`
        );
        rows = Math.max(rows, page.length);
        for (const row of page) add(row.SobjectType, row.Field);
      }
      markTruncated(e, truncated, grouped, rows);
    } catch (error) {
      if (!(error instanceof SalesforceError) || error.errorCode === 'INVALID_SESSION_ID')
        throw orgErrorOf(error, this.client, 'FieldPermissions');
      // The org refuses to group FieldPermissions: a capped plain query, de-duplicated here.
      const plain = decl(e, 'readableFieldsPlain');
      const rows = await this.capped(
        plain,
        effectiveIds,
        (chunk, limit) => `${selectOf(plain)} ${where(chunk)} LIMIT ${limit}`
      );
      for (const row of rows) add(row.SobjectType, row.Field);
      markTruncated(e, truncated, plain, rows.length);
    }
    return [...distinct.values()];
  }

  /** Custom objects that look up to the parents: one field row each (their describe), at most RELATED_LIMIT. */
  async relatedObjectFields(parents, names, truncated) {
    const byKey = new Map();
    for (const parent of parents) {
      const name = names.get(parent.toLowerCase());
      if (!name) continue;
      const described = await this.must(`the ${name} describe`, () => this.describe(name));
      for (const child of described.childRelationships ?? []) {
        if (/__c$/i.test(child.childSObject ?? '') && child.field)
          byKey.set(`${child.childSObject}.${child.field}`, { child, parent: described.name ?? name });
      }
    }
    const keys = [...byKey.keys()].sort();
    const limit = this.engine.READ_LIMITS.RELATED_LIMIT;
    truncated.relatedObjects = keys.length > limit;
    const out = [];
    for (const key of keys.slice(0, limit)) {
      const { child, parent } = byKey.get(key);
      const described = await this.must(`the ${child.childSObject} describe`, () =>
        this.describe(child.childSObject)
      );
      const field = (described.fields ?? []).find((f) => f.name === child.field);
      if (!field) continue;
      out.push({
        object: child.childSObject,
        name: field.name,
        label: field.label,
        permissionable: field.permissionable !== false,
        custom: true,
        type: String(field.type ?? '').toLowerCase(),
        referenceTo: [parent]
      });
    }
    return out;
  }

  /** Field rows of the objects' describes: the checks' fields first, then the others, at most FIELD_CAP. */
  async describeFields(objects, classifications, checkedFields, truncated) {
    const checked = new Set(checkedFields.map((f) => f.toLowerCase()));
    const first = [];
    const others = [];
    for (const objectName of [...objects].sort()) {
      const described = await this.must(`the ${objectName} describe`, () => this.describe(objectName));
      for (const field of described.fields ?? []) {
        const definition = classifications.get(`${objectName}.${field.name}`.toLowerCase());
        const row = {
          object: objectName,
          name: field.name,
          label: field.label,
          permissionable: field.permissionable !== false,
          custom: field.custom === true,
          type: String(field.type ?? '').toLowerCase(),
          referenceTo: field.referenceTo ?? [],
          securityClassification: definition?.SecurityClassification ?? null,
          complianceGroup: definition?.ComplianceGroup ?? null
        };
        (checked.has(`${objectName}.${field.name}`.toLowerCase()) ? first : others).push(row);
      }
    }
    const room = Math.max(0, this.engine.READ_LIMITS.FIELD_CAP - first.length);
    truncated.fields = others.length > room;
    return [...first, ...others.slice(0, room)];
  }

  /** The admin's field mapping where the package is installed; {} where it is not. */
  async fieldMapping() {
    if (this.mapping !== undefined) return this.mapping;
    const read = decl(this.engine, 'fieldMapping');
    const rows = await this.may(() => this.client.query(selectOf(read)));
    this.mapping = {};
    for (const row of rows ?? [])
      if (row.Name && row.Field_Api_Name__c) this.mapping[row.Name] = row.Field_Api_Name__c;
    return this.mapping;
  }

  /** The finder's raw rows (CANDIDATE_READS), for the engine's rankCandidates: as ReadinessUserFinder.find. */
  async candidateSources() {
    const e = this.engine;
    const skipped = [];
    const found = new Set();
    const sourceLimit = e.READ_LIMITS.SOURCE_LIMIT;
    const cut = (source, rows, limit) => {
      if (rows.length >= limit) skipped.push(`${source}: only the first ${limit} rows were read`);
    };
    const rights = await this.runningRights();
    const existing = await this.permissionFieldsOfOrg();
    let apiOnly = [];
    const apiOnlyField = existing.get('permissionsapiuseronly');
    if (apiOnlyField) {
      const read = decl(e, 'candidateApiOnly');
      apiOnly = await this.must('PermissionSetAssignment', () =>
        this.client.query(
          `${selectOf(read)} WHERE PermissionSet.${apiOnlyField} = TRUE${limitClause(e, read)}`,
          sourceLimit
        )
      );
    }
    apiOnly.forEach((r) => found.add(r.AssigneeId));
    cut('API Only User holders', apiOnly, sourceLimit);
    const psRead = decl(e, 'candidatePermissionSets');
    const permissionSets = await this.must('PermissionSetAssignment', () =>
      this.client.query(
        `${selectOf(psRead)} WHERE (PermissionSet.Name = ${soqlString(e.PRODUCT_PERMISSION_SET.name)} OR ${likeAny('PermissionSet.Label', e.ACTON_NAME_PATTERNS)}) AND (NOT PermissionSet.Label LIKE ${soqlString(e.OWN_SET_LABEL_PATTERN)})${limitClause(e, psRead)}`,
        sourceLimit
      )
    );
    permissionSets.forEach((r) => found.add(r.AssigneeId));
    cut('Act-On permission set holders', permissionSets, sourceLimit);
    const nameRead = decl(e, 'candidateNames');
    const patterns = [...e.ACTON_NAME_PATTERNS, ...e.INTEGRATION_NAME_PATTERNS];
    const names = await this.must('User', () =>
      this.client.query(
        `${selectOf(nameRead)} WHERE ${likeAny('Name', patterns)} OR ${likeAny('Username', patterns)} ORDER BY ${nameRead.orderBy}${limitClause(e, nameRead)}`,
        sourceLimit
      )
    );
    names.forEach((r) => found.add(r.Id));
    cut('users named like Act-On or integration', names, sourceLimit);
    // Without the right, Salesforce quietly returns only the logged-in user's own rows: not asked.
    let oauthTokens = null;
    if (!e.mayRead('oauthTokens', rights)) {
      skipped.push(`OAuth tokens: reading other users' tokens needs ${e.ACCESS_RIGHTS.oauthTokens.label}`);
    } else {
      const read = decl(e, 'candidateOauth');
      oauthTokens = await this.may(() =>
        this.client.query(
          `${selectOf(read)} WHERE ${likeAny('AppName', e.ACTON_NAME_PATTERNS)} ORDER BY ${read.orderBy}${limitClause(e, read)}`,
          sourceLimit
        )
      );
      if (oauthTokens === null) skipped.push('OAuth tokens: the org refused the read');
      else cut('OAuth tokens', oauthTokens, sourceLimit);
    }
    (oauthTokens ?? []).forEach((r) => found.add(r.UserId));
    let logins = null;
    if (!e.mayRead('loginHistory', rights)) {
      skipped.push(`Login history: reading other users' logins needs ${e.ACCESS_RIGHTS.loginHistory.label}`);
    } else {
      const read = decl(e, 'candidateLogins');
      logins = await this.may(() =>
        this.client.query(
          `${selectOf(read)} WHERE LoginTime = LAST_N_DAYS:30 AND LoginType != 'Application' ORDER BY ${read.orderBy}${limitClause(e, read)}`,
          e.limitOf(read)
        )
      );
      if (logins === null) skipped.push('Login history: the org refused the read');
      else cut('Login history', logins, e.limitOf(read));
    }
    (logins ?? []).forEach((r) => found.add(r.UserId));
    found.delete(null);
    found.delete(undefined);
    const userRead = decl(e, 'candidateUsers');
    const users = [];
    for (const chunk of chunks([...found])) {
      if (!chunk.length || users.length >= e.limitOf(userRead)) continue;
      users.push(
        ...(await this.must('User', () =>
          this.client.query(
            `${selectOf(userRead)} WHERE Id IN ${inList(chunk, soqlId)} LIMIT ${e.limitOf(userRead) - users.length}`
          )
        ))
      );
    }
    return { apiOnly, permissionSets, names, oauthTokens, logins, users, skipped };
  }
}

/** (Field LIKE 'a' OR Field LIKE 'b'): Apex's LIKE :list. */
function likeAny(field, patterns) {
  return `(${patterns.map((p) => `${field} LIKE ${soqlString(p)}`).join(' OR ')})`;
}

module.exports = {
  API_VERSION,
  OrgError,
  OrgReader,
  RestClient,
  SalesforceError,
  clean,
  connect,
  orgErrorOf,
  soqlString
};
