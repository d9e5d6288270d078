import { offeredCodes, type ContactChoiceField, type FormDefinition } from './form-definition.js';

/**
 * A contact in the client register: one piece of guidance given to one client, through any
 * channel (Teams meeting, phone, walk-in, e-mail, chat). Pure: validation takes the form
 * definition and the current time as arguments.
 */

/** Where the client was sent onward: an authority (a code of the form) or a partner association. */
export type Referral = { readonly kind: 'authority'; readonly code: string } | { readonly kind: 'association'; readonly associationId: string };

/** What the adviser records; corrections replace it whole and keep the old one as a revision. */
export interface ContactDetails {
  readonly channel: string;
  readonly startedAt: Date;
  readonly durationMinutes: number;
  /** ISO 639-1 code of the language the guidance was given in. */
  readonly language: string;
  readonly interpreterUsed: boolean;
  readonly topics: readonly string[];
  readonly services: readonly string[];
  readonly referrals: readonly Referral[];
  /** A Helsinki calendar date "YYYY-MM-DD", or null for none. */
  readonly followUpOn: string | null;
  readonly outcome: string;
  /** Free text, capped; the form reminds the adviser not to write health or religion details. */
  readonly notes: string;
}

export interface Contact extends ContactDetails {
  readonly id: string;
  readonly clientId: string;
  readonly municipalityCode: string;
  /** Staff id of the adviser who gave the guidance. */
  readonly adviserId: string;
  /** The booking the contact came from (one contact per booking), or null. */
  readonly bookingId: string | null;
  /** The contact-log form version the details were validated against. */
  readonly formVersion: number;
  /** 1 when logged; +1 with each correction. */
  readonly revision: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One version of a contact's details: the change history shown with a contact. */
export interface ContactRevision {
  readonly contactId: string;
  readonly revision: number;
  readonly details: ContactDetails;
  /** Staff id of who wrote this version. */
  readonly changedBy: string;
  /** Why a correction was made; null for the first version. */
  readonly reason: string | null;
  readonly changedAt: Date;
}

export const NOTES_MAX_LENGTH = 1000;
export const REASON_MAX_LENGTH = 500;
export const MAX_DURATION_MINUTES = 8 * 60;
/** A follow-up further away than this is almost surely a typo (2062 for 2026). */
const MAX_FOLLOW_UP_DAYS = 2 * 366;

export type ContactFieldError =
  | { readonly field: ContactChoiceField | 'referrals'; readonly code: 'unknown_option' | 'required' }
  | { readonly field: 'durationMinutes' | 'notes' | 'startedAt' | 'followUpOn' | 'language' | 'referrals'; readonly code: 'out_of_range' | 'too_long' | 'bad_format' };

export type ContactValidation = { readonly ok: true; readonly details: ContactDetails } | { readonly ok: false; readonly errors: readonly ContactFieldError[] };

/**
 * Checks details against the form's offered options and the rules every register needs. Codes
 * already stored on the contact being corrected (`alreadyStored`) stay valid even if retired
 * since, so a correction never forces an adviser to change an unrelated answer.
 *
 * Notes are trimmed; lists are de-duplicated in the order given.
 */
export function validateContactDetails(
  input: ContactDetails,
  form: FormDefinition,
  now: Date,
  associationIds: ReadonlySet<string>,
  alreadyStored?: ContactDetails,
): ContactValidation {
  const errors: ContactFieldError[] = [];
  const allowed = (field: ContactChoiceField, stored: readonly string[]) => new Set([...offeredCodes(form, field), ...stored]);
  const checkOne = (field: ContactChoiceField, value: string, stored: readonly string[]) => {
    if (value === '') errors.push({ field, code: 'required' });
    else if (!allowed(field, stored).has(value)) errors.push({ field, code: 'unknown_option' });
  };
  const checkMany = (field: ContactChoiceField, values: readonly string[], stored: readonly string[], required: boolean) => {
    if (required && values.length === 0) errors.push({ field, code: 'required' });
    const ok = allowed(field, stored);
    if (values.some((v) => !ok.has(v))) errors.push({ field, code: 'unknown_option' });
  };

  checkOne('channel', input.channel, alreadyStored ? [alreadyStored.channel] : []);
  checkOne('outcome', input.outcome, alreadyStored ? [alreadyStored.outcome] : []);
  checkMany('topics', input.topics, alreadyStored?.topics ?? [], true);
  checkMany('services', input.services, alreadyStored?.services ?? [], false);
  const storedAuthorities = (alreadyStored?.referrals ?? []).flatMap((r) => (r.kind === 'authority' ? [r.code] : []));
  checkMany('authorities', input.referrals.flatMap((r) => (r.kind === 'authority' ? [r.code] : [])), storedAuthorities, false);
  if (input.referrals.some((r) => r.kind === 'association' && !associationIds.has(r.associationId))) errors.push({ field: 'referrals', code: 'unknown_option' });
  if (input.referrals.length > 20) errors.push({ field: 'referrals', code: 'out_of_range' });

  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1 || input.durationMinutes > MAX_DURATION_MINUTES) {
    errors.push({ field: 'durationMinutes', code: 'out_of_range' });
  }
  // A contact is logged after it happened: a start in the future (beyond clock skew) is a mistake.
  if (Number.isNaN(input.startedAt.getTime()) || input.startedAt.getTime() > now.getTime() + 5 * 60_000) {
    errors.push({ field: 'startedAt', code: 'out_of_range' });
  }
  if (!/^[a-z]{2,3}$/.test(input.language)) errors.push({ field: 'language', code: 'bad_format' });
  const notes = input.notes.trim();
  if (notes.length > NOTES_MAX_LENGTH) errors.push({ field: 'notes', code: 'too_long' });
  if (input.followUpOn !== null) {
    const followUp = parseCalendarDate(input.followUpOn);
    if (followUp === undefined) errors.push({ field: 'followUpOn', code: 'bad_format' });
    else if (followUp < now.getTime() - 86_400_000 || followUp > now.getTime() + MAX_FOLLOW_UP_DAYS * 86_400_000) {
      errors.push({ field: 'followUpOn', code: 'out_of_range' });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    details: {
      ...input,
      topics: unique(input.topics),
      services: unique(input.services),
      referrals: uniqueReferrals(input.referrals),
      notes,
    },
  };
}

/** Midnight UTC of a real calendar date "YYYY-MM-DD", or undefined (2026-02-30 is not a date). */
export function parseCalendarDate(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? ms : undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function uniqueReferrals(referrals: readonly Referral[]): Referral[] {
  const seen = new Set<string>();
  return referrals.filter((r) => {
    const key = r.kind === 'authority' ? `a:${r.code}` : `s:${r.associationId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The personal-data fields of a contact, named in audit rows (names only, never values). */
export const CONTACT_AUDIT_FIELDS = ['channel', 'startedAt', 'durationMinutes', 'language', 'interpreterUsed', 'topics', 'services', 'referrals', 'followUpOn', 'outcome', 'notes'] as const;
