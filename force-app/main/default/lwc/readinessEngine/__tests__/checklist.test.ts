import { ChecklistError, definitionsFromRecords } from 'c/readinessEngine';
import type { CheckRecord } from 'c/readinessEngine';
import { definitions, records } from './helpers';

// The stable ids of shared/spec/checklist.md, with their severities.
const SPEC: Record<string, string> = {
  'user.active': 'blocker',
  'user.not-frozen': 'blocker',
  'user.not-locked-out': 'blocker',
  'user.license': 'required',
  'user.marketing-user': 'required',
  'auth.password-expiry': 'blocker',
  'user.api-only': 'recommended',
  'user.least-privilege': 'required',
  'mfa.api-logins-disabled': 'blocker',
  'auth.password-never-expires': 'recommended',
  'auth.recent-logins': 'blocker',
  'auth.login-method': 'required',
  'auth.use-any-api-auth': 'required',
  'system.api-enabled': 'blocker',
  'system.edit-tasks': 'required',
  'system.export-reports': 'required',
  'system.run-reports': 'required',
  'system.view-public-reports': 'required',
  'object.Account': 'required',
  'object.Campaign': 'required',
  'object.Contact': 'required',
  'object.Lead': 'required',
  'object.Opportunity': 'required',
  'data.field-budget': 'recommended',
  'data.sensitive-fields': 'recommended',
  'permset.acton-integration': 'recommended',
  'oauth.acton-app': 'info',
  'object.custom-related': 'info'
};
const FIELDS = [
  'Account.Active__c',
  'Account.AnnualRevenue',
  'Account.Industry',
  'Campaign.NumberOfContacts',
  'Campaign.NumberOfConvertedLeads',
  'Campaign.NumberOfLeads',
  'Campaign.NumberOfOpportunities',
  ...['Contact', 'Lead'].flatMap((o) =>
    ['Email', 'HasOptedOutOfEmail', 'LeadSource', 'HardBounce', 'LeadScore', 'OwnerId', 'Id'].map(
      (f) => `${o}.${f}`
    )
  ),
  'Lead.Status',
  'Opportunity.Amount',
  'Opportunity.LeadSource',
  'Task.Description',
  'Task.ActivityDate',
  'Task.WhoId',
  'Task.Type'
];
for (const f of FIELDS) SPEC[`field.${f}`] = 'recommended';

const base: CheckRecord = {
  DeveloperName: 'Test_Check',
  Check_Id__c: 'test.check',
  Severity__c: 'required',
  Section__c: 'system',
  Rule__c: 'system-permission',
  Title__c: 'Test',
  Target__c: 'PermissionsApiEnabled',
  Active__c: true
};

describe('the shipped checklist', () => {
  it('holds every check of checklist.md exactly once, with its severity', () => {
    const got = Object.fromEntries(definitions.map((d) => [d.id, d.severity]));
    expect(got).toEqual(SPEC);
    expect(definitions).toHaveLength(Object.keys(SPEC).length);
  });

  it('gives every check a title, a requirement and a why that cites its source', () => {
    for (const d of definitions) {
      expect(d.title.length).toBeGreaterThan(3);
      expect(d.requirement.length).toBeGreaterThan(10);
      expect(d.why.length).toBeGreaterThan(10);
      expect(d.source).toMatch(/Act-On|Multi-Factor|Readiness|Salesforce/);
    }
  });

  it('maps Lead Score without a default and Hard Bounce to EmailBouncedReason', () => {
    const byId = Object.fromEntries(definitions.map((d) => [d.id, d]));
    expect(byId['field.Contact.LeadScore']).toMatchObject({
      mapped: true,
      defaultField: null,
      access: 'edit'
    });
    expect(byId['field.Lead.HardBounce']).toMatchObject({ mapped: true, defaultField: 'EmailBouncedReason' });
    expect(byId['object.Contact'].access).toBe('Read,Create,Edit,ViewAll,ModifyAll');
    expect(byId['data.field-budget'].threshold).toBe(100);
  });

  it('orders checks by section, then sort order', () => {
    const sections = definitions.map((d) => d.section);
    expect(sections.indexOf('identity')).toBe(0);
    expect(sections.lastIndexOf('identity')).toBeLessThan(sections.indexOf('authentication'));
    expect(definitions[0].id).toBe('user.active');
  });
});

describe('definitionsFromRecords', () => {
  it('drops inactive records and keeps active ones', () => {
    const out = definitionsFromRecords([base, { ...base, Check_Id__c: 'test.off', Active__c: false }]);
    expect(out.map((d) => d.id)).toEqual(['test.check']);
  });

  it('accepts an admin-added check without a deploy (a new field check)', () => {
    const added = {
      ...base,
      Check_Id__c: 'field.Contact.Title',
      Rule__c: 'field-access',
      Section__c: 'field',
      Severity__c: 'recommended',
      Target__c: 'Contact.Title',
      Access__c: 'read',
      Sort_Order__c: '999'
    };
    const out = definitionsFromRecords([...records, added]);
    expect(out.find((d) => d.id === 'field.Contact.Title')).toMatchObject({ order: 999, access: 'read' });
  });

  it.each([
    [{ Check_Id__c: '' }, /Check_Id__c is missing/],
    [{ Severity__c: 'critical' }, /Severity__c is "critical"; expected one of blocker/],
    [{ Section__c: undefined }, /Section__c is null/],
    [{ Rule__c: 'magic' }, /Rule__c/],
    [{ Target__c: null }, /needs Target__c/],
    [{ Target__c: 'ApiEnabled' }, /must be a Permissions\* field/],
    [{ Rule__c: 'field-access', Target__c: 'Email' }, /must be Object.Field/],
    [{ Rule__c: 'field-access', Target__c: 'Contact.Email', Access__c: 'write' }, /must be read or edit/],
    [{ Rule__c: 'object-access', Target__c: 'Contact', Access__c: null }, /needs Access__c/],
    [
      { Rule__c: 'object-access', Target__c: 'Contact', Access__c: 'Read,Purge' },
      /unknown object access Purge/
    ]
  ])('rejects %p with a message naming the field', (patch, message) => {
    expect(() => definitionsFromRecords([{ ...base, ...patch }])).toThrow(message);
    expect(() => definitionsFromRecords([{ ...base, ...patch }])).toThrow(ChecklistError);
  });

  it('rejects a duplicate id, naming the record', () => {
    expect(() => definitionsFromRecords([base, { ...base, DeveloperName: 'Other' }])).toThrow(
      'Readiness_Check__mdt Other: check id test.check appears twice'
    );
  });

  it('names a record without DeveloperName by its position', () => {
    expect(() => definitionsFromRecords([{ ...base, DeveloperName: undefined, Severity__c: 'x' }])).toThrow(
      /^checklist record 0: /
    );
  });
});
