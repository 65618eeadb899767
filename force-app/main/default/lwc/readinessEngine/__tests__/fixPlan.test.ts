import { PRODUCT_PERMISSION_SET, applyChanges, buildFixPlan, withPrerequisites } from 'c/readinessEngine';
import type { Change, ObjectPermissionChange, RemoveAssignmentChange } from 'c/readinessEngine';
import { check, fixture, profilePs, ps, score } from './helpers';

const kinds = (changes: Change[]) => changes.map((c) => c.kind);

describe('object permission dependencies', () => {
  it('Modify All pulls in Read, Edit, Delete and View All on the same object', () => {
    expect([...withPrerequisites(['object:Lead:ModifyAll'])].sort()).toEqual([
      'object:Lead:Delete',
      'object:Lead:Edit',
      'object:Lead:ModifyAll',
      'object:Lead:Read',
      'object:Lead:ViewAll'
    ]);
  });

  it('the Contact fix adds Delete in its record-wide part and says why', () => {
    const fix = check(score(fixture('missing-modify-all')), 'object.Contact').fix;
    const change = fix?.changes.find((c) => c.kind === 'objectPermission') as ObjectPermissionChange;
    expect(change).toMatchObject({
      key: 'object:Act_On_Integration_User:Contact:all',
      part: 'all',
      recordWide: true
    });
    expect(change.dependencies).toEqual(['Delete']);
    expect(change.expected).toEqual({ Delete: false, ViewAll: true, ModifyAll: false });
    expect(change.value).toEqual({ Delete: true, ViewAll: true, ModifyAll: true });
    expect(change.userHas).toMatchObject({ Read: true, ModifyAll: false });
    expect(change.reason).toContain('Delete on Contact is added: Salesforce accepts Modify All on Contact');
    expect(change.reason).toContain("(Act-On's list omits Delete.)");
    expect(change.permissionSet).toBe(PRODUCT_PERMISSION_SET.name);
  });
});

describe('buildFixPlan', () => {
  it('is empty for a perfect user', () => {
    const plan = buildFixPlan(score(fixture('perfect-dedicated-user')));
    expect(plan.changes).toEqual([]);
    expect(plan.checkIds).toEqual([]);
  });

  it('creates and assigns the product permission set the reader found missing, then merges rows', () => {
    const plan = buildFixPlan(score(fixture('new-user-fixable')));
    expect(plan.changes[0]).toMatchObject({
      kind: 'ensurePermissionSet',
      permissionSet: 'Act_On_Integration_User',
      license: null,
      expected: 'absent',
      value: 'present',
      auxiliary: true
    });
    expect(kinds(plan.changes).filter((k) => k === 'assignPermissionSet')).toHaveLength(1);
    // Access and record-wide access are two boxes.
    const contact = plan.changes.filter(
      (c) => c.kind === 'objectPermission' && c.object === 'Contact' && c.part === 'access'
    );
    expect(contact).toHaveLength(1);
    expect(contact[0].checkIds).toEqual(
      expect.arrayContaining(['object.Contact', 'field.Contact.Email', 'field.Contact.Id'])
    );
    const keys = plan.changes.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(plan.checkIds).toContain('system.api-enabled');
    expect(plan.skipped).toEqual([]);
  });

  it('plans the product set expected absent when the snapshot did not look for it (the guard compares)', () => {
    const s = fixture('new-user-fixable');
    delete s.productPermissionSetId;
    expect(buildFixPlan(score(s)).changes[0]).toMatchObject({
      kind: 'ensurePermissionSet',
      expected: 'absent'
    });
  });

  it('grants on a product set that exists but is not assigned, with its rows as before values', () => {
    const s = fixture('missing-modify-all');
    const product = ps(s, 'Act_On_Integration_User');
    s.assignments = s.assignments.filter((a) => a.PermissionSetId !== product.Id);
    const plan = buildFixPlan(score(s));
    expect(kinds(plan.changes)).not.toContain('ensurePermissionSet');
    expect(plan.changes).toContainEqual(expect.objectContaining({ kind: 'assignPermissionSet' }));
    const contact = plan.changes.find(
      (c) => c.kind === 'objectPermission' && c.object === 'Contact'
    ) as ObjectPermissionChange;
    expect(contact.expected).toMatchObject({ ViewAll: true, ModifyAll: false });
  });

  it('leaves grants unticked, saying why, when others hold the product set (the writer refuses them)', () => {
    const s = fixture('missing-modify-all');
    const product = ps(s, 'Act_On_Integration_User');
    product.AssigneeCount = 3;
    const report = score(s);
    expect(report.fixAll.sharedProduct).toMatch(/^2 other users hold 'Act-On Integration User'/);
    const plan = buildFixPlan(report);
    const grants = plan.changes.filter((c) => c.kind === 'objectPermission' && !c.auxiliary);
    expect(grants.length).toBeGreaterThan(0);
    for (const grant of grants) {
      expect(plan.selected).not.toContain(grant.key);
      expect(plan.held).toContainEqual({
        key: grant.key,
        reason: expect.stringMatching(/^Not ticked: 2 other users hold .* would change their access too/)
      });
    }
    // Held alone by the user: nothing is shared and the same grants are ticked.
    product.AssigneeCount = 1;
    const alone = buildFixPlan(score(s));
    expect(alone.held).toEqual([]);
    for (const grant of grants) expect(alone.selected).toContain(grant.key);
  });

  it('adds Read on Account when it grants Contact or Opportunity on a set that lacks it, and says why', () => {
    const plan = buildFixPlan(score(fixture('new-user-fixable')));
    const contact = plan.changes.find((c) => c.kind === 'objectPermission' && c.object === 'Contact');
    const account = plan.changes.find(
      (c) => c.kind === 'objectPermission' && c.object === 'Account' && c.part === 'access'
    );
    expect(contact?.dependsOn).toContain(account?.key);
    const s = fixture('missing-modify-all');
    const product = ps(s, 'Act_On_Integration_User');
    s.objectPermissions = s.objectPermissions.filter(
      (r) => !(r.ParentId === product.Id && ['Account', 'Opportunity'].includes(r.SobjectType))
    );
    const fix = check(score(s), 'object.Opportunity').fix;
    const dep = fix?.changes.find((c) => c.kind === 'objectPermission' && c.object === 'Account');
    expect(dep?.reason).toMatch(
      /Read on Account is added: Salesforce accepts Read on Opportunity in a permission set only with Read on Account in the same set/
    );
  });

  it('renews an expired assignment of the product permission set instead of assigning it twice', () => {
    const s = fixture('expired-assignment');
    const plan = buildFixPlan(score(s));
    const assign = plan.changes.find((c) => c.kind === 'assignPermissionSet');
    const expired = s.assignments.find((a) => a.ExpirationDate);
    expect(assign).toMatchObject({ expected: 'expired', value: 'active', assignmentId: expired?.Id });
    expect(assign?.reason).toContain('which expired on 2026-11-15, by clearing its expiration date');
    expect(kinds(plan.changes)).not.toContain('ensurePermissionSet');
    const api = plan.changes.find(
      (c) => c.kind === 'systemPermission' && c.permission === 'PermissionsApiEnabled'
    );
    // The set already holds API Enabled: renewing the assignment is the change, not a no-op grant row.
    expect(api).toBeUndefined();
    const next = applyChanges(s, plan.changes);
    expect(next.assignments.filter((a) => a.PermissionSetId === expired?.PermissionSetId)).toEqual([
      expect.objectContaining({ Id: expired?.Id, ExpirationDate: null })
    ]);
  });

  it('orders changes: permission set, system, object, field, assignment, removal', () => {
    const order = [
      'ensurePermissionSet',
      'systemPermission',
      'objectPermission',
      'fieldPermission',
      'assignPermissionSet',
      'userPermission',
      'removeAssignment'
    ];
    const plan = buildFixPlan(score(fixture('new-user-fixable')));
    const ranks = kinds(plan.changes).map((k) => order.indexOf(k));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('for chosen checks, includes only those and explains the ones skipped', () => {
    const report = score(fixture('system-administrator'));
    const plan = buildFixPlan(report, ['user.api-only', 'user.least-privilege', 'user.active', 'nope']);
    // Offered, but not ticked: a person signs in as this System Administrator.
    expect(plan.changes).toContainEqual(
      expect.objectContaining({ permission: 'PermissionsApiUserOnly', identity: true })
    );
    expect(plan.checkIds).toEqual([]);
    expect(plan.held).toEqual([
      expect.objectContaining({
        key: 'system:Act_On_Integration_User:PermissionsApiUserOnly',
        reason: expect.stringMatching(/^Not ticked by default because a person signs in as this user/)
      })
    ]);
    expect(plan.skipped).toEqual([
      { checkId: 'user.active', reason: 'already passes' },
      { checkId: 'user.least-privilege', reason: 'Reduce the integration user to the minimum' },
      { checkId: 'nope', reason: 'no such check' }
    ]);
  });

  it('does not touch anything for a profile-only MFA problem: it links to the profile', () => {
    const report = score(fixture('mfa-api-via-profile'));
    const fix = check(report, 'mfa.api-logins-disabled').fix;
    expect(fix).toMatchObject({ fixable: false, changes: [], manual: { kind: 'setup' } });
    expect(fix?.manual?.url).toBe(
      `/lightning/setup/EnhancedProfiles/page?address=%2F${report.user ? fixture('mfa-api-via-profile').user.ProfileId : ''}`
    );
    expect(fix?.manual?.steps[0]).toContain('clear "Multi-Factor Authentication for API Logins"');
    expect(fix?.manual?.steps[1]).toContain('(6 users)');
    expect(buildFixPlan(report).changes).toEqual([]);
  });

  it('removes an MFA permission set from this user only and re-grants what it gave, warning of nothing lost', () => {
    const report = score(fixture('mfa-api-via-permission-set'));
    const fix = check(report, 'mfa.api-logins-disabled').fix;
    expect(fix?.fixable).toBe(true);
    const removal = fix?.changes.find((c) => c.kind === 'removeAssignment') as RemoveAssignmentChange;
    const regrant = fix?.changes.find(
      (c) => c.kind === 'systemPermission' && c.permission === 'PermissionsViewPublicReports'
    );
    // View Reports in Public Folders is re-granted by the same plan, so the user does not lose it: no warning names it.
    expect(removal).toMatchObject({
      label: 'MFA for API Logins',
      sourceType: 'PermissionSet',
      alsoRemoves: []
    });
    expect(removal.assignmentId).toMatch(/^0Pa/);
    expect(removal.dependsOn).toEqual([regrant?.key]);
    expect(regrant).toMatchObject({ checkIds: ['mfa.api-logins-disabled'] });
    expect(fix?.warnings).toEqual([]);
    expect(fix?.summary).toContain('re-grant');
  });

  it('names what a removal really takes away: not what another set or the profile still grants', () => {
    const s = fixture('mfa-api-via-permission-set');
    const mfa = ps(s, 'MFA_for_API_Logins');
    mfa.PermissionsManageSharing = true; // high-risk, never re-granted: really lost
    mfa.PermissionsViewSetup = true; // also granted by the profile: not lost
    profilePs(s).PermissionsViewSetup = true;
    const removal = check(score(s), 'mfa.api-logins-disabled').fix?.changes.find(
      (c) => c.kind === 'removeAssignment'
    ) as RemoveAssignmentChange;
    expect(removal.alsoRemoves).toEqual(['Manage Sharing']);
  });

  it('removes a group assignment, keeping the group id', () => {
    const fix = check(score(fixture('mfa-api-via-group')), 'mfa.api-logins-disabled').fix;
    const removal = fix?.changes.find((c) => c.kind === 'removeAssignment') as RemoveAssignmentChange;
    expect(removal.sourceType).toBe('Group');
    expect(removal.permissionSetGroupId).toMatch(/^0PG/);
    // The group gave API Enabled too; the plan re-grants it in the product's set, so nothing is lost.
    expect(removal.alsoRemoves).toEqual([]);
  });

  it('refuses a removal that would take away something no fix can give back', () => {
    const s = fixture('mfa-api-via-permission-set');
    const mfa = ps(s, 'MFA_for_API_Logins');
    const product = ps(s, 'Act_On_Integration_User');
    s.objectPermissions = s.objectPermissions.filter(
      (r) => !(r.ParentId === product.Id && r.SobjectType === 'Marketing_Touch__c')
    );
    s.objectPermissions.push({ ParentId: mfa.Id, SobjectType: 'Marketing_Touch__c', PermissionsRead: true });
    const report = score(s);
    const fix = check(report, 'mfa.api-logins-disabled').fix;
    expect(fix).toMatchObject({ fixable: false, changes: [] });
    expect(fix?.refused).toBe(
      "Removing 'MFA for API Logins' would take away something object.custom-related needs."
    );
    expect(buildFixPlan(report).skipped).toEqual([
      { checkId: 'mfa.api-logins-disabled', reason: fix?.refused }
    ]);
  });

  it('removes the permission set and still links to the profile when both grant MFA', () => {
    const s = fixture('mfa-api-via-permission-set');
    profilePs(s).PermissionsTwoFactorApi = true;
    const fix = check(score(s), 'mfa.api-logins-disabled').fix;
    expect(fix?.fixable).toBe(false);
    expect(kinds(fix?.changes ?? [])).toContain('removeAssignment');
    expect(fix?.manual?.kind).toBe('setup');
  });

  it('warns that a shared product permission set reaches other users, also when held through an expired assignment', () => {
    const s = fixture('expired-assignment');
    ps(s, 'Act_On_Integration_User').AssigneeCount = 5;
    expect(buildFixPlan(score(s)).warnings).toContain(
      "'Act-On Integration User' is also assigned to 4 other users: they receive these permissions too."
    );
  });

  it('warns when the product permission set is shared with other users, and when the user is inactive', () => {
    const s = fixture('missing-modify-all');
    ps(s, 'Act_On_Integration_User').AssigneeCount = 3;
    s.user.IsActive = false;
    const plan = buildFixPlan(score(s));
    expect(plan.warnings).toEqual([
      "'Act-On Integration User' is also assigned to 2 other users: they receive these permissions too.",
      'The user is inactive: Act-On cannot log in as this user until it is activated again.'
    ]);
  });
});

describe('applyChanges', () => {
  it('creates, grants and assigns the product permission set on a copy', () => {
    const s = fixture('new-user-fixable');
    const plan = buildFixPlan(score(s));
    const next = applyChanges(s, plan.changes);
    expect(s.permissionSets.some((p) => p.Name === 'Act_On_Integration_User')).toBe(false);
    const product = ps(next, 'Act_On_Integration_User');
    expect(product).toMatchObject({
      Label: 'Act-On Integration User',
      LicenseId: null,
      PermissionsApiEnabled: true,
      AssigneeCount: 1
    });
    expect(next.assignments.filter((a) => a.PermissionSetId === product.Id)).toHaveLength(1);
  });

  it('never modifies the snapshot it is given (deep-frozen input)', () => {
    const freeze = (o: unknown): unknown => {
      if (o && typeof o === 'object') {
        Object.values(o).forEach(freeze);
        Object.freeze(o);
      }
      return o;
    };
    for (const name of ['expired-assignment', 'mfa-api-via-permission-set', 'missing-modify-all']) {
      const s = fixture(name);
      const plan = buildFixPlan(score(s));
      const copy = JSON.stringify(s);
      freeze(s);
      expect(() => applyChanges(s, plan.changes)).not.toThrow();
      expect(JSON.stringify(s)).toBe(copy);
    }
  });

  it('is idempotent: applying the same plan twice gives the same access', () => {
    const s = fixture('missing-modify-all');
    const plan = buildFixPlan(score(s));
    const once = applyChanges(s, plan.changes);
    const twice = applyChanges(once, plan.changes);
    expect(twice.objectPermissions).toEqual(once.objectPermissions);
    expect(twice.assignments).toEqual(once.assignments);
    expect(buildFixPlan(score(twice)).changes).toEqual([]);
  });

  it('removes an assignment by permission set when its id is unknown', () => {
    const s = fixture('mfa-api-via-permission-set');
    const mfa = ps(s, 'MFA_for_API_Logins');
    const next = applyChanges(s, [
      {
        kind: 'removeAssignment',
        key: 'k',
        checkIds: [],
        reason: '',
        userId: s.user.Id,
        assignmentId: null,
        permissionSetId: mfa.Id,
        permissionSetGroupId: null,
        label: 'x',
        sourceType: 'PermissionSet',
        alsoRemoves: [],
        expected: 'assigned',
        value: 'none'
      }
    ]);
    expect(next.assignments.some((a) => a.PermissionSetId === mfa.Id)).toBe(false);
    expect(ps(next, 'MFA_for_API_Logins').AssigneeCount).toBe(40);
  });

  it('refuses grants before the permission set is ensured and unknown change kinds', () => {
    const s = fixture('new-user-fixable');
    const grant = {
      kind: 'systemPermission',
      key: 'k',
      checkIds: [],
      reason: '',
      permissionSet: 'Act_On_Integration_User',
      permission: 'PermissionsApiEnabled',
      expected: false,
      value: true,
      userHas: false
    } as Change;
    expect(() => applyChanges(s, [grant])).toThrow(
      'Act_On_Integration_User must be ensured before it is changed'
    );
    expect(() => applyChanges(s, [{ kind: 'dropTable' } as unknown as Change])).toThrow(
      'unknown change kind dropTable'
    );
  });
});
