import { PRODUCT_PERMISSION_SET } from 'c/readinessEngine';
import type { Snapshot } from 'c/readinessEngine';
import { check, fixture, profilePs, ps, score, statusOf } from './helpers';

const PERFECT = 'perfect-dedicated-user';
const product = (s: Snapshot) => ps(s, PRODUCT_PERMISSION_SET.name);

describe('a perfect dedicated user', () => {
  const report = score(fixture(PERFECT));
  it('passes every check that applies; Use Any API Auth and password expiry do not apply to an OAuth connection', () => {
    expect(report.checks.filter((c) => c.status !== 'pass').map((c) => [c.id, c.status])).toEqual([
      ['auth.password-expiry', 'n/a'],
      ['auth.use-any-api-auth', 'n/a']
    ]);
    expect(report.checks.every((c) => c.fix === null)).toBe(true);
    expect(report).toMatchObject({ score: 100, status: 'ready', completeness: { complete: true } });
  });
});

describe('identity and license', () => {
  it('user.active fails for an inactive user with a link to the user', () => {
    const c = check(score(fixture('inactive-user')), 'user.active');
    expect(c.status).toBe('fail');
    expect(c.evidence).toMatch(/inactive/);
    expect(c.fix).toMatchObject({ fixable: false, manual: { kind: 'setup' } });
    expect(c.fix?.manual?.url).toContain('/lightning/setup/ManageUsers/');
  });

  it('user.license fails for a Salesforce Integration user and explains the permission set license', () => {
    const c = check(score(fixture('integration-license-user')), 'user.license');
    expect(c.status).toBe('fail');
    expect(c.evidence).toContain('Salesforce Integration');
    expect(c.evidence).toContain('cannot be assigned');
    expect(c.fix?.fixable).toBe(false);
  });

  it('user.license fails for another license without the integration note', () => {
    const s = fixture(PERFECT);
    s.user.Profile.UserLicense = { Name: 'Salesforce Platform' };
    const c = check(score(s), 'user.license');
    expect(c.status).toBe('fail');
    expect(c.evidence).not.toContain('cannot be assigned');
  });

  it('user.license is unknown when the license was not read', () => {
    const s = fixture(PERFECT);
    s.user.Profile.UserLicense = null;
    expect(statusOf(s, 'user.license')).toBe('unknown');
  });

  it('user.api-only passes from a permission set and fails with an identity-changing grant otherwise', () => {
    const s = fixture(PERFECT);
    expect(check(score(s), 'user.api-only').grantedBy.map((g) => g.label)).toEqual([
      'Act-On Integration User'
    ]);
    product(s).PermissionsApiUserOnly = false;
    const c = check(score(s), 'user.api-only');
    expect(c.status).toBe('fail');
    expect(c.fix?.fixable).toBe(true);
    expect(c.fix?.changes).toEqual([
      expect.objectContaining({
        kind: 'systemPermission',
        permission: 'PermissionsApiUserOnly',
        identity: true,
        consequence: expect.stringMatching(/can no longer log in to the Salesforce user interface/)
      })
    ]);
  });

  it('user.least-privilege fails for a System Administrator and lists each high-risk permission with its source', () => {
    const c = check(score(fixture('system-administrator')), 'user.least-privilege');
    expect(c.status).toBe('fail');
    expect(c.evidence).toMatch(/System Administrator profile and \d+ high-risk permissions are effective/);
    expect(c.details).toContain("Modify All Data: from profile 'System Administrator'");
    expect(c.grantedBy[0]).toMatchObject({ type: 'Profile', label: 'System Administrator' });
    expect(c.fix?.fixable).toBe(false);
  });

  it('user.least-privilege fails for one high-risk permission from a permission set', () => {
    const s = fixture(PERFECT);
    product(s).PermissionsViewAllData = true;
    const c = check(score(s), 'user.least-privilege');
    expect(c.status).toBe('fail');
    expect(c.evidence).toMatch(/^1 high-risk permission is effective/);
    expect(c.details).toEqual(["View All Data: from permission set 'Act-On Integration User'"]);
  });
});

describe('authentication', () => {
  it('mfa.api-logins-disabled fails from the profile and says how many users share it', () => {
    const c = check(score(fixture('mfa-api-via-profile')), 'mfa.api-logins-disabled');
    expect(c.status).toBe('fail');
    expect(c.evidence).toContain("profile 'Integration - MFA Enforced' (5 other users on it)");
    expect(c.grantedBy).toEqual([
      expect.objectContaining({
        type: 'Profile',
        assigneeCount: 6,
        otherUsers: 5,
        grants: ['Multi-Factor Authentication for API Logins']
      })
    ]);
  });

  it('mfa.api-logins-disabled names a permission set group with its users', () => {
    const c = check(score(fixture('mfa-api-via-group')), 'mfa.api-logins-disabled');
    expect(c.grantedBy).toEqual([
      expect.objectContaining({ type: 'Group', label: 'Security Baseline', otherUsers: 211 })
    ]);
    expect(c.grantedBy[0].permissionSetGroupId).toMatch(/^0PG/);
    expect(c.evidence).toContain("permission set group 'Security Baseline' (assigned to 211 other users)");
  });

  it('auth.password-never-expires fails with the trade-off stated beside the change', () => {
    const s = fixture(PERFECT);
    product(s).PermissionsPasswordNeverExpires = false;
    const c = check(score(s), 'auth.password-never-expires');
    expect(c.status).toBe('fail');
    expect(c.fix?.changes[0]).toMatchObject({
      identity: true,
      consequence: expect.stringMatching(/rotate it by hand/)
    });
  });
});

describe('system permissions', () => {
  it.each([
    ['system.api-enabled', 'PermissionsApiEnabled'],
    ['system.edit-tasks', 'PermissionsEditTask'],
    ['system.export-reports', 'PermissionsExportReport'],
    ['system.run-reports', 'PermissionsRunReports'],
    ['system.view-public-reports', 'PermissionsViewPublicReports']
  ])('%s passes when granted and fails with a system permission fix when not', (id, field) => {
    const s = fixture(PERFECT);
    expect(check(score(s), id).evidence).toContain("permission set 'Act-On Integration User'");
    product(s)[field] = false;
    const c = check(score(s), id);
    expect(c.status).toBe('fail');
    expect(c.fix?.changes).toContainEqual(
      expect.objectContaining({ kind: 'systemPermission', permission: field, expected: false, value: true })
    );
  });

  it('an expired assignment grants nothing and the evidence says so', () => {
    const c = check(score(fixture('expired-assignment')), 'system.api-enabled');
    expect(c.status).toBe('fail');
    expect(c.details).toEqual([
      "permission set 'Act-On Integration User' would grant API Enabled, but its assignment expired on 2026-11-15."
    ]);
  });

  it('an assignment expiring after capturedAt still grants', () => {
    const s = fixture('expired-assignment');
    for (const a of s.assignments) if (a.ExpirationDate) a.ExpirationDate = '2026-12-31T00:00:00.000Z';
    expect(statusOf(s, 'system.api-enabled')).toBe('pass');
  });
});

describe('object access', () => {
  it('object.Contact fails without Modify All and names what it has', () => {
    const c = check(score(fixture('missing-modify-all')), 'object.Contact');
    expect(c.status).toBe('fail');
    expect(c.evidence).toBe('Missing Modify All on Contact (has Read, Create, Edit, View All).');
    expect(c.grantedBy).toEqual([
      expect.objectContaining({
        label: 'Act-On Integration User',
        grants: ['Read', 'Create', 'Edit', 'View All']
      })
    ]);
  });

  it('object access is the union over profile and permission sets', () => {
    const s = fixture('normal-user-fixable');
    const extra = {
      Id: '0PS8d0000TEST01AAM',
      Name: 'View_All_Accounts',
      Label: 'View All Accounts',
      IsOwnedByProfile: false,
      AssigneeCount: 3
    };
    s.permissionSets.push(extra);
    s.assignments.push({ Id: '0Pa8d0000TEST01AAM', PermissionSetId: extra.Id });
    s.objectPermissions.push({
      ParentId: extra.Id,
      SobjectType: 'Account',
      PermissionsRead: true,
      PermissionsViewAllRecords: true
    });
    const c = check(score(s), 'object.Account');
    expect(c.status).toBe('pass');
    expect(c.grantedBy.map((g) => [g.type, g.grants])).toEqual([
      ['Profile', ['Read']],
      ['PermissionSet', ['Read', 'View All']]
    ]);
  });

  it('object.custom-related passes, fails with the unreadable objects, and is n/a without such objects', () => {
    expect(statusOf(fixture(PERFECT), 'object.custom-related')).toBe('pass');
    const c = check(score(fixture('normal-user-fixable')), 'object.custom-related');
    // An info check is never a failure (0.3): unmet is warn.
    expect(c.status).toBe('warn');
    expect(c.evidence).toContain('Marketing_Touch__c');
    expect(c.fix?.fixable).toBe(false);
    const s = fixture(PERFECT);
    s.fields = s.fields.filter((f) => f.object !== 'Marketing_Touch__c');
    expect(statusOf(s, 'object.custom-related')).toBe('n/a');
  });
});

describe('field access', () => {
  it('passes edit fields through field-level security and says who grants it', () => {
    const c = check(score(fixture(PERFECT)), 'field.Contact.Email');
    expect(c.status).toBe('pass');
    expect(c.evidence).toBe(
      "Read and Edit on Contact.Email is granted by permission set 'Act-On Integration User'."
    );
  });

  it('fails an edit field that is only readable', () => {
    const s = fixture(PERFECT);
    const row = s.fieldPermissions.find((r) => r.Field === 'Contact.Email');
    if (row) row.PermissionsEdit = false;
    const c = check(score(s), 'field.Contact.Email');
    expect(c.status).toBe('fail');
    expect(c.evidence).toBe('The user has only Read on Contact.Email, Edit is missing.');
    expect(c.fix?.changes).toContainEqual(
      expect.objectContaining({
        kind: 'fieldPermission',
        field: 'Contact.Email',
        expected: { read: true, edit: false },
        value: { read: true, edit: true },
        userHas: { read: true, edit: false }
      })
    );
  });

  it('a field is not readable when its object is not readable, and the fix grants both', () => {
    const s = fixture(PERFECT);
    s.objectPermissions = s.objectPermissions.filter((r) => r.SobjectType !== 'Opportunity');
    const c = check(score(s), 'field.Opportunity.Amount');
    expect(c.status).toBe('fail');
    expect(c.evidence).toContain('Read on Opportunity are missing');
    // The product's set exists and is assigned: no "create" or "assign" row, only the grant.
    expect(c.fix?.changes.map((x) => x.kind)).toEqual(['objectPermission']);
  });

  it('a field that cannot take field-level security passes through object access', () => {
    const c = check(score(fixture(PERFECT)), 'field.Contact.Id');
    expect(c.status).toBe('pass');
    expect(c.evidence).toContain('cannot take field-level security');
    const s = fixture(PERFECT);
    s.objectPermissions = s.objectPermissions.filter((r) => r.SobjectType !== 'Lead');
    const status = check(score(s), 'field.Lead.Status');
    expect(status.status).toBe('fail');
    expect(status.fix?.changes).toContainEqual(
      expect.objectContaining({ kind: 'objectPermission', object: 'Lead' })
    );
  });

  it('reads permissionability from describe, not from a fixed list', () => {
    const s = fixture(PERFECT);
    const owner = s.fields.find((f) => f.object === 'Contact' && f.name === 'OwnerId');
    if (owner) owner.permissionable = true; // an org where OwnerId takes FLS
    const c = check(score(s), 'field.Contact.OwnerId');
    expect(c.status).toBe('fail');
    expect(c.fix?.changes).toContainEqual(
      expect.objectContaining({
        kind: 'fieldPermission',
        field: 'Contact.OwnerId',
        value: { read: true, edit: false }
      })
    );
  });

  it('a field that does not exist is n/a', () => {
    const c = check(score(fixture('activity-fields-no-active')), 'field.Account.Active__c');
    expect(c.status).toBe('n/a');
    expect(c.evidence).toBe('Account.Active__c does not exist in this org.');
    const s = fixture(PERFECT);
    s.fields = s.fields.filter((f) => f.object !== 'Campaign');
    expect(check(score(s), 'field.Campaign.NumberOfLeads').evidence).toBe(
      'Campaign was not described, so Campaign.NumberOfLeads cannot be checked.'
    );
  });

  it('accepts Task field permissions recorded under Activity', () => {
    const report = score(fixture('activity-fields-no-active'));
    for (const id of [
      'field.Task.Description',
      'field.Task.ActivityDate',
      'field.Task.WhoId',
      'field.Task.Type'
    ]) {
      expect(check(report, id).status).toBe('pass');
    }
  });

  it('Task edit fields need Edit Tasks, and the fix grants it', () => {
    const s = fixture(PERFECT);
    product(s).PermissionsEditTask = false;
    const c = check(score(s), 'field.Task.Description');
    expect(c.status).toBe('fail');
    expect(c.fix?.changes).toContainEqual(
      expect.objectContaining({ kind: 'systemPermission', permission: 'PermissionsEditTask' })
    );
  });

  it('Lead Score is unknown until mapped, with a map-field action', () => {
    const c = check(score(fixture('unmapped-lead-score')), 'field.Contact.LeadScore');
    expect(c.status).toBe('unknown');
    expect(c.fix).toMatchObject({
      fixable: false,
      manual: { kind: 'map-field', mappingKey: 'Contact.LeadScore' }
    });
  });

  it('Hard Bounce uses EmailBouncedReason until mapped', () => {
    const c = check(score(fixture('unmapped-lead-score')), 'field.Lead.HardBounce');
    expect(c.status).toBe('pass');
    expect(c.evidence).toContain('Lead.EmailBouncedReason (default for HardBounce)');
  });

  it('a mapped field is checked under its logical id, and a stale mapping is unknown', () => {
    const s = fixture(PERFECT);
    expect(check(score(s), 'field.Contact.LeadScore').evidence).toContain(
      'Contact.Lead_Score__c (mapped as LeadScore)'
    );
    s.fieldMapping = { ...s.fieldMapping, 'Contact.LeadScore': 'Contact.Gone__c' };
    const c = check(score(s), 'field.Contact.LeadScore');
    expect(c.status).toBe('unknown');
    expect(c.evidence).toBe(
      'Contact.Gone__c, mapped as LeadScore, does not exist in this org: map another field.'
    );
  });

  it('grantedBy lists each source of field-level security', () => {
    const c = check(score(fixture('system-administrator')), 'field.Contact.Email');
    expect(c.grantedBy).toEqual([
      expect.objectContaining({ type: 'Profile', label: 'System Administrator', grants: ['Read, Edit'] })
    ]);
  });
});

describe('data governance and connection', () => {
  it('data.field-budget counts readable fields per object', () => {
    const ok = check(score(fixture(PERFECT)), 'data.field-budget');
    expect(ok.status).toBe('pass');
    expect(ok.details).toHaveLength(6);
    const c = check(score(fixture('too-many-fields')), 'data.field-budget');
    expect(c.status).toBe('fail');
    expect(c.evidence).toMatch(/can read \d+ fields .* Act-On recommends fewer than 100\./);
    const contact = Number(/Contact: (\d+)/.exec(c.evidence)?.[1]);
    const contactOk = Number(/Contact: (\d+)/.exec(ok.evidence)?.[1]);
    expect(contact - contactOk).toBe(45);
  });

  it('data.sensitive-fields lists restricted, mission critical and compliance-group fields', () => {
    const c = check(score(fixture('restricted-field-readable')), 'data.sensitive-fields');
    expect(c.status).toBe('fail');
    expect(c.details).toEqual(
      expect.arrayContaining([
        'Contact.SSN__c (Restricted; PII)',
        'Contact.Birthdate (PII, GDPR)',
        'Lead.Annual_Income__c (MissionCritical)'
      ])
    );
    expect(c.details).toHaveLength(3);
    expect(statusOf(fixture('limited-admin-rights'), 'data.sensitive-fields')).toBe('unknown');
  });

  it('permset.acton-integration passes when assigned and offers to create and assign it otherwise', () => {
    expect(check(score(fixture(PERFECT)), 'permset.acton-integration').grantedBy[0].label).toBe(
      'Act-On Integration User'
    );
    const c = check(score(fixture('normal-user-fixable')), 'permset.acton-integration');
    expect(c.status).toBe('fail');
    expect(c.fix?.changes.map((x) => x.kind)).toEqual(['ensurePermissionSet', 'assignPermissionSet']);
    expect(check(score(fixture('expired-assignment')), 'permset.acton-integration').details[0]).toMatch(
      /expired on 2026-11-15/
    );
  });

  it('oauth.acton-app names who authorized the app, fails without a token and is unknown when unreadable', () => {
    const c = check(score(fixture(PERFECT)), 'oauth.acton-app');
    expect(c.status).toBe('pass');
    expect(c.details[0]).toBe(
      'Act-On Lightning Support App: authorized by dana.admin@acme.example, last used 2026-11-20T10:00:00.000Z, 57 uses'
    );
    const s = fixture(PERFECT);
    s.oauthTokens = [{ AppName: 'Data Loader' }];
    expect(statusOf(s, 'oauth.acton-app')).toBe('warn');
    expect(statusOf(fixture('limited-admin-rights'), 'oauth.acton-app')).toBe('unknown');
  });

  it('names the permission the running user lacks, as the reader reported it', () => {
    const s = fixture('limited-admin-rights');
    expect(check(score(s), 'oauth.acton-app').evidence).toContain('needs Customize Application');
    expect(check(score(s), 'data.sensitive-fields').evidence).toContain('needs View Setup and Configuration');
    s.accessMissing = { loginHistory: 'Manage Users', oauthTokens: 'View All Users' };
    expect(check(score(s), 'oauth.acton-app').evidence).toContain('needs View All Users');
    expect(check(score(s), 'auth.recent-logins').evidence).toContain('needs Manage Users.');
    expect(check(score(s), 'auth.recent-logins').needs).toBe('Manage Users');
  });

  it('lists the steps the product cannot decide from data, unscored', () => {
    const report = score(fixture(PERFECT));
    expect(report.manualChecks.map((m) => m.summary)).toEqual([
      'Record types',
      'Security token',
      'IP ranges and session policies'
    ]);
  });
});

describe('profile permission set detection', () => {
  it('ignores another profile permission set in the snapshot', () => {
    const s = fixture('mfa-api-via-profile');
    profilePs(s).ProfileId = '00e000000000000AAA';
    expect(statusOf(s, 'mfa.api-logins-disabled')).toBe('pass');
  });
});
