import { z } from 'zod';
import { containsPersonalIdentityCode, removePersonalIdentityCodes } from '../../domain/intake/identity-code.js';
import { INTAKE_DESCRIPTION_MAX, INTAKE_NAME_MAX, type Intake } from '../../domain/intake/intake.js';
import { TOPIC_CODES, type TopicCode } from '../../domain/intake/topics.js';
import { SUPPORTED_LANGUAGES } from '../../domain/staff/staff.js';
import type { MessageKey } from '../../i18n/index.js';
import { INTAKE_SUBMIT } from '../verbs.js';

// The schema lives in cards/, not domain/: it parses the card's wire format (toggle strings,
// comma-separated multi-select) and the lint layer rule keeps zod out of domain/.

/** Input ids of the intake card; the card JSON and the schema share them. */
export const INTAKE_FIELD_IDS = [
  'name',
  'municipality',
  'language',
  'interpreterNeeded',
  'interpreterLanguage',
  'topics',
  'description',
  'contactTeams',
  'email',
  'phone',
  'consentShare',
] as const;
export type IntakeFieldId = (typeof INTAKE_FIELD_IDS)[number];

/**
 * Where an error that belongs to no single input goes (unknown keys, a wrong verb, data that is
 * not an object): the card shows it above the submit button.
 */
export const INTAKE_FORM_ERROR = 'form';
export type IntakeErrorTarget = IntakeFieldId | typeof INTAKE_FORM_ERROR;

/** Longest interpreter language name (characters): "Northern Sami", "Dari / Pashto" fit. */
export const INTERPRETER_LANGUAGE_MAX = 35;
/** Longest e-mail address (RFC 5321 path limit). */
export const INTAKE_EMAIL_MAX = 254;
/** Longest phone number as typed, with spaces and separators (characters). */
export const INTAKE_PHONE_MAX = 30;
/** Digits a phone number must have: a Finnish landline without area code has 6, E.164 tops out at 15. */
const PHONE_DIGITS_MIN = 6;
const PHONE_DIGITS_MAX = 20;

/**
 * Every error the intake can report, each an i18n key with one user-facing text. One key per
 * failure kind, so a test (and a reviewer) can tell the rules apart.
 */
export const INTAKE_ERROR_KEYS = [
  'intake.error.nameRequired',
  'intake.error.nameTooLong',
  'intake.error.nameInvalid',
  'intake.error.municipalityRequired',
  'intake.error.languageRequired',
  'intake.error.interpreterLanguageRequired',
  'intake.error.interpreterLanguageInvalid',
  'intake.error.topicsRequired',
  'intake.error.topicsInvalid',
  'intake.error.descriptionTooLong',
  'intake.error.emailInvalid',
  'intake.error.emailRequired',
  'intake.error.phoneInvalid',
  'intake.error.identityCodeNotAllowed',
  'intake.error.choiceInvalid',
  'intake.error.unknownField',
] as const satisfies readonly MessageKey[];
export type IntakeErrorKey = (typeof INTAKE_ERROR_KEYS)[number];

/** Submitted strings per input, for refilling the card after a failed submit. */
export type IntakeFormValues = Partial<Record<IntakeFieldId, string>>;

/** Per input (or {@link INTAKE_FORM_ERROR}), the one error to show; absent = no error. */
export type IntakeFormErrors = Partial<Record<IntakeErrorTarget, IntakeErrorKey>>;

/**
 * Outcome of a submit. Invalid data is an expected outcome (STYLE.md habit 3): the caller
 * re-renders the same card with `errors` and `values` and writes nothing.
 */
export type IntakeSubmissionResult =
  | { readonly ok: true; readonly intake: Intake }
  | { readonly ok: false; readonly errors: IntakeFormErrors; readonly values: IntakeFormValues };

/** What the parser needs from outside: the municipalities this deployment serves (partners + config). */
export interface IntakeSubmissionOptions {
  readonly municipalityCodes: readonly string[];
  /**
   * The public booking page sends the meeting link by e-mail, so there the address is required;
   * in Teams the chat is the channel and every contact way stays optional.
   */
  readonly requireEmail?: boolean;
}

const ERROR_KEY_SET: ReadonlySet<string> = new Set(INTAKE_ERROR_KEYS);
const FIELD_ID_SET: ReadonlySet<string> = new Set(INTAKE_FIELD_IDS);

const E = {
  nameRequired: 'intake.error.nameRequired',
  nameTooLong: 'intake.error.nameTooLong',
  nameInvalid: 'intake.error.nameInvalid',
  municipalityRequired: 'intake.error.municipalityRequired',
  languageRequired: 'intake.error.languageRequired',
  interpreterLanguageRequired: 'intake.error.interpreterLanguageRequired',
  interpreterLanguageInvalid: 'intake.error.interpreterLanguageInvalid',
  topicsRequired: 'intake.error.topicsRequired',
  topicsInvalid: 'intake.error.topicsInvalid',
  descriptionTooLong: 'intake.error.descriptionTooLong',
  emailInvalid: 'intake.error.emailInvalid',
  emailRequired: 'intake.error.emailRequired',
  phoneInvalid: 'intake.error.phoneInvalid',
  identityCode: 'intake.error.identityCodeNotAllowed',
  choiceInvalid: 'intake.error.choiceInvalid',
  unknownField: 'intake.error.unknownField',
} as const satisfies Record<string, IntakeErrorKey>;

/**
 * Characters a name may not contain: C0/C1 controls, line and paragraph separators, and bidi
 * embeddings, overrides and isolates (they can make a name display as something else in the
 * staff views). Zero-width (non-)joiners stay allowed: Persian and Arabic names need them.
 */
const NAME_FORBIDDEN = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
/** Controls removed from the description; line breaks and tabs are kept (multi-line input). */
const DESCRIPTION_STRIPPED = /[^\P{Cc}\n\t]|[\u202A-\u202E\u2066-\u2069]/gu;
/** A language name: letters (any script, with combining marks), single spaces or hyphens between words. */
const LANGUAGE_NAME = /^[\p{L}\p{M}\u200C]+(?:[ -][\p{L}\p{M}\u200C]+)*$/u;
/** Phone: digits, spaces, hyphens, parentheses; a `+` only at the start (`+358 40 1234567`, `040 123 4567`). */
const PHONE_CHARS = /^\+?[0-9 ()-]+$/;

const normalize = (value: string): string => value.normalize('NFC').trim();
const noIdentityCode = (value: string): boolean => !containsPersonalIdentityCode(value);
const digitCount = (value: string): number => value.replace(/[^0-9]/g, '').length;
const isEmail = (value: string): boolean => z.string().email().safeParse(value).success;

/** A required string: missing, `null` or a number all read as "not filled in". */
const requiredString = (key: IntakeErrorKey) => z.string({ required_error: key, invalid_type_error: key });
/** An optional string: a missing input arrives as no key at all (Teams omits empty inputs). */
const optionalString = (key: IntakeErrorKey) => z.string({ invalid_type_error: key }).default('');
/** Input.Toggle submits its valueOn / valueOff strings; a missing toggle is "no" (consent is never assumed). */
const toggle = () =>
  z.enum(['true', 'false'], { errorMap: () => ({ message: E.choiceInvalid }) }).default('false');

function splitTopics(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * The zod schema of `value.action.data` from the intake card. `.strict()`: a key the card does not
 * send is refused, not ignored (card data is forgeable, DESIGN.md).
 */
function intakeSubmissionSchema(municipalityCodes: ReadonlySet<string>, requireEmail: boolean) {
  return z
    .object({
      verb: z.literal(INTAKE_SUBMIT, { errorMap: () => ({ message: E.unknownField }) }),
      name: requiredString(E.nameRequired)
        .transform(normalize)
        .pipe(
          z
            .string()
            .min(1, E.nameRequired)
            .max(INTAKE_NAME_MAX, E.nameTooLong)
            .refine((v) => !NAME_FORBIDDEN.test(v), E.nameInvalid)
            .refine(noIdentityCode, E.identityCode),
        ),
      municipality: requiredString(E.municipalityRequired).refine((v) => municipalityCodes.has(v), E.municipalityRequired),
      language: z.enum(SUPPORTED_LANGUAGES, { errorMap: () => ({ message: E.languageRequired }) }),
      interpreterNeeded: toggle(),
      interpreterLanguage: optionalString(E.interpreterLanguageInvalid).transform(normalize),
      topics: requiredString(E.topicsRequired)
        .transform(splitTopics)
        .pipe(
          z
            .array(z.enum(TOPIC_CODES, { errorMap: () => ({ message: E.topicsInvalid }) }))
            .min(1, E.topicsRequired)
            .refine((topics) => new Set(topics).size === topics.length, E.topicsInvalid),
        ),
      description: optionalString(E.descriptionTooLong)
        .transform((v) => normalize(v.replace(/\r\n?/g, '\n').replace(DESCRIPTION_STRIPPED, '')))
        .pipe(z.string().max(INTAKE_DESCRIPTION_MAX, E.descriptionTooLong).refine(noIdentityCode, E.identityCode)),
      contactTeams: toggle(),
      email: optionalString(E.emailInvalid)
        .transform(normalize)
        .pipe(
          z
            .string()
            .max(INTAKE_EMAIL_MAX, E.emailInvalid)
            .refine((v) => !requireEmail || v !== '', E.emailRequired)
            .refine((v) => v === '' || isEmail(v), E.emailInvalid)
            .refine(noIdentityCode, E.identityCode),
        ),
      phone: optionalString(E.phoneInvalid)
        .transform((v) => normalize(v).replace(/\s+/g, ' '))
        .pipe(
          z
            .string()
            .max(INTAKE_PHONE_MAX, E.phoneInvalid)
            .refine(
              (v) =>
                v === '' ||
                (PHONE_CHARS.test(v) && digitCount(v) >= PHONE_DIGITS_MIN && digitCount(v) <= PHONE_DIGITS_MAX),
              E.phoneInvalid,
            )
            .refine(noIdentityCode, E.identityCode),
        ),
      consentShare: toggle(),
    })
    .strict(E.unknownField)
    .superRefine((data, ctx) => {
      // The interpreter language is only read when an interpreter is needed; text left in the
      // box after unticking is dropped, not validated.
      if (data.interpreterNeeded !== 'true') return;
      const issue = (message: IntakeErrorKey) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['interpreterLanguage'], message });
      if (data.interpreterLanguage === '') issue(E.interpreterLanguageRequired);
      else if (data.interpreterLanguage.length > INTERPRETER_LANGUAGE_MAX || !LANGUAGE_NAME.test(data.interpreterLanguage)) {
        issue(E.interpreterLanguageInvalid);
      }
    });
}

/**
 * Checks the data of an intake card submit (`value.action.data` of the `adaptiveCard/action`
 * invoke) on the server: the card's own `isRequired` hints are only hints, and card data is
 * forgeable. Pure: no clock, no I/O; the consent time and the client id are added by the use case
 * that stores the intake (a {@link import('../../domain/intake/intake.js').ConsentRecord}).
 *
 * On failure, `errors` holds one i18n key per input (the identity-code error wins over others,
 * because it is the one the person must act on) and `values` the submitted strings to refill the
 * card: only known inputs, as strings, capped, and with identity-code look-alikes removed so the
 * card does not repeat them into the chat history.
 */
export function parseIntakeSubmission(data: unknown, options: IntakeSubmissionOptions): IntakeSubmissionResult {
  const parsed = intakeSubmissionSchema(new Set(options.municipalityCodes), options.requireEmail === true).safeParse(data);
  if (!parsed.success) return { ok: false, errors: errorsFrom(parsed.error), values: refillValues(data) };
  const d = parsed.data;
  const topicOrder = (topic: TopicCode) => TOPIC_CODES.indexOf(topic);
  return {
    ok: true,
    intake: {
      name: d.name,
      municipalityCode: d.municipality,
      language: d.language,
      interpreterLanguage: d.interpreterNeeded === 'true' ? d.interpreterLanguage : null,
      // Stored in the glossary order, whatever order the client sent them in.
      topics: [...d.topics].sort((a, b) => topicOrder(a) - topicOrder(b)),
      description: d.description,
      contact: { teams: d.contactTeams === 'true', email: d.email === '' ? null : d.email, phone: d.phone === '' ? null : d.phone },
      consent: { shareWithReferralPartners: d.consentShare === 'true' },
    },
  };
}

function errorsFrom(error: z.ZodError): IntakeFormErrors {
  const errors: IntakeFormErrors = {};
  for (const issue of error.issues) {
    const head = issue.path[0];
    const target: IntakeErrorTarget = typeof head === 'string' && FIELD_ID_SET.has(head) ? (head as IntakeFieldId) : INTAKE_FORM_ERROR;
    const key: IntakeErrorKey = ERROR_KEY_SET.has(issue.message) ? (issue.message as IntakeErrorKey) : E.unknownField;
    const current = errors[target];
    if (current === undefined || (key === E.identityCode && current !== E.identityCode)) errors[target] = key;
  }
  return errors;
}

/**
 * How much of each submitted value goes back into the card. Text inputs get their own limit
 * (the card's `maxLength` keeps honest clients inside it anyway); choices and toggles get enough
 * for any valid value, so a forged megabyte never reaches the chat.
 */
const REFILL_MAX: Readonly<Record<IntakeFieldId, number>> = {
  name: INTAKE_NAME_MAX,
  municipality: 64,
  language: 8,
  interpreterNeeded: 5,
  interpreterLanguage: INTERPRETER_LANGUAGE_MAX,
  topics: TOPIC_CODES.join(',').length,
  description: INTAKE_DESCRIPTION_MAX,
  contactTeams: 5,
  email: INTAKE_EMAIL_MAX,
  phone: INTAKE_PHONE_MAX,
  consentShare: 5,
};

function refillValues(data: unknown): IntakeFormValues {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const source = data as Readonly<Record<string, unknown>>;
  const values: IntakeFormValues = {};
  for (const id of INTAKE_FIELD_IDS) {
    if (!Object.hasOwn(source, id)) continue;
    const raw = source[id];
    if (typeof raw !== 'string' && typeof raw !== 'boolean' && typeof raw !== 'number') continue;
    const keepLineBreaks = id === 'description';
    const cleaned = removePersonalIdentityCodes(String(raw))
      .replace(keepLineBreaks ? DESCRIPTION_STRIPPED : /[\p{Cc}]/gu, keepLineBreaks ? '' : ' ')
      .normalize('NFC');
    // Cut at the limit without leaving half of a surrogate pair (an emoji) behind.
    values[id] = cleaned.slice(0, REFILL_MAX[id]).replace(/[\uD800-\uDBFF]$/, '');
  }
  return values;
}
