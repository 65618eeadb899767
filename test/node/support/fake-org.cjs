'use strict';
/**
 * A fake Salesforce org for tests that must run without one: an HTTP server on 127.0.0.1 (random
 * port) answering the REST API calls a snapshot reader sends (API versions, SOQL queries with
 * paging, global and object describe, userinfo, the refresh token flow) in Salesforce's documented
 * response shapes, with the data of a snapshot fixture (shared/spec/snapshot.md). Node built-ins
 * only.
 *
 *   const { startFakeOrg } = require('./support/fake-org.cjs');
 *   const org = await startFakeOrg({ snapshot });
 *   // org.url, org.token, org.requests, org.orgId, org.shiftMs
 *   await org.close();
 *
 * The SOQL evaluator is hand-written and small: SELECT fields, relationship paths and aggregates
 * (COUNT, COUNT_DISTINCT, MIN, MAX, SUM, AVG), FROM, WHERE (AND, OR, NOT, parentheses, = != <> < >
 * <= >= IN, NOT IN, semi-join IN (SELECT ...), LIKE), WITH SECURITY_ENFORCED, GROUP BY, ORDER BY
 * (ASC, DESC, NULLS FIRST, NULLS LAST), LIMIT and OFFSET. It rejects what Salesforce rejects where
 * a reader could get it wrong: unknown objects and fields, bind variables, AND mixed with OR without
 * parentheses, aliases outside aggregate queries, duplicate fields, literals of the wrong type and
 * malformed record ids.
 */
const http = require('node:http');

const ORG_ID = '00D000000000001AAA';
const DEFAULT_TOKEN = '00D000000000001!FAKE.TOKEN';
const DEFAULT_API_VERSIONS = ['64.0', '65.0', '66.0', '67.0'];
const DEFAULT_RUNNING_USER_ID = '0058d0000000900AAM';
const DEFAULT_RIGHTS = [
  'PermissionsApiEnabled',
  'PermissionsViewSetup',
  'PermissionsManageUsers',
  'PermissionsMonitorLoginHistory',
  'PermissionsCustomizeApplication',
  'PermissionsManageProfilesPermissionsets',
  'PermissionsAssignPermissionSets'
];
const ADMIN_PERMISSION_SET_ID = '0PS8d0000000ADMAAM';
const ADMIN_ASSIGNMENT_ID = '0Pa8d0000000ADMAAM';
const ADMIN_PROFILE_ID = '00e8d0000000ADMAAM';
const FIELD_MAPPING_OBJECT = 'Readiness_Field_Mapping__c';
const DAY_MS = 24 * 60 * 60 * 1000;
const JSON_TYPE = 'application/json;charset=UTF-8';

/** A snapshot source the running user could not read, and the object whose queries then fail. */
const ACCESS_OBJECTS = {
  loginHistory: 'LoginHistory',
  userLogin: 'UserLogin',
  oauthTokens: 'OauthToken',
  fieldClassification: 'FieldDefinition',
  organization: 'Organization',
  connectedApps: 'ConnectedApplication',
  setupEntityAccess: 'SetupEntityAccess'
};

/** Data objects every org has, whether or not the snapshot describes them. */
const STANDARD_DATA_OBJECTS = {
  Lead: { keyPrefix: '00Q', name: 'LastName' },
  Contact: { keyPrefix: '003', name: 'LastName' },
  Account: { keyPrefix: '001', name: 'Name' },
  Campaign: { keyPrefix: '701', name: 'Name' },
  Opportunity: { keyPrefix: '006', name: 'Name' },
  Task: { keyPrefix: '00T', name: 'Subject' },
  Event: { keyPrefix: '00U', name: 'Subject' }
};

const ref = (target) => ({ type: 'reference', referenceTo: [target] });
const CREATED = { CreatedDate: 'datetime', LastModifiedDate: 'datetime' };

/** Setup objects the reader queries: fields (type or reference) and relationships (name: key field). */
const SYSTEM_OBJECTS = {
  User: {
    keyPrefix: '005',
    fields: {
      Id: 'id',
      Username: 'string',
      Name: 'string',
      FirstName: 'string',
      LastName: 'string',
      Alias: 'string',
      Email: 'email',
      IsActive: 'boolean',
      UserType: 'picklist',
      ProfileId: ref('Profile'),
      LastLoginDate: 'datetime',
      LastPasswordChangeDate: 'datetime',
      UserPermissionsMarketingUser: 'boolean',
      FederationIdentifier: 'string',
      TimeZoneSidKey: 'picklist',
      LanguageLocaleKey: 'picklist',
      ...CREATED
    },
    rels: { Profile: 'ProfileId' }
  },
  Profile: {
    keyPrefix: '00e',
    fields: {
      Id: 'id',
      Name: 'string',
      UserLicenseId: ref('UserLicense'),
      UserType: 'picklist',
      Description: 'textarea',
      ...CREATED
    },
    rels: { UserLicense: 'UserLicenseId' }
  },
  UserLicense: {
    keyPrefix: '100',
    fields: {
      Id: 'id',
      Name: 'string',
      LicenseDefinitionKey: 'string',
      Status: 'picklist',
      TotalLicenses: 'int',
      UsedLicenses: 'int'
    }
  },
  PermissionSet: {
    keyPrefix: '0PS',
    fields: {
      Id: 'id',
      Name: 'string',
      Label: 'string',
      Type: 'picklist',
      IsOwnedByProfile: 'boolean',
      IsCustom: 'boolean',
      ProfileId: ref('Profile'),
      PermissionSetGroupId: ref('PermissionSetGroup'),
      LicenseId: ref('PermissionSetLicense'),
      NamespacePrefix: 'string',
      Description: 'textarea',
      HasActivationRequired: 'boolean',
      ...CREATED
    },
    rels: { Profile: 'ProfileId' }
  },
  PermissionSetAssignment: {
    keyPrefix: '0Pa',
    fields: {
      Id: 'id',
      AssigneeId: ref('User'),
      PermissionSetId: ref('PermissionSet'),
      PermissionSetGroupId: ref('PermissionSetGroup'),
      ExpirationDate: 'datetime',
      IsActive: 'boolean',
      SystemModstamp: 'datetime'
    },
    rels: { Assignee: 'AssigneeId', PermissionSet: 'PermissionSetId' }
  },
  ObjectPermissions: {
    keyPrefix: '110',
    fields: {
      Id: 'id',
      ParentId: ref('PermissionSet'),
      SobjectType: 'picklist',
      PermissionsRead: 'boolean',
      PermissionsCreate: 'boolean',
      PermissionsEdit: 'boolean',
      PermissionsDelete: 'boolean',
      PermissionsViewAllRecords: 'boolean',
      PermissionsModifyAllRecords: 'boolean',
      PermissionsViewAllFields: 'boolean'
    },
    rels: { Parent: 'ParentId' }
  },
  FieldPermissions: {
    keyPrefix: '01k',
    fields: {
      Id: 'id',
      ParentId: ref('PermissionSet'),
      SobjectType: 'picklist',
      Field: 'string',
      PermissionsRead: 'boolean',
      PermissionsEdit: 'boolean'
    },
    rels: { Parent: 'ParentId' }
  },
  EntityDefinition: {
    keyPrefix: null,
    indexKey: 'DurableId',
    fields: {
      Id: 'id',
      DurableId: 'string',
      QualifiedApiName: 'string',
      DeveloperName: 'string',
      Label: 'string',
      KeyPrefix: 'string',
      NamespacePrefix: 'string',
      IsCustomizable: 'boolean',
      IsCustomSetting: 'boolean'
    }
  },
  FieldDefinition: {
    keyPrefix: null,
    fields: {
      Id: 'id',
      DurableId: 'string',
      QualifiedApiName: 'string',
      DeveloperName: 'string',
      Label: 'string',
      DataType: 'string',
      EntityDefinitionId: 'string',
      SecurityClassification: 'picklist',
      ComplianceGroup: 'multipicklist',
      BusinessStatus: 'picklist'
    },
    rels: { EntityDefinition: 'EntityDefinitionId' }
  },
  UserLogin: {
    keyPrefix: '060',
    fields: {
      Id: 'id',
      UserId: ref('User'),
      IsFrozen: 'boolean',
      IsPasswordLocked: 'boolean',
      LastModifiedDate: 'datetime'
    }
  },
  LoginHistory: {
    keyPrefix: '0Ya',
    fields: {
      Id: 'id',
      UserId: ref('User'),
      LoginTime: 'datetime',
      Status: 'string',
      LoginType: 'picklist',
      Application: 'string',
      ApiType: 'string',
      ApiVersion: 'string',
      SourceIp: 'string',
      Browser: 'string',
      Platform: 'string',
      LoginUrl: 'string',
      ClientVersion: 'string',
      TlsProtocol: 'picklist',
      CipherSuite: 'picklist',
      LoginSubType: 'picklist',
      AuthMethodReference: 'string'
    }
  },
  OauthToken: {
    keyPrefix: '0CQ',
    fields: {
      Id: 'id',
      UserId: ref('User'),
      AppName: 'string',
      AppMenuItemId: ref('AppMenuItem'),
      LastUsedDate: 'datetime',
      UseCount: 'int',
      DeleteToken: 'string',
      RequestToken: 'string',
      CreatedDate: 'datetime'
    },
    rels: { User: 'UserId' }
  },
  ConnectedApplication: {
    keyPrefix: '0H4',
    fields: {
      Id: 'id',
      Name: 'string',
      OptionsAllowAdminApprovedUsersOnly: 'boolean',
      StartUrl: 'url',
      ...CREATED
    }
  },
  SetupEntityAccess: {
    keyPrefix: '0J0',
    fields: {
      Id: 'id',
      ParentId: ref('PermissionSet'),
      SetupEntityId: 'id',
      SetupEntityType: 'picklist',
      SystemModstamp: 'datetime'
    },
    rels: { Parent: 'ParentId' }
  },
  Organization: {
    keyPrefix: '00D',
    fields: {
      Id: 'id',
      Name: 'string',
      CreatedDate: 'datetime',
      IsSandbox: 'boolean',
      InstanceName: 'string',
      OrganizationType: 'picklist',
      NamespacePrefix: 'string',
      TrialExpirationDate: 'datetime',
      LanguageLocaleKey: 'picklist',
      DefaultLocaleSidKey: 'picklist',
      TimeZoneSidKey: 'picklist'
    }
  },
  [FIELD_MAPPING_OBJECT]: {
    keyPrefix: 'a0M',
    customSetting: true,
    fields: {
      Id: 'id',
      Name: 'string',
      Field_Api_Name__c: 'string',
      IsDeleted: 'boolean',
      ...CREATED
    }
  }
};

const xmlEscape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const AUDIT_FIELDS = new Set([
  'createddate',
  'createdbyid',
  'lastmodifieddate',
  'lastmodifiedbyid',
  'systemmodstamp',
  'isdeleted',
  'lastactivitydate',
  'lastvieweddate',
  'lastreferenceddate'
]);

// ---------------------------------------------------------------- errors and small helpers

class SfError extends Error {
  constructor(status, errorCode, message, extra) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.extra = extra || {};
  }

  body() {
    return [{ message: this.message, errorCode: this.errorCode, ...this.extra }];
  }
}

/** Salesforce's way of pointing at a place in a query. */
function at(soql, pos, message) {
  const before = soql.slice(0, pos);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = soql.indexOf('\n', pos);
  const line = soql.slice(lineStart, lineEnd < 0 ? soql.length : lineEnd);
  const column = pos - lineStart + 1;
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${message}`;
}

const malformed = (soql, pos, message) => new SfError(400, 'MALFORMED_QUERY', at(soql, pos, message));

const invalidField = (soql, pos, message) =>
  new SfError(400, 'INVALID_FIELD', at(soql, pos, message), { fields: [] });

const notFound = () => new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');

function noSuchType(name) {
  return (
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure ` +
    "to append the '__c' after the entity name. Please reference your WSDL or the describe call for " +
    'the appropriate names.'
  );
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const RECORD_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/** Milliseconds of a datetime or date value (a date is midnight UTC), or NaN. */
function toMs(value) {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return NaN;
  if (ISO_DATE.test(value)) return Date.parse(`${value}T00:00:00Z`);
  // Salesforce writes +0000; Date.parse reads it, but normalise to be safe.
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

function labelOf(name) {
  return name
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim();
}

function pluralOf(word) {
  if (/(s|x|ch|sh)$/i.test(word)) return `${word}es`;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** Salesforce's release name of an API version: 58.0 is Summer '23, one release every 4 months. */
function releaseLabel(version) {
  const n = Math.round(Number(version)) - 58;
  const season = ((n % 3) + 3) % 3;
  const year = (season === 0 ? 23 : 24) + Math.floor(n / 3);
  return `${['Summer', 'Winter', 'Spring'][season]} '${String(year).padStart(2, '0')}`;
}

/** Family of a field type for comparisons and literal checks. */
function familyOf(type) {
  switch (type) {
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
    case 'long':
      return 'number';
    case 'datetime':
      return 'datetime';
    case 'date':
      return 'date';
    case 'id':
    case 'reference':
      return 'id';
    default:
      return 'string';
  }
}

function inferType(name, value) {
  if (/^Permissions/.test(name) || typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (typeof value === 'string' && ISO_DATETIME.test(value)) return 'datetime';
  if (typeof value === 'string' && ISO_DATE.test(value)) return 'date';
  if (/Id$/.test(name) && typeof value === 'string' && RECORD_ID.test(value)) return 'reference';
  return 'string';
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Shifts every ISO datetime string by ms (dates without time stay). */
function shiftDatetimes(value, ms) {
  if (typeof value === 'string') {
    return ISO_DATETIME.test(value) ? new Date(toMs(value) + ms).toISOString() : value;
  }
  if (Array.isArray(value)) return value.map((v) => shiftDatetimes(v, ms));
  if (isPlainObject(value)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = shiftDatetimes(v, ms);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------- SOQL: tokens

const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'GROUP',
  'BY',
  'ORDER',
  'ASC',
  'DESC',
  'NULLS',
  'FIRST',
  'LAST',
  'LIMIT',
  'OFFSET',
  'WITH',
  'HAVING',
  'TRUE',
  'FALSE',
  'NULL',
  'INCLUDES',
  'EXCLUDES'
]);
const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'MIN', 'MAX', 'SUM', 'AVG']);
const DATE_LITERALS = new Set(['TODAY', 'YESTERDAY', 'TOMORROW']);
const DATE_N_LITERALS = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS', 'N_DAYS_AGO']);
const STRING_ESCAPES = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

function unescapeString(raw, soql, pos) {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = raw[++i];
    if (n in STRING_ESCAPES) out += STRING_ESCAPES[n];
    else if (n === '%' || n === '_') out += n;
    else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16));
      i += 4;
    } else throw malformed(soql, pos, `Invalid string literal '${raw}'. Illegal character sequence '\\${n}'`);
  }
  return out;
}

function likeRegex(raw) {
  let source = '';
  for (let i = 0; i < raw.length; i++) {
    let c = raw[i];
    if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else {
      if (c === '\\') {
        const n = raw[++i];
        c = n in STRING_ESCAPES ? STRING_ESCAPES[n] : n;
      }
      source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'i');
}

function tokenize(soql) {
  const tokens = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (c === "'") {
      let raw = '';
      let closed = false;
      i++;
      while (i < soql.length) {
        if (soql[i] === '\\' && i + 1 < soql.length) {
          raw += soql[i] + soql[i + 1];
          i += 2;
        } else if (soql[i] === "'") {
          closed = true;
          i++;
          break;
        } else raw += soql[i++];
      }
      if (!closed) throw malformed(soql, pos, "line 1:0 no viable alternative at character '''");
      tokens.push({ type: 'string', raw, value: unescapeString(raw, soql, pos), pos, end: i });
      continue;
    }
    const rest = soql.slice(i);
    let m;
    if ((m = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/.exec(rest))) {
      tokens.push({ type: 'datetime', value: toMs(m[0]), text: m[0], pos, end: i + m[0].length });
    } else if ((m = /^\d{4}-\d{2}-\d{2}(?![\w:-])/.exec(rest))) {
      tokens.push({ type: 'date', value: m[0], text: m[0], pos, end: i + m[0].length });
    } else if ((m = /^-?\d+(\.\d+)?(?![\w.])/.exec(rest))) {
      tokens.push({ type: 'number', value: Number(m[0]), text: m[0], pos, end: i + m[0].length });
    } else if ((m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest))) {
      const token = { type: 'ident', value: m[0], upper: m[0].toUpperCase(), pos, end: i + m[0].length };
      const n = /^:(\d+)/.exec(soql.slice(token.end));
      if (n && DATE_N_LITERALS.has(token.upper)) {
        token.n = Number(n[1]);
        token.end += n[0].length;
      }
      tokens.push(token);
    } else if ((m = /^(<=|>=|!=|<>|[=<>(),])/.exec(rest))) {
      tokens.push({ type: 'punct', value: m[0], pos, end: i + m[0].length });
    } else {
      throw malformed(soql, pos, `unexpected token: '${c}'`);
    }
    i = tokens[tokens.length - 1].end;
  }
  tokens.push({ type: 'eof', pos: soql.length, end: soql.length });
  return tokens;
}

// ---------------------------------------------------------------- SOQL: parser

class Parser {
  constructor(soql) {
    this.soql = soql;
    this.tokens = tokenize(soql);
    this.i = 0;
  }

  peek(k = 0) {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
  }

  next() {
    const t = this.peek();
    if (t.type !== 'eof') this.i++;
    return t;
  }

  isKeyword(token, word) {
    return token.type === 'ident' && token.upper === word;
  }

  acceptKeyword(word) {
    return this.isKeyword(this.peek(), word) ? this.next() : null;
  }

  expectKeyword(word) {
    return this.acceptKeyword(word) || this.unexpected();
  }

  acceptPunct(p) {
    const t = this.peek();
    return t.type === 'punct' && t.value === p ? this.next() : null;
  }

  expectPunct(p) {
    return this.acceptPunct(p) || this.unexpected();
  }

  unexpected(token = this.peek()) {
    const text = token.type === 'eof' ? '<EOF>' : this.soql.slice(token.pos, token.end);
    throw malformed(this.soql, token.pos, `unexpected token: ${token.type === 'eof' ? text : `'${text}'`}`);
  }

  /** A field path: an identifier that is not a keyword. */
  fieldPath() {
    const t = this.peek();
    if (t.type !== 'ident' || KEYWORDS.has(t.upper) || t.n !== undefined) this.unexpected();
    this.next();
    return { path: t.value, pos: t.pos };
  }

  parseQuery(nested = false) {
    const start = this.peek().pos;
    this.expectKeyword('SELECT');
    const select = [this.selectItem()];
    while (this.acceptPunct(',')) select.push(this.selectItem());
    this.expectKeyword('FROM');
    const fromToken = this.peek();
    if (fromToken.type !== 'ident' || KEYWORDS.has(fromToken.upper) || fromToken.value.includes('.')) {
      this.unexpected();
    }
    this.next();
    const query = {
      select,
      from: { name: fromToken.value, pos: fromToken.pos },
      where: null,
      groupBy: [],
      orderBy: [],
      limit: null,
      offset: null,
      pos: start
    };
    this.withClause();
    if (this.acceptKeyword('WHERE')) query.where = this.expression();
    this.withClause();
    if (this.acceptKeyword('GROUP')) {
      this.expectKeyword('BY');
      query.groupBy.push(this.fieldPath());
      while (this.acceptPunct(',')) query.groupBy.push(this.fieldPath());
    }
    if (this.isKeyword(this.peek(), 'HAVING')) {
      throw malformed(this.soql, this.peek().pos, 'HAVING is not supported by the fake org');
    }
    if (this.acceptKeyword('ORDER')) {
      this.expectKeyword('BY');
      query.orderBy.push(this.orderItem());
      while (this.acceptPunct(',')) query.orderBy.push(this.orderItem());
    }
    if (this.acceptKeyword('LIMIT')) query.limit = this.integer();
    if (this.acceptKeyword('OFFSET')) query.offset = this.integer();
    if (!nested && this.peek().type !== 'eof') this.unexpected();
    return query;
  }

  withClause() {
    if (!this.acceptKeyword('WITH')) return;
    const t = this.peek();
    if (t.type === 'ident' && t.upper === 'SECURITY_ENFORCED') this.next();
    else this.unexpected();
  }

  integer() {
    const t = this.next();
    if (t.type !== 'number' || !Number.isInteger(t.value) || t.value < 0) this.unexpected(t);
    return t.value;
  }

  selectItem() {
    const t = this.peek();
    if (t.type === 'punct' && t.value === '(') {
      throw malformed(this.soql, t.pos, 'child relationship subqueries are not supported by the fake org');
    }
    let item;
    if (t.type === 'ident' && this.peek(1).type === 'punct' && this.peek(1).value === '(') {
      item = this.aggregate();
    } else {
      item = { kind: 'field', ...this.fieldPath() };
    }
    const a = this.peek();
    if (a.type === 'ident' && !KEYWORDS.has(a.upper) && !a.value.includes('.')) {
      this.next();
      item.alias = a.value;
      item.aliasPos = a.pos;
    }
    return item;
  }

  aggregate() {
    const t = this.next();
    if (!AGGREGATES.has(t.upper)) {
      throw malformed(this.soql, t.pos, `unexpected token: '${t.value}' (not supported by the fake org)`);
    }
    this.expectPunct('(');
    if (t.upper === 'COUNT' && this.acceptPunct(')')) {
      return { kind: 'agg', fn: 'COUNT', countAll: true, pos: t.pos, text: 'COUNT()' };
    }
    const field = this.fieldPath();
    this.expectPunct(')');
    return { kind: 'agg', fn: t.upper, path: field.path, pos: t.pos, fieldPos: field.pos };
  }

  orderItem() {
    const t = this.peek();
    let item;
    if (t.type === 'ident' && this.peek(1).type === 'punct' && this.peek(1).value === '(') {
      item = this.aggregate();
    } else {
      item = { kind: 'field', ...this.fieldPath() };
    }
    item.desc = false;
    if (this.acceptKeyword('DESC')) item.desc = true;
    else this.acceptKeyword('ASC');
    item.nullsFirst = !item.desc;
    if (this.acceptKeyword('NULLS')) {
      if (this.acceptKeyword('FIRST')) item.nullsFirst = true;
      else if (this.acceptKeyword('LAST')) item.nullsFirst = false;
      else this.unexpected();
    }
    return item;
  }

  /** Conditions joined by one kind of operator: SOQL wants parentheses to mix AND and OR. */
  expression() {
    const items = [this.unary()];
    let op = null;
    for (;;) {
      const t = this.peek();
      if (!this.isKeyword(t, 'AND') && !this.isKeyword(t, 'OR')) break;
      if (op && op !== t.upper) this.unexpected(t);
      op = t.upper;
      this.next();
      items.push(this.unary());
    }
    return op ? { type: op.toLowerCase(), items } : items[0];
  }

  unary() {
    if (this.acceptKeyword('NOT')) return { type: 'not', expr: this.unary() };
    if (this.acceptPunct('(')) {
      const e = this.expression();
      this.expectPunct(')');
      return e;
    }
    return this.condition();
  }

  condition() {
    const field = this.fieldPath();
    const cond = { type: 'cond', path: field.path, pos: field.pos };
    const t = this.peek();
    if (this.acceptKeyword('NOT')) {
      this.expectKeyword('IN');
      return this.inList({ ...cond, op: 'notin' });
    }
    if (this.acceptKeyword('IN')) return this.inList({ ...cond, op: 'in' });
    if (this.acceptKeyword('LIKE')) {
      const v = this.next();
      if (v.type !== 'string') this.unexpected(v);
      return {
        ...cond,
        op: 'like',
        value: { kind: 'string', value: v.value, pos: v.pos },
        regex: likeRegex(v.raw)
      };
    }
    if (this.isKeyword(t, 'INCLUDES') || this.isKeyword(t, 'EXCLUDES')) {
      throw malformed(this.soql, t.pos, `${t.upper} is not supported by the fake org`);
    }
    if (t.type === 'punct' && ['=', '!=', '<>', '<', '>', '<=', '>='].includes(t.value)) {
      this.next();
      return { ...cond, op: t.value === '<>' ? '!=' : t.value, value: this.value() };
    }
    return this.unexpected();
  }

  inList(cond) {
    this.expectPunct('(');
    if (this.isKeyword(this.peek(), 'SELECT')) {
      const sub = this.parseQuery(true);
      this.expectPunct(')');
      return { ...cond, subquery: sub };
    }
    const values = [this.value()];
    while (this.acceptPunct(',')) values.push(this.value());
    this.expectPunct(')');
    return { ...cond, values };
  }

  value() {
    const t = this.next();
    const pos = t.pos;
    switch (t.type) {
      case 'string':
        return { kind: 'string', value: t.value, pos };
      case 'number':
        return { kind: 'number', value: t.value, pos };
      case 'datetime':
        return { kind: 'datetime', value: t.value, pos };
      case 'date':
        return { kind: 'date', value: t.value, pos };
      case 'ident':
        if (t.upper === 'TRUE' || t.upper === 'FALSE')
          return { kind: 'boolean', value: t.upper === 'TRUE', pos };
        if (t.upper === 'NULL') return { kind: 'null', value: null, pos };
        if (DATE_LITERALS.has(t.upper)) return { kind: 'dateLiteral', name: t.upper, pos };
        if (DATE_N_LITERALS.has(t.upper) && t.n !== undefined) {
          return { kind: 'dateLiteral', name: t.upper, n: t.n, pos };
        }
        return this.unexpected(t);
      default:
        return this.unexpected(t);
    }
  }
}

function parseSoql(soql) {
  if (!soql || !soql.trim()) {
    throw new SfError(400, 'MALFORMED_QUERY', 'SOQL statements cannot be empty or null');
  }
  return new Parser(soql).parseQuery();
}

/** [start, end) in ms of a date literal, days in UTC. */
function dateRange(literal, now) {
  const d = new Date(now);
  const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const n = literal.n || 0;
  switch (literal.name) {
    case 'TODAY':
      return [today, today + DAY_MS];
    case 'YESTERDAY':
      return [today - DAY_MS, today];
    case 'TOMORROW':
      return [today + DAY_MS, today + 2 * DAY_MS];
    case 'LAST_N_DAYS':
      return [today - n * DAY_MS, today + DAY_MS];
    case 'NEXT_N_DAYS':
      return [today + DAY_MS, today + (n + 1) * DAY_MS];
    default:
      return [today - n * DAY_MS, today - (n - 1) * DAY_MS];
  }
}

// ---------------------------------------------------------------- tables

class Table {
  constructor(name, options = {}) {
    this.name = name;
    this.label = options.label || labelOf(name);
    this.keyPrefix = options.keyPrefix === undefined ? null : options.keyPrefix;
    this.custom = /__c$/i.test(name);
    this.customSetting = !!options.customSetting;
    this.system = !!options.system;
    this.indexKey = options.indexKey || 'Id';
    this.fields = new Map();
    this.rels = new Map();
    this.rows = [];
    this.index = new Map();
  }

  field(name) {
    return this.fields.get(String(name).toLowerCase());
  }

  addField(name, spec) {
    const key = name.toLowerCase();
    if (this.fields.has(key)) return this.fields.get(key);
    const s = typeof spec === 'string' ? { type: spec } : spec;
    const field = {
      name,
      label: s.label || labelOf(name),
      type: (s.type || 'string').toLowerCase(),
      custom: s.custom === undefined ? /__c$/i.test(name) : !!s.custom,
      permissionable: s.permissionable === undefined ? false : !!s.permissionable,
      referenceTo: s.referenceTo || [],
      describe: s.describe || null
    };
    this.fields.set(key, field);
    return field;
  }

  addRel(name, keyField, target) {
    this.rels.set(name.toLowerCase(), { name, key: keyField, target });
  }

  rel(name) {
    return this.rels.get(String(name).toLowerCase());
  }

  addRow(row) {
    this.rows.push(row);
    const id = row[this.indexKey];
    if (typeof id === 'string' && id) {
      if (!this.index.has(id)) this.index.set(id, row);
      if (id.length === 18 && !this.index.has(id.slice(0, 15))) this.index.set(id.slice(0, 15), row);
    }
    return row;
  }

  byId(id) {
    if (typeof id !== 'string') return null;
    return this.index.get(id) || (id.length === 18 ? this.index.get(id.slice(0, 15)) : null) || null;
  }
}

// ---------------------------------------------------------------- the org

class FakeOrg {
  constructor(options) {
    const raw = isPlainObject(options.snapshot) ? { ...options.snapshot } : {};
    delete raw.fixture;
    this.options = options;
    this.token = options.token || DEFAULT_TOKEN;
    this.apiVersions = (options.apiVersions || DEFAULT_API_VERSIONS).map(String);
    this.pageSize = Math.max(1, options.pageSize || 2000);
    this.refuseGroupBy = !!options.refuseGroupBy;
    this.fieldMappingObject = options.fieldMappingObject !== false;
    this.datetimeFormat = options.datetimeFormat === 'iso' ? 'iso' : 'salesforce';
    this.requests = [];
    this.cursors = new Map();
    this.cursorCount = 0;
    this.idCount = 0;
    this.failures = (options.failures || []).map((f) => ({ ...f, used: 0 }));

    const capturedAt = toMs(raw.capturedAt);
    this.shiftMs = options.shiftDates === false || Number.isNaN(capturedAt) ? 0 : Date.now() - capturedAt;
    const { capturedAt: captured, ...rest } = raw;
    this.snapshot = { ...shiftDatetimes(rest, this.shiftMs), capturedAt: captured };

    this.denied = new Set(
      Object.entries(ACCESS_OBJECTS)
        .filter(([key]) => isPlainObject(this.snapshot.access) && this.snapshot.access[key] === false)
        .map(([, object]) => object.toLowerCase())
    );
    for (const name of options.deniedObjects || []) this.denied.add(String(name).toLowerCase());

    this.tables = new Map();
    this.build();
  }

  genId(prefix) {
    this.idCount += 1;
    return `${(prefix || '000').slice(0, 3)}FAKE${String(this.idCount).padStart(8, '0')}AAA`;
  }

  table(name) {
    return this.tables.get(String(name).toLowerCase()) || null;
  }

  defineTable(name, options) {
    const table = new Table(name, options);
    this.tables.set(name.toLowerCase(), table);
    return table;
  }

  /** A stored row: canonical field names, relationship objects nested, unknown fields added. */
  normalize(table, raw) {
    const row = {};
    for (const [key, value] of Object.entries(raw || {})) {
      if (key === 'attributes') continue;
      const rel = table.rel(key);
      if (rel) {
        if (isPlainObject(value)) row[rel.name] = this.normalize(this.table(rel.target), value);
        continue;
      }
      if (value !== null && typeof value === 'object') continue;
      const field = table.field(key) || table.addField(key, inferType(key, value));
      row[field.name] = value;
    }
    return row;
  }

  build() {
    const snap = this.snapshot;
    for (const [name, def] of Object.entries(SYSTEM_OBJECTS)) {
      if (name === FIELD_MAPPING_OBJECT && !this.fieldMappingObject) continue;
      const table = this.defineTable(name, { ...def, system: true });
      for (const [field, spec] of Object.entries(def.fields)) table.addField(field, spec);
    }
    for (const [name, def] of Object.entries(SYSTEM_OBJECTS)) {
      const table = this.table(name);
      if (!table) continue;
      for (const [relName, key] of Object.entries(def.rels || {})) {
        const target = name === 'FieldDefinition' ? 'EntityDefinition' : table.field(key).referenceTo[0];
        table.addRel(relName, key, target);
      }
    }
    this.buildDataObjects();

    const user = isPlainObject(snap.user) ? snap.user : null;
    const userId = user && user.Id;
    const given = this.options.runningUser || {};
    const runningId = given.Id || snap.runningUserId || DEFAULT_RUNNING_USER_ID;
    this.selfMode = !!userId && runningId === userId;
    const rights = (given.rights || DEFAULT_RIGHTS).filter((r) => /^Permissions/.test(r));
    this.rights = rights;

    // Permission fields: every Permissions* key of the snapshot's sets and the admin's rights.
    const permissionSets = (Array.isArray(snap.permissionSets) ? snap.permissionSets : []).concat(
      this.options.extraPermissionSets || []
    );
    const psTable = this.table('PermissionSet');
    for (const ps of permissionSets) {
      for (const key of Object.keys(ps || {})) if (/^Permissions/.test(key)) psTable.addField(key, 'boolean');
    }
    for (const right of rights) psTable.addField(right, 'boolean');

    // Users: the snapshot's, the running user, other candidates, owners of OAuth tokens.
    const users = this.table('User');
    const addUser = (rawUser) => {
      if (!isPlainObject(rawUser) || !rawUser.Id || users.byId(rawUser.Id)) return;
      users.addRow(this.normalize(users, rawUser));
    };
    if (user) addUser(user);
    const runningFields = { ...given };
    delete runningFields.rights;
    this.runningUser = this.selfMode
      ? { ...user, ...runningFields }
      : {
          Id: runningId,
          Username: 'admin@acme.example',
          Name: 'Org Admin',
          IsActive: true,
          UserType: 'Standard',
          ProfileId: ADMIN_PROFILE_ID,
          Profile: { Name: 'System Administrator', UserLicense: { Name: 'Salesforce' } },
          LastLoginDate: new Date().toISOString(),
          ...runningFields
        };
    addUser(this.runningUser);
    for (const other of this.options.otherUsers || []) {
      addUser({ IsActive: true, UserType: 'Standard', ...other });
    }
    const tokens = Array.isArray(snap.oauthTokens) ? snap.oauthTokens : [];
    for (const token of tokens) {
      if (token && token.UserId && isPlainObject(token.User)) {
        addUser({ IsActive: true, UserType: 'Standard', ...token.User, Id: token.UserId });
      }
    }

    // Profiles and licenses, from what users and profile permission sets say of them.
    const profiles = this.table('Profile');
    const licenses = this.table('UserLicense');
    const licenseId = (name) => {
      const found = licenses.rows.find((l) => l.Name === name);
      return found ? found.Id : licenses.addRow({ Id: this.genId('100'), Name: name }).Id;
    };
    const addProfile = (id, inline) => {
      if (!id || !isPlainObject(inline) || profiles.byId(id)) return;
      const row = this.normalize(profiles, { ...inline, Id: id });
      if (row.UserLicense && row.UserLicense.Name) row.UserLicenseId = licenseId(row.UserLicense.Name);
      profiles.addRow(row);
    };
    for (const u of users.rows) addProfile(u.ProfileId, u.Profile);
    for (const ps of permissionSets) if (ps) addProfile(ps.ProfileId, ps.Profile);

    // Permission sets (AssigneeCount is kept aside: the grouped count answers it).
    this.assigneeCounts = new Map();
    let profileSet = null;
    for (const ps of permissionSets) {
      if (!isPlainObject(ps) || !ps.Id) continue;
      const { AssigneeCount, ...fields } = ps;
      if (typeof AssigneeCount === 'number') this.assigneeCounts.set(ps.Id, AssigneeCount);
      const row = psTable.addRow(this.normalize(psTable, fields));
      if (user && row.IsOwnedByProfile === true && row.ProfileId === user.ProfileId) profileSet = row;
    }
    const assignments = this.table('PermissionSetAssignment');
    for (const a of Array.isArray(snap.assignments) ? snap.assignments : []) {
      if (isPlainObject(a)) {
        assignments.addRow(
          this.normalize(assignments, { Id: this.genId('0Pa'), IsActive: true, ...a, AssigneeId: userId })
        );
      }
    }
    if (this.selfMode) {
      // The running user is the snapshot's user: no set of its own (it would change what is scored);
      // rights the snapshot's sets do not mention come through the user's profile.
      const mentioned = new Set(permissionSets.flatMap((ps) => Object.keys(ps || {})));
      if (profileSet) for (const right of rights) if (!mentioned.has(right)) profileSet[right] = true;
    } else {
      const admin = {
        Id: ADMIN_PERMISSION_SET_ID,
        Name: 'Fake_Admin',
        Label: 'Fake Admin',
        Type: 'Regular',
        IsOwnedByProfile: false,
        IsCustom: true,
        ProfileId: null,
        PermissionSetGroupId: null,
        LicenseId: null,
        NamespacePrefix: null
      };
      for (const field of psTable.fields.values())
        if (/^Permissions/.test(field.name)) admin[field.name] = false;
      for (const right of rights) admin[right] = true;
      psTable.addRow(admin);
      assignments.addRow({
        Id: ADMIN_ASSIGNMENT_ID,
        AssigneeId: runningId,
        PermissionSetId: ADMIN_PERMISSION_SET_ID,
        PermissionSetGroupId: null,
        ExpirationDate: null,
        IsActive: true
      });
    }
    for (const a of this.options.extraAssignments || []) {
      assignments.addRow(this.normalize(assignments, { Id: this.genId('0Pa'), IsActive: true, ...a }));
    }
    // Rows the grouped count sees: each set with an AssigneeCount has exactly that many.
    this.countRows = [];
    for (const row of assignments.rows) {
      if (!this.assigneeCounts.has(row.PermissionSetId)) this.countRows.push(row);
    }
    for (const [setId, count] of this.assigneeCounts) {
      const real = assignments.rows.filter((r) => r.PermissionSetId === setId).slice(0, count);
      this.countRows.push(...real);
      for (let i = real.length; i < count; i++) {
        this.countRows.push({
          Id: this.genId('0Pa'),
          AssigneeId: this.genId('005'),
          PermissionSetId: setId,
          PermissionSetGroupId: null,
          ExpirationDate: null,
          IsActive: true
        });
      }
    }

    for (const [key, name, prefix] of [
      ['objectPermissions', 'ObjectPermissions', '110'],
      ['fieldPermissions', 'FieldPermissions', '01k']
    ]) {
      const table = this.table(name);
      for (const r of Array.isArray(snap[key]) ? snap[key] : []) {
        if (isPlainObject(r)) table.addRow(this.normalize(table, { Id: this.genId(prefix), ...r }));
      }
    }
    this.readableFields = Array.isArray(snap.readableFields) ? snap.readableFields : null;

    // Classifications and the objects they belong to.
    const entities = this.table('EntityDefinition');
    for (const data of this.dataObjects) {
      entities.addRow({
        Id: '000000000000000AAA',
        DurableId: data.name,
        QualifiedApiName: data.name,
        DeveloperName: data.name.replace(/__c$/, ''),
        Label: data.label,
        KeyPrefix: data.keyPrefix,
        NamespacePrefix: null,
        IsCustomizable: true,
        IsCustomSetting: false
      });
    }
    const definitions = this.table('FieldDefinition');
    for (const f of this.snapshotFields) {
      const entity = entities.byId(f.object);
      definitions.addRow({
        Id: '000000000000000AAA',
        DurableId: `${f.object}.${f.name}`,
        QualifiedApiName: f.name,
        DeveloperName: f.name.replace(/__c$/, ''),
        Label: f.label || labelOf(f.name),
        DataType: f.type || 'string',
        EntityDefinitionId: f.object,
        EntityDefinition: entity ? { ...entity } : { QualifiedApiName: f.object },
        SecurityClassification: f.securityClassification === undefined ? null : f.securityClassification,
        ComplianceGroup: f.complianceGroup === undefined ? null : f.complianceGroup,
        BusinessStatus: null
      });
    }

    if (user && isPlainObject(snap.userLogin)) {
      const logins = this.table('UserLogin');
      logins.addRow(this.normalize(logins, { Id: this.genId('060'), ...snap.userLogin, UserId: userId }));
    }
    const history = this.table('LoginHistory');
    for (const row of Array.isArray(snap.loginHistory) ? snap.loginHistory : []) {
      if (isPlainObject(row))
        history.addRow(this.normalize(history, { Id: this.genId('0Ya'), ...row, UserId: userId }));
    }
    const oauth = this.table('OauthToken');
    for (const row of tokens) {
      if (isPlainObject(row)) oauth.addRow(this.normalize(oauth, { Id: this.genId('0CQ'), ...row }));
    }
    const mapping = this.table(FIELD_MAPPING_OBJECT);
    if (mapping && isPlainObject(snap.fieldMapping)) {
      for (const [name, value] of Object.entries(snap.fieldMapping)) {
        mapping.addRow({ Id: this.genId('a0M'), Name: name, Field_Api_Name__c: value, IsDeleted: false });
      }
    }
    // The installed connected apps: the snapshot's, or where it predates that read, one installed app
    // (open to every user) per app its tokens name, as an org whose users authorized it would have.
    const apps = this.table('ConnectedApplication');
    const installed = Array.isArray(snap.connectedApps)
      ? snap.connectedApps
      : [...new Set(tokens.map((t) => t && t.AppName).filter(Boolean))].map((Name) => ({
          Id: this.genId('0H4'),
          Name,
          OptionsAllowAdminApprovedUsersOnly: false
        }));
    for (const row of installed) {
      if (isPlainObject(row)) apps.addRow(this.normalize(apps, row));
    }
    const grants = this.table('SetupEntityAccess');
    for (const row of Array.isArray(snap.setupEntityAccess) ? snap.setupEntityAccess : []) {
      if (isPlainObject(row))
        grants.addRow(
          this.normalize(grants, { Id: this.genId('0J0'), SetupEntityType: 'ConnectedApplication', ...row })
        );
    }
    const org = isPlainObject(snap.organization) ? snap.organization : {};
    this.table('Organization').addRow({
      Id: ORG_ID,
      Name: 'Fake Org',
      CreatedDate: org.CreatedDate ?? '2020-01-15T00:00:00.000Z',
      IsSandbox: org.IsSandbox ?? false,
      InstanceName: 'FAKE1',
      OrganizationType: org.OrganizationType ?? 'Developer Edition',
      NamespacePrefix: null,
      TrialExpirationDate: null,
      LanguageLocaleKey: 'en_US',
      DefaultLocaleSidKey: 'en_US',
      TimeZoneSidKey: 'GMT'
    });
  }

  /** Lead, Contact and the other data objects: fields from snapshot.fields, no records. */
  buildDataObjects() {
    this.snapshotFields = (Array.isArray(this.snapshot.fields) ? this.snapshot.fields : []).filter(
      (f) => isPlainObject(f) && typeof f.object === 'string' && typeof f.name === 'string'
    );
    const names = [...Object.keys(STANDARD_DATA_OBJECTS)];
    for (const f of this.snapshotFields) if (!names.includes(f.object)) names.push(f.object);
    let customCount = 0;
    this.dataObjects = [];
    for (const name of names) {
      if (this.table(name)) continue;
      const standard = STANDARD_DATA_OBJECTS[name];
      const custom = /__c$/i.test(name);
      const keyPrefix = standard
        ? standard.keyPrefix
        : custom
          ? `a0${String.fromCharCode(65 + (customCount++ % 26))}`
          : null;
      const table = this.defineTable(name, { keyPrefix });
      const own = this.snapshotFields.filter((f) => f.object === name);
      if (!own.some((f) => f.name.toLowerCase() === 'id')) {
        table.addField('Id', { type: 'id', label: `${labelOf(name)} ID` });
      }
      for (const f of own) {
        table.addField(f.name, {
          type: f.type || 'string',
          label: f.label,
          custom: f.custom,
          permissionable: f.permissionable,
          referenceTo: Array.isArray(f.referenceTo) ? f.referenceTo : [],
          describe: f
        });
      }
      if (!own.length && standard) table.addField(standard.name, { type: 'string' });
      this.dataObjects.push(table);
    }
    for (const table of this.dataObjects) {
      for (const field of table.fields.values()) {
        if (field.type !== 'reference' || field.referenceTo.length !== 1 || !this.table(field.referenceTo[0]))
          continue;
        const relName = /__c$/i.test(field.name)
          ? field.name.replace(/__c$/i, '__r')
          : /Id$/.test(field.name)
            ? field.name.slice(0, -2)
            : null;
        if (relName && !table.field(relName)) table.addRel(relName, field.name, field.referenceTo[0]);
      }
    }
  }

  // ------------------------------------------------------------ SOQL evaluation

  /** Resolves a field path to its relationship steps and field, or fails like Salesforce. */
  resolve(table, path, pos, soql) {
    let parts = path.split('.');
    if (parts.length > 1 && parts[0].toLowerCase() === table.name.toLowerCase() && !table.rel(parts[0])) {
      parts = parts.slice(1);
    }
    const steps = [];
    let current = table;
    for (const part of parts.slice(0, -1)) {
      const rel = current.rel(part);
      if (!rel) {
        throw invalidField(
          soql,
          pos,
          `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom ` +
            "relationship, be sure to append the '__r' after the custom relationship name. Please reference " +
            'your WSDL or the describe call for the appropriate names.'
        );
      }
      current = this.table(rel.target);
      steps.push({ rel, table: current });
    }
    const last = parts[parts.length - 1];
    const field = current.field(last);
    if (!field) {
      throw invalidField(
        soql,
        pos,
        `No such column '${last}' on entity '${current.name}'. If you are attempting to use a custom field, ` +
          "be sure to append the '__c' after the custom field name. Please reference your WSDL or the " +
          'describe call for the appropriate names.'
      );
    }
    return {
      steps,
      field,
      family: familyOf(field.type),
      path: [...steps.map((s) => s.rel.name), field.name].join('.')
    };
  }

  related(table, row, rel) {
    const target = this.table(rel.target);
    const key = row[rel.key];
    const joined = target && key ? target.byId(key) : null;
    if (joined) return joined;
    return isPlainObject(row[rel.name]) ? row[rel.name] : null;
  }

  valueOf(table, row, ref) {
    let current = row;
    let currentTable = table;
    for (const step of ref.steps) {
      current = this.related(currentTable, current, step.rel);
      if (!current) return null;
      currentTable = step.table;
    }
    const v = current[ref.field.name];
    if (v === undefined) return ref.field.type === 'boolean' ? false : null;
    return v;
  }

  formatValue(value, family) {
    if (value === null || value === undefined) return null;
    if (family === 'datetime' && typeof value === 'string' && ISO_DATETIME.test(value)) {
      const iso = new Date(toMs(value)).toISOString();
      return this.datetimeFormat === 'iso' ? iso : iso.replace(/Z$/, '+0000');
    }
    return value;
  }

  attributes(table, row, version) {
    const attrs = { type: table.name };
    const id = table.name === 'FieldDefinition' || table.name === 'EntityDefinition' ? row.DurableId : row.Id;
    if (id) attrs.url = `/services/data/v${version}/sobjects/${table.name}/${id}`;
    return attrs;
  }

  checkLiteral(cond, value, soql) {
    const { family, field } = cond.ref;
    if (value.kind === 'null') return;
    const fail = (typeName, quoted) =>
      invalidField(
        soql,
        value.pos,
        `value of filter criterion for field '${field.name}' must be of type ${typeName} and should ${quoted ? '' : 'not '}be enclosed in quotes`
      );
    switch (family) {
      case 'boolean':
        if (value.kind !== 'boolean') throw fail('boolean', false);
        return;
      case 'number':
        if (value.kind !== 'number') throw fail(field.type === 'int' ? 'integer' : 'double', false);
        return;
      case 'datetime':
        if (value.kind !== 'datetime' && value.kind !== 'dateLiteral') throw fail('dateTime', false);
        return;
      case 'date':
        if (value.kind !== 'date' && value.kind !== 'dateLiteral') throw fail('date', false);
        return;
      default:
        if (value.kind !== 'string') throw fail(family === 'id' ? 'id' : 'string', true);
        if (family === 'id' && cond.op !== 'like' && value.value !== '' && !RECORD_ID.test(value.value)) {
          throw new SfError(400, 'INVALID_QUERY_FILTER_OPERATOR', `\ninvalid ID field: ${value.value}`);
        }
    }
  }

  /** Resolves and checks every field and literal of a parsed query (and of its subqueries). */
  bind(query, soql) {
    const table = this.table(query.from.name);
    if (!table || (table.name === FIELD_MAPPING_OBJECT && !this.fieldMappingObject)) {
      throw new SfError(400, 'INVALID_TYPE', at(soql, query.from.pos, noSuchType(query.from.name)));
    }
    if (this.denied.has(table.name.toLowerCase())) {
      throw new SfError(
        400,
        'INSUFFICIENT_ACCESS',
        `insufficient access rights on object id: you cannot read ${table.name} (the fake org's snapshot says this source was not readable)`
      );
    }
    query.table = table;
    const aggregate = query.groupBy.length > 0 || query.select.some((s) => s.kind === 'agg');
    query.aggregate = aggregate;
    query.countAll = query.select.some((s) => s.countAll);
    if (query.countAll && (query.select.length > 1 || query.groupBy.length)) {
      throw malformed(soql, query.select[0].pos, 'COUNT() must be the only element in the SELECT list');
    }
    for (const item of query.select) {
      if (item.kind === 'field') item.ref = this.resolve(table, item.path, item.pos, soql);
      else if (!item.countAll) item.ref = this.resolve(table, item.path, item.fieldPos, soql);
      if (item.alias && !aggregate) throw malformed(soql, item.aliasPos, `unexpected token: '${item.alias}'`);
    }
    for (const g of query.groupBy) g.ref = this.resolve(table, g.path, g.pos, soql);
    const seen = new Set();
    let expr = 0;
    for (const item of query.select) {
      if (item.countAll) continue;
      if (aggregate) {
        if (item.kind === 'agg') item.outName = item.alias || `expr${expr++}`;
        else item.outName = item.alias || item.ref.field.name;
        const key = item.outName.toLowerCase();
        if (seen.has(key)) throw malformed(soql, item.pos, `duplicate alias: ${item.outName}`);
        seen.add(key);
        if (
          item.kind === 'field' &&
          !query.groupBy.some((g) => g.ref.path.toLowerCase() === item.ref.path.toLowerCase())
        ) {
          throw malformed(soql, item.pos, `Field must be grouped or aggregated: ${item.ref.field.name}`);
        }
      } else {
        const key = item.ref.path.toLowerCase();
        if (seen.has(key)) throw malformed(soql, item.pos, `duplicate field selected: ${item.ref.path}`);
        seen.add(key);
      }
    }
    for (const o of query.orderBy) {
      if (o.kind === 'agg' && !aggregate)
        throw malformed(soql, o.pos, 'Aggregate functions need GROUP BY or aggregate SELECT');
      if (!o.countAll) o.ref = this.resolve(table, o.path, o.kind === 'agg' ? o.fieldPos : o.pos, soql);
      if (
        aggregate &&
        o.kind === 'field' &&
        !query.groupBy.some((g) => g.ref.path.toLowerCase() === o.ref.path.toLowerCase())
      ) {
        throw malformed(soql, o.pos, `Ordered field must be grouped or aggregated: ${o.ref.field.name}`);
      }
    }
    const walk = (node) => {
      if (!node) return;
      if (node.type === 'and' || node.type === 'or') node.items.forEach(walk);
      else if (node.type === 'not') walk(node.expr);
      else {
        node.ref = this.resolve(table, node.path, node.pos, soql);
        if (node.subquery) {
          this.bind(node.subquery, soql);
          const sub = node.subquery;
          if (sub.select.length !== 1 || sub.aggregate || sub.select[0].ref.family !== 'id') {
            throw malformed(
              soql,
              sub.pos,
              'The selected field in a semi-join subquery must be a single Id or reference field'
            );
          }
        } else if (node.op === 'like') {
          if (node.ref.family !== 'string') {
            throw new SfError(
              400,
              'INVALID_QUERY_FILTER_OPERATOR',
              at(
                soql,
                node.pos,
                `invalid operator on field '${node.ref.field.name}': LIKE works on text fields only`
              )
            );
          }
        } else {
          for (const v of node.values || [node.value]) {
            if (v.kind === 'dateLiteral' && (node.op === 'in' || node.op === 'notin')) {
              throw malformed(soql, v.pos, 'date literals are not allowed in IN lists');
            }
            this.checkLiteral(node, v, soql);
          }
        }
      }
    };
    walk(query.where);
    return table;
  }

  literalEquals(value, literal, family) {
    if (literal.kind === 'null') return value === null;
    if (value === null) return false;
    switch (family) {
      case 'boolean':
      case 'number':
        return value === literal.value;
      case 'datetime':
      case 'date':
        return toMs(value) === toMs(literal.value);
      case 'id': {
        const a = String(value);
        const b = String(literal.value);
        if (a.length === 15 || b.length === 15) return a.slice(0, 15) === b.slice(0, 15);
        return a.toLowerCase() === b.toLowerCase();
      }
      default:
        return String(value).toLowerCase() === String(literal.value).toLowerCase();
    }
  }

  compare(a, b, family) {
    if (family === 'number') return a - b;
    if (family === 'boolean') return Number(a) - Number(b);
    if (family === 'datetime' || family === 'date') return toMs(a) - toMs(b);
    const x = String(a).toLowerCase();
    const y = String(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }

  matches(node, table, row, ctx) {
    switch (node.type) {
      case 'and':
        return node.items.every((n) => this.matches(n, table, row, ctx));
      case 'or':
        return node.items.some((n) => this.matches(n, table, row, ctx));
      case 'not':
        return !this.matches(node.expr, table, row, ctx);
      default:
        return this.condition(node, table, row, ctx);
    }
  }

  condition(cond, table, row, ctx) {
    if (ctx.onlyFields && !ctx.onlyFields.has(cond.ref.path.toLowerCase())) return true;
    const value = this.valueOf(table, row, cond.ref);
    const family = cond.ref.family;
    if (cond.op === 'in' || cond.op === 'notin') {
      let literals = cond.values;
      if (cond.subquery) {
        if (!ctx.semiJoins.has(cond)) {
          const sub = cond.subquery;
          const values = this.matchRows(sub, ctx.now).map((r) =>
            this.valueOf(sub.table, r, sub.select[0].ref)
          );
          ctx.semiJoins.set(
            cond,
            values.filter((v) => v !== null).map((v) => ({ kind: 'string', value: v }))
          );
        }
        literals = ctx.semiJoins.get(cond);
      }
      const hit = literals.some((l) => this.literalEquals(value, l, family));
      return cond.op === 'in' ? hit : !hit;
    }
    if (cond.op === 'like') return value !== null && cond.regex.test(String(value));
    const literal = cond.value;
    if (literal.kind === 'null') {
      if (cond.op === '=') return value === null;
      if (cond.op === '!=') return value !== null;
      return false;
    }
    if (value === null) return cond.op === '!=';
    if (literal.kind === 'dateLiteral') {
      const ms = toMs(value);
      const [start, end] = dateRange(literal, ctx.now);
      switch (cond.op) {
        case '=':
          return ms >= start && ms < end;
        case '!=':
          return !(ms >= start && ms < end);
        case '<':
          return ms < start;
        case '<=':
          return ms < end;
        case '>':
          return ms >= end;
        default:
          return ms >= start;
      }
    }
    if (cond.op === '=') return this.literalEquals(value, literal, family);
    if (cond.op === '!=') return !this.literalEquals(value, literal, family);
    const c = this.compare(value, literal.value, family);
    if (Number.isNaN(c)) return false;
    switch (cond.op) {
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      default:
        return c >= 0;
    }
  }

  /** Whether a FieldPermissions query is the reader's "readable fields" read (grouped or its fallback). */
  readableQuery(query) {
    if (query.table.name !== 'FieldPermissions') return false;
    const plain = (ref) =>
      !ref.steps.length && ['sobjecttype', 'field'].includes(ref.field.name.toLowerCase());
    if (query.groupBy.length) return query.groupBy.every((g) => plain(g.ref));
    if (query.aggregate) return false;
    const readTrue = (node) => {
      if (!node) return false;
      if (node.type === 'and') return node.items.some(readTrue);
      return (
        node.type === 'cond' &&
        node.op === '=' &&
        node.ref.path.toLowerCase() === 'permissionsread' &&
        node.value.kind === 'boolean' &&
        node.value.value === true
      );
    };
    return query.select.every((s) => plain(s.ref)) && readTrue(query.where);
  }

  /** Distinct readable fields: snapshot.readableFields (SobjectType, Field only) or the read rows. */
  readableRows(query, ctx) {
    const table = query.table;
    let rows;
    if (this.readableFields) {
      const only = { ...ctx, onlyFields: new Set(['sobjecttype', 'field', 'permissionsread']) };
      rows = this.readableFields
        .filter((r) => isPlainObject(r))
        .map((r) => ({
          Id: this.genId('01k'),
          SobjectType: r.SobjectType,
          Field: r.Field,
          PermissionsRead: true
        }))
        .filter((r) => !query.where || this.matches(query.where, table, r, only));
    } else {
      rows = table.rows.filter((r) => !query.where || this.matches(query.where, table, r, ctx));
    }
    const seen = new Set();
    return rows.filter((r) => {
      const key = `${r.SobjectType}|${r.Field}`.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** The rows a bound, non-aggregate query matches, ordered and limited. */
  matchRows(query, now) {
    const ctx = { now, semiJoins: new Map() };
    const table = query.table;
    let rows;
    if (query.groupBy.length && table.name === 'FieldPermissions' && this.refuseGroupBy) {
      throw malformed(
        query.soql || '',
        query.groupBy[0].pos,
        `field '${query.groupBy[0].ref.field.name}' can not be grouped in a query call`
      );
    }
    if (this.readableQuery(query)) rows = this.readableRows(query, ctx);
    else {
      const source =
        query.aggregate && table.name === 'PermissionSetAssignment' ? this.countRows : table.rows;
      rows = source.filter((r) => !query.where || this.matches(query.where, table, r, ctx));
    }
    if (query.aggregate) return rows;
    rows = this.sort(
      rows,
      query.orderBy,
      (row, o) => this.valueOf(table, row, o.ref),
      (o) => o.ref.family
    );
    return this.slice(rows, query);
  }

  sort(items, orderBy, valueAt, familyAt) {
    if (!orderBy.length) return items;
    const keyed = items.map((item, index) => ({ item, index, keys: orderBy.map((o) => valueAt(item, o)) }));
    keyed.sort((a, b) => {
      for (let i = 0; i < orderBy.length; i++) {
        const o = orderBy[i];
        const x = a.keys[i];
        const y = b.keys[i];
        if (x === null && y === null) continue;
        if (x === null || y === null) return (x === null) === o.nullsFirst ? -1 : 1;
        const c = this.compare(x, y, familyAt(o));
        if (c) return o.desc ? -c : c;
      }
      return a.index - b.index;
    });
    return keyed.map((k) => k.item);
  }

  slice(items, query) {
    const start = query.offset || 0;
    return items.slice(start, query.limit === null ? undefined : start + query.limit);
  }

  aggregateValue(item, table, rows) {
    if (item.countAll) return rows.length;
    const values = rows.map((r) => this.valueOf(table, r, item.ref)).filter((v) => v !== null);
    const family = item.ref.family;
    switch (item.fn) {
      case 'COUNT':
        return values.length;
      case 'COUNT_DISTINCT':
        return new Set(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))).size;
      case 'SUM':
        return values.length ? values.reduce((s, v) => s + Number(v), 0) : null;
      case 'AVG':
        return values.length ? values.reduce((s, v) => s + Number(v), 0) / values.length : null;
      default: {
        if (!values.length) return null;
        let best = values[0];
        for (const v of values.slice(1)) {
          const c = this.compare(v, best, family);
          if (item.fn === 'MIN' ? c < 0 : c > 0) best = v;
        }
        return this.formatValue(best, family);
      }
    }
  }

  /** Runs a query: { totalSize, records } (records null for COUNT()). */
  query(soql, version) {
    const query = parseSoql(soql);
    query.soql = soql;
    const table = this.bind(query, soql);
    const now = Date.now();
    const rows = this.matchRows(query, now);
    if (query.countAll) {
      const total = this.slice(rows, query).length;
      return { totalSize: total, records: null };
    }
    if (!query.aggregate) {
      return { totalSize: rows.length, records: rows.map((row) => this.project(query, table, row, version)) };
    }
    const groups = new Map();
    if (!query.groupBy.length) groups.set('', rows);
    for (const row of rows) {
      if (!query.groupBy.length) break;
      const values = query.groupBy.map((g) => this.valueOf(table, row, g.ref));
      const key = JSON.stringify(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)));
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(row);
    }
    let results = [...groups.values()].map((members) => ({
      members,
      sample: members[0],
      record: this.aggregateRecord(query, table, members)
    }));
    const byPath = (o) => (r) => this.valueOf(table, r.sample, o.ref);
    results = this.sort(
      results,
      query.orderBy,
      (r, o) =>
        o.kind === 'agg' ? this.aggregateValue(o, table, r.members) : r.sample ? byPath(o)(r) : null,
      (o) => (o.kind === 'agg' && o.fn.startsWith('COUNT') ? 'number' : o.ref.family)
    );
    results = this.slice(results, query);
    return { totalSize: results.length, records: results.map((r) => r.record) };
  }

  aggregateRecord(query, table, members) {
    const record = { attributes: { type: 'AggregateResult' } };
    for (const item of query.select) {
      if (item.kind === 'agg') record[item.outName] = this.aggregateValue(item, table, members);
      else {
        const value = members.length ? this.valueOf(table, members[0], item.ref) : null;
        record[item.outName] = this.formatValue(value, item.ref.family);
      }
    }
    return record;
  }

  project(query, table, row, version) {
    const record = { attributes: this.attributes(table, row, version) };
    for (const item of query.select) {
      let out = record;
      let current = row;
      let currentTable = table;
      let reached = true;
      for (const step of item.ref.steps) {
        const next = this.related(currentTable, current, step.rel);
        if (!(step.rel.name in out))
          out[step.rel.name] = next ? { attributes: this.attributes(step.table, next, version) } : null;
        if (!next || out[step.rel.name] === null) {
          reached = false;
          break;
        }
        out = out[step.rel.name];
        current = next;
        currentTable = step.table;
      }
      if (reached)
        out[item.ref.field.name] = this.formatValue(this.valueOf(table, row, item.ref), item.ref.family);
    }
    return record;
  }

  // ------------------------------------------------------------ describe

  describeField(table, field) {
    const d = field.describe || {};
    const type = field.type;
    const lengths = {
      id: 18,
      reference: 18,
      string: 255,
      email: 80,
      phone: 40,
      url: 255,
      picklist: 255,
      multipicklist: 4099,
      combobox: 255,
      textarea: 32000
    };
    const soapTypes = {
      id: 'tns:ID',
      reference: 'tns:ID',
      boolean: 'xsd:boolean',
      int: 'xsd:int',
      double: 'xsd:double',
      currency: 'xsd:double',
      percent: 'xsd:double',
      datetime: 'xsd:dateTime',
      date: 'xsd:date'
    };
    const audit = AUDIT_FIELDS.has(field.name.toLowerCase());
    const updateable = d.updateable !== undefined ? !!d.updateable : !table.system && type !== 'id' && !audit;
    let relationshipName = null;
    if (type === 'reference') {
      if (/__c$/i.test(field.name)) relationshipName = field.name.replace(/__c$/i, '__r');
      else if (/Id$/.test(field.name)) relationshipName = field.name.slice(0, -2);
    }
    return {
      name: field.name,
      label: field.label,
      type,
      soapType: soapTypes[type] || 'xsd:string',
      custom: field.custom,
      permissionable: field.permissionable,
      referenceTo: field.referenceTo,
      relationshipName,
      length: d.length !== undefined ? d.length : lengths[type] || 0,
      precision:
        d.precision !== undefined ? d.precision : ['double', 'currency', 'percent'].includes(type) ? 18 : 0,
      scale: d.scale !== undefined ? d.scale : 0,
      digits: type === 'int' ? 9 : 0,
      htmlFormatted: d.htmlFormatted !== undefined ? !!d.htmlFormatted : false,
      calculated: d.calculated !== undefined ? !!d.calculated : false,
      createable: updateable,
      updateable,
      nillable:
        d.nillable !== undefined
          ? !!d.nillable
          : type !== 'id' && type !== 'boolean' && (field.permissionable || audit),
      filterable: type !== 'textarea',
      sortable: type !== 'textarea' && type !== 'multipicklist',
      groupable: !['textarea', 'multipicklist', 'double', 'currency', 'percent', 'datetime'].includes(type),
      idLookup: type === 'id',
      nameField: field.name === 'Name',
      unique: false,
      externalId: false,
      defaultValue: null,
      picklistValues: [],
      deprecatedAndHidden: false
    };
  }

  childRelationships(table) {
    const out = [];
    for (const child of this.tables.values()) {
      if (child.name === FIELD_MAPPING_OBJECT && !this.fieldMappingObject) continue;
      for (const field of child.fields.values()) {
        if (field.type !== 'reference' || !field.referenceTo.includes(table.name)) continue;
        let relationshipName = null;
        if (child.custom) relationshipName = `${pluralOf(child.name.replace(/__c$/i, ''))}__r`;
        else if (!child.system) relationshipName = pluralOf(child.name);
        out.push({
          childSObject: child.name,
          field: field.name,
          relationshipName,
          cascadeDelete: false,
          restrictedDelete: false,
          deprecatedAndHidden: false,
          junctionIdListNames: [],
          junctionReferenceTo: []
        });
      }
    }
    return out;
  }

  objectSummary(table, version) {
    const base = `/services/data/v${version}/sobjects/${table.name}`;
    return {
      name: table.name,
      label: table.label,
      labelPlural: pluralOf(table.label),
      keyPrefix: table.keyPrefix,
      custom: table.custom,
      customSetting: table.customSetting,
      queryable: true,
      retrieveable: true,
      searchable: !table.system,
      createable: !table.system || table.customSetting,
      updateable: !table.system || table.customSetting,
      deletable: !table.system || table.customSetting,
      deprecatedAndHidden: false,
      urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` }
    };
  }

  describe(name, version) {
    const table = this.table(name);
    if (!table) throw notFound();
    return {
      ...this.objectSummary(table, version),
      fields: [...table.fields.values()].map((f) => this.describeField(table, f)),
      childRelationships: this.childRelationships(table),
      recordTypeInfos: []
    };
  }

  // ------------------------------------------------------------ HTTP

  failureFor(target, authenticated) {
    for (const f of this.failures) {
      if (typeof f.times === 'number' && f.used >= f.times) continue;
      let hit = false;
      if (f.all) hit = authenticated;
      else if (f.match instanceof RegExp) {
        f.match.lastIndex = 0;
        hit = f.match.test(target);
      } else if (typeof f.match === 'string') hit = target.toLowerCase().includes(f.match.toLowerCase());
      else if (typeof f.match === 'function') hit = !!f.match(target);
      if (!hit) continue;
      f.used += 1;
      return f;
    }
    return null;
  }

  failureResponse(f) {
    const error = { message: f.message || 'Injected failure', errorCode: f.errorCode || 'UNKNOWN_EXCEPTION' };
    if (f.fields) error.fields = f.fields;
    return { status: f.status || 400, body: f.body !== undefined ? f.body : [error] };
  }

  versions() {
    return this.apiVersions.map((version) => ({
      label: releaseLabel(version),
      url: `/services/data/v${version}`,
      version
    }));
  }

  userInfo(base, version) {
    const u = this.runningUser;
    return {
      sub: `${base}/id/${ORG_ID}/${u.Id}`,
      user_id: u.Id,
      organization_id: ORG_ID,
      preferred_username: u.Username,
      name: u.Name,
      email: u.Email || u.Username,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      urls: {
        rest: `${base}/services/data/v${version}/`,
        sobjects: `${base}/services/data/v${version}/sobjects/`,
        query: `${base}/services/data/v${version}/query/`
      }
    };
  }

  pageOf(cursor, offset) {
    const end = offset + cursor.pageSize;
    const page = { totalSize: cursor.records.length, done: end >= cursor.records.length };
    if (!page.done) page.nextRecordsUrl = `/services/data/v${cursor.version}/query/${cursor.id}-${end}`;
    page.records = cursor.records.slice(offset, end);
    return page;
  }

  route(req, entry) {
    const url = new URL(req.url, 'http://127.0.0.1');
    const path = url.pathname;
    entry.path = path;
    const trimmed = path.replace(/\/+$/, '') || '/';
    const base = `http://${req.headers.host || '127.0.0.1'}`;
    const onlyGet = () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new SfError(
          405,
          'METHOD_NOT_ALLOWED',
          `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD`
        );
      }
    };

    if (trimmed === '/services/data') {
      const failure = this.failureFor(trimmed, false);
      if (failure) return this.failureResponse(failure);
      onlyGet();
      return { status: 200, body: this.versions() };
    }
    if (!path.startsWith('/services/') && !path.startsWith('/id/')) throw notFound();

    const auth = String(req.headers.authorization || '');
    const m = /^(Bearer|OAuth)\s+(.+)$/i.exec(auth.trim());
    if (!m || m[2] !== this.token) {
      throw new SfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }

    const queryMatch = /^\/services\/data\/v(\d+\.\d+)\/(query|queryAll)$/.exec(trimmed);
    const soql = queryMatch ? url.searchParams.get('q') : null;
    if (queryMatch) entry.soql = soql === null ? undefined : soql;
    const failure = this.failureFor(queryMatch && soql !== null ? soql : path, true);
    if (failure) return this.failureResponse(failure);
    onlyGet();

    if (trimmed === '/services/oauth2/userinfo' || trimmed.startsWith('/id/')) {
      return { status: 200, body: this.userInfo(base, this.apiVersions[this.apiVersions.length - 1]) };
    }
    const v = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(trimmed);
    if (!v || !this.apiVersions.includes(v[1])) throw notFound();
    const version = v[1];
    const rest = v[2] || '';

    if (!rest) {
      const p = `/services/data/v${version}`;
      return {
        status: 200,
        body: {
          sobjects: `${p}/sobjects`,
          query: `${p}/query`,
          queryAll: `${p}/queryAll`,
          limits: `${p}/limits`
        }
      };
    }
    if (queryMatch) {
      if (soql === null || !soql.trim()) {
        throw new SfError(400, 'MALFORMED_QUERY', 'SOQL statements cannot be empty or null');
      }
      const result = this.query(soql, version);
      if (!result.records)
        return { status: 200, body: { totalSize: result.totalSize, done: true, records: [] } };
      const batch = /batchSize=(\d+)/i.exec(String(req.headers['sforce-query-options'] || ''));
      const cursor = {
        id: `01gFAKE${String(++this.cursorCount).padStart(11, '0')}`,
        records: result.records,
        pageSize: batch ? Math.max(1, Number(batch[1])) : this.pageSize,
        version,
        soql
      };
      if (cursor.records.length > cursor.pageSize) this.cursors.set(cursor.id, cursor);
      return { status: 200, body: this.pageOf(cursor, 0) };
    }
    const more = /^\/(query|queryAll)\/([A-Za-z0-9]+)-(\d+)$/.exec(rest);
    if (more || /^\/(query|queryAll)\/[^/]+$/.test(rest)) {
      const cursor = more && this.cursors.get(more[2]);
      const offset = more ? Number(more[3]) : NaN;
      if (!cursor || !(offset > 0 && offset < cursor.records.length)) {
        throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      }
      entry.soql = cursor.soql;
      return { status: 200, body: this.pageOf(cursor, offset) };
    }
    if (rest === '/sobjects') {
      const tables = [...this.tables.values()].filter(
        (t) => t.name !== FIELD_MAPPING_OBJECT || this.fieldMappingObject
      );
      tables.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return {
        status: 200,
        body: {
          encoding: 'UTF-8',
          maxBatchSize: 200,
          sobjects: tables.map((t) => this.objectSummary(t, version))
        }
      };
    }
    const describe = /^\/sobjects\/([A-Za-z0-9_]+)\/describe$/.exec(rest);
    if (describe) return { status: 200, body: this.describe(describe[1], version) };
    const summary = /^\/sobjects\/([A-Za-z0-9_]+)$/.exec(rest);
    if (summary) {
      const table = this.table(summary[1]);
      if (!table) throw notFound();
      return { status: 200, body: { objectDescribe: this.objectSummary(table, version), recentItems: [] } };
    }
    const record = /^\/sobjects\/([A-Za-z0-9_]+)\/([A-Za-z0-9_.]+)$/.exec(rest);
    if (record)
      return {
        status: 200,
        body: this.record(record[1], record[2], url.searchParams.get('fields'), version)
      };
    throw notFound();
  }

  record(objectName, id, fieldList, version) {
    const table = this.table(objectName);
    if (!table) throw notFound();
    if (this.denied.has(table.name.toLowerCase())) {
      throw new SfError(403, 'INSUFFICIENT_ACCESS', 'insufficient access rights on object id');
    }
    const row = table.byId(id);
    if (!row) throw notFound();
    const fields = fieldList
      ? fieldList.split(',').map((name) => {
          const f = table.field(name.trim());
          if (!f)
            throw new SfError(
              400,
              'INVALID_FIELD',
              `No such column '${name.trim()}' on entity '${table.name}'`,
              { fields: [] }
            );
          return f;
        })
      : [...table.fields.values()];
    const out = { attributes: this.attributes(table, row, version) };
    for (const f of fields) {
      out[f.name] = this.formatValue(this.valueOf(table, row, { steps: [], field: f }), familyOf(f.type));
    }
    return out;
  }

  /**
   * POST /services/oauth2/token, grant_type=refresh_token: the OAuth 2.0 refresh token flow's
   * documented answer (access_token, instance_url, id, token_type, issued_at, signature) when the
   * refresh token is options.refreshToken; 400 invalid_grant otherwise.
   */
  tokenEndpoint(req, res, entry) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const base = `http://${req.headers.host || '127.0.0.1'}`;
      const ok =
        form.get('grant_type') === 'refresh_token' &&
        typeof this.options.refreshToken === 'string' &&
        form.get('refresh_token') === this.options.refreshToken;
      entry.status = ok ? 200 : 400;
      const body = ok
        ? {
            access_token: this.token,
            instance_url: base,
            id: `${base}/id/${ORG_ID}/${this.runningUser.Id}`,
            token_type: 'Bearer',
            issued_at: String(Date.now()),
            signature: 'ZmFrZQ==',
            scope: 'refresh_token api'
          }
        : { error: 'invalid_grant', error_description: 'expired access/refresh token' };
      res.writeHead(entry.status, { 'Content-Type': JSON_TYPE });
      res.end(JSON.stringify(body));
    });
  }

  /**
   * The Metadata API's SOAP endpoint, for the two calls the command line makes (listMetadata,
   * readMetadata), answered in the documented shapes with the snapshot's data: every profile, the
   * user's profile's ProfilePasswordPolicy where snapshot.passwordPolicy.source is "profile", the org's
   * SecuritySettings (passwordPolicies.expiration where the source is "org", none otherwise) and the
   * profile's loginIpRanges. A bad session or an injected failure is a SOAP fault.
   */
  metadataEndpoint(req, res, entry, version) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const xml = Buffer.concat(chunks).toString('utf8');
      const tag = (name) =>
        [...xml.matchAll(new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`, 'g'))].map((m) => m[1]);
      const operation = /<(?:\w+:)?(listMetadata|readMetadata)[\s>]/.exec(xml)?.[1] ?? null;
      const fault = (status, code, message) => {
        entry.status = status;
        res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="http://soap.sforce.com/2006/04/metadata"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${message}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
        );
      };
      entry.soap = operation;
      if (!this.apiVersions.includes(version)) return fault(500, 'UNKNOWN_EXCEPTION', 'no such API version');
      if (tag('sessionId')[0] !== this.token)
        return fault(500, 'INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader');
      const failure = this.failureFor(`/services/Soap/m/${version} ${operation}`, true);
      if (failure)
        return fault(
          failure.status || 500,
          failure.errorCode || 'UNKNOWN_EXCEPTION',
          failure.message || 'Injected failure'
        );
      if (!operation) return fault(500, 'INVALID_OPERATION', 'no operation in the request');
      const body =
        operation === 'listMetadata'
          ? this.listMetadata(tag('type'))
          : this.readMetadata(tag('type')[0], tag('fullNames'));
      entry.status = 200;
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><${operation}Response>${body}</${operation}Response></soapenv:Body></soapenv:Envelope>`
      );
    });
  }

  /** Components of the metadata this fake org has: profiles by name, and the profile password policy. */
  metadataComponents() {
    const out = this.table('Profile').rows.map((p) => ({ type: 'Profile', fullName: p.Name, id: p.Id }));
    const policy = this.snapshot.passwordPolicy;
    const own = this.table('Profile').rows.find((p) => p.Id === this.snapshot.user?.ProfileId);
    if (own && isPlainObject(policy) && policy.source === 'profile')
      out.push({
        type: 'ProfilePasswordPolicy',
        fullName: `${own.Name.replace(/\W+/g, '')}_profilePasswordPolicy1700000000000`,
        id: '0Hx000000000001AAA',
        profile: own.Name,
        passwordExpiration: policy.expiresAfterDays === null ? 0 : policy.expiresAfterDays
      });
    return out;
  }

  listMetadata(types) {
    return this.metadataComponents()
      .filter((c) => types.includes(c.type))
      .map(
        (c) =>
          `<result><createdById>${this.runningUser.Id}</createdById><fileName>${c.type === 'Profile' ? 'profiles' : 'profilePasswordPolicies'}/${xmlEscape(c.fullName)}</fileName><fullName>${xmlEscape(c.fullName)}</fullName><id>${c.id}</id><type>${c.type}</type></result>`
      )
      .join('');
  }

  readMetadata(type, fullNames) {
    const records = [];
    const x = (name, value) => `<${name}>${xmlEscape(String(value))}</${name}>`;
    for (const name of fullNames) {
      if (type === 'SecuritySettings' && name === 'Security') {
        const policy = this.snapshot.passwordPolicy;
        const days = isPlainObject(policy) && policy.source === 'org' ? policy.expiresAfterDays : undefined;
        const names = {
          30: 'ThirtyDays',
          60: 'SixtyDays',
          90: 'NinetyDays',
          180: 'SixMonths',
          365: 'OneYear'
        };
        const expiration = days === null ? 'Never' : names[days];
        records.push(
          `<records xsi:type="SecuritySettings">${x('fullName', 'Security')}${expiration ? `<passwordPolicies>${x('expiration', expiration)}</passwordPolicies>` : ''}</records>`
        );
        continue;
      }
      const component = this.metadataComponents().find((c) => c.type === type && c.fullName === name);
      if (!component) continue;
      if (type === 'ProfilePasswordPolicy') {
        records.push(
          `<records xsi:type="ProfilePasswordPolicy">${x('fullName', name)}${x('passwordExpiration', component.passwordExpiration)}${x('profile', component.profile)}</records>`
        );
      } else if (type === 'Profile') {
        const ranges =
          component.id === this.snapshot.user?.ProfileId && Array.isArray(this.snapshot.loginIpRanges)
            ? this.snapshot.loginIpRanges
            : [];
        records.push(
          `<records xsi:type="Profile">${x('fullName', name)}${ranges
            .map(
              (r) =>
                `<loginIpRanges>${r.description ? x('description', r.description) : ''}${x('endAddress', r.endAddress)}${x('startAddress', r.startAddress)}</loginIpRanges>`
            )
            .join('')}</records>`
        );
      }
    }
    return `<result>${records.join('')}</result>`;
  }

  handle(req, res) {
    const entry = { method: req.method, path: req.url, soql: undefined, status: 0 };
    const soap = /^\/services\/Soap\/m\/(\d+\.\d+)$/.exec(new URL(req.url, 'http://127.0.0.1').pathname);
    if (req.method === 'POST' && soap) {
      this.requests.push(entry);
      this.metadataEndpoint(req, res, entry, soap[1]);
      return;
    }
    if (req.method === 'POST' && new URL(req.url, 'http://127.0.0.1').pathname === '/services/oauth2/token') {
      this.requests.push(entry);
      entry.path = '/services/oauth2/token';
      this.tokenEndpoint(req, res, entry);
      return;
    }
    req.resume();
    this.requests.push(entry);
    let status;
    let body;
    const headers = {
      'Content-Type': JSON_TYPE,
      'Sforce-Limit-Info': `api-usage=${this.requests.length}/15000`
    };
    try {
      ({ status, body } = this.route(req, entry));
    } catch (e) {
      if (e instanceof SfError) {
        status = e.status;
        body = e.body();
        if (status === 401) headers['WWW-Authenticate'] = 'Token';
      } else {
        status = 500;
        body = [
          {
            message: `An unexpected error occurred in the fake org: ${e && e.stack ? e.stack : e}`,
            errorCode: 'UNKNOWN_EXCEPTION'
          }
        ];
      }
    }
    entry.status = status;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : text);
  }
}

/**
 * Starts a fake org on 127.0.0.1 (random port). Options (all optional but snapshot):
 *  snapshot              parsed fixture JSON ("fixture" key ignored)
 *  runningUser           { Id, Username, Name, rights: ['Permissions...'], ...User fields }; Id defaults
 *                        to snapshot.runningUserId, else 0058d0000000900AAM
 *  otherUsers            extra User rows
 *  extraPermissionSets   extra PermissionSet rows
 *  extraAssignments      extra PermissionSetAssignment rows ({ AssigneeId, PermissionSetId, ... })
 *  pageSize              records per query page (2000); header Sforce-Query-Options: batchSize=n overrides
 *  apiVersions           versions GET /services/data lists (and the only ones served)
 *  token                 the only bearer token accepted
 *  refreshToken          the refresh token POST /services/oauth2/token exchanges for the bearer token
 *  failures              [{ match | all, status, errorCode, message, times, fields, body }]
 *  fieldMappingObject    whether Readiness_Field_Mapping__c exists (true)
 *  refuseGroupBy         GROUP BY on FieldPermissions fails with MALFORMED_QUERY
 *  deniedObjects         more object names whose queries fail with INSUFFICIENT_ACCESS
 *  shiftDates            false keeps the snapshot's datetimes as they are (shiftMs 0)
 *  datetimeFormat        'salesforce' (2026-11-22T03:00:12.000+0000, default) or 'iso' (...Z)
 */
async function startFakeOrg(options = {}) {
  const org = new FakeOrg(options);
  const server = http.createServer((req, res) => org.handle(req, res));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();
  let closed = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token: org.token,
    orgId: ORG_ID,
    shiftMs: org.shiftMs,
    runningUser: { Id: org.runningUser.Id, Username: org.runningUser.Username, Name: org.runningUser.Name },
    requests: org.requests,
    close() {
      if (!closed) {
        closed = new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
      return closed;
    }
  };
}

module.exports = {
  startFakeOrg,
  parseSoql,
  ORG_ID,
  DEFAULT_TOKEN,
  DEFAULT_RIGHTS,
  DEFAULT_RUNNING_USER_ID,
  ADMIN_PERMISSION_SET_ID
};
