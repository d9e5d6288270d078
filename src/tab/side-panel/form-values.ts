import { offeredCodes, type ContactChoiceField, type FormDefinition, type LabelLanguage } from '../../domain/register/form-definition.js';
import { MAX_DURATION_MINUTES, type Referral } from '../../domain/register/contact.js';
import { panelText, type PanelLanguage } from './i18n.js';
import type { ContactJson, DetailsJson, PanelJson } from './wire.js';

/**
 * The form as the adviser edits it: every input's raw value (numbers and dates as typed, the
 * referrals split by kind), so a failed save loses nothing.
 */
export type FormValues = Pick<DetailsJson, 'channel' | 'language' | 'interpreterUsed' | 'topics' | 'services' | 'outcome' | 'notes'> & {
  readonly durationMinutes: string;
  readonly authorities: readonly string[];
  readonly associations: readonly string[];
  readonly followUpOn: string;
  readonly reason: string;
};

/** Errors shown under the inputs, by form field (the server's `referrals` shows under associations). */
export type FieldErrors = Readonly<Partial<Record<keyof FormValues | 'referrals' | 'startedAt', string>>>;

const MINUTE = 60_000;

/**
 * What the contact form needs to start from: the side panel's whole panel, or (in the advisers'
 * tab, which only corrects) a logged contact with its form and associations and no booking.
 */
export type ContactFormSource = Pick<PanelJson, 'form' | 'associations' | 'loggedContact'> & { readonly booking?: PanelJson['booking'] };

/** The logged contact when there is one; else what the booking already tells (length, language, topics). */
export function initialValues(panel: ContactFormSource): FormValues {
  if (panel.loggedContact) return valuesOf(panel.loggedContact);
  if (!panel.booking)
    return { channel: '', durationMinutes: '', language: 'fi', interpreterUsed: false, topics: [], services: [], authorities: [], associations: [], followUpOn: '', outcome: '', notes: '', reason: '' };
  const offered = (field: ContactChoiceField) => new Set(offeredCodes(panel.form, field));
  const minutes = Math.round((Date.parse(panel.booking.end) - Date.parse(panel.booking.start)) / MINUTE);
  return {
    channel: offered('channel').has('teams_meeting') ? 'teams_meeting' : '',
    durationMinutes: String(Math.min(Math.max(minutes, 1), MAX_DURATION_MINUTES)),
    language: panel.booking.language,
    interpreterUsed: panel.booking.interpreterLanguage !== null,
    topics: panel.booking.topics.filter((code) => offered('topics').has(code)),
    services: [],
    authorities: [],
    associations: [],
    followUpOn: '',
    outcome: '',
    notes: '',
    reason: '',
  };
}

export function valuesOf(contact: ContactJson): FormValues {
  return {
    channel: contact.channel,
    durationMinutes: String(contact.durationMinutes),
    language: contact.language,
    interpreterUsed: contact.interpreterUsed,
    topics: contact.topics,
    services: contact.services,
    authorities: contact.referrals.flatMap((r) => (r.kind === 'authority' ? [r.code] : [])),
    associations: contact.referrals.flatMap((r) => (r.kind === 'association' ? [r.associationId] : [])),
    followUpOn: contact.followUpOn ?? '',
    outcome: contact.outcome,
    notes: contact.notes,
    reason: '',
  };
}

/**
 * After a 409 (someone stored a newer version while this adviser edited `base`): each field this
 * adviser changed keeps what they typed, every other field takes the stored version's value, so a
 * second save neither drops the colleague's change nor this adviser's. The reason stays as typed.
 */
export function mergeOntoStored(base: FormValues, typed: FormValues, stored: FormValues): FormValues {
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(typed) as (keyof FormValues)[]) {
    merged[key] = key === 'reason' || !sameValue(typed[key], base[key]) ? typed[key] : stored[key];
  }
  return merged as FormValues;
}

/** Field values are strings, booleans or lists of codes (the order of a list does not matter). */
function sameValue(a: FormValues[keyof FormValues], b: FormValues[keyof FormValues]): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  return a === b;
}

/** What the server needs to see before it can judge the rest (its schema refuses an empty code). */
export function missingAnswers(values: FormValues, lang: PanelLanguage, correcting: boolean): FieldErrors {
  const errors: Partial<Record<keyof FormValues, string>> = {};
  if (correcting && values.reason.trim() === '') errors.reason = panelText(lang, 'reasonRequired');
  if (!values.channel) errors.channel = panelText(lang, 'requiredChoice');
  if (!values.outcome) errors.outcome = panelText(lang, 'requiredChoice');
  const minutes = Number(values.durationMinutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_DURATION_MINUTES) errors.durationMinutes = panelText(lang, 'requiredNumber');
  return errors;
}

/** The details to send; `startedAt` stays the booking's start (or what was logged). */
export function detailsOf(values: FormValues, startedAt: string): DetailsJson {
  const referrals: Referral[] = [...values.authorities.map((code): Referral => ({ kind: 'authority', code })), ...values.associations.map((associationId): Referral => ({ kind: 'association', associationId }))];
  return {
    channel: values.channel,
    startedAt,
    durationMinutes: Number(values.durationMinutes),
    language: values.language,
    interpreterUsed: values.interpreterUsed,
    topics: values.topics,
    services: values.services,
    referrals,
    followUpOn: values.followUpOn === '' ? null : values.followUpOn,
    outcome: values.outcome,
    notes: values.notes,
  };
}

/** The server's field errors → under which input each is shown. */
export function serverFieldErrors(fields: readonly { readonly field: string; readonly message: string }[]): FieldErrors {
  const errors: Record<string, string> = {};
  for (const { field, message } of fields) errors[field === 'referrals' ? 'associations' : field] ??= message;
  return errors;
}

/** Options the form offers for `field`: every option not retired, plus codes already chosen. */
export function choicesFor(form: FormDefinition, field: ContactChoiceField, chosen: readonly string[], lang: LabelLanguage): { code: string; label: string }[] {
  return form.options[field].filter((o) => o.retired !== true || chosen.includes(o.code)).map((o) => ({ code: o.code, label: o.labels[lang] }));
}
