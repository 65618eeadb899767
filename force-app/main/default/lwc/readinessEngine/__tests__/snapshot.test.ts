/* eslint-disable @typescript-eslint/no-explicit-any -- these tests build deliberately broken snapshots */
import { SnapshotError, validateSnapshot } from 'c/readinessEngine';
import { fixture, fixtureNames } from './helpers';

function broken(mutate: (s: Record<string, any>) => void): () => unknown {
  const s = JSON.parse(JSON.stringify(fixture('perfect-dedicated-user')));
  mutate(s);
  return () => validateSnapshot(s);
}

describe('validateSnapshot', () => {
  it.each(fixtureNames)('accepts fixture %s', (name) => {
    expect(() => fixture(name)).not.toThrow();
  });

  it.each([
    [(s: any) => delete s.user, 'snapshot.user is missing'],
    [(s: any) => delete s.capturedAt, 'snapshot.capturedAt is missing'],
    [
      (s: any) => (s.capturedAt = 'yesterday'),
      'snapshot.capturedAt must be an ISO 8601 date-time string (got "yesterday")'
    ],
    [(s: any) => (s.capturedAt = '1'), 'snapshot.capturedAt must be an ISO 8601 date-time string (got "1")'],
    [
      (s: any) => (s.capturedAt = 'Sun Nov 22 2026'),
      'snapshot.capturedAt must be an ISO 8601 date-time string (got "Sun Nov 22 2026")'
    ],
    [(s: any) => (s.user.Id = ''), 'snapshot.user.Id must be a non-empty string (got "")'],
    [(s: any) => (s.user.Username = '  '), 'snapshot.user.Username must be a non-empty string (got "  ")'],
    [
      (s: any) => (s.assignments[0].PermissionSetId = ''),
      'snapshot.assignments[0].PermissionSetId must be a non-empty string (got "")'
    ],
    [
      (s: any) => (s.readErrors = { loginHistory: 500 }),
      'snapshot.readErrors.loginHistory must be a string saying why the read failed (got 500)'
    ],
    [(s: any) => (s.schemaVersion = '1'), 'snapshot.schemaVersion must be a number (got "1")'],
    [(s: any) => (s.schemaVersion = 2), 'snapshot.schemaVersion 2 is not supported (expected 1)'],
    [(s: any) => (s.user.IsActive = 'yes'), 'snapshot.user.IsActive must be a boolean (got "yes")'],
    [(s: any) => delete s.user.Profile.Name, 'snapshot.user.Profile.Name is missing'],
    [
      (s: any) => (s.user.Profile.UserLicense = { Name: 7 }),
      'snapshot.user.Profile.UserLicense.Name must be a string (got 7)'
    ],
    [(s: any) => (s.permissionSets = 'none'), 'snapshot.permissionSets must be an array (got "none")'],
    [
      (s: any) => (s.permissionSets[1].Id = null),
      'snapshot.permissionSets[1].Id must be a non-empty string (got null)'
    ],
    [(s: any) => (s.assignments[0] = 5), 'snapshot.assignments[0] must be an object (got 5)'],
    [
      (s: any) => delete s.assignments[1].PermissionSetId,
      'snapshot.assignments[1].PermissionSetId is missing'
    ],
    [
      (s: any) => (s.objectPermissions[0].PermissionsRead = 'true'),
      'snapshot.objectPermissions[0].PermissionsRead must be a boolean (got "true")'
    ],
    [(s: any) => delete s.fieldPermissions[2].Field, 'snapshot.fieldPermissions[2].Field is missing'],
    [
      (s: any) => (s.fields[0].permissionable = 1),
      'snapshot.fields[0].permissionable must be a boolean (got 1)'
    ],
    [(s: any) => (s.fields = {}), 'snapshot.fields must be an array (got an object)'],
    [
      (s: any) => (s.loginHistory[0].LoginTime = 'soon'),
      'snapshot.loginHistory[0].LoginTime must be an ISO 8601 date-time string (got "soon")'
    ],
    [
      (s: any) => (s.oauthTokens[0].UseCount = '12'),
      'snapshot.oauthTokens[0].UseCount must be a number (got "12")'
    ],
    [
      (s: any) => (s.fieldMapping['Contact.LeadScore'] = 3),
      'snapshot.fieldMapping.Contact.LeadScore must be a field API name string (got 3)'
    ],
    [
      (s: any) => (s.access = { loginHistory: 'no' }),
      'snapshot.access.loginHistory must be a boolean (got "no")'
    ],
    // 0.2 keys
    [(s: any) => (s.userLogin = 'frozen'), 'snapshot.userLogin must be an object (got "frozen")'],
    [
      (s: any) => (s.userLogin = { IsFrozen: 'no' }),
      'snapshot.userLogin.IsFrozen must be a boolean (got "no")'
    ],
    [
      (s: any) => (s.userLogin = { IsPasswordLocked: 1 }),
      'snapshot.userLogin.IsPasswordLocked must be a boolean (got 1)'
    ],
    [(s: any) => (s.runningUserId = 42), 'snapshot.runningUserId must be a string (got 42)'],
    [
      (s: any) => (s.loginHistory[0].ApiType = 7),
      'snapshot.loginHistory[0].ApiType must be a string (got 7)'
    ],
    [
      (s: any) => (s.loginHistory[1].ApiVersion = 'latest'),
      'snapshot.loginHistory[1].ApiVersion must be an API version string such as "58.0" (got "latest")'
    ],
    [
      (s: any) => (s.loginHistory[0].LoginType = false),
      'snapshot.loginHistory[0].LoginType must be a string (got false)'
    ],
    [
      (s: any) => (s.truncated = { loginHistory: 1 }),
      'snapshot.truncated.loginHistory must be a boolean (got 1)'
    ],
    [
      (s: any) => (s.productPermissionSetId = {}),
      'snapshot.productPermissionSetId must be a string (got an object)'
    ]
  ])('names the key: %#', (mutate, message) => {
    const run = broken(mutate);
    expect(run).toThrow(SnapshotError);
    expect(run).toThrow(message);
  });

  it('rejects a non-object', () => {
    expect(() => validateSnapshot([])).toThrow('snapshot must be a JSON object (got an array)');
    expect(() => validateSnapshot(null)).toThrow('snapshot must be a JSON object (got null)');
  });

  it('ignores unknown keys and accepts absent optional keys', () => {
    const run = broken((s) => {
      s.somethingNew = { x: 1 };
      delete s.loginHistory;
      delete s.oauthTokens;
      delete s.fieldMapping;
      delete s.access;
      delete s.user.LastLoginDate;
    });
    expect(run).not.toThrow();
  });

  it('accepts the 0.2 keys as null, and an API version as a string or a number', () => {
    expect(
      broken((s) => {
        s.userLogin = null;
        s.runningUserId = null;
        s.productPermissionSetId = null;
        s.loginHistory[0].ApiVersion = 58;
        s.loginHistory[1].ApiVersion = '64.0';
      })
    ).not.toThrow();
  });

  it('shortens long strings in messages', () => {
    expect(broken((s) => (s.user.IsActive = 'x'.repeat(100)))).toThrow(/"x{40}\.\.\."/);
  });
});
