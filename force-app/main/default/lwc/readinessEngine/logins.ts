/**
 * How the engine reads login history (checklist.md, authentication). LoginHistory has no "API
 * login" flag, so a row is classified from its LoginType and ApiType:
 *  - OAuth: LoginType "Remote Access 2.0" or "Remote Access Client" (the OAuth flow itself is in
 *    LoginSubType; there is no LoginType named OAuth);
 *  - SOAP login() (username, password and security token): ApiType starting "SOAP" (SOAP Partner,
 *    SOAP Enterprise, ...) on a login that is not an OAuth type, usually LoginType "Other Apex API"
 *    or "Partner Product";
 *  - another API login: any other row with ApiType set;
 *  - interactive (a person in a browser or app): every other row.
 */
import type { LoginHistoryRecord, Snapshot } from './types';
import { plural } from './vocabulary';

/** LoginType values (as SOQL returns them, by label) that mean an OAuth login. */
export const OAUTH_LOGIN_TYPES: readonly string[] = ['Remote Access 2.0', 'Remote Access Client'];

export type LoginKind = 'oauth' | 'soap' | 'other-api' | 'interactive';

export function isOAuthLogin(login: LoginHistoryRecord): boolean {
  const type = (login.LoginType ?? '').trim().toLowerCase();
  return OAUTH_LOGIN_TYPES.some((t) => t.toLowerCase() === type) || /^oauth/.test(type);
}

export function loginKind(login: LoginHistoryRecord): LoginKind {
  if (isOAuthLogin(login)) return 'oauth';
  const api = (login.ApiType ?? '').trim();
  if (/^soap/i.test(api)) return 'soap';
  if (api) return 'other-api';
  return 'interactive';
}

export function isApiLogin(login: LoginHistoryRecord): boolean {
  return loginKind(login) !== 'interactive';
}

export function isSuccess(login: LoginHistoryRecord): boolean {
  return login.Status === 'Success';
}

/** "SOAP Partner, API 58.0" / "Remote Access 2.0, Act-On" */
export function describeLogin(login: LoginHistoryRecord): string {
  const version =
    login.ApiVersion !== undefined && login.ApiVersion !== null && String(login.ApiVersion).trim()
      ? `API ${String(login.ApiVersion).trim()}`
      : '';
  return [login.LoginType, login.ApiType, version, login.Application].filter(Boolean).join(', ');
}

/** The API version of a login as a number (NaN when absent). */
export function apiVersionOf(login: LoginHistoryRecord): number {
  return login.ApiVersion === undefined || login.ApiVersion === null ? NaN : Number(login.ApiVersion);
}

export interface LoginView {
  /** False when login history could not be read: every login check is unknown. */
  readable: boolean;
  /** The reader hit its row cap: older rows exist that the engine did not see. */
  truncated: boolean;
  /** Newest first. */
  all: LoginHistoryRecord[];
  api: LoginHistoryRecord[];
  interactive: LoginHistoryRecord[];
}

/** The snapshot's login history, newest first and split by kind (a few dozen rows: no cache needed). */
export function loginsOf(snapshot: Snapshot): LoginView {
  const history = snapshot.loginHistory;
  const readable = snapshot.access?.loginHistory !== false && Array.isArray(history);
  const all = readable
    ? [...(history as LoginHistoryRecord[])].sort((a, b) => Date.parse(b.LoginTime) - Date.parse(a.LoginTime))
    : [];
  return {
    readable,
    truncated: snapshot.truncated?.loginHistory === true,
    all,
    api: all.filter(isApiLogin),
    interactive: all.filter((l) => !isApiLogin(l))
  };
}

/**
 * Why identity-changing grants are left out of "Fix all" for this user (null: they may be included):
 * the running user, interactive logins in the history, or a history the product could not read.
 */
export function personReason(snapshot: Snapshot): string | null {
  if (snapshot.runningUserId && snapshot.runningUserId === snapshot.user.Id) {
    return 'this is your own user';
  }
  const logins = loginsOf(snapshot);
  if (!logins.readable) {
    return 'login history could not be read, so the product cannot tell whether a person signs in as this user';
  }
  const n = logins.interactive.length;
  if (n) {
    return `a person signs in as this user: ${plural(n, 'interactive (user interface) login')} in the login history`;
  }
  return null;
}
