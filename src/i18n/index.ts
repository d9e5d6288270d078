import { SUPPORTED_LANGUAGES, type LanguageCode } from '../domain/staff/staff.js';
import { ar } from './ar.js';
import { en, type MessageKey, type MessageParamName, type Messages } from './en.js';
import { fa } from './fa.js';
import { fi } from './fi.js';
import { ru } from './ru.js';
import { so } from './so.js';
import { sv } from './sv.js';
import { uk } from './uk.js';

export type { MessageKey, MessageParamName, Messages } from './en.js';
export type { LanguageCode } from '../domain/staff/staff.js';
export { municipalityName } from './municipality-names.js';

/**
 * One catalog per supported language. Typed as a full record, so adding a language to
 * `SUPPORTED_LANGUAGES` without a catalog fails to compile.
 */
const CATALOGS: Readonly<Record<LanguageCode, Messages>> = Object.freeze({ fi, sv, en, uk, ru, ar, so, fa });

/** Text direction of a language, for the card's `rtl` and the tab's `dir`. */
export type TextDirection = 'ltr' | 'rtl';

/** What a language picker needs about one language. */
export interface LocaleInfo {
  readonly lang: LanguageCode;
  readonly dir: TextDirection;
  /** The language's own name, as its speakers write it (never translated). */
  readonly endonym: string;
}

const RTL_LANGUAGES: ReadonlySet<LanguageCode> = new Set<LanguageCode>(['ar', 'fa']);

/**
 * The languages we serve, in the order every language picker shows them (the domain order:
 * the two national languages, English, then the clients' largest language groups). The order
 * is stable on purpose: people learn where "their" button is.
 */
export const SUPPORTED_LOCALES: readonly LocaleInfo[] = Object.freeze(
  SUPPORTED_LANGUAGES.map((lang) =>
    Object.freeze({ lang, dir: RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr', endonym: CATALOGS[lang]['language.name'] }),
  ),
);

/**
 * Language used when Teams sends no locale or one we have no catalog for.
 *
 * English, not Finnish: a Teams client set to a language we do not serve (e.g. `tr-TR`,
 * `ti-ER`, `de-DE`) or an anonymous meeting guest with no locale most likely belongs to someone
 * who does not read Finnish, and English is the most widely shared second language among them.
 * Finnish-speaking users get Finnish because their Teams sends `fi-*`. The language picker is on
 * the first card, so a wrong guess costs one tap.
 */
export const FALLBACK_LANGUAGE: LanguageCode = 'en';

/**
 * BCP 47 primary subtags (lower case) that map to a catalog. Besides the catalog codes:
 * `prs` is Dari (ISO 639-3; Teams sends `prs-AF`) and `pes` Iranian Persian; both read `fa`.
 */
const LANGUAGE_BY_SUBTAG: Readonly<Record<string, LanguageCode>> = Object.freeze({
  ...Object.fromEntries(SUPPORTED_LANGUAGES.map((lang) => [lang, lang])),
  prs: 'fa',
  pes: 'fa',
});

/**
 * First guess of a user's language from the Teams locale (`activity.locale`, e.g. `fi-FI`,
 * `sv-FI`, `prs-AF`, sometimes just `en`). Only the language subtag counts, never the region:
 * `ru-UA` is Russian, `sv-FI` Swedish. Unknown, empty or absent → {@link FALLBACK_LANGUAGE}.
 *
 * A language the user chose (saved preference) always wins over this guess; call this only when
 * there is no saved choice.
 */
export function resolveLocale(teamsLocale: string | undefined): LanguageCode {
  const primary = teamsLocale?.trim().split(/[-_]/, 1)[0]?.toLowerCase();
  if (!primary) return FALLBACK_LANGUAGE;
  return Object.hasOwn(LANGUAGE_BY_SUBTAG, primary) ? (LANGUAGE_BY_SUBTAG[primary] ?? FALLBACK_LANGUAGE) : FALLBACK_LANGUAGE;
}

/** Whether a language is written right to left (Arabic, Dari/Farsi): sets `rtl` on cards. */
export function isRightToLeft(lang: LanguageCode): boolean {
  return RTL_LANGUAGES.has(lang);
}

/** Type guard for a language code coming from outside (card data, database, query string). */
export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** Why an i18n call failed. These are programming errors, never user outcomes. */
export type I18nErrorReason = 'missing_param' | 'unknown_key' | 'unknown_language';

/** A bug in how code calls the catalogs (a missing `{param}`, a key or language that is not there). */
export class I18nError extends Error {
  override readonly name = 'I18nError';
  constructor(
    readonly reason: I18nErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** Values for a key's `{placeholders}`; the names are checked at compile time from the English text. */
export type MessageParams<K extends MessageKey> = Readonly<Record<MessageParamName<K>, string | number>>;

/** Params of any key: for a key that is only known at run time (e.g. read from the outbox). */
export type AnyMessageParams = Readonly<Record<string, string | number>>;

/** `true` when K is a union of several keys (the key is chosen at run time). */
type IsUnion<K, All = K> = K extends unknown ? ([All] extends [K] ? false : true) : never;

/**
 * A literal key checks its params at compile time (required and named when the English text has
 * placeholders). A key only known at run time (a union, e.g. `MessageKey` from a payload) takes
 * any params, and the run-time check in {@link t} is what catches a missing one.
 */
type ParamArgs<K extends MessageKey> = true extends IsUnion<K>
  ? [params?: AnyMessageParams]
  : [MessageParamName<K>] extends [never]
    ? [params?: AnyMessageParams]
    : [params: MessageParams<K>];

/** First strong isolate / pop directional isolate (Unicode bidi, UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/**
 * The text for `key` in `lang`, with `{name}` placeholders filled from `params`.
 *
 * A placeholder without a value throws {@link I18nError} (`missing_param`): sending a user
 * "Language changed to {language}." is a bug, not an outcome. Extra params are ignored.
 * Values are inserted once (a `{x}` inside a value is not expanded again).
 *
 * In right-to-left languages each value is wrapped in Unicode isolates (FSI … PDI), so a Latin
 * name or a number inside an Arabic or Persian sentence cannot reorder the punctuation around it
 * (W3C "Inline markup and bidirectional text"). The marks are invisible.
 */
export function t<K extends MessageKey>(lang: LanguageCode, key: K, ...args: ParamArgs<K>): string {
  const catalog = CATALOGS[lang];
  if (catalog === undefined) throw new I18nError('unknown_language', `No catalog for language "${String(lang)}".`);
  const template = catalog[key];
  if (typeof template !== 'string') throw new I18nError('unknown_key', `No message "${String(key)}" in catalog "${lang}".`);
  const params: AnyMessageParams = args[0] ?? {};
  const rtl = isRightToLeft(lang);
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.hasOwn(params, name)) {
      throw new I18nError(
        'missing_param',
        `Message "${String(key)}" (${lang}) needs the parameter {${name}}; pass it in t()'s params.`,
      );
    }
    const value = String(params[name]);
    return rtl ? `${FSI}${value}${PDI}` : value;
  });
}

/**
 * Placeholder names used in a message text, for tests and catalog tooling.
 * Exported so the tests and any future catalog checker share one definition of a placeholder.
 */
export function placeholdersOf(text: string): readonly string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

/** The raw catalog of a language: for tests and tooling, not for building user texts (use {@link t}). */
export function catalogOf(lang: LanguageCode): Messages {
  return CATALOGS[lang];
}
