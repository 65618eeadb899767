/**
 * The checklist is data: Readiness_Check__mdt records shipped in the package (and extendable in
 * Setup). Apex returns them with getAll(); the command line parses the shipped XML. Both hand the
 * records to definitionsFromRecords, so the engine never cares how they were stored.
 */
import type { CheckDefinition, CheckRecord, RuleKind, Section, Severity } from './types';

export const SEVERITIES: readonly Severity[] = ['blocker', 'required', 'recommended', 'info'];
export const SECTIONS: readonly Section[] = [
  'identity',
  'authentication',
  'system',
  'object',
  'field',
  'data',
  'connection'
];
export const RULES: readonly RuleKind[] = [
  'user-active',
  'user-login-flag',
  'user-license',
  'system-permission',
  'permission-absent',
  'least-privilege',
  'recent-logins',
  'login-method',
  'api-auth-permission',
  'object-access',
  'custom-related',
  'field-access',
  'field-budget',
  'sensitive-fields',
  'permission-set-assigned',
  'oauth-app',
  'user-permission',
  'password-expiry'
];

export const SECTION_LABELS: Record<Section, string> = {
  identity: 'Identity and license',
  authentication: 'Authentication',
  system: 'System permissions',
  object: 'Object access',
  field: 'Field access',
  data: 'Data governance',
  connection: 'Connection'
};

/** Thrown when a checklist record cannot be used; the message names the record and the field. */
export class ChecklistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChecklistError';
  }
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  const s = text(value);
  if (s === null || !(allowed as readonly string[]).includes(s)) {
    throw new ChecklistError(
      `${where} is ${JSON.stringify(value ?? null)}; expected one of ${allowed.join(', ')}`
    );
  }
  return s as T;
}

function bool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  return value === true || value === 'true';
}

function num(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * Converts Readiness_Check__mdt records to check definitions: inactive records are dropped,
 * the rest are validated and sorted by section then sort order. Duplicate ids are an error.
 */
export function definitionsFromRecords(records: readonly CheckRecord[]): CheckDefinition[] {
  const seen = new Set<string>();
  const out: CheckDefinition[] = [];
  records.forEach((record, index) => {
    const name = record.DeveloperName
      ? `Readiness_Check__mdt ${record.DeveloperName}`
      : `checklist record ${index}`;
    if (!bool(record.Active__c, true)) return;
    const id = text(record.Check_Id__c);
    if (id === null) throw new ChecklistError(`${name}: Check_Id__c is missing`);
    if (seen.has(id)) throw new ChecklistError(`${name}: check id ${id} appears twice`);
    seen.add(id);
    const rule = oneOf(record.Rule__c, RULES, `${name}: Rule__c`);
    const definition: CheckDefinition = {
      id,
      severity: oneOf(record.Severity__c, SEVERITIES, `${name}: Severity__c`),
      section: oneOf(record.Section__c, SECTIONS, `${name}: Section__c`),
      rule,
      title: text(record.Title__c) ?? id,
      requirement: text(record.Requirement__c) ?? '',
      why: text(record.Why__c) ?? '',
      source: text(record.Source__c) ?? '',
      target: text(record.Target__c),
      access: text(record.Access__c),
      defaultField: text(record.Default_Field__c),
      mapped: bool(record.Mapped__c, false),
      threshold: num(record.Threshold__c),
      order: num(record.Sort_Order__c) ?? 0
    };
    checkParameters(definition, name);
    out.push(definition);
  });
  return out.sort(
    (a, b) =>
      SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section) || a.order - b.order || (a.id < b.id ? -1 : 1)
  );
}

const NEEDS_TARGET: RuleKind[] = [
  'user-login-flag',
  'system-permission',
  'permission-absent',
  'api-auth-permission',
  'object-access',
  'field-access',
  'permission-set-assigned',
  'user-permission'
];

function checkParameters(d: CheckDefinition, name: string): void {
  if (NEEDS_TARGET.includes(d.rule) && d.target === null) {
    throw new ChecklistError(`${name}: rule ${d.rule} needs Target__c`);
  }
  if (
    (d.rule === 'system-permission' || d.rule === 'permission-absent' || d.rule === 'api-auth-permission') &&
    !/^Permissions\w+$/.test(d.target ?? '')
  ) {
    throw new ChecklistError(`${name}: Target__c must be a Permissions* field, got ${d.target}`);
  }
  if (d.rule === 'user-permission' && d.target !== 'UserPermissionsMarketingUser') {
    throw new ChecklistError(`${name}: Target__c must be UserPermissionsMarketingUser, got ${d.target}`);
  }
  if (d.rule === 'user-login-flag' && d.target !== 'IsFrozen' && d.target !== 'IsPasswordLocked') {
    throw new ChecklistError(`${name}: Target__c must be IsFrozen or IsPasswordLocked, got ${d.target}`);
  }
  if (d.rule === 'field-access') {
    if (!/^\w+\.\w+$/.test(d.target ?? '')) {
      throw new ChecklistError(`${name}: Target__c must be Object.Field, got ${d.target}`);
    }
    if (d.access !== 'read' && d.access !== 'edit') {
      throw new ChecklistError(`${name}: Access__c must be read or edit, got ${d.access}`);
    }
  }
  if (d.rule === 'object-access') {
    if (d.access === null) throw new ChecklistError(`${name}: rule object-access needs Access__c`);
    for (const flag of d.access.split(',')) {
      if (!['Read', 'Create', 'Edit', 'Delete', 'ViewAll', 'ModifyAll'].includes(flag.trim())) {
        throw new ChecklistError(`${name}: Access__c has unknown object access ${flag}`);
      }
    }
  }
}
