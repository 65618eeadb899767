/**
 * One evaluator per rule kind. A checklist record names the rule and its parameters; the rule
 * returns the status, evidence a person understands, who grants (or denies) it, and the fix.
 * The fix for permission-absent (removing an assignment) needs the other checks and is added by
 * the engine afterwards.
 */
import { AccessModel, OBJECT_FLAG_LABELS, OBJECT_FLAGS, describeSource, type Source } from './access';
import { fieldPermission, flagList, grantFix, manualFix, objectPermission, systemPermission } from './fixes';
import type {
  Change,
  CheckDefinition,
  CheckFix,
  CheckStatus,
  FieldDescribe,
  Grant,
  ObjectFlag,
  RuleKind
} from './types';
import { HIGH_RISK_PERMISSIONS, SYSTEM_ADMINISTRATOR_PROFILE, permissionLabel, setupUrl } from './vocabulary';

export interface Evaluation {
  status: CheckStatus;
  evidence: string;
  details: string[];
  grantedBy: Grant[];
  fix: CheckFix | null;
}

type Rule = (definition: CheckDefinition, access: AccessModel) => Evaluation;

function result(status: CheckStatus, evidence: string, extra: Partial<Evaluation> = {}): Evaluation {
  return { status, evidence, details: [], grantedBy: [], fix: null, ...extra };
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "permission set 'Sales' (assigned to 40 other users)" */
function affected(access: AccessModel, source: Source): string {
  const grant = access.toGrant(source, []);
  if (source.type === 'Profile') {
    return grant.otherUsers === null
      ? describeSource(source)
      : `${describeSource(source)} (${plural(grant.otherUsers, 'other user')} on it)`;
  }
  return grant.otherUsers === null
    ? describeSource(source)
    : `${describeSource(source)} (assigned to ${plural(grant.otherUsers, 'other user')})`;
}

function expiredNote(source: Source, what: string): string {
  return `${describeSource(source)} would grant ${what}, but its assignment expired on ${source.expiredOn?.slice(0, 10)}.`;
}

/** The permission the running user lacks to read something, as the reader reported it. */
const NEEDED_RIGHT: Record<string, string> = {
  loginHistory: 'Manage Users',
  oauthTokens: 'Customize Application',
  fieldClassification: 'View Setup and Configuration'
};
function missingRight(access: AccessModel, key: string): string {
  return access.snapshot.accessMissing?.[key] ?? NEEDED_RIGHT[key];
}

function targets(definition: CheckDefinition): string[] {
  return (definition.target ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------- identity

const userActive: Rule = (_d, access) => {
  const user = access.snapshot.user;
  if (user.IsActive) return result('pass', `${user.Username} is active.`);
  return result('fail', `${user.Username} is inactive: Act-On cannot log in as this user.`, {
    fix: manualFix('Activate the user in Setup.', {
      kind: 'setup',
      summary: 'Activate the integration user',
      steps: ['Open the user in Setup > Users.', 'Click Edit, select Active, and Save.'],
      url: setupUrl.user(user.Id)
    })
  });
};

const userLicense: Rule = (d, access) => {
  const user = access.snapshot.user;
  const expected = d.target ?? 'Salesforce';
  const license = user.Profile.UserLicense?.Name;
  if (!license) {
    return result(
      'unknown',
      `The user's license was not in the snapshot (Profile.UserLicense.Name); the running user may lack View Setup and Configuration.`
    );
  }
  if (license === expected)
    return result('pass', `The profile '${user.Profile.Name}' has the ${license} license.`);
  let evidence = `The user has the ${license} license; Act-On requires ${expected}.`;
  if (license === 'Salesforce Integration') {
    evidence += ` A permission set whose License is Salesforce cannot be assigned to a Salesforce Integration user, so Act-On's minimum permissions cannot be granted the way Act-On documents; the product's own permission set has no license and can still be assigned.`;
  }
  return result('fail', evidence, {
    fix: manualFix(`Use a user with the ${expected} license.`, {
      kind: 'setup',
      summary: `Give Act-On a user with the ${expected} license`,
      steps: [
        `A user's license cannot be changed once the user exists: create a new user with a ${expected} license (for example the profile 'Minimum Access - Salesforce').`,
        'Run this check on the new user, apply the fixes, then reconnect Act-On as that user.'
      ],
      url: setupUrl.user(user.Id)
    })
  });
};

function permissionGrantedEvidence(
  access: AccessModel,
  permission: string
): { grantedBy: Grant[]; sources: Source[]; details: string[] } {
  const sources = access.grantsOf(permission);
  const label = permissionLabel(permission);
  const details = access.grantsOf(permission, true).map((s) => expiredNote(s, label));
  return { sources, grantedBy: sources.map((s) => access.toGrant(s, [label])), details };
}

const systemPermissionRule: Rule = (d, access) => {
  const permission = d.target as string;
  const label = permissionLabel(permission);
  const { sources, grantedBy, details } = permissionGrantedEvidence(access, permission);
  if (sources.length) {
    return result('pass', `${label} is granted by ${list(sources.map(describeSource))}.`, {
      grantedBy,
      details
    });
  }
  const warnings: string[] = [];
  if (permission === 'PermissionsApiUserOnly') {
    warnings.push('An API-only user can no longer log in to the Salesforce user interface.');
  }
  if (permission === 'PermissionsPasswordNeverExpires') {
    warnings.push(
      'Trade-off: the password no longer expires, so rotate it by hand under your password policy.'
    );
  }
  return result('fail', `No profile or permission set grants ${label}.`, {
    details,
    fix: grantFix(
      access,
      d.id,
      `Grant ${label} in the product's permission set.`,
      [systemPermission(access, permission, d.id)],
      warnings
    )
  });
};

/** MFA for API logins: passes when nothing grants it. The removal fix is added by the engine. */
const permissionAbsent: Rule = (d, access) => {
  const permission = d.target as string;
  const label = permissionLabel(permission);
  const sources = access.grantsOf(permission);
  const grantedBy = sources.map((s) => access.toGrant(s, [label]));
  if (!sources.length) return result('pass', `No profile, permission set or group grants ${label}.`);
  const others = grantedBy.reduce((n, g) => n + (g.otherUsers ?? 0), 0);
  return result(
    'fail',
    `${label} is granted by ${list(sources.map((s) => affected(access, s)))}: Act-On cannot log in as this user through the API.`,
    {
      grantedBy,
      details: others
        ? [`Changing these would affect ${plural(others, 'other user')}; the fix changes only this user.`]
        : []
    }
  );
};

const leastPrivilege: Rule = (_d, access) => {
  const user = access.snapshot.user;
  const found: { permission: string; sources: Source[] }[] = [];
  for (const permission of HIGH_RISK_PERMISSIONS) {
    const sources = access.grantsOf(permission);
    if (sources.length) found.push({ permission, sources });
  }
  const isAdmin = user.Profile.Name === SYSTEM_ADMINISTRATOR_PROFILE;
  if (!found.length && !isAdmin) return result('pass', 'None of the high-risk permissions is effective.');
  const bySource = new Map<Source, string[]>();
  for (const { permission, sources } of found) {
    for (const s of sources) bySource.set(s, [...(bySource.get(s) ?? []), permissionLabel(permission)]);
  }
  const details = found.map(
    ({ permission, sources }) => `${permissionLabel(permission)}: from ${list(sources.map(describeSource))}`
  );
  const parts: string[] = [];
  if (isAdmin) parts.push(`The user has the ${SYSTEM_ADMINISTRATOR_PROFILE} profile`);
  if (found.length)
    parts.push(
      `${plural(found.length, 'high-risk permission')} ${found.length === 1 ? 'is' : 'are'} effective`
    );
  return result('fail', `${parts.join(' and ')}; an integration user needs only what Act-On uses.`, {
    details,
    grantedBy: [...bySource].map(([s, perms]) => access.toGrant(s, perms)),
    fix: manualFix('Move the user to a minimal profile and drop broad permission sets.', {
      kind: 'setup',
      summary: 'Reduce the integration user to the minimum',
      steps: [
        isAdmin
          ? `Change the user's profile from ${SYSTEM_ADMINISTRATOR_PROFILE} to 'Minimum Access - Salesforce' (Setup > Users > Edit).`
          : "Keep the user's profile minimal, for example 'Minimum Access - Salesforce'.",
        'Remove the permission sets that grant the permissions listed in the evidence, or ask their owner to create a narrower one.',
        "Apply this product's fixes so the user keeps exactly what Act-On needs, then run the check again."
      ],
      url: setupUrl.user(user.Id)
    })
  });
};

// ---------------------------------------------------------------- authentication

const recentLogins: Rule = (_d, access) => {
  const snapshot = access.snapshot;
  if (
    snapshot.access?.loginHistory === false ||
    snapshot.loginHistory === undefined ||
    snapshot.loginHistory === null
  ) {
    return result(
      'unknown',
      `Login history could not be read: the running user needs the ${missingRight(access, 'loginHistory')} permission.`
    );
  }
  if (!snapshot.loginHistory.length)
    return result('n/a', 'No login is recorded for this user in the last six months.');
  const newest = [...snapshot.loginHistory].sort(
    (a, b) => Date.parse(b.LoginTime) - Date.parse(a.LoginTime)
  )[0];
  const how = [newest.LoginType, newest.Application].filter(Boolean).join(', ');
  const when = `${newest.LoginTime}${how ? ` (${how})` : ''}`;
  if (newest.Status === 'Success') return result('pass', `The newest login succeeded at ${when}.`);
  return result('warn', `The newest login failed at ${when}: "${newest.Status}".`, {
    details: [loginAdvice(newest.Status)],
    fix: manualFix('Look at the login history and fix the credentials Act-On uses.', {
      kind: 'setup',
      summary: 'Fix the failed login',
      steps: [loginAdvice(newest.Status), 'Reconnect Act-On with the corrected credentials.'],
      url: setupUrl.loginHistory()
    })
  });
};

function loginAdvice(status: string): string {
  if (/security token/i.test(status))
    return "Reset the user's security token and enter it in Act-On's connector settings.";
  if (/lockout|locked/i.test(status))
    return 'Unlock the user in Setup > Users, then correct the password Act-On uses.';
  if (/password/i.test(status))
    return 'Correct the password stored in Act-On, or reset it and update Act-On.';
  if (/verification|mfa|multi-factor|identity/i.test(status)) {
    return 'The login asked for a second factor: clear Multi-Factor Authentication for API Logins for this user.';
  }
  return 'Open the login history in Setup for the full reason.';
}

// ---------------------------------------------------------------- objects

const objectAccessRule: Rule = (d, access) => {
  const object = d.target as string;
  const needed = (d.access ?? '').split(',').map((f) => f.trim()) as ObjectFlag[];
  const { flags, bySource } = access.objectAccess(object);
  const missing = needed.filter((f) => !flags[f]);
  const grantedBy = bySource
    .map(({ source, flags: own }) =>
      access.toGrant(
        source,
        needed.filter((f) => own[f]).map((f) => OBJECT_FLAG_LABELS[f])
      )
    )
    .filter((g) => g.grants.length);
  const details = bySource.map(({ source, flags: own }) => `${describeSource(source)}: ${flagList(own)}`);
  for (const { source, flags: own } of access.objectAccess(object, true).bySource) {
    details.push(expiredNote(source, flagList(own)));
  }
  if (!missing.length)
    return result('pass', `${flagList(needed)} on ${object} ${needed.length === 1 ? 'is' : 'are'} granted.`, {
      grantedBy,
      details
    });
  const has = OBJECT_FLAGS.filter((f) => flags[f]);
  return result(
    'fail',
    `Missing ${flagList(missing)} on ${object}${has.length ? ` (has ${flagList(has)})` : ''}.`,
    {
      grantedBy,
      details,
      fix: grantFix(
        access,
        d.id,
        `Grant ${flagList(missing)} on ${object} in the product's permission set.`,
        [objectPermission(access, object, needed, d.id)]
      )
    }
  );
};

const customRelated: Rule = (d, access) => {
  const parents = targets(d);
  const objects = new Set<string>();
  for (const f of access.snapshot.fields) {
    const custom = f.custom === true || /__c$/i.test(f.object);
    if (custom && /__c$/i.test(f.object) && (f.referenceTo ?? []).some((r) => parents.includes(r)))
      objects.add(f.object);
  }
  if (!objects.size) return result('n/a', `No custom object looks up to ${list(parents)}.`);
  const sorted = [...objects].sort();
  const unreadable = sorted.filter((o) => !access.canReadObject(o));
  const details = sorted.map((o) => `${o}: ${access.canReadObject(o) ? 'readable' : 'not readable'}`);
  if (!unreadable.length) return result('pass', `The user can read ${list(sorted)}.`, { details });
  return result(
    'fail',
    `The user cannot read ${list(unreadable)}, which ${unreadable.length === 1 ? 'looks' : 'look'} up to ${list(parents)}.`,
    {
      details,
      fix: manualFix('Grant Read on the custom objects you want Act-On to sync.', {
        kind: 'instructions',
        summary: 'Decide which related custom objects Act-On may read',
        steps: [
          `Act-On can sync custom objects related to leads and contacts: ${list(unreadable)}.`,
          "For each one you want synced, add Read in the 'Act-On Integration User' permission set (Object Settings).",
          'Contact your Act-On Customer Success Manager to enable custom object sync.'
        ],
        url: null
      })
    }
  );
};

// ---------------------------------------------------------------- fields

function resolveField(
  d: CheckDefinition,
  access: AccessModel
): { object: string; field: string | null; logical: string; mappedBy: 'mapping' | 'default' | null } {
  const [object, name] = (d.target as string).split('.');
  if (!d.mapped) return { object, field: name, logical: name, mappedBy: null };
  const mapping = access.snapshot.fieldMapping?.[`${object}.${name}`];
  if (mapping)
    return {
      object,
      field: mapping.includes('.') ? mapping.split('.')[1] : mapping,
      logical: name,
      mappedBy: 'mapping'
    };
  if (d.defaultField) return { object, field: d.defaultField, logical: name, mappedBy: 'default' };
  return { object, field: null, logical: name, mappedBy: null };
}

const fieldAccessRule: Rule = (d, access) => {
  const edit = d.access === 'edit';
  const need = edit ? 'Read and Edit' : 'Read';
  const { object, field, logical, mappedBy } = resolveField(d, access);
  const mapKey = `${object}.${logical}`;
  const mapStep = (summary: string) =>
    manualFix(summary, {
      kind: 'map-field',
      summary,
      steps: [
        `Choose the ${object} field that holds Act-On's ${logical.replace(/([a-z])([A-Z])/g, '$1 $2')} in the field mapping panel, then save.`
      ],
      url: null,
      mappingKey: mapKey
    });
  if (field === null) {
    return result('unknown', `${mapKey} is not mapped yet: choose the ${object} field Act-On uses for it.`, {
      fix: mapStep(`Map ${mapKey} to a field of this org.`)
    });
  }
  const describe = access.describeField(object, field);
  const label = `${object}.${field}`;
  const via =
    mappedBy === 'mapping'
      ? ` (mapped as ${logical})`
      : mappedBy === 'default'
        ? ` (default for ${logical})`
        : '';
  if (!describe) {
    if (mappedBy === 'mapping') {
      return result(
        'unknown',
        `${label}, mapped as ${logical}, does not exist in this org: map another field.`,
        {
          fix: mapStep(`Map ${mapKey} to an existing field.`)
        }
      );
    }
    return result(
      'n/a',
      access.isDescribed(object)
        ? `${label}${via} does not exist in this org.`
        : `${object} was not described, so ${label} cannot be checked.`
    );
  }
  const objectOk = edit ? access.canEditObject(object) : access.canReadObject(object);
  const objectNeed: ObjectFlag[] = edit ? ['Read', 'Edit'] : ['Read'];
  const objectChange = (): Change => {
    if (access.isActivity(object)) return systemPermission(access, 'PermissionsEditTask', d.id);
    return objectPermission(access, object, objectNeed, d.id);
  };
  const objectWords = access.isActivity(object)
    ? edit
      ? 'Edit Tasks'
      : 'task access'
    : `${flagList(objectNeed)} on ${object}`;

  if (!describe.permissionable) {
    const evidence = `${label}${via} cannot take field-level security: it follows ${objectWords}, which ${objectOk ? 'the user has' : 'the user lacks'}.`;
    if (objectOk) return result('pass', evidence);
    return result('fail', evidence, {
      fix: grantFix(access, d.id, `Grant ${objectWords}.`, [objectChange()])
    });
  }
  const fls = access.fieldAccess(object, field);
  const flsOk = edit ? fls.edit : fls.read;
  const grantedBy = fls.grants.map((g) => access.toGrant(g.source, [g.edit ? 'Read, Edit' : 'Read']));
  const details = fls.grants.map((g) => `${describeSource(g.source)}: ${g.edit ? 'Read, Edit' : 'Read'}`);
  for (const g of fls.expired) details.push(expiredNote(g.source, g.edit ? 'Read, Edit' : 'Read'));
  if (flsOk && objectOk) {
    return result(
      'pass',
      `${need} on ${label}${via} is granted by ${list(fls.grants.filter((g) => (edit ? g.edit : g.read)).map((g) => describeSource(g.source)))}.`,
      {
        grantedBy,
        details
      }
    );
  }
  const problems: string[] = [];
  if (!flsOk)
    problems.push(fls.read ? `only Read on ${label}${via}, Edit is missing` : `no ${need} on ${label}${via}`);
  if (!objectOk) problems.push(`${objectWords} ${objectWords.endsWith('access') ? 'is' : 'are'} missing`);
  const changes: Change[] = [];
  if (!objectOk) changes.push(objectChange());
  if (!flsOk) changes.push(fieldPermission(access, object, field, edit, d.id));
  return result('fail', `The user has ${problems.join('; ')}.`, {
    grantedBy,
    details,
    fix: grantFix(access, d.id, `Grant ${need} on ${label} in the product's permission set.`, changes)
  });
};

// ---------------------------------------------------------------- data governance

function readableFields(access: AccessModel, objects: readonly string[]): Map<string, FieldDescribe[]> {
  const out = new Map<string, FieldDescribe[]>();
  for (const object of objects)
    out.set(
      object,
      access.fieldsOf(object).filter((f) => access.canReadField(f))
    );
  return out;
}

const fieldBudget: Rule = (d, access) => {
  const objects = targets(d);
  const limit = d.threshold ?? 100;
  const readable = readableFields(access, objects);
  const total = [...readable.values()].reduce((n, fields) => n + fields.length, 0);
  const details = objects.map((o) => `${o}: ${readable.get(o)?.length ?? 0}`);
  const evidence = `The user can read ${plural(total, 'field')} across ${list(objects)} (${details.join(', ')}).`;
  if (total < limit) return result('pass', evidence, { details });
  return result('fail', `${evidence} Act-On recommends fewer than ${limit}.`, {
    details,
    fix: manualFix('Remove read access to fields Act-On does not need.', {
      kind: 'instructions',
      summary: `Bring readable fields below ${limit}`,
      steps: [
        'Decide with your Act-On team which fields marketing needs.',
        'In the profile and permission sets listed under each field check, clear Read on the others (Object Settings > field permissions). This product never removes field access by itself.'
      ],
      url: null
    })
  });
};

const sensitiveFields: Rule = (d, access) => {
  if (access.snapshot.access?.fieldClassification === false) {
    return result(
      'unknown',
      `Field classifications could not be read: the running user needs ${missingRight(access, 'fieldClassification')} to query FieldDefinition.`
    );
  }
  const levels = targets(d);
  const found: string[] = [];
  for (const fields of readableFields(access, [
    ...new Set(access.snapshot.fields.map((f) => f.object))
  ]).values()) {
    for (const f of fields) {
      const reasons: string[] = [];
      if (f.securityClassification && levels.includes(f.securityClassification))
        reasons.push(f.securityClassification);
      if (f.complianceGroup) reasons.push(f.complianceGroup.split(';').join(', '));
      if (reasons.length) found.push(`${f.object}.${f.name} (${reasons.join('; ')})`);
    }
  }
  if (!found.length)
    return result(
      'pass',
      'The user can read no field classified Restricted or Mission Critical or in a compliance group.'
    );
  return result(
    'fail',
    `The user can read ${plural(found.length, 'sensitive field')}: ${list(found.slice(0, 5))}${found.length > 5 ? ', ...' : ''}.`,
    {
      details: found,
      fix: manualFix('Check these fields against your data policy.', {
        kind: 'instructions',
        summary: 'Review sensitive fields',
        steps: [
          'Check each field against your data policy (personal information, HIPAA, GDPR).',
          'Clear Read on the fields Act-On must not receive in the profile or permission set that grants it.'
        ],
        url: null
      })
    }
  );
};

// ---------------------------------------------------------------- connection

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const permissionSetAssigned: Rule = (d, access) => {
  const wanted = normalise(d.target as string);
  const core = wanted.replace(/user$/, '');
  const match = access.sources.filter(
    (s) => s.type !== 'Profile' && [s.ps.Label, s.ps.Name].some((n) => n && normalise(n).includes(core))
  );
  if (match.length) {
    return result(
      'pass',
      `${list(match.map(describeSource))} ${match.length === 1 ? 'is' : 'are'} assigned.`,
      {
        grantedBy: match.map((s) => access.toGrant(s, ['assigned']))
      }
    );
  }
  const expired = access.expired.filter((s) =>
    [s.ps.Label, s.ps.Name].some((n) => n && normalise(n).includes(core))
  );
  return result('fail', `No permission set like '${d.target}' is assigned to the user.`, {
    details: expired.map((s) => expiredNote(s, 'it')),
    fix: grantFix(access, d.id, `Create '${d.target}' (License None) and assign it.`, [])
  });
};

const oauthApp: Rule = (d, access) => {
  const snapshot = access.snapshot;
  if (
    snapshot.access?.oauthTokens === false ||
    snapshot.oauthTokens === undefined ||
    snapshot.oauthTokens === null
  ) {
    return result(
      'unknown',
      `OAuth tokens could not be read: the running user needs ${missingRight(access, 'oauthTokens')} to see every user's connected app tokens.`
    );
  }
  const name = normalise(d.target ?? 'Act-On');
  const tokens = snapshot.oauthTokens.filter((t) => normalise(t.AppName).includes(name));
  if (!tokens.length) {
    return result('fail', `No user has authorized an app named like ${d.target}.`, {
      fix: manualFix('Authorize the Act-On Lightning Support App.', {
        kind: 'instructions',
        summary: 'Authorize the Act-On app',
        steps: [
          "Follow Act-On's Salesforce Package Installation Guide to install the Act-On Lightning Support App.",
          'Have the System Administrator and each Act-On user authorize it (OAuth).'
        ],
        url: setupUrl.connectedAppsUsage()
      })
    });
  }
  const details = tokens.map((t) => {
    const who = t.User?.Username ?? t.User?.Name ?? t.UserId ?? 'a user';
    return `${t.AppName}: authorized by ${who}${t.LastUsedDate ? `, last used ${t.LastUsedDate}` : ''}${typeof t.UseCount === 'number' ? `, ${plural(t.UseCount, 'use')}` : ''}`;
  });
  const users = new Set(tokens.map((t) => t.UserId ?? t.User?.Username ?? ''));
  return result('pass', `${tokens[0].AppName} is authorized by ${plural(users.size, 'user')}.`, { details });
};

export const RULE_EVALUATORS: Record<RuleKind, Rule> = {
  'user-active': userActive,
  'user-license': userLicense,
  'system-permission': systemPermissionRule,
  'permission-absent': permissionAbsent,
  'least-privilege': leastPrivilege,
  'recent-logins': recentLogins,
  'object-access': objectAccessRule,
  'custom-related': customRelated,
  'field-access': fieldAccessRule,
  'field-budget': fieldBudget,
  'sensitive-fields': sensitiveFields,
  'permission-set-assigned': permissionSetAssigned,
  'oauth-app': oauthApp
};
