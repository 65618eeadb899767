/**
 * The fake org (test/node/support/fake-org.cjs): Salesforce's REST shapes over a snapshot fixture,
 * so the command line's tests can read "an org" without one.
 */
import fs from 'node:fs';
import path from 'node:path';

type Row = Record<string, unknown>;
type Snapshot = Record<string, unknown> & {
  capturedAt: string;
  user: Row & { Id: string };
  assignments: Row[];
  permissionSets: Row[];
  objectPermissions: Row[];
  fieldPermissions: Row[];
  fields: Row[];
  loginHistory?: Row[];
  oauthTokens?: Row[];
  access?: Record<string, boolean>;
  runningUserId?: string;
  userLogin?: Row | null;
  fieldMapping?: Record<string, string>;
};
interface FakeOrg {
  url: string;
  port: number;
  token: string;
  orgId: string;
  shiftMs: number;
  runningUser: { Id: string; Username: string; Name: string };
  requests: { method: string; path: string; soql?: string; status: number }[];
  close(): Promise<void>;
}
interface QueryBody {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Row[];
}
interface SfErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}
interface DescribeField {
  name: string;
  label: string;
  type: string;
  custom: boolean;
  permissionable: boolean;
  referenceTo: string[];
  updateable: boolean;
}
interface Describe {
  name: string;
  custom: boolean;
  queryable: boolean;
  fields: DescribeField[];
  childRelationships: { childSObject: string; field: string; relationshipName: string | null }[];
}

const { startFakeOrg, ADMIN_PERMISSION_SET_ID } = require('./support/fake-org.cjs') as {
  startFakeOrg: (options: Row) => Promise<FakeOrg>;
  ADMIN_PERMISSION_SET_ID: string;
};

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'snapshots');
const FIXTURE_NAMES = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));
const DAY_MS = 24 * 60 * 60 * 1000;

function fixture(name: string): Snapshot {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Snapshot;
}

const opened: FakeOrg[] = [];
async function start(options: Row): Promise<FakeOrg> {
  const org = await startFakeOrg(options);
  opened.push(org);
  return org;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((org) => org.close()));
});

async function get(
  org: FakeOrg,
  resource: string,
  token: string | null = org.token
): Promise<{ status: number; body: unknown; type: string | null }> {
  const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
  const res = await fetch(org.url + resource, { headers });
  return { status: res.status, body: await res.json(), type: res.headers.get('content-type') };
}

async function query(org: FakeOrg, soql: string, version = '67.0') {
  const res = await get(org, `/services/data/v${version}/query?q=${encodeURIComponent(soql)}`);
  return { status: res.status, body: res.body as QueryBody };
}

/** Every page of a query, following nextRecordsUrl; fails on any status but 200. */
async function pages(org: FakeOrg, soql: string): Promise<QueryBody[]> {
  const follow = async (resource: string): Promise<QueryBody[]> => {
    const res = await get(org, resource);
    if (res.status !== 200) throw new Error(`${soql}: ${res.status} ${JSON.stringify(res.body)}`);
    const page = res.body as QueryBody;
    return page.done || !page.nextRecordsUrl ? [page] : [page, ...(await follow(page.nextRecordsUrl))];
  };
  return follow(`/services/data/v67.0/query?q=${encodeURIComponent(soql)}`);
}

/** Records of a query that must succeed, every page followed. */
async function records(org: FakeOrg, soql: string): Promise<Row[]> {
  return (await pages(org, soql)).flatMap((page) => page.records);
}

/** The one error of a query that must fail. */
async function queryError(org: FakeOrg, soql: string): Promise<SfErrorBody & { status: number }> {
  const res = await get(org, `/services/data/v67.0/query?q=${encodeURIComponent(soql)}`);
  const body = res.body as SfErrorBody[];
  expect(Array.isArray(body)).toBe(true);
  expect(body).toHaveLength(1);
  return { ...body[0], status: res.status };
}

const ids = (list: string[]) => list.map((id) => `'${id}'`).join(', ');
const nested = (row: Row, key: string) => row[key] as Row;

/** A tiny snapshot for cases no fixture has. */
function tinySnapshot(extra: Partial<Snapshot> = {}): Snapshot {
  const capturedAt = '2026-11-22T10:00:00.000Z';
  const captured = Date.parse(capturedAt);
  const base: Snapshot = {
    schemaVersion: 1,
    capturedAt,
    user: {
      Id: '0058d00000000T1AAM',
      Username: 'acton@tiny.example',
      Name: 'Act-On Tiny',
      IsActive: true,
      UserType: 'Standard',
      ProfileId: '00e8d00000000T2AAM',
      Profile: { Name: 'Minimum Access - Salesforce', UserLicense: { Name: 'Salesforce' } },
      LastLoginDate: new Date(captured - 2 * DAY_MS).toISOString()
    },
    assignments: [
      {
        Id: '0Pa8d00000000T3AAM',
        PermissionSetId: '0PS8d00000000T4AAM',
        PermissionSetGroupId: null,
        ExpirationDate: '2026-12-01'
      }
    ],
    permissionSets: [
      {
        Id: '0PS8d00000000T4AAM',
        Name: 'X00e8d00000000T2',
        Label: '00e8d00000000T2',
        Type: 'Profile',
        IsOwnedByProfile: true,
        ProfileId: '00e8d00000000T2AAM',
        PermissionSetGroupId: null,
        PermissionsApiEnabled: true
      }
    ],
    objectPermissions: [],
    fieldPermissions: [],
    fields: [
      { object: 'Lead', name: 'Email', label: 'Email', permissionable: true, custom: false, type: 'email' },
      {
        object: 'Campaign_Touch__c',
        name: 'Lead__c',
        label: 'Lead',
        permissionable: true,
        custom: true,
        type: 'reference',
        referenceTo: ['Lead']
      },
      {
        object: 'Campaign_Touch__c',
        name: 'Owner_Note__c',
        label: 'Owner note',
        permissionable: true,
        custom: true,
        type: 'reference',
        referenceTo: ['User']
      }
    ],
    loginHistory: [1, 2, 10, 40].map((days, i) => ({
      LoginTime: new Date(captured - days * DAY_MS).toISOString(),
      Status: i === 1 ? 'Failed' : 'Success',
      LoginType: i === 2 ? 'Application' : 'Remote Access 2.0',
      Application: 'Act-On',
      ApiType: null,
      ApiVersion: null,
      SourceIp: `203.0.113.${i + 1}`
    })),
    oauthTokens: [],
    fieldMapping: {},
    access: { loginHistory: true, oauthTokens: true, fieldClassification: true, userLogin: true },
    runningUserId: '0058d0000000900AAM',
    userLogin: { IsFrozen: false, IsPasswordLocked: true }
  };
  return { ...base, ...extra };
}

describe('fake org: server', () => {
  it('listens on 127.0.0.1 and lists its API versions without a token', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group') });
    expect(org.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await get(org, '/services/data', null);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json;charset=UTF-8');
    expect(res.body).toEqual([
      { label: "Summer '25", url: '/services/data/v64.0', version: '64.0' },
      { label: "Winter '26", url: '/services/data/v65.0', version: '65.0' },
      { label: "Spring '26", url: '/services/data/v66.0', version: '66.0' },
      { label: "Summer '26", url: '/services/data/v67.0', version: '67.0' }
    ]);
    expect(org.orgId).toBe('00D000000000001AAA');
  });

  it('lists the versions it is given, and serves only those', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group'), apiVersions: ['58.0', '60.0'] });
    expect((await get(org, '/services/data/', null)).body).toEqual([
      { label: "Summer '23", url: '/services/data/v58.0', version: '58.0' },
      { label: "Spring '24", url: '/services/data/v60.0', version: '60.0' }
    ]);
    expect((await query(org, 'SELECT Id FROM Organization', '60.0')).status).toBe(200);
    const missing = await query(org, 'SELECT Id FROM Organization', '67.0');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }
    ]);
  });

  it('refuses a missing or wrong token with 401 INVALID_SESSION_ID', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group') });
    const expected = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    const resource = `/services/data/v67.0/query?q=${encodeURIComponent('SELECT Id FROM User')}`;
    const answers = await Promise.all(
      [null, 'wrong', `${org.token}x`].map((token) => get(org, resource, token))
    );
    expect(answers.map((res) => [res.status, res.body])).toEqual(answers.map(() => [401, expected]));
    expect((await get(org, '/services/data/v67.0/sobjects', null)).status).toBe(401);
    expect((await get(org, '/services/data/v67.0/sobjects')).status).toBe(200);
  });

  it('accepts only the configured token', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group'), token: 'OTHER!TOKEN' });
    expect(org.token).toBe('OTHER!TOKEN');
    expect((await get(org, '/services/data/v67.0/sobjects', '00D000000000001!FAKE.TOKEN')).status).toBe(401);
    expect((await get(org, '/services/data/v67.0/sobjects', 'OTHER!TOKEN')).status).toBe(200);
  });

  it('answers an unknown path with 404 NOT_FOUND and logs every request', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group') });
    const res = await get(org, '/services/data/v67.0/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    expect((await get(org, '/elsewhere')).status).toBe(404);
    await query(org, "SELECT Id FROM User WHERE Name = 'Org Admin'");
    expect(org.requests).toEqual([
      { method: 'GET', path: '/services/data/v67.0/nothing-here', soql: undefined, status: 404 },
      { method: 'GET', path: '/elsewhere', soql: undefined, status: 404 },
      {
        method: 'GET',
        path: '/services/data/v67.0/query',
        soql: "SELECT Id FROM User WHERE Name = 'Org Admin'",
        status: 200
      }
    ]);
  });

  it('tells who the running user is (userinfo) and describes the org', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group') });
    const info = (await get(org, '/services/oauth2/userinfo')).body as Row;
    expect(info).toMatchObject({
      user_id: '0058d0000000900AAM',
      organization_id: org.orgId,
      preferred_username: 'admin@acme.example',
      name: 'Org Admin'
    });
    expect(
      await records(
        org,
        'SELECT Id, Name, IsSandbox, InstanceName, OrganizationType, NamespacePrefix FROM Organization'
      )
    ).toEqual([
      {
        attributes: { type: 'Organization', url: `/services/data/v67.0/sobjects/Organization/${org.orgId}` },
        Id: org.orgId,
        Name: 'Fake Org',
        IsSandbox: false,
        InstanceName: 'FAKE1',
        OrganizationType: 'Developer Edition',
        NamespacePrefix: null
      }
    ]);
  });
});

describe('fake org: OAuth refresh', () => {
  const refresh = (org: FakeOrg, token: string) =>
    fetch(`${org.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: token,
        client_id: 'PlatformCLI'
      })
    });

  it('exchanges its refresh token for the bearer token, in the documented shape', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group'), refreshToken: 'R-1' });
    const res = await refresh(org, 'R-1');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(
      expect.objectContaining({
        access_token: org.token,
        instance_url: org.url,
        id: `${org.url}/id/${org.orgId}/${org.runningUser.Id}`,
        token_type: 'Bearer'
      })
    );
    expect(org.requests).toEqual([
      { method: 'POST', path: '/services/oauth2/token', soql: undefined, status: 200 }
    ]);
  });

  it.each([
    ['another refresh token', { refreshToken: 'R-1' }],
    ['any refresh token where it has none', {}]
  ])('refuses %s with invalid_grant', async (_name, options) => {
    const org = await start({ snapshot: fixture('mfa-api-via-group'), ...options });
    const res = await refresh(org, 'R-2');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'expired access/refresh token'
    });
  });
});

describe('fake org: queries', () => {
  it('pages with nextRecordsUrl until done, totalSize counting every row', async () => {
    const snapshot = fixture('mfa-api-via-group');
    const org = await start({ snapshot, pageSize: 2 });
    const soql = 'SELECT Id, ParentId, Field FROM FieldPermissions';
    const all = await pages(org, soql);
    const total = snapshot.fieldPermissions.length;
    expect(all).toHaveLength(Math.ceil(total / 2));
    expect(all[0].nextRecordsUrl).toMatch(/^\/services\/data\/v67\.0\/query\/01g[A-Za-z0-9]+-2$/);
    expect(
      all.map((page) => [page.totalSize, page.done, page.records.length, page.nextRecordsUrl === undefined])
    ).toEqual(all.map((_, i) => [total, i === all.length - 1, 2, i === all.length - 1]));
    expect(all.flatMap((page) => page.records).map((r) => r.Id)).toEqual(
      snapshot.fieldPermissions.map((r) => r.Id)
    );
    // Pages can be read again, in any order.
    const again = await get(org, all[3].nextRecordsUrl as string);
    expect((again.body as QueryBody).records).toEqual(all[4].records);

    const limited = (await query(org, `${soql} LIMIT 5`)).body;
    expect(limited.totalSize).toBe(5);
    expect(await records(org, `${soql} LIMIT 5`)).toHaveLength(5);
    expect(await records(org, `${soql} LIMIT 5 OFFSET 26`)).toHaveLength(2);

    const bad = await get(org, '/services/data/v67.0/query/01gNOSUCHCURSOR-2');
    expect(bad.status).toBe(400);
    expect((bad.body as SfErrorBody[])[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('returns relationship fields nested, with attributes, and Salesforce datetimes', async () => {
    const snapshot = fixture('mfa-api-via-group');
    const org = await start({ snapshot });
    const [user] = await records(
      org,
      `SELECT Id, Username, Profile.Name, Profile.UserLicense.Name, LastLoginDate FROM User WHERE Id = '${snapshot.user.Id}'`
    );
    expect(user.attributes).toEqual({
      type: 'User',
      url: `/services/data/v67.0/sobjects/User/${snapshot.user.Id}`
    });
    const profile = nested(user, 'Profile');
    expect(profile.attributes).toEqual({
      type: 'Profile',
      url: `/services/data/v67.0/sobjects/Profile/${snapshot.user.ProfileId as string}`
    });
    expect(profile.Name).toBe('Minimum Access - Salesforce');
    expect(nested(profile, 'UserLicense')).toMatchObject({
      attributes: { type: 'UserLicense' },
      Name: 'Salesforce'
    });
    expect(user.LastLoginDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    // Field names are case-insensitive, returned as Salesforce spells them.
    const [lower] = await records(org, `select id, profile.name from user where id = '${snapshot.user.Id}'`);
    expect(Object.keys(lower)).toEqual(['attributes', 'Id', 'Profile']);
  });

  it('filters and selects assignments through their permission set', async () => {
    const snapshot = fixture('mfa-api-via-group');
    const org = await start({ snapshot });
    const rows = await records(
      org,
      "SELECT AssigneeId, PermissionSet.Name, PermissionSet.Label FROM PermissionSetAssignment WHERE PermissionSet.Name = 'security_baseline'"
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].AssigneeId).toBe(snapshot.user.Id);
    expect(rows[0].PermissionSet).toEqual({
      attributes: {
        type: 'PermissionSet',
        url: '/services/data/v67.0/sobjects/PermissionSet/0PS8d00000000WFAAM'
      },
      Name: 'Security_Baseline',
      Label: 'Security Baseline'
    });
    const apiOnly = await records(
      org,
      'SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsApiUserOnly = TRUE LIMIT 200'
    );
    expect(apiOnly.map((r) => r.AssigneeId)).toEqual([snapshot.user.Id]);
    const both = await records(
      org,
      `SELECT Id, AssigneeId, PermissionSetId, PermissionSetGroupId, ExpirationDate FROM PermissionSetAssignment WHERE AssigneeId IN (${ids([snapshot.user.Id, org.runningUser.Id])}) LIMIT 1000`
    );
    expect(both).toHaveLength(snapshot.assignments.length + 1);
    expect(both.filter((r) => r.AssigneeId === org.runningUser.Id).map((r) => r.PermissionSetId)).toEqual([
      ADMIN_PERMISSION_SET_ID
    ]);
    // The running user's own set carries its rights.
    const [admin] = await records(
      org,
      `SELECT Name, PermissionsViewSetup, PermissionsManageUsers, PermissionsModifyAllData FROM PermissionSet WHERE Id = '${ADMIN_PERMISSION_SET_ID}'`
    );
    expect(admin).toMatchObject({
      Name: 'Fake_Admin',
      PermissionsViewSetup: true,
      PermissionsManageUsers: true,
      PermissionsModifyAllData: false
    });
    // A null relationship is null; the reader's own OR-with-parentheses shape works.
    const sets = await records(
      org,
      `SELECT Id, Profile.Name, PermissionsViewSetup FROM PermissionSet WHERE Id IN (${ids(['0PS8d00000000VBAAM', '0PS8d00000000VCAAM'])}) OR (Name = 'Act_On_Integration_User' AND NamespacePrefix = null)`
    );
    expect(sets.map((r) => [r.Id, r.Profile === null ? null : nested(r, 'Profile').Name])).toEqual([
      ['0PS8d00000000VBAAM', 'Minimum Access - Salesforce'],
      ['0PS8d00000000VCAAM', null]
    ]);
    expect(sets.every((r) => r.PermissionsViewSetup === false)).toBe(true);
  });

  it('counts assignees from AssigneeCount, and the admin set by its rows', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group') });
    const setIds = [
      '0PS8d00000000VBAAM',
      '0PS8d00000000VCAAM',
      '0PS8d00000000WFAAM',
      ADMIN_PERMISSION_SET_ID
    ];
    const rows = await records(
      org,
      `SELECT PermissionSetId, COUNT(Id) assignees FROM PermissionSetAssignment WHERE PermissionSetId IN (${ids(setIds)}) GROUP BY PermissionSetId`
    );
    expect(rows.every((r) => (r.attributes as Row).type === 'AggregateResult')).toBe(true);
    expect(Object.fromEntries(rows.map((r) => [r.PermissionSetId, r.assignees]))).toEqual({
      '0PS8d00000000VBAAM': 3,
      '0PS8d00000000VCAAM': 1,
      '0PS8d00000000WFAAM': 212,
      [ADMIN_PERMISSION_SET_ID]: 1
    });
    const unnamed = await records(
      org,
      "SELECT COUNT(Id), MAX(PermissionSetId) FROM PermissionSetAssignment WHERE PermissionSetId = '0PS8d00000000WFAAM'"
    );
    expect(unnamed).toEqual([
      { attributes: { type: 'AggregateResult' }, expr0: 212, expr1: '0PS8d00000000WFAAM' }
    ]);
    const count = await query(org, "SELECT COUNT() FROM User WHERE Username LIKE '%acme.example'");
    expect(count.body).toEqual({ totalSize: 3, done: true, records: [] });
  });

  it('answers the readable-fields aggregate once per field, and its plain fallback', async () => {
    const snapshot = fixture('mfa-api-via-group');
    const objects = ['Contact', 'Lead', 'Activity'];
    const effective = ['0PS8d00000000VBAAM', '0PS8d00000000VCAAM', '0PS8d00000000WFAAM'];
    const expected = [
      ...new Set(
        snapshot.fieldPermissions
          .filter((r) => r.PermissionsRead === true && objects.includes(r.SobjectType as string))
          .map((r) => `${r.SobjectType as string}|${r.Field as string}`)
      )
    ].sort();
    const where = `WHERE ParentId IN (${ids(effective)}) AND SobjectType IN (${ids(objects)}) AND PermissionsRead = TRUE`;
    const grouped = `SELECT SobjectType, Field, COUNT(Id) grantingSets FROM FieldPermissions ${where} GROUP BY SobjectType, Field LIMIT 2000`;
    const plain = `SELECT SobjectType, Field FROM FieldPermissions ${where} LIMIT 5000`;

    const org = await start({ snapshot });
    const rows = await records(org, grouped);
    expect(rows.map((r) => `${r.SobjectType as string}|${r.Field as string}`).sort()).toEqual(expected);
    expect(rows.every((r) => r.grantingSets === 1 && Object.keys(r).length === 4)).toBe(true);
    expect(
      (await records(org, plain)).map((r) => `${r.SobjectType as string}|${r.Field as string}`).sort()
    ).toEqual(expected);

    const refusing = await start({ snapshot, refuseGroupBy: true });
    const error = await queryError(refusing, grouped);
    expect(error.status).toBe(400);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    const fallback = await records(refusing, plain);
    expect(fallback.map((r) => (r.attributes as Row).type)).toEqual(expected.map(() => 'FieldPermissions'));
    expect(fallback.map((r) => `${r.SobjectType as string}|${r.Field as string}`).sort()).toEqual(expected);
  });

  it('reads fields granted only by an expired assignment as unreadable when asked for the effective sets', async () => {
    const snapshot = fixture('expired-assignment');
    const org = await start({ snapshot });
    const rows = await records(
      org,
      "SELECT SobjectType, Field, COUNT(Id) grantingSets FROM FieldPermissions WHERE ParentId IN ('0PS8d00000000ZRAAM') AND SobjectType IN ('Contact', 'Lead') AND PermissionsRead = TRUE GROUP BY SobjectType, Field"
    );
    expect(rows).toEqual([]);
  });

  it('answers readable fields from snapshot.readableFields by object only', async () => {
    const snapshot = tinySnapshot({
      readableFields: [
        { SobjectType: 'Lead', Field: 'Lead.Email' },
        { SobjectType: 'Lead', Field: 'Lead.Phone' },
        { SobjectType: 'Contact', Field: 'Contact.Email' }
      ]
    });
    const org = await start({ snapshot });
    const rows = await records(
      org,
      "SELECT SobjectType, Field, COUNT(Id) grantingSets FROM FieldPermissions WHERE ParentId IN ('0PS8d00000000ZZAAM') AND SobjectType IN ('Lead') AND PermissionsRead = TRUE GROUP BY SobjectType, Field"
    );
    expect(rows).toEqual([
      { attributes: { type: 'AggregateResult' }, SobjectType: 'Lead', Field: 'Lead.Email', grantingSets: 1 },
      { attributes: { type: 'AggregateResult' }, SobjectType: 'Lead', Field: 'Lead.Phone', grantingSets: 1 }
    ]);
  });

  it('supports LIKE, IN, NOT IN, LAST_N_DAYS, TODAY, ORDER BY and LIMIT', async () => {
    const snapshot = tinySnapshot();
    const org = await start({
      snapshot,
      otherUsers: [
        {
          Id: '0058d00000000T9AAM',
          Username: 'integration.bot@tiny.example',
          Name: 'Integration 50% Bot',
          IsActive: false,
          LastLoginDate: null,
          Profile: { Name: 'Standard User', UserLicense: { Name: 'Salesforce' } }
        }
      ]
    });
    const names = async (where: string) =>
      (await records(org, `SELECT Name FROM User WHERE ${where} ORDER BY Name`)).map((r) => r.Name);
    expect(await names("Name LIKE 'act-on%'")).toEqual(['Act-On Tiny']);
    expect(await names("Name LIKE '%50\\%%' OR Username LIKE '%integration%'")).toEqual([
      'Integration 50% Bot'
    ]);
    expect(await names("Name LIKE 'Act_On%'")).toEqual(['Act-On Tiny']);
    expect(await names("Name LIKE 'Act\\_On%'")).toEqual([]);
    expect(await names(`Id IN (${ids(['0058d00000000T1AAM', '0058d00000000T9'])})`)).toEqual([
      'Act-On Tiny',
      'Integration 50% Bot'
    ]);
    expect(await names(`Id NOT IN (${ids(['0058d00000000T1AAM'])}) AND IsActive = TRUE`)).toEqual([
      'Org Admin'
    ]);
    expect(await names('NOT (IsActive = true)')).toEqual(['Integration 50% Bot']);
    expect(await names('LastLoginDate = null')).toEqual(['Integration 50% Bot']);
    expect(await names('LastLoginDate = TODAY')).toEqual(['Org Admin']);

    const logins = async (soql: string) => (await records(org, soql)).map((r) => r.SourceIp);
    expect(await logins('SELECT SourceIp FROM LoginHistory WHERE LoginTime = LAST_N_DAYS:30')).toEqual([
      '203.0.113.1',
      '203.0.113.2',
      '203.0.113.3'
    ]);
    expect(
      await logins(
        "SELECT UserId, SourceIp FROM LoginHistory WHERE LoginTime = LAST_N_DAYS:30 AND LoginType != 'Application' ORDER BY LoginTime DESC LIMIT 2000"
      )
    ).toEqual(['203.0.113.1', '203.0.113.2']);
    expect(await logins("SELECT SourceIp FROM LoginHistory WHERE Status IN ('Failed', 'Locked')")).toEqual([
      '203.0.113.2'
    ]);
    expect(await logins("SELECT SourceIp FROM LoginHistory WHERE Status NOT IN ('Failed')")).toHaveLength(3);
    expect(await logins('SELECT SourceIp FROM LoginHistory ORDER BY LoginTime DESC LIMIT 2')).toEqual([
      '203.0.113.1',
      '203.0.113.2'
    ]);
    expect(await logins('SELECT SourceIp FROM LoginHistory ORDER BY LoginTime ASC LIMIT 2')).toEqual([
      '203.0.113.4',
      '203.0.113.3'
    ]);
    const fiveDaysAgo = new Date(Date.now() - 5 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(await logins(`SELECT SourceIp FROM LoginHistory WHERE LoginTime < ${fiveDaysAgo}`)).toEqual([
      '203.0.113.3',
      '203.0.113.4'
    ]);
    expect(
      (await records(org, 'SELECT Name FROM User ORDER BY LastLoginDate DESC NULLS FIRST')).map((r) => r.Name)
    ).toEqual(['Integration 50% Bot', 'Org Admin', 'Act-On Tiny']);
  });

  it('fails like Salesforce on unknown fields, objects and bad syntax', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group') });
    const unknownField = await queryError(org, 'SELECT Id, Bogus__c FROM User');
    expect(unknownField).toMatchObject({ status: 400, errorCode: 'INVALID_FIELD', fields: [] });
    expect(unknownField.message).toContain("No such column 'Bogus__c' on entity 'User'");
    expect((await queryError(org, "SELECT Id FROM User WHERE Nope = 'x'")).message).toContain(
      "No such column 'Nope' on entity 'User'"
    );
    expect(
      (await queryError(org, 'SELECT Id FROM PermissionSet WHERE PermissionsNotInThisOrg = TRUE')).errorCode
    ).toBe('INVALID_FIELD');
    expect((await queryError(org, 'SELECT Nothing.Name FROM User')).message).toContain(
      "Didn't understand relationship 'Nothing'"
    );
    expect((await queryError(org, "SELECT Id FROM User WHERE IsActive = 'true'")).errorCode).toBe(
      'INVALID_FIELD'
    );
    expect((await queryError(org, "SELECT Id FROM User WHERE Id = 'not-an-id'")).errorCode).toBe(
      'INVALID_QUERY_FILTER_OPERATOR'
    );

    const unknownType = await queryError(org, 'SELECT Id FROM Nope__c');
    expect(unknownType).toMatchObject({ status: 400, errorCode: 'INVALID_TYPE' });
    expect(unknownType.message).toContain("sObject type 'Nope__c' is not supported.");

    const malformedQueries = [
      'SELECT FROM User',
      'SELECT Id User',
      'SELECT Id FROM User WHERE',
      'SELECT Id FROM User WHERE Id = :userId',
      "SELECT Id FROM User WHERE Name = 'a' AND Name = 'b' OR Name = 'c'",
      "SELECT Id FROM User WHERE Name = 'unterminated",
      'SELECT Name n FROM User',
      'SELECT Id, id FROM User',
      'SELECT Name, COUNT(Id) FROM User',
      'SELECT Id FROM User LIMIT x',
      'SELECT Id FROM User WITH USER_MODE',
      '   '
    ];
    const errors = await Promise.all(malformedQueries.map((soql) => queryError(org, soql)));
    expect(errors.map((e, i) => [malformedQueries[i], e.status, e.errorCode])).toEqual(
      malformedQueries.map((soql) => [soql, 400, 'MALFORMED_QUERY'])
    );
    expect((await queryError(org, 'SELECT Id FROM User WHERE Id = :userId')).message).toContain(
      'ERROR at Row:1:Column:32'
    );
  });

  it('supports semi-joins', async () => {
    const snapshot = fixture('mfa-api-via-group');
    const org = await start({ snapshot });
    const rows = await records(
      org,
      `SELECT Name FROM PermissionSet WHERE Id IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '${snapshot.user.Id}') ORDER BY Name`
    );
    expect(rows.map((r) => r.Name)).toEqual([
      'Act_On_Integration_User',
      'Security_Baseline',
      'X00e8d00000000VA'
    ]);
  });
});

describe('fake org: failures and access', () => {
  it('injects failures by SOQL or path, a number of times or always', async () => {
    const org = await start({
      snapshot: fixture('mfa-api-via-group'),
      failures: [
        {
          match: /FROM\s+LoginHistory/i,
          status: 400,
          errorCode: 'INSUFFICIENT_ACCESS',
          message: 'no logins'
        },
        {
          match: /FROM\s+OauthToken/i,
          status: 503,
          errorCode: 'SERVER_UNAVAILABLE',
          message: 'busy',
          times: 1
        },
        { match: '/sobjects/Contact/describe', status: 500, errorCode: 'UNKNOWN_EXCEPTION', message: 'boom' }
      ]
    });
    const refused = { status: 400, errorCode: 'INSUFFICIENT_ACCESS', message: 'no logins' };
    expect(await queryError(org, 'SELECT LoginTime FROM LoginHistory')).toEqual(refused);
    expect(await queryError(org, 'SELECT UserId FROM LoginHistory')).toEqual(refused);
    expect((await queryError(org, 'SELECT AppName FROM OauthToken')).errorCode).toBe('SERVER_UNAVAILABLE');
    expect(await records(org, 'SELECT AppName FROM OauthToken')).toHaveLength(2);
    expect((await get(org, '/services/data/v67.0/sobjects/Contact/describe')).status).toBe(500);
    expect((await get(org, '/services/data/v67.0/sobjects/Lead/describe')).status).toBe(200);
    expect(org.requests.map((r) => r.status)).toEqual([400, 400, 503, 200, 500, 200]);
  });

  it('fails every authenticated request with an "all" failure, but still lists versions', async () => {
    const org = await start({
      snapshot: fixture('mfa-api-via-group'),
      failures: [
        {
          all: true,
          status: 403,
          errorCode: 'API_DISABLED_FOR_ORG',
          message: 'The REST API is not enabled for this Organization.'
        }
      ]
    });
    expect((await get(org, '/services/data', null)).status).toBe(200);
    expect(await queryError(org, 'SELECT Id FROM User')).toEqual({
      status: 403,
      errorCode: 'API_DISABLED_FOR_ORG',
      message: 'The REST API is not enabled for this Organization.'
    });
    expect((await get(org, '/services/data/v67.0/sobjects')).status).toBe(403);
    expect((await get(org, '/services/data/v67.0/sobjects', 'bad')).status).toBe(401);
  });

  it('refuses sources the snapshot could not read with INSUFFICIENT_ACCESS', async () => {
    const snapshot = fixture('limited-admin-rights');
    const org = await start({ snapshot });
    const unreadable = [
      `SELECT LoginTime FROM LoginHistory WHERE UserId = '${snapshot.user.Id}' ORDER BY LoginTime DESC LIMIT 50`,
      `SELECT IsFrozen, IsPasswordLocked FROM UserLogin WHERE UserId = '${snapshot.user.Id}' LIMIT 1`,
      "SELECT AppName, UserId, User.Name FROM OauthToken WHERE AppName LIKE '%Act-On%'",
      "SELECT QualifiedApiName FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName IN ('Contact')"
    ];
    const errors = await Promise.all(unreadable.map((soql) => queryError(org, soql)));
    expect(
      errors.map((e) => [
        e.status,
        e.errorCode,
        e.message.includes('insufficient access rights on object id')
      ])
    ).toEqual(unreadable.map(() => [400, 'INSUFFICIENT_ACCESS', true]));
    expect(await records(org, `SELECT Id FROM User WHERE Id = '${snapshot.user.Id}'`)).toHaveLength(1);

    const overridden = await start({
      snapshot,
      failures: [{ match: /FROM\s+LoginHistory/i, status: 400, errorCode: 'INVALID_TYPE', message: 'gone' }]
    });
    expect((await queryError(overridden, 'SELECT LoginTime FROM LoginHistory')).errorCode).toBe(
      'INVALID_TYPE'
    );
  });

  it('has the field mapping custom setting only when asked', async () => {
    const snapshot = fixture('mfa-api-via-group');
    const withMapping = await start({ snapshot });
    const rows = await records(
      withMapping,
      'SELECT Name, Field_Api_Name__c FROM Readiness_Field_Mapping__c ORDER BY Name'
    );
    expect(Object.fromEntries(rows.map((r) => [r.Name, r.Field_Api_Name__c]))).toEqual(snapshot.fieldMapping);
    const list = (await get(withMapping, '/services/data/v67.0/sobjects')).body as {
      sobjects: { name: string }[];
    };
    expect(list.sobjects.map((s) => s.name)).toContain('Readiness_Field_Mapping__c');

    const without = await start({ snapshot, fieldMappingObject: false });
    const error = await queryError(without, 'SELECT Name, Field_Api_Name__c FROM Readiness_Field_Mapping__c');
    expect(error.errorCode).toBe('INVALID_TYPE');
    const list2 = (await get(without, '/services/data/v67.0/sobjects')).body as {
      sobjects: { name: string }[];
    };
    expect(list2.sobjects.map((s) => s.name)).not.toContain('Readiness_Field_Mapping__c');
    expect(
      (await get(without, '/services/data/v67.0/sobjects/Readiness_Field_Mapping__c/describe')).status
    ).toBe(404);
  });
});

describe('fake org: describe', () => {
  it('lists the snapshot objects and the standard ones', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group') });
    const res = await get(org, '/services/data/v67.0/sobjects');
    const body = res.body as {
      encoding: string;
      maxBatchSize: number;
      sobjects: { name: string; queryable: boolean; custom: boolean }[];
    };
    expect(body.encoding).toBe('UTF-8');
    expect(body.maxBatchSize).toBe(200);
    const names = body.sobjects.map((s) => s.name);
    for (const name of [
      'User',
      'PermissionSet',
      'PermissionSetAssignment',
      'ObjectPermissions',
      'FieldPermissions',
      'FieldDefinition',
      'UserLogin',
      'LoginHistory',
      'OauthToken',
      'Organization',
      'Lead',
      'Contact',
      'Account',
      'Campaign',
      'Opportunity',
      'Task',
      'Event',
      'Marketing_Touch__c'
    ]) {
      expect(names).toContain(name);
    }
    expect(body.sobjects.find((s) => s.name === 'Marketing_Touch__c')).toMatchObject({
      custom: true,
      queryable: true
    });
  });

  it('describes Contact with the fixture fields and its custom children', async () => {
    const snapshot = fixture('mfa-api-via-group');
    const org = await start({ snapshot });
    const res = await get(org, '/services/data/v67.0/sobjects/Contact/describe');
    expect(res.status).toBe(200);
    const describe = res.body as Describe;
    expect(describe).toMatchObject({ name: 'Contact', custom: false, queryable: true });
    const expected = snapshot.fields.filter((f) => f.object === 'Contact');
    expect(
      describe.fields.map((f) => ({
        object: 'Contact',
        name: f.name,
        label: f.label,
        permissionable: f.permissionable,
        custom: f.custom,
        type: f.type,
        referenceTo: f.referenceTo
      }))
    ).toEqual(
      expected.map((f) => ({
        object: f.object,
        name: f.name,
        label: f.label,
        permissionable: f.permissionable,
        custom: f.custom,
        type: f.type,
        referenceTo: f.referenceTo
      }))
    );
    const field = (name: string) => describe.fields.find((f) => f.name === name) as DescribeField;
    expect(field('Email')).toMatchObject({ type: 'email', htmlFormatted: false, updateable: true });
    expect(field('Id')).toMatchObject({ type: 'id', updateable: false, nillable: false });
    expect(describe.childRelationships).toContainEqual(
      expect.objectContaining({ childSObject: 'Marketing_Touch__c', field: 'Contact__c' })
    );
    expect((await get(org, '/services/data/v67.0/sobjects/contact/describe')).status).toBe(200);
  });

  it('describes PermissionSet with every Permissions* field the org has as a boolean', async () => {
    const snapshot = fixture('mfa-api-via-group');
    const org = await start({
      snapshot,
      runningUser: { rights: ['PermissionsViewSetup', 'PermissionsManageUsers'] }
    });
    const describe = (await get(org, '/services/data/v67.0/sobjects/PermissionSet/describe'))
      .body as Describe;
    const names = describe.fields.map((f) => f.name);
    for (const name of [
      'Id',
      'Name',
      'Label',
      'Type',
      'IsOwnedByProfile',
      'ProfileId',
      'PermissionSetGroupId',
      'LicenseId',
      'NamespacePrefix'
    ]) {
      expect(names).toContain(name);
    }
    const permissions = describe.fields.filter((f) => f.name.startsWith('Permissions'));
    const fromSnapshot = new Set(
      snapshot.permissionSets.flatMap((ps) => Object.keys(ps).filter((k) => k.startsWith('Permissions')))
    );
    expect(permissions.map((f) => f.name).sort()).toEqual([...fromSnapshot, 'PermissionsViewSetup'].sort());
    expect(permissions.every((f) => f.type === 'boolean')).toBe(true);
    expect(names).not.toContain('PermissionsUseAnyApiAuth');
    expect(names).not.toContain('AssigneeCount');
    expect(describe.fields.find((f) => f.name === 'ProfileId')).toMatchObject({
      type: 'reference',
      referenceTo: ['Profile']
    });

    const soap = await start({ snapshot: fixture('soap-login') });
    const soapDescribe = (await get(soap, '/services/data/v67.0/sobjects/PermissionSet/describe'))
      .body as Describe;
    expect(soapDescribe.fields.map((f) => f.name)).toContain('PermissionsUseAnyApiAuth');
  });

  it("lists the custom objects that look up to Lead among Lead's child relationships", async () => {
    const org = await start({ snapshot: tinySnapshot() });
    const describe = (await get(org, '/services/data/v67.0/sobjects/Lead/describe')).body as Describe;
    expect(describe.childRelationships).toEqual([
      expect.objectContaining({
        childSObject: 'Campaign_Touch__c',
        field: 'Lead__c',
        relationshipName: 'Campaign_Touches__r'
      })
    ]);
    const custom = (await get(org, '/services/data/v67.0/sobjects/Campaign_Touch__c/describe'))
      .body as Describe;
    expect(custom).toMatchObject({ name: 'Campaign_Touch__c', custom: true });
    expect(custom.fields.map((f) => f.name)).toEqual(['Id', 'Lead__c', 'Owner_Note__c']);
  });

  it('answers an unknown object with 404 NOT_FOUND', async () => {
    const org = await start({ snapshot: fixture('mfa-api-via-group') });
    const res = await get(org, '/services/data/v67.0/sobjects/Nope__c/describe');
    expect(res.status).toBe(404);
    expect(res.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });
});

describe('fake org: time', () => {
  it('moves the snapshot to now: a login 2 days before capturedAt is 2 days before now', async () => {
    const snapshot = tinySnapshot();
    const org = await start({ snapshot });
    expect(Math.abs(org.shiftMs - (Date.now() - Date.parse(snapshot.capturedAt)))).toBeLessThan(60_000);
    const [login] = await records(
      org,
      `SELECT LoginTime FROM LoginHistory WHERE UserId = '${snapshot.user.Id}' AND Status = 'Failed'`
    );
    expect(Math.abs(Date.parse(login.LoginTime as string) - (Date.now() - 2 * DAY_MS))).toBeLessThan(60_000);
    const [user] = await records(org, `SELECT LastLoginDate FROM User WHERE Id = '${snapshot.user.Id}'`);
    expect(Math.abs(Date.parse(user.LastLoginDate as string) - (Date.now() - 2 * DAY_MS))).toBeLessThan(
      60_000
    );
    // A date without time stays as it is.
    const [assignment] = await records(
      org,
      'SELECT ExpirationDate FROM PermissionSetAssignment WHERE ExpirationDate != null'
    );
    expect(assignment.ExpirationDate).toBe('2026-12-01');
  });

  it('keeps the snapshot times when asked, in ISO form when asked', async () => {
    const snapshot = fixture('mfa-api-via-group');
    const org = await start({ snapshot, shiftDates: false, datetimeFormat: 'iso' });
    expect(org.shiftMs).toBe(0);
    const [user] = await records(org, `SELECT LastLoginDate FROM User WHERE Id = '${snapshot.user.Id}'`);
    expect(user.LastLoginDate).toBe(snapshot.user.LastLoginDate);
  });
});

describe('fake org: running user', () => {
  it('is the snapshot user when the snapshot says so, with no set of its own', async () => {
    const snapshot = fixture('running-user');
    const org = await start({ snapshot });
    expect(org.runningUser.Id).toBe(snapshot.user.Id);
    const assignments = await records(
      org,
      `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId IN (${ids([snapshot.user.Id])})`
    );
    expect(assignments.map((r) => r.PermissionSetId)).toEqual(
      snapshot.assignments.map((a) => a.PermissionSetId)
    );
    expect(
      await records(org, `SELECT Id FROM PermissionSet WHERE Id = '${ADMIN_PERMISSION_SET_ID}'`)
    ).toEqual([]);
    const [profileSet] = await records(
      org,
      `SELECT PermissionsViewSetup, PermissionsManageUsers FROM PermissionSet WHERE Id = '${snapshot.permissionSets[0].Id as string}'`
    );
    expect(profileSet).toMatchObject({ PermissionsViewSetup: true, PermissionsManageUsers: true });
  });
});

/** Values comparable across the shift: datetimes as ms before it, attributes dropped. */
function comparable(value: unknown, shiftMs: number): unknown {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return Date.parse(value) - shiftMs;
  if (Array.isArray(value)) return value.map((v) => comparable(v, shiftMs));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'attributes')
        .map(([k, v]) => [k, comparable(v, shiftMs)])
    );
  }
  return value;
}

/** The snapshot as a reader gets it back from the org, in the fixture's own terms. */
async function readBack(org: FakeOrg, snapshot: Snapshot): Promise<Row> {
  const user = snapshot.user;
  const access = snapshot.access || {};
  const setIds = snapshot.permissionSets.map((ps) => ps.Id as string);
  const objects = [...new Set(snapshot.fields.map((f) => f.object as string))];
  const psDescribe = (await get(org, '/services/data/v67.0/sobjects/PermissionSet/describe'))
    .body as Describe;
  const permissionFields = psDescribe.fields.map((f) => f.name).filter((f) => f.startsWith('Permissions'));
  const unreadable = 'unreadable';
  const [
    users,
    assignments,
    sets,
    counts,
    objectPermissions,
    fieldPermissions,
    describes,
    definitions,
    logins,
    history,
    tokens,
    mapping
  ] = await Promise.all([
    records(
      org,
      `SELECT Id, Username, Name, IsActive, UserType, ProfileId, Profile.Name, Profile.UserLicense.Name, LastLoginDate, LastPasswordChangeDate, UserPermissionsMarketingUser FROM User WHERE Id = '${user.Id}' LIMIT 1`
    ),
    records(
      org,
      `SELECT Id, AssigneeId, PermissionSetId, PermissionSetGroupId, ExpirationDate FROM PermissionSetAssignment WHERE AssigneeId IN (${ids([user.Id, org.runningUser.Id])}) LIMIT 1000`
    ),
    records(
      org,
      `SELECT Id, Name, Label, Type, IsOwnedByProfile, ProfileId, Profile.Name, PermissionSetGroupId, LicenseId, NamespacePrefix, ${permissionFields.join(', ')} FROM PermissionSet WHERE Id IN (${ids(setIds)})`
    ),
    records(
      org,
      `SELECT PermissionSetId, COUNT(Id) assignees FROM PermissionSetAssignment WHERE PermissionSetId IN (${ids(setIds)}) GROUP BY PermissionSetId`
    ),
    records(
      org,
      `SELECT Id, ParentId, SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete, PermissionsViewAllRecords, PermissionsModifyAllRecords FROM ObjectPermissions WHERE ParentId IN (${ids(setIds)}) LIMIT 3000`
    ),
    records(
      org,
      `SELECT Id, ParentId, SobjectType, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId IN (${ids(setIds)}) LIMIT 3000`
    ),
    Promise.all(
      objects.map(
        async (object) =>
          (await get(org, `/services/data/v67.0/sobjects/${object}/describe`)).body as Describe
      )
    ),
    access.fieldClassification === false
      ? unreadable
      : records(
          org,
          `SELECT EntityDefinition.QualifiedApiName, QualifiedApiName, SecurityClassification, ComplianceGroup FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName IN (${ids(objects)})`
        ),
    access.userLogin === false
      ? unreadable
      : records(org, `SELECT IsFrozen, IsPasswordLocked FROM UserLogin WHERE UserId = '${user.Id}' LIMIT 1`),
    access.loginHistory === false
      ? unreadable
      : records(
          org,
          `SELECT LoginTime, Status, LoginType, Application, ApiType, ApiVersion, SourceIp FROM LoginHistory WHERE UserId = '${user.Id}' ORDER BY LoginTime DESC LIMIT 50`
        ),
    access.oauthTokens === false
      ? unreadable
      : records(
          org,
          "SELECT AppName, UserId, User.Name, User.Username, LastUsedDate, UseCount FROM OauthToken WHERE AppName LIKE '%Act-On%' OR AppName LIKE '%ActOn%' ORDER BY LastUsedDate DESC LIMIT 200"
        ),
    records(org, 'SELECT Name, Field_Api_Name__c FROM Readiness_Field_Mapping__c')
  ]);
  const countOf = new Map(counts.map((r) => [r.PermissionSetId, r.assignees]));
  return {
    user: users[0],
    assignments: assignments
      .filter((a) => a.AssigneeId === user.Id)
      .map((a) => {
        const copy = { ...a };
        delete copy.AssigneeId;
        return copy;
      }),
    // Each set's fixture keys, read back; AssigneeCount from the grouped count.
    permissionSets: snapshot.permissionSets.map((ps) => {
      const read = sets.find((r) => r.Id === ps.Id) || {};
      return Object.fromEntries(
        Object.keys(ps)
          .filter((k) => k !== 'attributes')
          .map((k) => [k, k === 'AssigneeCount' ? countOf.get(ps.Id) : read[k]])
      );
    }),
    objectPermissions,
    fieldPermissions,
    fields: describes.flatMap((d) =>
      d.fields.map((f) => ({
        object: d.name,
        name: f.name,
        label: f.label,
        permissionable: f.permissionable,
        custom: f.custom,
        type: f.type,
        referenceTo: f.referenceTo
      }))
    ),
    classifications:
      definitions === unreadable
        ? unreadable
        : (definitions as Row[]).map((d) => [
            nested(d, 'EntityDefinition').QualifiedApiName,
            d.QualifiedApiName,
            d.SecurityClassification,
            d.ComplianceGroup
          ]),
    userLogin: logins === unreadable ? unreadable : ((logins as Row[])[0] ?? null),
    loginHistory: history,
    oauthTokens:
      tokens === unreadable
        ? unreadable
        : (tokens as Row[]).slice().sort((a, b) => String(a.UserId).localeCompare(String(b.UserId))),
    fieldMapping: Object.fromEntries(mapping.map((r) => [r.Name, r.Field_Api_Name__c]))
  };
}

/** What readBack must find, straight from the fixture. */
function expectedOf(snapshot: Snapshot): Row {
  const access = snapshot.access || {};
  const unreadable = 'unreadable';
  const objects = [...new Set(snapshot.fields.map((f) => f.object as string))];
  return {
    user: snapshot.user,
    assignments: snapshot.assignments,
    permissionSets: snapshot.permissionSets,
    objectPermissions: snapshot.objectPermissions,
    fieldPermissions: snapshot.fieldPermissions,
    fields: objects.flatMap((object) =>
      snapshot.fields
        .filter((f) => f.object === object)
        .map((f) => ({
          object: f.object,
          name: f.name,
          label: f.label,
          permissionable: f.permissionable,
          custom: f.custom,
          type: f.type,
          referenceTo: f.referenceTo
        }))
    ),
    classifications:
      access.fieldClassification === false
        ? unreadable
        : snapshot.fields.map((f) => [
            f.object,
            f.name,
            f.securityClassification ?? null,
            f.complianceGroup ?? null
          ]),
    userLogin: access.userLogin === false ? unreadable : (snapshot.userLogin ?? null),
    loginHistory:
      access.loginHistory === false
        ? unreadable
        : (snapshot.loginHistory ?? []).map((l) => ({
            LoginTime: l.LoginTime,
            Status: l.Status,
            LoginType: l.LoginType,
            Application: l.Application,
            ApiType: l.ApiType,
            ApiVersion: l.ApiVersion,
            SourceIp: l.SourceIp
          })),
    oauthTokens:
      access.oauthTokens === false
        ? unreadable
        : (snapshot.oauthTokens ?? [])
            .slice()
            .sort((a, b) => String(a.UserId).localeCompare(String(b.UserId))),
    fieldMapping: snapshot.fieldMapping ?? {}
  };
}

describe('fake org: every fixture reads back through the REST API', () => {
  it.each(FIXTURE_NAMES)('%s', async (name) => {
    const snapshot = fixture(name);
    const org = await start({ snapshot, pageSize: 7 });
    const read = await readBack(org, snapshot);
    expect(comparable(read, org.shiftMs)).toEqual(comparable(expectedOf(snapshot), 0));
  });
});
