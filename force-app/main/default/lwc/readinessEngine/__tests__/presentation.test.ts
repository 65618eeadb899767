import {
  HARD_BOUNCE_DEFAULTS,
  fieldInUse,
  mappingProblem,
  scoreRangeText,
  statusReasonDetail
} from 'c/readinessEngine';
import { definitions, fixture, fixtureNames, score } from './helpers';

describe('presentation helpers (0.3)', () => {
  it('shows the score as a range while checks are unread, and one number once every check is read', () => {
    const limited = score(fixture('limited-admin-rights'));
    expect(limited.scoreRange.max).toBeGreaterThan(limited.scoreRange.min);
    expect(scoreRangeText(limited)).toBe(`${limited.scoreRange.min}-${limited.scoreRange.max}`);
    const perfect = score(fixture('perfect-dedicated-user'));
    expect(scoreRangeText(perfect)).toBe(String(perfect.score));
  });

  it('gives a range exactly for the reports with unread scored checks', () => {
    for (const name of fixtureNames) {
      const report = score(fixture(name));
      expect(scoreRangeText(report).includes('-')).toBe(report.scoreRange.max > report.scoreRange.min);
    }
  });

  it("drops the status's own name from its reason, and keeps any other reason whole", () => {
    expect(statusReasonDetail({ status: 'blocked', statusReason: 'Blocked: API Enabled fails' })).toBe(
      'API Enabled fails'
    );
    expect(statusReasonDetail({ status: 'ready', statusReason: 'Ready' })).toBe('');
    expect(
      statusReasonDetail({ status: 'ready', statusReason: 'Ready (2 recommended checks could not be read)' })
    ).toBe('Ready (2 recommended checks could not be read)');
    const limited = score(fixture('limited-admin-rights'));
    expect(statusReasonDetail(limited)).toBe('6 checks could not be read');
  });

  describe('which fields can hold a mapped value', () => {
    it('takes only a number for Lead Score', () => {
      expect(mappingProblem('LeadScore', { name: 'Lead_Score__c', type: 'double' })).toBeNull();
      expect(mappingProblem('LeadScore', { name: 'Score__c', type: 'int' })).toBeNull();
      expect(mappingProblem('LeadScore', { name: 'Score__c', type: 'string', length: 20 })).toBe('type');
      expect(mappingProblem('LeadScore', { name: 'Rating', type: 'picklist' })).toBe('type');
    });

    it('takes the default fields for Hard Bounce, or a custom date or long enough text field', () => {
      for (const name of HARD_BOUNCE_DEFAULTS) {
        const type = name.endsWith('Date') ? 'datetime' : 'string';
        expect(mappingProblem('HardBounce', { name, type, custom: false })).toBeNull();
      }
      expect(mappingProblem('HardBounce', { name: 'Bounced_On__c', type: 'date', custom: true })).toBeNull();
      expect(mappingProblem('HardBounce', { name: 'Bounce__c', type: 'string', length: 11 })).toBeNull();
      expect(mappingProblem('HardBounce', { name: 'Bounce__c', type: 'string', length: 10 })).toBe('length');
      expect(mappingProblem('HardBounce', { name: 'Bounce__c', type: 'textarea', htmlFormatted: true })).toBe(
        'rich-text'
      );
    });

    it('refuses the standard text fields an admin might pick by mistake, and anything Act-On cannot write', () => {
      for (const name of ['FirstName', 'Title', 'MailingCity'])
        expect(mappingProblem('HardBounce', { name, type: 'string', length: 40, custom: false })).toBe(
          'standard'
        );
      expect(mappingProblem('HardBounce', { name: 'Bounce__c', type: 'picklist' })).toBe('type');
      expect(
        mappingProblem('HardBounce', { name: 'Bounce__c', type: 'string', length: 80, updateable: false })
      ).toBe('read-only');
      expect(mappingProblem('Nickname', { name: 'Bounce__c', type: 'string' })).toBe('unknown');
    });
  });

  it('says which field a mapped check uses: the saved one, else the default, else none', () => {
    expect(fieldInUse(definitions, 'Contact.HardBounce', {})).toEqual({
      key: 'Contact.HardBounce',
      field: 'EmailBouncedReason',
      source: 'default'
    });
    expect(fieldInUse(definitions, 'Contact.HardBounce', { 'Contact.HardBounce': 'Bounce__c' })).toEqual({
      key: 'Contact.HardBounce',
      field: 'Bounce__c',
      source: 'saved'
    });
    expect(fieldInUse(definitions, 'Lead.LeadScore', undefined)).toEqual({
      key: 'Lead.LeadScore',
      field: null,
      source: 'none'
    });
  });
});
