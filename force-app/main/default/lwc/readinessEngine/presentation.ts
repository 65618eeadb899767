/**
 * Small pure helpers the UI shows the report with (0.3): the score as a range while checks are
 * unread, and which org fields can hold a mapped value. No check rule lives here: these say how a
 * report or a field mapping reads, the same in the console, the card and the preview.
 */
import { STATUS_NAMES } from './order';
import type { CheckDefinition, Report } from './types';

/** "62-100" while checks are unread (scoreRange.min < max), "62" when the score is proven. */
export function scoreRangeText(report: Pick<Report, 'score' | 'scoreRange'>): string {
  const range = report.scoreRange ?? { min: report.score, max: report.score };
  const min = Math.round(range.min);
  const max = Math.round(range.max);
  return max > min ? `${min}-${max}` : String(min);
}

/**
 * The reason of the status without the status's own name, to show beside its badge: "Blocked: MFA
 * for API logins fails" -> "MFA for API logins fails"; "Ready" -> "".
 */
export function statusReasonDetail(report: Pick<Report, 'status' | 'statusReason'>): string {
  const name = STATUS_NAMES[report.status];
  const reason = (report.statusReason ?? '').trim();
  if (reason === name) return '';
  return reason.startsWith(`${name}: `) ? reason.slice(name.length + 2) : reason;
}

// ---------------------------------------------------------------- field mapping

/** The logical fields an admin maps (the part of a mapped check's target after the dot). */
export const MAPPED_LOGICAL_FIELDS = ['LeadScore', 'HardBounce'] as const;
export type MappedLogicalField = (typeof MAPPED_LOGICAL_FIELDS)[number];

/** The standard fields Act-On fills with a hard bounce: the reason (text) or the date. */
export const HARD_BOUNCE_DEFAULTS: readonly string[] = Object.freeze([
  'EmailBouncedReason',
  'EmailBouncedDate'
]);

/** "Hard Bounce": the text Act-On writes into a Hard Bounce text field. */
export const HARD_BOUNCE_TEXT_LENGTH = 11;

const LEAD_SCORE_TYPES: ReadonlySet<string> = new Set(['double', 'int', 'integer', 'long']);
const TEXT_TYPES: ReadonlySet<string> = new Set(['string', 'textarea']);
const DATE_TYPES: ReadonlySet<string> = new Set(['date', 'datetime']);

/** A field as getMappableFields (or describe) gives it: type in describe's lower-case words. */
export interface MappingCandidate {
  name: string;
  type?: string | null;
  /** Text length, when known (a text field shorter than 11 cannot hold "Hard Bounce"). */
  length?: number | null;
  /** True for a custom field (__c); read from the name when absent. */
  custom?: boolean | null;
  /** Rich text: refuses the plain text Act-On writes. */
  htmlFormatted?: boolean | null;
  /** False for formula, roll-up and read-only fields: Act-On cannot fill them. */
  updateable?: boolean | null;
}

/**
 * Why a field cannot hold a logical field, or null when it can. The one rule the UI offers and
 * accepts fields by (ReadinessFieldMapping.cls mirrors it on the server):
 *  - LeadScore: a number field (double, integer, long);
 *  - HardBounce: the default EmailBouncedReason or EmailBouncedDate, or a custom date or date/time
 *    field, or a custom text field (plain text or text area) of 11 characters or more.
 * Codes: 'unknown' (not a mapped field), 'type' (wrong type), 'standard' (a standard field other than
 * the defaults), 'length' (text too short), 'rich-text', 'read-only'.
 */
export function mappingProblem(
  logical: string,
  field: MappingCandidate
): 'unknown' | 'type' | 'standard' | 'length' | 'rich-text' | 'read-only' | null {
  const type = String(field.type ?? '').toLowerCase();
  const custom = field.custom ?? /__c$/i.test(field.name);
  let problem: 'type' | 'standard' | 'length' | 'rich-text' | null;
  if (logical === 'LeadScore') {
    problem = LEAD_SCORE_TYPES.has(type) ? null : 'type';
  } else if (logical === 'HardBounce') {
    const isDefault = HARD_BOUNCE_DEFAULTS.some((d) => d.toLowerCase() === field.name.toLowerCase());
    if (!TEXT_TYPES.has(type) && !DATE_TYPES.has(type)) problem = 'type';
    else if (isDefault) problem = null;
    else if (!custom) problem = 'standard';
    else if (TEXT_TYPES.has(type) && field.htmlFormatted) problem = 'rich-text';
    else if (
      TEXT_TYPES.has(type) &&
      typeof field.length === 'number' &&
      field.length < HARD_BOUNCE_TEXT_LENGTH
    )
      problem = 'length';
    else problem = null;
  } else {
    return 'unknown';
  }
  if (problem) return problem;
  return field.updateable === false ? 'read-only' : null;
}

/** The field a mapped check uses now: the saved mapping, else the checklist's default, else none. */
export interface FieldInUse {
  /** Object.LogicalName, e.g. Contact.HardBounce. */
  key: string;
  field: string | null;
  source: 'saved' | 'default' | 'none';
}

export function fieldInUse(
  definitions: readonly Pick<CheckDefinition, 'target' | 'mapped' | 'defaultField'>[],
  key: string,
  mapping: Record<string, string> | null | undefined
): FieldInUse {
  const saved = mapping?.[key];
  if (saved) return { key, field: saved.includes('.') ? saved.split('.')[1] : saved, source: 'saved' };
  const definition = definitions.find((d) => d.mapped && (d.target ?? '').trim() === key);
  const fallback = definition?.defaultField ?? null;
  return { key, field: fallback, source: fallback ? 'default' : 'none' };
}
