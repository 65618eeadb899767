import applyFixApex from '@salesforce/apex/ReadinessController.applyFix';
import saveFieldMappingApex from '@salesforce/apex/ReadinessController.saveFieldMapping';
import saveIntegrationUserApex from '@salesforce/apex/ReadinessController.saveIntegrationUser';
import { SECTIONS, toOperation, type Change, type Report } from 'c/readinessEngine';
import {
  applyFix,
  assess,
  describeChange,
  groupChecks,
  missingPermissionText,
  permissionHint,
  reduceError,
  saveFieldMapping,
  saveIntegrationUser,
  toCsv,
  toMarkdown,
  formatDateTime,
  topProblems,
  exportFileName,
  csvDataUrl,
  formatEvidence,
  missingFor,
  canSaveSettings,
  incompleteLines
} from 'c/readinessService';
import checklist from './data/checklist.json';

jest.mock('c/readinessLabels');

jest.mock('@salesforce/apex/ReadinessController.applyFix', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ReadinessController.saveFieldMapping', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/ReadinessController.saveIntegrationUser', () => ({ default: jest.fn() }), {
  virtual: true
});

const fixture = (name: string): unknown => require(`../../../../../../fixtures/snapshots/${name}.json`);
const reportOf = (name: string): Report => assess(checklist, fixture(name)).report;

describe('reduceError', () => {
  it.each([
    ['a body message', { body: { message: 'Insufficient rows' } }, 'Insufficient rows'],
    [
      'page and field errors',
      { body: { pageErrors: [{ message: 'Page bad' }], fieldErrors: { Name: [{ message: 'Name bad' }] } } },
      'Page bad Name bad'
    ],
    ['an array of errors', [{ body: { message: 'One' } }, { body: { message: 'Two' } }], 'One Two'],
    ['a body that is an array', { body: [{ message: 'First' }, { message: 'Second' }] }, 'First Second'],
    ['a plain Error', new Error('Plain failure'), 'Plain failure'],
    ['a string', 'Just text', 'Just text'],
    ['duplicates', [{ body: { message: 'Same' } }, { body: { message: 'Same' } }], 'Same']
  ])('reads %s', (_what, error, expected) => {
    expect(reduceError(error)).toBe(expected);
  });

  it('falls back to a label for nothing useful', () => {
    expect(reduceError(undefined)).toBe('Unknown error');
    expect(reduceError({})).toBe('Unknown error');
  });

  it('names the permission to ask for', () => {
    const custom = reduceError({
      body: { message: 'You need the custom permission Act_On_Readiness_Fix to apply fixes.' }
    });
    expect(custom).toContain(
      'Ask your Salesforce admin for: the Act-On Readiness Fix custom permission (Act_On_Readiness_Fix).'
    );
    expect(permissionHint('The running user lacks Manage Users')).toBe(
      'Ask your Salesforce admin for: Manage Users.'
    );
    expect(permissionHint('Nothing about rights')).toBeNull();
    expect(permissionHint('INSUFFICIENT_ACCESS_OR_READONLY')).not.toBeNull();
    expect(missingPermissionText(['Act_On_Readiness_Fix', 'Manage Users'])).toBe(
      'the Act-On Readiness Fix custom permission (Act_On_Readiness_Fix), Manage Users'
    );
  });
});

describe('Apex calls', () => {
  beforeEach(() => jest.clearAllMocks());

  it('sends only operations: which record, which field, the value expected now and the value to write', async () => {
    (applyFixApex as unknown as jest.Mock).mockResolvedValue({ logId: 'a00', status: 'Applied', changed: 1 });
    const report = reportOf('new-user-fixable');
    const plan = assess(checklist, fixture('new-user-fixable')).plan;
    await applyFix(report.user.Id, plan);
    const args = (applyFixApex as unknown as jest.Mock).mock.calls[0][0];
    expect(args.userId).toBe(report.user.Id);
    const sent = JSON.parse(args.requestJson);
    expect(sent).toEqual({
      checkIds: plan.checkIds,
      operations: plan.changes.map(toOperation),
      undoes: null
    });
    // No words, no user access: the writer recomputes nothing from the browser but checks every value.
    expect(JSON.stringify(sent)).not.toMatch(/"reason"|"userHas"|"consequence"/);
    await applyFix(report.user.Id, plan, 'log-1');
    expect(JSON.parse((applyFixApex as unknown as jest.Mock).mock.calls[1][0].requestJson).undoes).toBe(
      'log-1'
    );
  });

  it('sends the mapping as a JSON string and the user id as they are', async () => {
    (saveFieldMappingApex as unknown as jest.Mock).mockResolvedValue({ 'Contact.LeadScore': 'Score__c' });
    await expect(saveFieldMapping({ 'Contact.LeadScore': 'Score__c' })).resolves.toEqual({
      'Contact.LeadScore': 'Score__c'
    });
    expect(saveFieldMappingApex).toHaveBeenCalledWith({ mapping: '{"Contact.LeadScore":"Score__c"}' });
    await saveIntegrationUser('005A');
    expect(saveIntegrationUserApex).toHaveBeenCalledWith({ userId: '005A' });
  });
});

describe('scoring and grouping', () => {
  it('scores through the engine: MFA via profile is blocked', () => {
    const report = reportOf('mfa-api-via-profile');
    expect(report.status).toBe('blocked');
    expect(report.checks.find((c) => c.id === 'mfa.api-logins-disabled')?.status).toBe('fail');
  });

  it('groups sections in the engine order, problems first inside each', () => {
    const report = reportOf('normal-user-fixable');
    const groups = groupChecks(report);
    const order = groups.map((g) => SECTIONS.indexOf(g.section));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const g of groups) {
      const ranks = g.checks.map((c) => ['fail', 'warn', 'unknown', 'pass', 'n/a'].indexOf(c.status));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(groups.reduce((n, g) => n + g.checks.length, 0)).toBe(report.checks.length);
  });

  it('shows only problems when asked', () => {
    const report = reportOf('normal-user-fixable');
    const problems = groupChecks(report, true).flatMap((g) => g.checks);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((c) => ['fail', 'warn', 'unknown'].includes(c.status))).toBe(true);
    expect(
      groupChecks(reportOf('perfect-dedicated-user'), true)
        .flatMap((g) => g.checks)
        .filter((c) => c.severity !== 'info')
    ).toEqual([]);
  });

  it('puts blockers first among the top problems', () => {
    const report = reportOf('inactive-user');
    const top = topProblems(report, 3);
    expect(top.length).toBeLessThanOrEqual(3);
    expect(top[0].severity).toBe('blocker');
    expect(top.every((c) => c.severity !== 'info')).toBe(true);
  });
});

describe('change texts', () => {
  it('describes every change of a real plan with a title, before and after', () => {
    const plan = assess(checklist, fixture('new-user-fixable')).plan;
    const kinds = new Set(plan.changes.map((c) => c.kind));
    expect(kinds.has('objectPermission')).toBe(true);
    for (const change of plan.changes) {
      const view = describeChange(change);
      expect(view.title).toBeTruthy();
      expect(view.key).toBe(change.key);
      expect(view.after).toBeTruthy();
    }
  });

  it('says what a removal also takes away, and flags it as touching more than this check', () => {
    const change: Change = {
      kind: 'removeAssignment',
      key: 'remove:0Pa1',
      checkIds: ['mfa.api-logins-disabled'],
      reason: 'r',
      userId: '005',
      assignmentId: '0Pa1',
      permissionSetId: '0PS1',
      permissionSetGroupId: null,
      label: 'MFA Set',
      sourceType: 'PermissionSet',
      alsoRemoves: ['Run Reports'],
      expected: 'assigned',
      value: 'none'
    };
    const view = describeChange(change);
    expect(view.touchesOthers).toBe(true);
    expect(view.before).toBe('Assigned');
    expect(view.after).toBe('Removed');
    expect(view.notes).toHaveLength(1);
  });

  it('lists object flags in Salesforce order, apart from what the user has now from every source', () => {
    const view = describeChange({
      kind: 'objectPermission',
      key: 'o',
      checkIds: ['object.Contact'],
      reason: 'r',
      permissionSet: 'Act_On_Integration_User',
      object: 'Contact',
      part: 'all',
      expected: { Delete: false, ViewAll: false, ModifyAll: false },
      value: { Delete: true, ViewAll: true, ModifyAll: true },
      userHas: { Read: true, Create: true, Edit: true, Delete: false, ViewAll: false, ModifyAll: false },
      dependencies: ['Delete']
    });
    expect(view.title).toBe('Record-wide access: Contact (Delete, View All, Modify All)');
    expect(view.where).toBe("In 'Act-On Integration User':");
    expect(view.before).toBe('No access');
    expect(view.after).toBe('Delete, View All, Modify All');
    expect(view.userNow).toBe('The user has now, from every source: Read, Create, Edit');
    expect(view.notes).toHaveLength(1);
  });
});

describe('exports', () => {
  it('writes one CSV row per check, quoting commas and quotes', () => {
    const report = reportOf('mfa-api-via-profile');
    const csv = toCsv(report);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(report.checks.length + 1);
    const mfa = lines.find((l) => l.startsWith('mfa.api-logins-disabled,'));
    expect(mfa).toContain(',blocker,fail,');
    expect(csvDataUrl('a,b')).toBe('data:text/csv;charset=utf-8,a%2Cb');
    const tricky = { ...report, checks: [{ ...report.checks[0], evidence: 'said "hi", then =SUM(1)' }] };
    expect(toCsv(tricky)).toContain('"said ""hi"", then =SUM(1)"');
    const formula = { ...report, checks: [{ ...report.checks[0], evidence: '=HYPERLINK(1)' }] };
    expect(toCsv(formula)).toContain(",'=HYPERLINK(1),");
  });

  it('writes a Markdown summary listing every problem', () => {
    const report = reportOf('normal-user-fixable');
    const md = toMarkdown(report);
    const problems = report.checks.filter((c) => ['fail', 'warn', 'unknown'].includes(c.status));
    for (const c of problems) expect(md).toContain(`\`${c.id}\``);
    expect(md.split('\n')[0]).toMatch(/^# /);
    // Times as a person reads them, never ISO.
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(md).toContain(`Checked ${formatDateTime(report.capturedAt)}.`);
    expect(md).toContain(report.statusReason);
    expect(exportFileName(report, 'csv')).toMatch(/^act-on-readiness_.+\.csv$/);
  });
});

describe('plain words in the details', () => {
  it('names fields by their labels and the few API words in words', () => {
    const report = reportOf('restricted-field-readable');
    const check = report.checks.find((c) => c.id === 'data.sensitive-fields')!;
    expect(check.evidence).toContain('Contact.SSN__c');
    const labels: Record<string, string> = {};
    for (const f of (
      fixture('restricted-field-readable') as { fields: { object: string; name: string; label?: string }[] }
    ).fields)
      if (f.label) labels[`${f.object}.${f.name}`.toLowerCase()] = f.label;
    const text = formatEvidence(check.evidence, labels);
    expect(text).not.toMatch(/SSN__c|MissionCritical/);
    expect(text).toContain(`${labels['contact.ssn__c']} (Contact)`);
    expect(text).toContain('Mission Critical');
    expect(formatEvidence('The user is not frozen (UserLogin.IsFrozen is false).')).toBe(
      'The user is not frozen (Frozen (UserLogin) is false).'
    );
    // Unknown fields and user names stay as they are.
    expect(formatEvidence('acton.integration@acme.example reads Contact.Nope__c', labels)).toBe(
      'acton.integration@acme.example reads Contact.Nope__c'
    );
  });
});

describe('rights, by what they turn off', () => {
  const missing = ['Act-On Readiness: apply fixes', 'Manage Users', 'Customize Application'];
  it('names only the rights a kind of write needs', () => {
    expect(missingFor('fix', missing)).toBe(
      'the Act-On Readiness Fix custom permission (Act_On_Readiness_Fix)'
    );
    expect(missingFor('save', missing)).toBe(
      'the Act-On Readiness Fix custom permission (Act_On_Readiness_Fix), Customize Application'
    );
    expect(missingFor('fix', ['Manage Users'])).toBe('');
  });

  it('reads canSave, or the missing rights from an older controller', () => {
    expect(canSaveSettings({ canSave: false, missingPermissions: [] })).toBe(false);
    expect(canSaveSettings({ missingPermissions: ['Manage Users'] })).toBe(true);
    expect(canSaveSettings({ missingPermissions: ['Act_On_Readiness_Fix'] })).toBe(false);
    expect(canSaveSettings(null)).toBe(false);
  });

  it('says "1 field check waits", and leaves rights to the root causes where they are shown', () => {
    const unmapped = reportOf('unmapped-lead-score');
    const one = { ...unmapped, completeness: { ...unmapped.completeness, unmapped: 1 } };
    expect(incompleteLines(one)).toContain('1 field check waits for a field mapping.');
    const limited = reportOf('limited-admin-rights');
    expect(incompleteLines(limited).some((l) => l.includes('Granting'))).toBe(true);
    expect(incompleteLines(limited, { causesShown: true }).some((l) => l.includes('Granting'))).toBe(false);
  });
});

describe('test data', () => {
  it('checklist.json is the shipped checklist', () => {
    const { readChecklistRecords } = require('../../../../../../scripts/lib/checklist-xml.cjs');
    expect(checklist).toEqual(JSON.parse(JSON.stringify(readChecklistRecords())));
  });
});
