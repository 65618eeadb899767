/**
 * Which users Act-On most likely connects as: the ranking of the raw records the user finder reads
 * (CANDIDATE_READS in reads.ts). The Apex finder and the command line return the same raw rows and
 * rank them here, so the page and the command line offer the same users in the same order.
 */
import { PRODUCT_PERMISSION_SET } from './access';
import { plural } from './vocabulary';
import { ACTON_NAME_PATTERNS, OWN_SET_LABEL_PATTERN, READ_LIMITS, likeMatches } from './reads';

/** The finder's raw rows, as Salesforce returns them (relationship fields nested). */
export interface CandidateSources {
  /** PermissionSetAssignment rows of sets granting API Only User. */
  apiOnly?: { AssigneeId?: string | null }[];
  /** PermissionSetAssignment rows of the product's set or a set labelled like Act-On. */
  permissionSets?: {
    AssigneeId?: string | null;
    PermissionSet?: { Name?: string | null; Label?: string | null } | null;
  }[];
  /** Users named like Act-On or integration. */
  names?: { Id?: string | null; Name?: string | null; Username?: string | null }[];
  /** OAuth tokens of apps named like Act-On; null: not readable. */
  oauthTokens?: { UserId?: string | null; AppName?: string | null }[] | null;
  /** Non-interactive logins of the last 30 days; null: not readable. */
  logins?: { UserId?: string | null; Status?: string | null }[] | null;
  /** The user records of everyone above. */
  users?: CandidateUser[];
  /** Sources that could not be read, with the reason (shown, never guessed). */
  skipped?: string[];
}

export interface CandidateUser {
  Id: string;
  Name?: string | null;
  Username: string;
  IsActive?: boolean | null;
  LastLoginDate?: string | null;
  Profile?: { Name?: string | null; UserLicense?: { Name?: string | null } | null } | null;
}

/** A ranked candidate, as the picker and the command line show it. */
export interface Candidate {
  userId: string;
  name: string | null;
  username: string;
  profileName: string | null;
  license: string | null;
  isActive: boolean;
  lastLoginDate: string | null;
  score: number;
  reasons: string[];
}

/** Weights of each source; an inactive user's total is halved (Act-On cannot log in as them). */
export const CANDIDATE_WEIGHTS = Object.freeze({
  permissionSet: 40,
  oauth: 35,
  apiOnly: 30,
  nameActOn: 30,
  nameIntegration: 15,
  apiLogins: 10,
  license: 10
});

/** Ranks the finder's raw rows: best first, ties by username, at most MAX_CANDIDATES. */
export function rankCandidates(
  sources: CandidateSources,
  max: number = READ_LIMITS.MAX_CANDIDATES
): Candidate[] {
  const scores = new Map<string, number>();
  const reasons = new Map<string, string[]>();
  const add = (userId: string | null | undefined, weight: number, reason: string): void => {
    if (!userId) return;
    scores.set(userId, (scores.get(userId) ?? 0) + weight);
    const list = reasons.get(userId) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(userId, list);
  };

  for (const row of sources.apiOnly ?? []) add(row.AssigneeId, CANDIDATE_WEIGHTS.apiOnly, 'API Only User');
  for (const row of sources.permissionSets ?? []) {
    const label = row.PermissionSet?.Label ?? row.PermissionSet?.Name ?? PRODUCT_PERMISSION_SET.label;
    // This package's own sets (its admin set and copies) say nothing about Act-On's user.
    if (likeMatches(OWN_SET_LABEL_PATTERN, label) && row.PermissionSet?.Name !== PRODUCT_PERMISSION_SET.name)
      continue;
    add(row.AssigneeId, CANDIDATE_WEIGHTS.permissionSet, `has the Act-On permission set '${label}'`);
  }
  for (const row of sources.names ?? []) {
    const text = `${row.Name ?? ''} ${row.Username ?? ''}`.toLowerCase();
    if (ACTON_NAME_PATTERNS.some((p) => likeMatches(p, text)))
      add(row.Id, CANDIDATE_WEIGHTS.nameActOn, 'name or username mentions Act-On');
    else add(row.Id, CANDIDATE_WEIGHTS.nameIntegration, 'name or username mentions integration');
  }
  for (const row of sources.oauthTokens ?? [])
    add(row.UserId, CANDIDATE_WEIGHTS.oauth, `holds an OAuth token for ${row.AppName ?? 'an Act-On app'}`);
  const logins = new Map<string, number>();
  for (const row of sources.logins ?? []) {
    if (row.UserId && row.Status === 'Success') logins.set(row.UserId, (logins.get(row.UserId) ?? 0) + 1);
  }
  for (const [userId, count] of logins)
    add(userId, CANDIDATE_WEIGHTS.apiLogins, `${plural(count, 'successful API login')} in 30 days`);

  const out: Candidate[] = [];
  for (const user of sources.users ?? []) {
    if (!user?.Id || !scores.has(user.Id)) continue;
    const license = user.Profile?.UserLicense?.Name ?? null;
    if (license === 'Salesforce') add(user.Id, CANDIDATE_WEIGHTS.license, 'Salesforce license');
    else if (license) add(user.Id, 0, `${license} license`);
    const total = scores.get(user.Id) ?? 0;
    const active = user.IsActive !== false;
    out.push({
      userId: user.Id,
      name: user.Name ?? null,
      username: user.Username,
      profileName: user.Profile?.Name ?? null,
      license,
      isActive: active,
      lastLoginDate: user.LastLoginDate ?? null,
      score: active ? total : Math.floor(total / 2),
      reasons: reasons.get(user.Id) ?? []
    });
  }
  out.sort((a, b) => b.score - a.score || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  return out.slice(0, max);
}
