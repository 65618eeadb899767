/**
 * What Salesforce requires in the SAME permission set before it accepts a permission (checklist.md
 * 0.3, "Prerequisites in the same set"). Salesforce checks prerequisites on each permission set by
 * itself and adds none through the API (FIELD_INTEGRITY_EXCEPTION "Permission Export Reports
 * depends on permission(s): Run Reports"), whatever the profile or other sets grant. The plan adds
 * every prerequisite of every grant to the product's set as its own change; Salesforce's own
 * refusal at write time stays the final check (the console turns it into a re-plan).
 *
 * A grant unit is `system:<PermissionSet field>` or `object:<Object>:<flag>`; `*` stands for the
 * same object. Each pair cites the page it comes from. The live command line can list an org's own
 * pairs (Tooling API PermissionDependency) to compare.
 */
import type { ObjectFlag } from './types';

export interface Prerequisite {
  grant: string;
  requires: readonly string[];
  /** Where it comes from. */
  source: string;
  /**
   * documented: a Salesforce page says so; observed: a public quote of Salesforce's own refusal or a
   * third-party page; inferred: no public source found (granted anyway because it is harmless and
   * Act-On needs it too; Salesforce's refusal remains the final check).
   */
  confidence: 'documented' | 'observed' | 'inferred';
}

const OBJECT_PERMISSIONS =
  'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_objectpermissions.htm';
const MFA_API =
  'https://developer.salesforce.com/docs/atlas.en-us.securityImplGuide.meta/securityImplGuide/security_require_2fa_api.htm';
const REPORT_PERMISSIONS = 'https://wgcgllc.com/salesforce-report-permissions-pt-3/';
const CONTRACT_QUOTE =
  'no public source for Contact or Opportunity; Salesforce refuses the like of it for Contracts ("Permission Read Contracts depends on permission(s): Read Accounts")';
const API_ONLY = 'no public source found; API Only User is described together with API Enabled';

export const PREREQUISITES: readonly Prerequisite[] = Object.freeze([
  {
    grant: 'object:*:Create',
    requires: ['object:*:Read'],
    source: OBJECT_PERMISSIONS,
    confidence: 'documented'
  },
  {
    grant: 'object:*:Edit',
    requires: ['object:*:Read'],
    source: OBJECT_PERMISSIONS,
    confidence: 'documented'
  },
  {
    grant: 'object:*:Delete',
    requires: ['object:*:Read', 'object:*:Edit'],
    source: OBJECT_PERMISSIONS,
    confidence: 'documented'
  },
  {
    grant: 'object:*:ViewAll',
    requires: ['object:*:Read'],
    source: OBJECT_PERMISSIONS,
    confidence: 'documented'
  },
  {
    grant: 'object:*:ModifyAll',
    requires: ['object:*:Read', 'object:*:Edit', 'object:*:Delete', 'object:*:ViewAll'],
    source: OBJECT_PERMISSIONS,
    confidence: 'documented'
  },
  {
    grant: 'system:PermissionsTwoFactorApi',
    requires: ['system:PermissionsTwoFactorUi'],
    source: MFA_API,
    confidence: 'documented'
  },
  {
    grant: 'system:PermissionsExportReport',
    requires: ['system:PermissionsRunReports'],
    source: REPORT_PERMISSIONS,
    confidence: 'observed'
  },
  {
    grant: 'object:Contact:Read',
    requires: ['object:Account:Read'],
    source: CONTRACT_QUOTE,
    confidence: 'inferred'
  },
  {
    grant: 'object:Opportunity:Read',
    requires: ['object:Account:Read'],
    source: CONTRACT_QUOTE,
    confidence: 'inferred'
  },
  {
    grant: 'system:PermissionsApiUserOnly',
    requires: ['system:PermissionsApiEnabled'],
    source: API_ONLY,
    confidence: 'inferred'
  }
]);

export const systemUnit = (permission: string): string => `system:${permission}`;
export const objectUnit = (object: string, flag: ObjectFlag): string => `object:${object}:${flag}`;

/** The direct prerequisites of a unit, `*` resolved to its own object. */
export function prerequisitesOf(unit: string): string[] {
  const [kind, object, flag] = unit.split(':');
  const out: string[] = [];
  for (const p of PREREQUISITES) {
    const [pKind, pObject, pFlag] = p.grant.split(':');
    if (pKind !== kind) continue;
    const same =
      kind === 'system' ? pObject === object : (pObject === '*' || pObject === object) && pFlag === flag;
    if (!same) continue;
    for (const r of p.requires) out.push(r.replace(':*:', `:${object}:`));
  }
  return [...new Set(out)];
}

/** The units and everything they require, transitively (the units included). */
export function withPrerequisites(units: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const visit = (unit: string): void => {
    if (out.has(unit)) return;
    out.add(unit);
    prerequisitesOf(unit).forEach(visit);
  };
  for (const unit of units) visit(unit);
  return out;
}
