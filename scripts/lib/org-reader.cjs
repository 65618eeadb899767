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
 *
 * One rule for every read (shared/spec/snapshot.md 0.3): an answer is used only when it is the
 * documented one (JSON; a query result with records, done and totalSize; a describe with fields).
 * Anything else is a failure, never zero rows: no answer within the limit (the body included), a
 * dropped connection, an error status, a body that is not JSON or not that shape. A required read
 * that fails ends the run (OrgError, exit 3, one line naming the call). An optional read (behind an
 * access flag) that fails sets access.<key> false and readErrors.<key> to the cause as it happened,
 * naming the object ("LoginHistory: the answer was not JSON (text/html)"); accessMissing.<key> names
 * a right only when the running user's rights, read from the org, lack it (the read is then not
 * sent). A timeout on an optional read is a failure of that read like any other: a readError.
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
  constructor(status, errorCode, message, path, call = null) {
    super(`${errorCode || `HTTP ${status}`}: ${message}`);
    this.name = 'SalesforceError';
    this.status = status;
    this.errorCode = errorCode;
    this.sfMessage = message;
    this.path = path;
    this.call = call;
  }

  /** The cause as it happened: "HTTP 500 UNKNOWN_EXCEPTION: An unexpected error occurred". */
  get reason() {
    return `HTTP ${this.status}${this.errorCode ? ` ${this.errorCode}` : ''}: ${this.sfMessage}`;
  }
}

/**
 * A call that got no answer, or an answer cut short: a timeout (a server that sends its headers and
 * then hangs included), a reset or closed connection, a refused connection, a name that does not
 * resolve. `kind` is timeout | reset | closed | unreachable; `reason` says it in words.
 */
class TransportError extends Error {
  constructor(kind, reason, call, code = null) {
    super(`${reason} (${call})`);
    this.name = 'TransportError';
    this.kind = kind;
    this.reason = reason;
    this.call = call;
    this.code = code;
  }
}

/** A successful status whose body is not the documented answer (not JSON, or not its shape). */
class AnswerError extends Error {
  constructor(reason, call) {
    super(`${reason} (${call})`);
    this.name = 'AnswerError';
    this.reason = reason;
    this.call = call;
  }
}

/** A failure of one read (rather than a bug): what optional reads turn into readErrors. */
const isReadFailure = (error) =>
  error instanceof SalesforceError || error instanceof TransportError || error instanceof AnswerError;

/** A refused authorization: no read can succeed after it, optional or not. */
const isAuthFailure = (error) =>
  error instanceof SalesforceError && (error.status === 401 || error.errorCode === 'INVALID_SESSION_ID');

/** Text for an XML element. */
const xmlText = (value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

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

// ------------------------------------------------------------------ answers

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Seconds as people write them: 30, 1.5. */
const seconds = (ms) => `${Number((ms / 1000).toFixed(3))} s`;

/**
 * A call as one line names it: the method and the path, a query by its object only
 * ("GET /services/data/v67.0/query?q=SELECT ... FROM LoginHistory ..."), never a token.
 */
function callOf(method, url, page = null) {
  const q = url.searchParams.get('q');
  if (q !== null && /\/query(All)?$/.test(url.pathname)) {
    const from = /\bFROM\s+(\w+)/i.exec(q)?.[1] ?? '?';
    return `${method} ${url.pathname}?q=SELECT ... FROM ${from} ...`;
  }
  return `${method} ${url.pathname}${page ? ` (the next page of ... FROM ${page} ...)` : ''}`;
}

/** Why a fetch or its body failed, as a TransportError naming the call. */
function transportError(error, call, timeoutMs) {
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError')
    return new TransportError(
      'timeout',
      `the org did not answer within ${seconds(timeoutMs)}`,
      call,
      'TIMEOUT'
    );
  const code = error?.cause?.code ?? error?.code ?? null;
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return new TransportError('reset', 'the connection was reset', call, code);
  if (code === 'UND_ERR_SOCKET' || (error?.message === 'terminated' && !code))
    return new TransportError(
      'closed',
      'the connection was closed before the answer was complete',
      call,
      code
    );
  const what = code ?? error?.cause?.message ?? error?.message ?? String(error);
  return new TransportError('unreachable', `the org could not be reached (${what})`, call, what);
}

/** Why a page is not a query result, or null when it is one. */
function notQueryResult(page, origin) {
  if (!isObject(page)) return 'not an object';
  if (!Array.isArray(page.records)) return 'no records array';
  if (typeof page.done !== 'boolean') return 'no done flag';
  if (typeof page.totalSize !== 'number') return 'no totalSize';
  if (page.records.some((r) => !isObject(r))) return 'a record is not an object';
  if (!page.done) {
    if (typeof page.nextRecordsUrl !== 'string' || !page.nextRecordsUrl.startsWith('/'))
      return 'not done and no nextRecordsUrl';
    // The token goes only to the org: a next page elsewhere is not followed.
    if (new URL(page.nextRecordsUrl, `${origin}/`).origin !== origin) return 'a nextRecordsUrl off the org';
  }
  return null;
}

/** Why a describe is not one (fields, each named; childRelationships a list where present), or null. */
function notDescribe(body) {
  if (!isObject(body)) return 'not an object';
  if (!Array.isArray(body.fields)) return 'no fields array';
  if (body.fields.some((f) => !isObject(f) || typeof f.name !== 'string')) return 'a field without a name';
  if (body.childRelationships !== undefined && !Array.isArray(body.childRelationships))
    return 'childRelationships is not a list';
  return null;
}

// ------------------------------------------------------------------ REST client

class RestClient {
  /**
   * @param {object} o instanceUrl, accessToken, refresh (async () => new token, or null), log (fn),
   *   timeoutMs (the limit of one call, its body included)
   */
  constructor({ instanceUrl, accessToken, refresh = null, log = null, timeoutMs = DEFAULT_TIMEOUT_MS }) {
    this.instanceUrl = instanceUrl.replace(/\/+$/, '');
    this.accessToken = accessToken;
    this.refresh = refresh;
    this.log = log;
    this.timeoutMs = timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.version = API_VERSION;
    this.calls = 0;
  }

  /**
   * One GET and its parsed JSON body. Throws TransportError (no answer within the limit, which
   * covers the body too; a connection dropped), SalesforceError (an error status), AnswerError (a
   * successful status whose body is not JSON). `page`: the object whose next page this is.
   */
  async request(pathOrUrl, { auth = true, page = null } = {}) {
    const url = new URL(pathOrUrl, `${this.instanceUrl}/`);
    const call = callOf('GET', url, page);
    const shown = decodeURIComponent(url.pathname + url.search);
    const verbose = `GET ${shown.length > 160 ? `${shown.slice(0, 159)}…` : shown}`;
    const started = Date.now();
    this.calls += 1;
    // One limit for the whole call: a server that sends its headers and then hangs stops the body.
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response;
    let text;
    try {
      response = await fetch(url, {
        headers: {
          Accept: 'application/json',
          ...(auth ? { Authorization: `Bearer ${this.accessToken}` } : {})
        },
        signal
      });
      text = await response.text();
    } catch (error) {
      const failure = transportError(error, call, this.timeoutMs);
      if (this.log)
        this.log(
          `${response ? `${response.status} ` : ''}${verbose} failed after ${Date.now() - started} ms: ${failure.reason}`
        );
      throw failure;
    }
    let body;
    let parseError = null;
    try {
      body = JSON.parse(text);
    } catch (error) {
      const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
      parseError = !text.trim()
        ? 'empty'
        : type && !/json/i.test(type)
          ? type
          : String(error.message).split('\n')[0];
    }
    const notJson = parseError === null ? null : `the answer was not JSON (${parseError})`;
    if (this.log)
      this.log(
        `${response.status} ${verbose} (${Date.now() - started} ms)${response.ok && notJson ? `: ${notJson}` : ''}`
      );
    if (response.status === 401 && auth && this.refresh) {
      const refresh = this.refresh;
      this.refresh = null; // once
      const token = await this.refreshToken(refresh, call);
      if (token) {
        this.accessToken = token;
        if (this.log) this.log(`retrying ${verbose} with the new access token`);
        return this.request(pathOrUrl, { auth, page });
      }
    }
    if (!response.ok) {
      const first = Array.isArray(body) ? body[0] : body;
      throw new SalesforceError(
        response.status,
        (isObject(first) && (first.errorCode ?? first.error)) || null,
        (isObject(first) && (first.message ?? first.error_description)) ||
          notJson ||
          response.statusText ||
          'no message',
        shown,
        call
      );
    }
    if (notJson) throw new AnswerError(notJson, call);
    return body;
  }

  /** The refresh (once), within the limit, said on --verbose; the new token or null. */
  async refreshToken(refresh, call) {
    const started = Date.now();
    if (this.log) this.log(`refreshing the access token (${call} answered 401)`);
    let timer;
    const limit = new Promise((resolve) => {
      timer = setTimeout(
        () => resolve({ failed: `the org did not answer within ${seconds(this.timeoutMs)}`, timedOut: true }),
        this.timeoutMs
      );
    });
    const outcome = await Promise.race([
      refresh().then(
        (token) => (token ? { token } : { failed: 'no access token came back' }),
        (error) => ({ failed: String(error?.message ?? error).split('\n')[0] })
      ),
      limit
    ]);
    clearTimeout(timer);
    if (this.log)
      this.log(
        outcome.token
          ? `the access token was refreshed (${Date.now() - started} ms)`
          : `refreshing the access token failed after ${Date.now() - started} ms: ${outcome.failed}`
      );
    if (outcome.timedOut)
      throw new TransportError(
        'timeout',
        outcome.failed,
        'POST /services/oauth2/token (the token refresh)',
        'TIMEOUT'
      );
    return outcome.token ?? null;
  }

  /** Picks the API version: the reads' own, or the newest the org has when it is older. */
  async chooseVersion() {
    const path = '/services/data';
    const versions = await this.request(path, { auth: false });
    if (!Array.isArray(versions) || versions.some((v) => !isObject(v) || v.version === undefined))
      throw new AnswerError(
        'the answer was not a list of API versions',
        callOf('GET', new URL(path, `${this.instanceUrl}/`))
      );
    const numbers = versions.map((v) => String(v.version)).filter(Boolean);
    const usable = numbers
      .filter((v) => Number(v) <= Number(API_VERSION))
      .sort((a, b) => Number(a) - Number(b));
    if (usable.length) this.version = usable[usable.length - 1];
    return this.version;
  }

  /** Every record of a query, following nextRecordsUrl; stops early at `max` records. */
  async query(soql, max = Infinity) {
    const path = `/services/data/v${this.version}/query?q=${encodeURIComponent(soql)}`;
    const object = /\bFROM\s+(\w+)/i.exec(soql)?.[1] ?? '?';
    const origin = new URL(this.instanceUrl).origin;
    const check = (page, pathOrUrl) => {
      const wrong = notQueryResult(page, origin);
      if (wrong)
        throw new AnswerError(
          `the answer was not a query result (${wrong})`,
          callOf('GET', new URL(pathOrUrl, `${this.instanceUrl}/`), pathOrUrl === path ? null : object)
        );
      return page;
    };
    let page = check(await this.request(path), path);
    const records = [...page.records];
    while (!page.done && records.length < max) {
      const next = page.nextRecordsUrl;
      page = check(await this.request(next, { page: object }), next);
      records.push(...page.records);
    }
    return clean(records);
  }

  async describe(object) {
    const path = `/services/data/v${this.version}/sobjects/${encodeURIComponent(object)}/describe`;
    const body = await this.request(path);
    const wrong = notDescribe(body);
    if (wrong)
      throw new AnswerError(
        `the answer was not a describe (${wrong})`,
        callOf('GET', new URL(path, `${this.instanceUrl}/`))
      );
    return body;
  }

  /**
   * One Metadata API SOAP call (listMetadata, readMetadata) and its result elements, parsed from
   * XML. A SOAP fault is a SalesforceError with its faultcode; a successful status whose body is
   * not a SOAP envelope with that result is an AnswerError. Same limit and --verbose line as a GET.
   */
  async metadataCall(operation, inner) {
    const url = new URL(`/services/Soap/m/${this.version}`, `${this.instanceUrl}/`);
    const call = `POST ${url.pathname} (${operation})`;
    const started = Date.now();
    this.calls += 1;
    const envelope = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata"><soapenv:Header><SessionHeader><sessionId>${xmlText(this.accessToken)}</sessionId></SessionHeader></soapenv:Header><soapenv:Body><${operation}>${inner}</${operation}></soapenv:Body></soapenv:Envelope>`;
    let response;
    let text;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '""' },
        body: envelope,
        signal: AbortSignal.timeout(this.timeoutMs)
      });
      text = await response.text();
    } catch (error) {
      const failure = transportError(error, call, this.timeoutMs);
      if (this.log) this.log(`${call} failed after ${Date.now() - started} ms: ${failure.reason}`);
      throw failure;
    }
    if (this.log) this.log(`${response.status} ${call} (${Date.now() - started} ms)`);
    let body = null;
    try {
      const { XMLParser } = require('fast-xml-parser');
      body = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false }).parse(text)
        ?.Envelope?.Body;
    } catch {
      body = null;
    }
    const fault = body?.Fault;
    if (fault)
      throw new SalesforceError(
        response.status,
        String(fault.faultcode ?? '').replace(/^.*:/, '') || null,
        String(fault.faultstring ?? 'no message'),
        url.pathname,
        call
      );
    if (!response.ok)
      throw new SalesforceError(
        response.status,
        null,
        response.statusText || 'no message',
        url.pathname,
        call
      );
    const answer = body?.[`${operation}Response`];
    if (answer === undefined) throw new AnswerError('the answer was not a SOAP envelope with a result', call);
    const result = answer?.result;
    return result === undefined || result === '' ? [] : Array.isArray(result) ? result : [result];
  }

  /** listMetadata of these types (at most three per call): { fullName, id, type } of each component. */
  async listMetadata(types) {
    const rows = await this.metadataCall(
      'listMetadata',
      `${types.map((t) => `<queries><type>${xmlText(t)}</type></queries>`).join('')}<asOfVersion>${this.version}</asOfVersion>`
    );
    return rows.map((r) => ({
      fullName: String(r.fullName ?? ''),
      id: String(r.id ?? ''),
      type: String(r.type ?? '')
    }));
  }

  /** readMetadata of up to ten components of one type; the records found (missing ones are left out). */
  async readMetadata(type, fullNames) {
    const [result] = await this.metadataCall(
      'readMetadata',
      `<type>${xmlText(type)}</type>${fullNames.map((n) => `<fullNames>${xmlText(n)}</fullNames>`).join('')}`
    );
    const records = result?.records;
    const list = records === undefined ? [] : Array.isArray(records) ? records : [records];
    return list.filter((r) => isObject(r) && r.fullName);
  }

  async globalDescribe() {
    const path = `/services/data/v${this.version}/sobjects`;
    const body = await this.request(path);
    if (
      !isObject(body) ||
      !Array.isArray(body.sobjects) ||
      body.sobjects.some((o) => !isObject(o) || typeof o.name !== 'string')
    )
      throw new AnswerError(
        'the answer was not a list of objects (no sobjects array of named objects)',
        callOf('GET', new URL(path, `${this.instanceUrl}/`))
      );
    return body;
  }
}

// ------------------------------------------------------------------ connecting

/** Whether an error of @salesforce/core says the CLI holds no authorization for the org asked for. */
function isMissingAuthorization(error) {
  return /NamedOrgNotFound|NoUsernameFound|NoAuthInfoFound|AuthInfoCreationError/.test(error?.name ?? '');
}

/** The one line for an alias or username the Salesforce CLI holds no authorization for. */
function noAuthorization(targetOrg, name) {
  return new OrgError(
    `no Salesforce CLI authorization for "${targetOrg}": run sf org login web --alias ${targetOrg} (sf org list shows the orgs you are logged in to)`,
    name
  );
}

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
    if (isMissingAuthorization(error)) throw noAuthorization(targetOrg, name);
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
    ? () =>
        withCallLog(log, async () => {
          const connection = await core.Connection.create({
            authInfo,
            connectionOptions: { version: API_VERSION }
          });
          await connection.refreshAuth();
          return connection.accessToken;
        })
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

/**
 * Runs fn (a token refresh through @salesforce/core's Connection) with each HTTP call it makes
 * said on --verbose: method, path, status, time. The calls go through jsforce's Transport; its
 * httpRequest is wrapped for the time of fn only. Without log, fn alone.
 */
async function withCallLog(log, fn) {
  let Transport = null;
  try {
    ({ Transport } = require('@jsforce/jsforce-node/lib/transport'));
  } catch {
    Transport = null;
  }
  if (!log || !Transport?.prototype?.httpRequest) return fn();
  const original = Transport.prototype.httpRequest;
  Transport.prototype.httpRequest = function httpRequest(req, options) {
    const started = Date.now();
    const method = String(req?.method ?? 'GET').toUpperCase();
    let path = '?';
    try {
      path = new URL(req.url).pathname;
    } catch {
      path = String(req?.url ?? '?').split('?')[0];
    }
    const pending = original.call(this, req, options);
    pending.then(
      (res) => log(`${res?.statusCode ?? '?'} ${method} ${path} (${Date.now() - started} ms, token refresh)`),
      (error) =>
        log(
          `${method} ${path} failed after ${Date.now() - started} ms (token refresh): ${String(error?.message ?? error).split('\n')[0]}`
        )
    );
    return pending;
  };
  try {
    return await fn();
  } finally {
    Transport.prototype.httpRequest = original;
  }
}

/** One line for a REST failure that stops the read (exit code 3). */
function orgErrorOf(error, client, what) {
  if (error instanceof OrgError) return error;
  const org = client.targetOrg ?? client.instanceUrl;
  if (error instanceof TransportError) {
    if (error.kind === 'timeout')
      return new OrgError(
        `the org did not answer ${error.call} within ${seconds(client.timeoutMs)} (--timeout sets the limit)`,
        error.code
      );
    if (error.kind === 'unreachable')
      return new OrgError(`cannot reach ${client.instanceUrl} (${error.code}): ${error.call}`, error.code);
    return new OrgError(`cannot read ${what} from "${org}": ${error.reason} (${error.call})`, error.code);
  }
  if (error instanceof AnswerError)
    return new OrgError(`cannot read ${what} from "${org}": ${error.reason} (${error.call})`, 'ANSWER');
  if (!(error instanceof SalesforceError)) return error;
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
      return error.status >= 500 || !error.errorCode
        ? new OrgError(
            `cannot read ${what} from "${org}": ${error.reason}${error.call ? ` (${error.call})` : ''}`,
            error.errorCode
          )
        : new OrgError(`"${org}" refused to read ${what}: ${error.message}`, error.errorCode);
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

  /**
   * A required read: any failure (an error status, no answer in time, a dropped connection, an
   * answer that is not the documented shape) stops the command (exit 3, one line naming it).
   */
  async must(what, fn) {
    try {
      return await fn();
    } catch (error) {
      throw orgErrorOf(error, this.client, what);
    }
  }

  /**
   * An optional read, tried: { rows } or { error: the cause as it happened, naming the object }.
   * Never zero rows for a failure. A refused authorization still stops the command.
   */
  async attempt(object, fn) {
    try {
      return { rows: await fn() };
    } catch (error) {
      if (!isReadFailure(error) || isAuthFailure(error)) throw orgErrorOf(error, this.client, object);
      const cause = `${object}: ${error.reason}`;
      if (this.client.log) this.client.log(`not read: ${cause}`);
      return { error: cause };
    }
  }

  /**
   * A read behind an access flag (shared/spec/snapshot.md 0.3). Tried only when the running user's
   * rights allow it; otherwise accessMissing names the right and readErrors says it was not read.
   * A read that fails sets the flag false and readErrors to the cause, and names no right. Null then.
   */
  async optional(flag, { rights, access, accessMissing, readErrors }, object, fn) {
    if (!this.engine.mayRead(flag, rights)) {
      const right = this.engine.ACCESS_RIGHTS[flag].label;
      access[flag] = false;
      accessMissing[flag] = right;
      readErrors[flag] = `not read: the running user lacks ${right}`;
      if (this.client.log) this.client.log(`not read: ${object}: the running user lacks ${right}`);
      return null;
    }
    const { rows, error } = await this.attempt(object, fn);
    access[flag] = error === undefined;
    if (error !== undefined) {
      readErrors[flag] = error;
      return null;
    }
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
    const readErrors = {};
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
    const gate = { rights, access, accessMissing, readErrors };

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
      ? await this.optional('fieldClassification', gate, 'FieldDefinition', () =>
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
    const loginRows = await this.optional('userLogin', gate, 'UserLogin', () =>
      this.client.query(
        `${selectOf(loginRead)} WHERE UserId = ${soqlId(user.Id)}${limitClause(e, loginRead)}`
      )
    );
    const userLogin = loginRows === null ? undefined : (loginRows[0] ?? null);

    // 10. Login history (Manage Users or Monitor Login History), newest first.
    const historyRead = decl(e, 'loginHistory');
    const loginHistory =
      (await this.optional('loginHistory', gate, 'LoginHistory', () =>
        this.client.query(
          `${selectOf(historyRead)} WHERE UserId = ${soqlId(user.Id)} ORDER BY ${historyRead.orderBy}${limitClause(e, historyRead)}`,
          e.limitOf(historyRead)
        )
      )) ?? undefined;
    if (loginHistory) markTruncated(e, truncated, historyRead, loginHistory.length);

    // 11. OAuth tokens of apps named like Act-On (Customize Application to see other users' tokens).
    const tokenRead = decl(e, 'oauthTokens');
    const oauthTokens =
      (await this.optional('oauthTokens', gate, 'OauthToken', () =>
        inputs.oauthPatterns.length
          ? this.client.query(
              `${selectOf(tokenRead)} WHERE ${likeAny('AppName', inputs.oauthPatterns)} ORDER BY ${tokenRead.orderBy}${limitClause(e, tokenRead)}`,
              e.limitOf(tokenRead)
            )
          : []
      )) ?? undefined;

    // 12-14. Evidence only (0.3): the org, the installed Act-On apps and who they approve.
    const organization = await this.evidence('organization', gate, 'Organization', async () => {
      const read = decl(e, 'organization');
      return (await this.client.query(`${selectOf(read)}${limitClause(e, read)}`))[0] ?? null;
    });
    const apps = await this.connectedApps(gate, inputs, permissionSetIds);

    // 15. The Metadata API (command line only): the password policy and the profile's login IP ranges.
    const metadata = await this.metadataEvidence(user, gate);

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
      readErrors,
      truncated
    };
    if (access.fieldClassification) snapshot.classifiedObjects = objects;
    if (userLogin !== undefined) snapshot.userLogin = userLogin;
    if (loginHistory !== undefined) snapshot.loginHistory = loginHistory;
    if (oauthTokens !== undefined) snapshot.oauthTokens = oauthTokens;
    if (organization !== undefined) snapshot.organization = organization;
    Object.assign(snapshot, apps, metadata);
    return snapshot;
  }

  /** An evidence-only read behind an access flag: its value, or undefined when it failed (the cause kept). */
  async evidence(flag, gate, object, fn) {
    const rows = await this.optional(flag, gate, object, async () => [await fn()]);
    return rows === null ? undefined : rows[0];
  }

  /**
   * Installed connected apps named like Act-On and, for those only admin-approved users may use,
   * which of the user's profile and sets approve them (the same two reads as the Apex reader).
   */
  async connectedApps(gate, inputs, permissionSetIds) {
    const e = this.engine;
    if (!inputs.oauthPatterns.length) return {};
    const appRead = decl(e, 'connectedApps');
    const connectedApps = await this.optional('connectedApps', gate, 'ConnectedApplication', () =>
      this.client.query(
        `${selectOf(appRead)} WHERE ${likeAny('Name', inputs.oauthPatterns)} ORDER BY ${appRead.orderBy}${limitClause(e, appRead)}`,
        e.limitOf(appRead)
      )
    );
    if (connectedApps === null) return {};
    const approvedOnly = connectedApps.filter((a) => a.OptionsAllowAdminApprovedUsersOnly).map((a) => a.Id);
    if (!approvedOnly.length || !permissionSetIds.length) return { connectedApps };
    const accessRead = decl(e, 'setupEntityAccess');
    const setupEntityAccess = await this.optional('setupEntityAccess', gate, 'SetupEntityAccess', () =>
      this.client.query(
        `${selectOf(accessRead)} WHERE ParentId IN ${inList(permissionSetIds, soqlId)} AND SetupEntityId IN ${inList(approvedOnly, soqlId)}${limitClause(e, accessRead)}`,
        e.limitOf(accessRead)
      )
    );
    return setupEntityAccess === null ? { connectedApps } : { connectedApps, setupEntityAccess };
  }

  /**
   * The password policy (the profile's ProfilePasswordPolicy over the org's SecuritySettings) and the
   * profile's login IP ranges, through the Metadata API (listMetadata, readMetadata). Evidence only:
   * a failure is kept in readErrors and the key left out.
   */
  async metadataEvidence(user, gate) {
    const out = {};
    const listed = await this.client
      .listMetadata(['Profile', 'ProfilePasswordPolicy'])
      .then((rows) => ({ rows }))
      .catch((error) => {
        if (!isReadFailure(error) || isAuthFailure(error))
          throw orgErrorOf(error, this.client, 'listMetadata');
        return { error: `Metadata API listMetadata: ${error.reason}` };
      });
    if (listed.error) {
      gate.readErrors.passwordPolicy = listed.error;
      gate.readErrors.loginIpRanges = listed.error;
      return out;
    }
    const profileId = String(user.ProfileId).slice(0, 15);
    const profile = listed.rows.find((r) => r.type === 'Profile' && String(r.id).slice(0, 15) === profileId);
    const tried = async (key, what, fn) => {
      try {
        return await fn();
      } catch (error) {
        if (!isReadFailure(error) || isAuthFailure(error)) throw orgErrorOf(error, this.client, what);
        gate.readErrors[key] = `Metadata API ${what}: ${error.reason}`;
        return undefined;
      }
    };
    const policy = await tried('passwordPolicy', 'readMetadata', () =>
      this.passwordPolicy(profile, listed.rows)
    );
    if (policy !== undefined) out.passwordPolicy = policy;
    if (!profile) {
      gate.readErrors.loginIpRanges = `Metadata API listMetadata: no Profile with the id ${user.ProfileId}`;
      return out;
    }
    const records = await tried('loginIpRanges', 'readMetadata', () =>
      this.client.readMetadata('Profile', [profile.fullName])
    );
    if (records !== undefined) out.loginIpRanges = this.engine.loginIpRangesOf(records[0]);
    return out;
  }

  /** The profile's own policy when it has one, else the org's; null when neither says. */
  async passwordPolicy(profile, listed) {
    const e = this.engine;
    const names = listed.filter((r) => r.type === 'ProfilePasswordPolicy').map((r) => r.fullName);
    if (profile) {
      for (const chunk of chunks(names.slice(0, 50), 10)) {
        if (!chunk.length) continue;
        const records = await this.client.readMetadata('ProfilePasswordPolicy', chunk);
        const own = records.find((r) => r.profile === profile.fullName);
        const days = own ? e.passwordDaysOf(own.passwordExpiration) : undefined;
        if (days !== undefined) return { expiresAfterDays: days, source: 'profile' };
      }
    }
    const [security] = await this.client.readMetadata('SecuritySettings', ['Security']);
    const days = e.expirationDaysOf(security?.passwordPolicies?.expiration);
    return days === undefined ? null : { expiresAfterDays: days, source: 'org' };
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
      // Only a refused query (400, e.g. MALFORMED_QUERY) falls back; any other failure is a failure.
      if (!(error instanceof SalesforceError) || error.status !== 400 || isAuthFailure(error))
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

  /**
   * The admin's field mapping where the package is installed; {} where it is not (INVALID_TYPE:
   * the object does not exist, or the running user cannot see it). Any other failure is a failure
   * of a required read: a mapping read as empty would check the wrong fields.
   */
  async fieldMapping() {
    if (this.mapping !== undefined) return this.mapping;
    const read = decl(this.engine, 'fieldMapping');
    let rows;
    try {
      rows = await this.client.query(selectOf(read));
    } catch (error) {
      if (!(error instanceof SalesforceError) || error.errorCode !== 'INVALID_TYPE')
        throw orgErrorOf(error, this.client, read.object);
      rows = [];
    }
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
      const tried = await this.attempt('OauthToken', () =>
        this.client.query(
          `${selectOf(read)} WHERE ${likeAny('AppName', e.ACTON_NAME_PATTERNS)} ORDER BY ${read.orderBy}${limitClause(e, read)}`,
          sourceLimit
        )
      );
      oauthTokens = tried.rows ?? null;
      if (oauthTokens === null) skipped.push(`OAuth tokens: not read (${tried.error})`);
      else cut('OAuth tokens', oauthTokens, sourceLimit);
    }
    (oauthTokens ?? []).forEach((r) => found.add(r.UserId));
    let logins = null;
    if (!e.mayRead('loginHistory', rights)) {
      skipped.push(`Login history: reading other users' logins needs ${e.ACCESS_RIGHTS.loginHistory.label}`);
    } else {
      const read = decl(e, 'candidateLogins');
      const tried = await this.attempt('LoginHistory', () =>
        this.client.query(
          `${selectOf(read)} WHERE LoginTime = LAST_N_DAYS:30 AND LoginType != 'Application' ORDER BY ${read.orderBy}${limitClause(e, read)}`,
          e.limitOf(read)
        )
      );
      logins = tried.rows ?? null;
      if (logins === null) skipped.push(`Login history: not read (${tried.error})`);
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
  AnswerError,
  DEFAULT_TIMEOUT_MS,
  OrgError,
  OrgReader,
  RestClient,
  SalesforceError,
  TransportError,
  clean,
  connect,
  isMissingAuthorization,
  noAuthorization,
  orgErrorOf,
  soqlString
};
