/**
 * Root causes (0.3): one source that explains several problems, shown once above the checks it
 * explains, with its one action, so an expired assignment is not repeated in 42 red rows.
 *
 *  - expired-assignment: renewing the assignment (simulated) settles the problems it explains;
 *  - mfa-set / profile: a set or the profile that grants what a "must be absent" check rejects;
 *  - missing-product-set: the product's set is not held, and grants in it are what the fixes of
 *    the problems it explains consist of;
 *  - missing-right / read-failed: a right the running user lacks, or a read that failed, behind
 *    the checks that could not be read.
 * A problem is explained by the first cause that claims it, in the order above.
 */
import {
  PRODUCT_PERMISSION_SET,
  describeSource,
  isProductPermissionSet,
  type AccessModel,
  type Source
} from './access';
import { compareChecks, isProblem } from './order';
import type { CheckResult, CheckStatus, RootCause, RuleKind, Snapshot } from './types';
import { dayText, plural } from './vocabulary';

/** Rules whose check fails because something grants what must be absent. */
const ABSENCE_RULES: ReadonlySet<RuleKind> = new Set<RuleKind>(['permission-absent', 'least-privilege']);
const GRANT_KINDS: ReadonlySet<string> = new Set(['systemPermission', 'objectPermission', 'fieldPermission']);

export interface RootCauseInput {
  access: AccessModel;
  checks: readonly CheckResult[];
  rules: readonly RuleKind[];
  /** Why each unknown check could not be read: the access key of the failed read, when one did. */
  unread: readonly (string | null)[];
  /** The fewest rights that would complete the unknown checks (completeness.rights). */
  rights: readonly string[];
  /** The statuses of every check on another snapshot (same order as checks). */
  statusesOn: (snapshot: Snapshot) => CheckStatus[];
}

const settled = (status: CheckStatus): boolean => status === 'pass' || status === 'n/a';

function renewed(snapshot: Snapshot, source: Source): Snapshot {
  return {
    ...snapshot,
    assignments: snapshot.assignments.map((a) => {
      return a === source.assignment ? { ...a, ExpirationDate: null } : a;
    })
  };
}

/** Read names for people, by access key. */
const READ_LABELS: Record<string, string> = {
  loginHistory: 'Login history',
  userLogin: 'UserLogin (frozen, locked out)',
  oauthTokens: 'OAuth tokens',
  fieldClassification: 'Field classifications'
};

export function rootCausesOf(input: RootCauseInput): RootCause[] {
  const { access, checks, rules } = input;
  const claimed = new Set<number>();
  const causes: RootCause[] = [];
  const add = (cause: Omit<RootCause, 'checkIds'>, indexes: number[], minimum = 1): void => {
    const own = indexes.filter((i) => !claimed.has(i) && isProblem(checks[i]));
    if (own.length < minimum) return;
    own.forEach((i) => claimed.add(i));
    const ordered = own.map((i) => checks[i]).sort(compareChecks);
    causes.push({ ...cause, checkIds: ordered.map((c) => c.id) });
  };
  const problems = checks.map((_c, i) => i).filter((i) => isProblem(checks[i]));

  for (const source of access.expired) {
    const after = input.statusesOn(renewed(access.snapshot, source));
    const product = isProductPermissionSet(source.ps);
    add(
      {
        id: `assignment:${source.assignment?.Id ?? source.ps.Id}`,
        kind: 'expired-assignment',
        label: `The assignment of ${describeSource(source)} expired on ${dayText(source.expiredOn)}`,
        action: product
          ? 'Renew the assignment: the fixes clear its expiration date.'
          : `Renew the assignment in Setup (Permission Sets > ${source.label} > Manage Assignments), or apply the fixes, which grant the same in '${PRODUCT_PERMISSION_SET.label}'.`
      },
      problems.filter((i) => settled(after[i]))
    );
  }

  for (const source of access.sources) {
    const causedHere = problems.filter(
      (i) =>
        ABSENCE_RULES.has(rules[i]) &&
        checks[i].status === 'fail' &&
        checks[i].grantedBy.some((g) => g.id === source.ps.Id)
    );
    if (!causedHere.length) continue;
    const what = [
      ...new Set(
        causedHere.flatMap((i) => checks[i].grantedBy.find((g) => g.id === source.ps.Id)?.grants ?? [])
      )
    ];
    const grants = what.length
      ? `${what.slice(0, 3).join(', ')}${what.length > 3 ? ` and ${plural(what.length - 3, 'other permission')}` : ''}`
      : 'what an integration user must not have';
    if (source.type === 'Profile') {
      add(
        {
          id: `profile:${access.snapshot.user.ProfileId}`,
          kind: 'profile',
          label: `The profile '${source.label}' grants ${grants}`,
          action:
            "Give the user a minimal profile such as 'Minimum Access - Salesforce' (Setup > Users > Edit): changing the profile itself changes every user on it."
        },
        causedHere
      );
    } else if (source.ps.PermissionsTwoFactorApi === true) {
      add(
        {
          id: `assignment:${source.assignment?.Id ?? source.ps.Id}`,
          kind: 'mfa-set',
          label: `${describeSource(source)} grants ${grants}`,
          action: `Remove ${describeSource(source)} from this user (the fix does it for this user only), or clear Multi-Factor Authentication for API Logins in it.`
        },
        causedHere
      );
    }
  }

  if (!access.productSource()) {
    const state = access.productState();
    add(
      {
        id: 'product-set',
        kind: 'missing-product-set',
        label:
          state === 'exists'
            ? `'${PRODUCT_PERMISSION_SET.label}' is not assigned to this user`
            : `'${PRODUCT_PERMISSION_SET.label}' does not exist in this org yet`,
        action: `Apply the fixes: they put what these checks need in '${PRODUCT_PERMISSION_SET.label}' and assign it to this user.`
      },
      problems.filter((i) => {
        const fix = checks[i].fix;
        return (
          !!fix?.fixable &&
          (rules[i] === 'permission-set-assigned' || fix.changes.some((c) => GRANT_KINDS.has(c.kind)))
        );
      }),
      2
    );
  }

  const unknown = problems.filter((i) => checks[i].status === 'unknown');
  for (const right of input.rights) {
    const indexes = unknown.filter((i) =>
      (checks[i].needs ?? '').split(' or ').some((r) => r.trim() === right)
    );
    add(
      {
        id: `right:${right}`,
        kind: 'missing-right',
        label: `The running user lacks ${right}, so ${plural(indexes.filter((i) => !claimed.has(i)).length, 'check')} could not be read`,
        action: `Grant the running user ${right} (or run the check as an admin who has it).`
      },
      indexes
    );
  }
  const byRead = new Map<string, number[]>();
  for (const i of unknown) {
    const key = checks[i].needs ? null : input.unread[i];
    if (key) byRead.set(key, [...(byRead.get(key) ?? []), i]);
  }
  for (const [key, indexes] of byRead) {
    const error = access.snapshot.readErrors?.[key];
    add(
      {
        id: `read:${key}`,
        kind: 'read-failed',
        label: `${READ_LABELS[key] ?? key} could not be read${error ? `: ${error}` : ''}`,
        action: 'Run the check again; if the read keeps failing, the error above says why.'
      },
      indexes
    );
  }

  const worst = (cause: RootCause): CheckResult =>
    checks.find((c) => c.id === cause.checkIds[0]) as CheckResult;
  return causes.sort((a, b) => compareChecks(worst(a), worst(b)) || b.checkIds.length - a.checkIds.length);
}
