/**
 * One evaluator per rule kind. A checklist record names the rule and its parameters; the rule
 * returns the status, evidence a person understands, who grants (or denies) it, and the fix.
 * The fix for permission-absent (removing an assignment) needs the other checks and is added by
 * the engine afterwards.
 */
import { mappedField } from './reads';
import { AccessModel, OBJECT_FLAG_LABELS, OBJECT_FLAGS, describeSource, type Source } from './access';
import { fieldPermission, flagList, grantFix, grantsFor, manualFix, objectUnits } from './fixes';
import { systemUnit } from './prerequisites';
import type {
  Change,
  CheckDefinition,
  CheckFix,
  CheckStatus,
  FieldDescribe,
  Grant,
  LoginHistoryRecord,
  ObjectFlag,
  RuleKind,
  Snapshot,
  UserPermissionChange
} from './types';
import { apiVersionOf, describeLogin, isSuccess, loginKind, loginsOf } from './logins';
import { inRange, rangeText } from './ip';
import {
  DAY_MS,
  enableSoapNote,
  passwordExpiry,
  passwordPolicyOf,
  policySource,
  summer27Note,
  useAnyApiAuthNote
} from './orgRules';
import {
  HIGH_RISK_PERMISSIONS,
  SYSTEM_ADMINISTRATOR_PROFILE,
  dayText,
  permissionLabel,
  plural,
  setupUrl
} from './vocabulary';

export interface Evaluation {
  status: CheckStatus;
  evidence: string;
  /** A few words beside the title where they matter (a date); shown only on a problem. */
  headline?: string;
  details: string[];
  grantedBy: Grant[];
  fix: CheckFix | null;
  /** For unknown: the right the running user lacks to read what the check needs. */
  needs?: string | null;
  /** For unknown: the access key of the read that failed. */
  unread?: string | null;
}

type Rule = (definition: CheckDefinition, access: AccessModel) => Evaluation;

function result(status: CheckStatus, evidence: string, extra: Partial<Evaluation> = {}): Evaluation {
  return { status, evidence, details: [], grantedBy: [], fix: null, ...extra };
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
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

/**
 * An unknown result for a read that failed (0.3): it quotes the cause as it happened and names a
 * right only when the reader found the running user lacks it (snapshot.accessMissing).
 */
function unreadableResult(access: AccessModel, key: string, what: string): Evaluation {
  const snapshot = access.snapshot;
  const right = snapshot.accessMissing?.[key] ?? null;
  const error = snapshot.readErrors?.[key] ?? null;
  const why = right ? `the running user needs ${right}` : (error ?? 'the snapshot does not say why');
  return result('unknown', `${what} could not be read: ${why}.`, { needs: right, unread: key });
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

/** Freeze and lockout, from UserLogin (Target__c: IsFrozen or IsPasswordLocked). */
const userLoginFlag: Rule = (d, access) => {
  const snapshot = access.snapshot;
  const field = d.target as string;
  const user = snapshot.user;
  const row = snapshot.userLogin;
  const what = `Whether ${user.Username} is frozen or locked out (UserLogin)`;
  if (snapshot.access?.userLogin === false || row === undefined)
    return unreadableResult(access, 'userLogin', what);
  if (row === null)
    return result(
      'unknown',
      `${what} could not be read: Salesforce returned no UserLogin row for this user.`
    );
  const value = row[field];
  if (typeof value !== 'boolean')
    return result('unknown', `${what} could not be read: UserLogin.${field} was not in the answer.`);
  const frozen = field === 'IsFrozen';
  if (!value) {
    return result('pass', frozen ? `${user.Username} is not frozen.` : `${user.Username} is not locked out.`);
  }
  const failed = loginsOf(snapshot)
    .api.filter((l) => !isSuccess(l))
    .slice(0, 3)
    .map((l) => `${l.LoginTime}: "${l.Status}"${describeLogin(l) ? ` (${describeLogin(l)})` : ''}`);
  if (frozen) {
    return result(
      'fail',
      `${user.Username} is frozen: Salesforce refuses every login, so Act-On cannot log in.`,
      {
        details: failed,
        fix: manualFix('Unfreeze the user in Setup.', {
          kind: 'setup',
          summary: 'Unfreeze the integration user',
          steps: [
            'Find out who froze the user and why (a frozen user is often a suspected compromise).',
            'Open the user in Setup > Users and click Unfreeze.'
          ],
          url: setupUrl.user(user.Id)
        })
      }
    );
  }
  return result(
    'fail',
    `${user.Username} is locked out after too many failed logins: Salesforce refuses every login until the user is unlocked or the lockout period ends.`,
    {
      details: failed,
      fix: manualFix('Unlock the user and correct the password Act-On uses.', {
        kind: 'setup',
        summary: 'Unlock the integration user',
        steps: [
          "Correct the password (and security token) stored in Act-On's connector settings first: Act-On retrying an old password is the usual cause.",
          'Open the user in Setup > Users and click Unlock.'
        ],
        url: setupUrl.user(user.Id)
      })
    }
  );
};

/**
 * A permission of the user record itself (Target__c UserPermissionsMarketingUser): n/a when the
 * snapshot has no such field; the fix sets it on the saved integration user only.
 */
const userPermissionRule: Rule = (d, access) => {
  const user = access.snapshot.user;
  const field = d.target as 'UserPermissionsMarketingUser';
  const label = permissionLabel(field);
  if (typeof user[field] !== 'boolean')
    return result('n/a', `The snapshot does not hold ${user.Username}'s ${label} checkbox (User.${field}).`);
  if (user[field]) return result('pass', `The ${label} checkbox is on for ${user.Username}.`);
  const change: UserPermissionChange = {
    kind: 'userPermission',
    key: `user:${user.Id}:${field}`,
    checkIds: [d.id],
    reason: `Turns on the ${label} checkbox on ${user.Username}'s user record. Editing a user needs Manage Users (or Manage Internal Users).`,
    userId: user.Id,
    field,
    expected: false,
    value: true
  };
  return result(
    'fail',
    `The ${label} checkbox is off for ${user.Username}: Salesforce lets only marketing users create and edit campaigns, so Act-On cannot write one.`,
    {
      fix: {
        fixable: true,
        summary: `Turn on ${label} for this user.`,
        changes: [change],
        manual: null,
        refused: null,
        warnings: []
      }
    }
  );
};

const userLicense: Rule = (d, access) => {
  const user = access.snapshot.user;
  const expected = d.target ?? 'Salesforce';
  const license = user.Profile.UserLicense?.Name;
  if (!license) {
    return result(
      'unknown',
      "The user's license could not be read: Profile.UserLicense.Name was not in the answer."
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
  return result('fail', `No profile or permission set grants ${label}.`, {
    details,
    fix: grantFix(
      access,
      d.id,
      `Grant ${label} in the product's permission set.`,
      grantsFor(access, [systemUnit(permission)], d.id)
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
      details: permissionAbsentDetails(access, sources, others)
    }
  );
};

/** Who a change to each source would affect: a profile change affects everyone on it; removing an assignment only this user. */
function permissionAbsentDetails(access: AccessModel, sources: Source[], others: number): string[] {
  const details: string[] = [];
  const profile = sources.find((s) => s.type === 'Profile');
  const assigned = sources.filter((s) => s.type !== 'Profile');
  if (profile) {
    const n = access.toGrant(profile, []).otherUsers;
    details.push(
      `Clearing it on ${describeSource(profile)} changes every user on that profile${n === null ? '' : ` (${plural(n, 'other user')})`}: that is a manual change in Setup.`
    );
  }
  if (assigned.length) {
    details.push(
      `Removing ${list(assigned.map(describeSource))} from this user changes only this user${others && !profile ? `; the ${plural(others, 'other user')} who hold ${assigned.length === 1 ? 'it' : 'them'} keep ${assigned.length === 1 ? 'it' : 'them'}` : ''}.`
    );
  }
  return details;
}

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

/** The newest API login decides; interactive logins are listed but never decide (blocker). */
const recentLogins: Rule = (d, access) => {
  const snapshot = access.snapshot;
  const logins = loginsOf(snapshot);
  if (!logins.readable) return unreadableResult(access, 'loginHistory', 'Login history');
  const ranges = ipRangeView(snapshot, logins.api);
  const details = [...loginDetails(logins.api, logins.interactive), ...ranges.details];
  if (!logins.all.length)
    return result('n/a', 'No login is recorded for this user: Act-On has not connected as this user yet.');
  if (!logins.api.length) {
    if (logins.truncated) {
      return result(
        'unknown',
        `The newest ${plural(logins.all.length, 'login')} read are all interactive; older API logins were not read, so Act-On's connection could not be checked.`,
        { details }
      );
    }
    return result(
      'n/a',
      `No API login is recorded for this user: Act-On has not connected as this user (${plural(logins.interactive.length, 'interactive login')} listed, which do not decide this check).`,
      { details }
    );
  }
  const newest = logins.api[0];
  const how = describeLogin(newest);
  const when = `${newest.LoginTime}${how ? ` (${how})` : ''}`;
  if (!isSuccess(newest)) {
    return result(
      'fail',
      `Act-On's newest API login failed at ${when}: "${newest.Status}". Act-On cannot log in right now.`,
      {
        details: [loginAdvice(newest.Status), ...details],
        fix: manualFix('Look at the login history and fix the credentials Act-On uses.', {
          kind: 'setup',
          summary: 'Fix the failed login',
          steps: [loginAdvice(newest.Status), 'Reconnect Act-On with the corrected credentials.'],
          url: setupUrl.loginHistory()
        })
      }
    );
  }
  const days = d.threshold ?? 30;
  const age = Math.floor((access.capturedAt - Date.parse(newest.LoginTime)) / DAY_MS);
  if (age > days) {
    return result(
      'warn',
      `Act-On's newest API login succeeded, but ${age} days ago at ${when}: the connection may be idle or pointed at another user.`,
      {
        details,
        fix: manualFix("Check Act-On's connector settings.", {
          kind: 'instructions',
          summary: 'Check which user Act-On connects as',
          steps: [
            'In Act-On, open the Salesforce connector settings and check the user it connects as and that syncs are scheduled.',
            'If Act-On connects as another user, run this check on that user instead.'
          ],
          url: null
        })
      }
    );
  }
  if (ranges.outside.length) {
    return result(
      'warn',
      `Act-On's newest API login succeeded at ${when}, but ${list(ranges.outside)} ${ranges.outside.length === 1 ? 'falls' : 'fall'} outside every login IP range of the profile: Salesforce refuses a login from there with "Restricted IP".`,
      {
        details,
        fix: manualFix("Add Act-On's addresses to the profile's login IP ranges.", {
          kind: 'setup',
          summary: "Allow Act-On's IP addresses",
          steps: [
            `Add a login IP range that holds ${list(ranges.outside)} to the profile ${snapshot.user.Profile.Name} (Setup > Profiles > Login IP Ranges), using the addresses Act-On publishes for its servers.`
          ],
          url: setupUrl.profile(snapshot.user.ProfileId)
        })
      }
    );
  }
  return result('pass', `Act-On's newest API login succeeded at ${when}.`, { details });
};

/**
 * The profile's login IP ranges beside the source IPs of the connector's recent successful logins
 * (0.3, command line only): which of those IPs fall outside every range. A profile without ranges
 * restricts nothing; an address or range that is not IPv4 is not judged.
 */
function ipRangeView(
  snapshot: Snapshot,
  api: LoginHistoryRecord[]
): { details: string[]; outside: string[] } {
  const ranges = snapshot.loginIpRanges;
  const error = snapshot.readErrors?.loginIpRanges;
  if (!Array.isArray(ranges))
    return {
      details: error ? [`The profile's login IP ranges could not be read: ${error}.`] : [],
      outside: []
    };
  if (!ranges.length) return { details: ['The profile sets no login IP ranges.'], outside: [] };
  const ips = [
    ...new Set(
      api
        .filter(isSuccess)
        .slice(0, 10)
        .map((l) => l.SourceIp)
        .filter((ip): ip is string => !!ip)
    )
  ];
  const outside = ips.filter((ip) => ranges.every((r) => inRange(ip, r) === false));
  const details = [`Login IP ranges of the profile: ${list(ranges.map(rangeText))}.`];
  if (ips.length) details.push(`Source IPs of Act-On's recent successful API logins: ${list(ips)}.`);
  return { details, outside };
}

function loginDetails(api: LoginHistoryRecord[], interactive: LoginHistoryRecord[]): string[] {
  const details = api
    .slice(0, 5)
    .map((l) => `API login ${l.LoginTime}: ${l.Status}${describeLogin(l) ? ` (${describeLogin(l)})` : ''}`);
  if (interactive.length) {
    const newest = interactive[0];
    details.push(
      `${plural(interactive.length, 'interactive login')} (not used by Act-On), the newest ${newest.LoginTime}: ${newest.Status}${describeLogin(newest) ? ` (${describeLogin(newest)})` : ''}`
    );
  }
  return details;
}

const SOAP_RETIREMENT =
  "Salesforce retires SOAP API login() for API versions 31.0 to 64.0 in Summer '27; it is already unavailable from API 65.0 and off by default in orgs created from Winter '26.";

/** The connector's newest successful API login used OAuth (pass) or SOAP login() (warn). */
const loginMethod: Rule = (_d, access) => {
  const logins = loginsOf(access.snapshot);
  if (!logins.readable) return unreadableResult(access, 'loginHistory', 'Login history');
  const newest = logins.api.find(isSuccess);
  if (!newest) {
    if (logins.truncated)
      return result(
        'unknown',
        `No successful API login among the newest ${plural(logins.all.length, 'login')} read; older logins were not read.`
      );
    const enable = enableSoapNote(access.snapshot);
    return result('n/a', 'No successful API login is recorded: there is no login method to check yet.', {
      details: enable ? [enable] : []
    });
  }
  const how = describeLogin(newest);
  const kind = loginKind(newest);
  if (kind === 'oauth')
    return result(
      'pass',
      `Act-On's newest successful API login, at ${newest.LoginTime}, used OAuth (${how}).`
    );
  const steps = [
    'Reconnect Act-On with OAuth (the Act-On Lightning Support App, a connected app) instead of a username, password and security token; Act-On support can tell you how for your account.',
    'Until then, give the user Use Any API Auth (check auth.use-any-api-auth) so an org that enforces it keeps accepting the login.'
  ];
  const fix = manualFix('Move the connection to OAuth.', {
    kind: 'instructions',
    summary: 'Move the Act-On connection to OAuth',
    steps,
    url: setupUrl.loginHistory()
  });
  if (kind === 'soap') {
    const version = apiVersionOf(newest);
    const retired =
      Number.isFinite(version) && version >= 31 && version < 65
        ? ` This login used API ${String(newest.ApiVersion)}, one of the versions retired in Summer '27.`
        : '';
    return result(
      'warn',
      `Act-On's newest successful API login, at ${newest.LoginTime}, used SOAP API login() with a username, password and security token (${how}). ${SOAP_RETIREMENT}${retired}`,
      { fix, details: [summer27Note(access.capturedAt)] }
    );
  }
  return result(
    'warn',
    `Act-On's newest successful API login, at ${newest.LoginTime}, did not use OAuth (${how}).`,
    { fix }
  );
};

/**
 * Use Any API Auth (Summer '26): an org that enforces it refuses SOAP login() to a user without it.
 * n/a where the org has no such permission field or the connector uses OAuth.
 */
const apiAuthPermission: Rule = (d, access) => {
  const permission = d.target as string;
  const label = permissionLabel(permission);
  const snapshot = access.snapshot;
  if (!snapshot.permissionSets.some((ps) => permission in ps)) {
    return result(
      'n/a',
      `This org has no ${label} permission (Salesforce added it in Summer '26, API 67.0), so SOAP login() needs no extra permission here.`
    );
  }
  const granted = permissionGrantedEvidence(access, permission);
  const { sources, grantedBy } = granted;
  const orgNote = useAnyApiAuthNote(snapshot);
  const details = orgNote ? [orgNote, ...granted.details] : granted.details;
  if (sources.length)
    return result('pass', `${label} is granted by ${list(sources.map(describeSource))}.`, {
      grantedBy,
      details
    });
  const logins = loginsOf(snapshot);
  if (!logins.readable)
    return unreadableResult(
      access,
      'loginHistory',
      `No profile or permission set grants ${label}, and whether Act-On uses SOAP login() (login history)`
    );
  const newest = logins.api[0];
  if (newest && loginKind(newest) === 'oauth')
    return result(
      'n/a',
      `Act-On logs in with OAuth (${describeLogin(newest)}), which does not need ${label}.`
    );
  if (!newest || loginKind(newest) !== 'soap') {
    if (!newest && logins.truncated)
      return result('unknown', `No API login among the newest logins read; older logins were not read.`, {
        details
      });
    const enable = newest ? null : enableSoapNote(snapshot);
    return result(
      'pass',
      newest
        ? `Act-On's newest API login (${describeLogin(newest)}) is not SOAP login(), which is what needs ${label}.`
        : `No API login is recorded, so Act-On does not log in with SOAP login() yet. If it will (username, password and security token), grant ${label} first.`,
      { details: enable ? [...details, enable] : details }
    );
  }
  return result(
    'fail',
    `Act-On logs in with SOAP login() (${describeLogin(newest)}) and no profile or permission set grants ${label}: an org that enforces it (every org created since Summer '26, and any org that turned it on) refuses that login with INSUFFICIENT_ACCESS.`,
    {
      details,
      fix: grantFix(
        access,
        d.id,
        `Grant ${label} in the product's permission set.`,
        grantsFor(access, [systemUnit(permission)], d.id)
      )
    }
  );
};

/**
 * When the password expires (0.3): fail only when expired under a known policy, warn within the
 * threshold (30 days); with no known policy never fail, Salesforce's default of 90 days assumed and
 * said. n/a with Password Never Expires, an OAuth connector, or no LastPasswordChangeDate.
 */
const passwordExpiryRule: Rule = (d, access) => {
  const snapshot = access.snapshot;
  const user = snapshot.user;
  const neverExpires = 'PermissionsPasswordNeverExpires';
  const holders = access.grantsOf(neverExpires);
  if (holders.length)
    return result(
      'n/a',
      `${permissionLabel(neverExpires)} is granted by ${list(holders.map(describeSource))}: the password does not expire.`
    );
  const logins = loginsOf(snapshot);
  const newest = logins.readable ? logins.api.find(isSuccess) : undefined;
  if (newest && loginKind(newest) === 'oauth')
    return result(
      'n/a',
      `Act-On signs in with OAuth (${describeLogin(newest)}), not with the user's password.`
    );
  const policy = passwordPolicyOf(snapshot);
  const unreadPolicy = snapshot.readErrors?.passwordPolicy;
  const details = unreadPolicy ? [`The password policy could not be read: ${unreadPolicy}.`] : [];
  if (!user.LastPasswordChangeDate)
    return result('n/a', `The snapshot does not say when ${user.Username}'s password was last changed.`, {
      details
    });
  const changed = dayText(user.LastPasswordChangeDate);
  const expiry = passwordExpiry(user.LastPasswordChangeDate, policy, access.capturedAt);
  if (!expiry)
    return result(
      'pass',
      `Passwords never expire under ${policySource(policy as NonNullable<typeof policy>)}; the password was last changed on ${changed}.`,
      { details }
    );
  const on = dayText(expiry.expiresOn);
  const left = expiry.expired
    ? `expired on ${on}, ${plural(-expiry.daysLeft, 'day')} ago`
    : `expires on ${on}, in ${plural(expiry.daysLeft, 'day')}`;
  const basis = policy
    ? `under ${policySource(policy)} (${plural(expiry.days, 'day')})`
    : `assuming Salesforce's default of ${plural(expiry.days, 'day')}`;
  const evidence = `The password, last changed on ${changed}, ${left} ${basis}.`;
  const fix = manualFix('Reset the password and update Act-On.', {
    kind: 'instructions',
    summary: 'Reset the password and update Act-On',
    steps: [
      `Reset ${user.Username}'s password (Setup > Users > Reset Password), which also sends a new security token.`,
      'Enter the new password and security token in Act-On (Settings > Connectors > CRM > Salesforce).',
      `Grant ${permissionLabel(neverExpires)} (check auth.password-never-expires) so that it does not expire again.`
    ],
    url: setupUrl.user(user.Id)
  });
  const enter = policy
    ? []
    : ["Enter your org's password policy for this user's profile so this check knows when it expires."];
  const soon = expiry.daysLeft <= (d.threshold ?? 30);
  const headline = expiry.expired
    ? `expired ${on}${expiry.known ? '' : ' (assumed policy)'}`
    : `expires ${on} (in ${plural(expiry.daysLeft, 'day')}${expiry.known ? '' : ', assumed policy'})`;
  if (expiry.expired && expiry.known)
    return result('fail', `${evidence} Act-On cannot sign in until it is reset.`, { details, fix, headline });
  if (soon)
    return result('warn', expiry.known ? evidence : `${evidence} Enter your policy to know for sure.`, {
      details: [...details, ...enter],
      fix,
      headline
    });
  return result('pass', evidence, { details: [...details, ...enter] });
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
        grantsFor(access, objectUnits(object, needed), d.id)
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
  const field = mappedField(d, access.snapshot.fieldMapping);
  if (!d.mapped) return { object, field, logical: name, mappedBy: null };
  const mappedBy = access.snapshot.fieldMapping?.[`${object}.${name}`] ? 'mapping' : field ? 'default' : null;
  return { object, field, logical: name, mappedBy };
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
  const objectChanges = (): Change[] => {
    if (access.isActivity(object)) return grantsFor(access, [systemUnit('PermissionsEditTask')], d.id);
    return grantsFor(access, objectUnits(object, objectNeed), d.id);
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
      fix: grantFix(access, d.id, `Grant ${objectWords}.`, objectChanges())
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
  if (!objectOk) changes.push(...objectChanges());
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
    return unreadableResult(access, 'fieldClassification', 'Field classifications (FieldDefinition)');
  }
  const levels = targets(d);
  const found: string[] = [];
  // Only objects whose classifications were read are judged: an unread one is never called clean.
  const objects = access.snapshot.classifiedObjects ?? [
    ...new Set(access.snapshot.fields.map((f) => f.object))
  ];
  for (const fields of readableFields(access, objects).values()) {
    for (const f of fields) {
      const reasons: string[] = [];
      if (f.securityClassification && levels.includes(f.securityClassification))
        reasons.push(f.securityClassification);
      if (f.complianceGroup) reasons.push(f.complianceGroup.split(';').join(', '));
      if (reasons.length) found.push(`${f.object}.${f.name} (${reasons.join('; ')})`);
    }
  }
  if (!found.length)
    // The verdict covers the objects whose classifications were read, and says which they are.
    return result(
      'pass',
      `On ${list([...objects].sort())}, the user can read no field classified Restricted or Mission Critical or in a compliance group.`
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
    return unreadableResult(access, 'oauthTokens', "Every user's OAuth tokens");
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
  const authorized = `${tokens[0].AppName} is authorized by ${plural(users.size, 'user')}.`;
  const installation = appInstallation(access, name);
  if (installation.installed === false)
    return result(
      'warn',
      `${authorized} It is not installed in this org: since September 2025 Salesforce blocks an uninstalled connected app for every user who had not authorized it before, unless they hold Approve Uninstalled Connected Apps.`,
      {
        details: [...installation.details, ...details],
        fix: manualFix('Install the Act-On app.', {
          kind: 'setup',
          summary: 'Install the Act-On connected app',
          steps: [
            `Setup > Connected Apps OAuth Usage: find ${tokens[0].AppName} and click Install.`,
            'Then choose who may use it in its policies (Manage Connected Apps).'
          ],
          url: setupUrl.connectedAppsUsage()
        })
      }
    );
  return result('pass', authorized, { details: [...installation.details, ...details] });
};

/**
 * Whether an app named like the target is installed (0.3, connectedApps) and, where only
 * admin-approved users may use it, whether the user has it through their profile or a permission set
 * (setupEntityAccess). Null installed: not read (the cause is quoted).
 */
function appInstallation(
  access: AccessModel,
  name: string
): { installed: boolean | null; details: string[] } {
  const snapshot = access.snapshot;
  const apps = snapshot.connectedApps;
  if (snapshot.access?.connectedApps === false || !Array.isArray(apps)) {
    const error = snapshot.readErrors?.connectedApps;
    return {
      installed: null,
      details: error ? [`Whether the app is installed could not be read: ${error}.`] : []
    };
  }
  const installed = apps.filter((a) => normalise(a.Name).includes(name));
  if (!installed.length) return { installed: false, details: [] };
  const details: string[] = [];
  for (const app of installed) {
    if (!app.OptionsAllowAdminApprovedUsersOnly) {
      details.push(`${app.Name} is installed; all users may self-authorize.`);
      continue;
    }
    const grants = snapshot.setupEntityAccess;
    if (!Array.isArray(grants)) {
      const error = snapshot.readErrors?.setupEntityAccess;
      details.push(
        `${app.Name} is installed for admin-approved users only; whether this user is approved could not be read${error ? `: ${error}` : ''}.`
      );
      continue;
    }
    const through = access.sources.filter((src) =>
      grants.some((g) => g.SetupEntityId === app.Id && g.ParentId === src.ps.Id)
    );
    details.push(
      through.length
        ? `${app.Name} is installed for admin-approved users only; this user is approved through ${list(through.map(describeSource))}.`
        : `${app.Name} is installed for admin-approved users only, and no profile or permission set of this user approves it.`
    );
  }
  return { installed: true, details };
}

export const RULE_EVALUATORS: Record<RuleKind, Rule> = {
  'user-active': userActive,
  'user-login-flag': userLoginFlag,
  'login-method': loginMethod,
  'api-auth-permission': apiAuthPermission,
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
  'oauth-app': oauthApp,
  'user-permission': userPermissionRule,
  'password-expiry': passwordExpiryRule
};
