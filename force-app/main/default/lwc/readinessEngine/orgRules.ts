/**
 * This org's own sign-in rules (0.3), as evidence for auth.use-any-api-auth and auth.login-method,
 * and the password expiry date for auth.password-expiry. Salesforce names releases, not days: the
 * dates below are the approximate days the releases reached production orgs, and the text says
 * "about" or "probably" where a date is near one.
 */
import { dayText, plural } from './vocabulary';
import type { LoginIpRange, PasswordPolicy, Snapshot } from './types';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Winter '26 reached production orgs in October 2025; orgs created since have SOAP login() off. */
const WINTER_26 = Date.UTC(2025, 9, 11);
/** Summer '26 reached production orgs about mid-June 2026; orgs created since enforce Use Any API Auth. */
const SUMMER_26 = Date.UTC(2026, 5, 13);
/** Salesforce says only "Summer '27" for the retirement of SOAP login() (API 31.0-64.0): 1 June 2027. */
export const SUMMER_27 = Date.UTC(2027, 5, 1);
/** Within this many days of a release date, which side the org is on is "probably". */
const NEAR_DAYS = 30;
/** Salesforce's default password policy: passwords expire after 90 days. */
export const DEFAULT_PASSWORD_DAYS = 90;

type Side = 'before' | 'after' | 'near';

function sideOf(time: number, release: number): Side {
  if (Math.abs(time - release) <= NEAR_DAYS * DAY_MS) return 'near';
  return time < release ? 'before' : 'after';
}

/** The org's creation time, or null when the snapshot has no readable organization. */
function createdAt(snapshot: Snapshot): number | null {
  const time = Date.parse(snapshot.organization?.CreatedDate ?? '');
  return Number.isNaN(time) ? null : time;
}

/** The cause of a failed organization read, as evidence. */
function unreadOrganization(snapshot: Snapshot, what: string): string | null {
  const error = snapshot.readErrors?.organization;
  return error ? `When this org was created could not be read (${error}): ${what} is not known.` : null;
}

/**
 * Whether this org enforces Use Any API Auth for SOAP login() by default: orgs created on the Summer
 * '26 release or later do, older orgs only when an admin opted in (Salesforce Help 005132110). A
 * sandbox's CreatedDate is its last refresh, so there the production org's setting applies.
 */
export function useAnyApiAuthNote(snapshot: Snapshot): string | null {
  const created = createdAt(snapshot);
  if (created === null)
    return unreadOrganization(snapshot, 'whether it enforces Use Any API Auth by default');
  if (snapshot.organization?.IsSandbox)
    return "This is a sandbox: its creation date is its last refresh, so whether Use Any API Auth is enforced follows the production org's setting.";
  const day = dayText(snapshot.organization?.CreatedDate);
  switch (sideOf(created, SUMMER_26)) {
    case 'after':
      return `This org was created on ${day}, after the Summer '26 release: it enforces Use Any API Auth for SOAP login() by default.`;
    case 'near':
      return `This org was created on ${day}, close to the Summer '26 release (about mid-June 2026): it probably enforces Use Any API Auth for SOAP login() by default.`;
    default:
      return `This org was created on ${day}, before the Summer '26 release: it enforces Use Any API Auth for SOAP login() only if an admin turned that on (Salesforce Help 005132110).`;
  }
}

/**
 * For a connector that has not connected yet: orgs created from Winter '26 have SOAP login() off
 * until an admin enables it. Null when the org is older (or a sandbox, whose date says nothing).
 */
export function enableSoapNote(snapshot: Snapshot): string | null {
  const created = createdAt(snapshot);
  if (created === null || snapshot.organization?.IsSandbox) return null;
  const side = sideOf(created, WINTER_26);
  if (side === 'before') return null;
  return `This org was created on ${dayText(snapshot.organization?.CreatedDate)}, ${side === 'near' ? 'probably ' : ''}on the Winter '26 release or later: SOAP API login() is off until an admin enables it (Setup > User Interface > Enable SOAP API login(), which cannot be undone there). Enable it before Act-On connects with a password and security token, or connect with OAuth.`;
}

/** Days left until SOAP login() retires for API 31.0-64.0 ("about": Salesforce says only Summer '27). */
export function summer27Note(capturedAt: number): string {
  const days = Math.ceil((SUMMER_27 - capturedAt) / DAY_MS);
  if (days <= 0)
    return "Summer '27 (about 1 June 2027) has come: SOAP login() for API 31.0 to 64.0 is retired.";
  return `About ${plural(days, 'day')} are left until Summer '27 (counted to 1 June 2027), when SOAP login() retires for API 31.0 to 64.0.`;
}

export interface PasswordExpiry {
  /** When the password expires, as an ISO date-time. */
  expiresOn: string;
  /** Whether it has expired at capturedAt. */
  expired: boolean;
  /** Whole days from capturedAt to expiry (negative once expired): 23 days and an hour is 23. */
  daysLeft: number;
  /** The days the policy gives a password, and whether that policy is known or assumed. */
  days: number;
  known: boolean;
}

/**
 * When the password expires under the policy (or Salesforce's default of 90 days when none is
 * known); null when it never expires under a known policy or the last change is not known.
 */
export function passwordExpiry(
  lastChange: string | null | undefined,
  policy: PasswordPolicy | null | undefined,
  capturedAt: number
): PasswordExpiry | null {
  const changed = Date.parse(lastChange ?? '');
  if (Number.isNaN(changed)) return null;
  if (policy && policy.expiresAfterDays === null) return null;
  const days = policy?.expiresAfterDays ?? DEFAULT_PASSWORD_DAYS;
  const expires = changed + days * DAY_MS;
  return {
    expiresOn: new Date(expires).toISOString(),
    expired: expires <= capturedAt,
    daysLeft: Math.trunc((expires - capturedAt) / DAY_MS),
    days,
    known: !!policy
  };
}

const POLICY_SOURCES: Record<PasswordPolicy['source'], string> = {
  profile: "the profile's password policy (read through the Metadata API)",
  org: "the org's password policy (Security Settings, read through the Metadata API)",
  admin: 'the policy an admin entered in this console'
};

/** Where the policy came from, for evidence. */
export function policySource(policy: PasswordPolicy): string {
  return POLICY_SOURCES[policy.source];
}

/**
 * Metadata API SecuritySettings.passwordPolicies.expiration (the org's policy) in days; null for
 * Never; undefined for a value this product does not know (the policy is then unknown, not guessed).
 */
const ORG_EXPIRATION_DAYS: Readonly<Record<string, number | null>> = Object.freeze({
  ThirtyDays: 30,
  SixtyDays: 60,
  NinetyDays: 90,
  SixMonths: 180,
  OneYear: 365,
  Never: null
});

export function expirationDaysOf(value: unknown): number | null | undefined {
  return typeof value === 'string' && value in ORG_EXPIRATION_DAYS ? ORG_EXPIRATION_DAYS[value] : undefined;
}

/**
 * Metadata API ProfilePasswordPolicy.passwordExpiration (a profile's own policy) in days: 0 means
 * never; undefined when it is not a whole number of days.
 */
export function passwordDaysOf(value: unknown): number | null | undefined {
  const days = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 3650) return undefined;
  return days === 0 ? null : days;
}

/** The loginIpRanges of a Metadata API Profile record (one range or a list, as XML gives them). */
export function loginIpRangesOf(profile: unknown): LoginIpRange[] {
  const raw = (profile as { loginIpRanges?: unknown } | null | undefined)?.loginIpRanges;
  const ranges = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return ranges
    .filter(
      (r): r is LoginIpRange =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as LoginIpRange).startAddress === 'string' &&
        typeof (r as LoginIpRange).endAddress === 'string'
    )
    .map((r) => ({
      startAddress: r.startAddress,
      endAddress: r.endAddress,
      description: typeof r.description === 'string' ? r.description : null
    }));
}

/**
 * The key under which an admin's entry of the password policy is saved with the field mapping
 * (the same custom setting): a whole number of days, or "never".
 */
export const PASSWORD_POLICY_KEY = 'Password.ExpiresAfterDays';

/** What an admin may enter as the policy: "never" or 1 to 3650 days; the reason otherwise. */
export function passwordPolicyProblem(value: string): string | null {
  const text = value.trim().toLowerCase();
  if (text === 'never') return null;
  return /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 3650
    ? null
    : 'Enter the number of days a password lasts (1 to 3650), or "never".';
}

/**
 * The policy the check uses: one read from the org (the profile's over the org's), else the one an
 * admin entered with the field mapping, else none (Salesforce's default is then assumed, and said).
 */
export function passwordPolicyOf(snapshot: Snapshot): PasswordPolicy | null {
  if (snapshot.passwordPolicy) return snapshot.passwordPolicy;
  const entered = snapshot.fieldMapping?.[PASSWORD_POLICY_KEY];
  if (typeof entered !== 'string' || passwordPolicyProblem(entered) !== null) return null;
  const text = entered.trim().toLowerCase();
  return { expiresAfterDays: text === 'never' ? null : Number(text), source: 'admin' };
}
