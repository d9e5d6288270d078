import { I18nError } from '../index.js';
import { staffEn, type StaffMessageKey, type StaffMessageParamName, type StaffMessages } from './en.js';
import { staffFi } from './fi.js';
import { staffSv } from './sv.js';

export type { StaffMessageKey, StaffMessages } from './en.js';

/** Languages staff work in. Clients get eight; staff texts exist in the two national languages and English. */
export const STAFF_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

const CATALOGS: Readonly<Record<StaffLanguage, StaffMessages>> = Object.freeze({ fi: staffFi, sv: staffSv, en: staffEn });

/**
 * The staff language for a person's language (their saved choice or Teams locale): fi, sv and en
 * as they are; anything else English, the common working language of staff who use Teams in
 * another language.
 */
export function staffLanguage(lang: string | undefined): StaffLanguage {
  return (STAFF_LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as StaffLanguage) : 'en';
}

type IsUnion<K, All = K> = K extends unknown ? ([All] extends [K] ? false : true) : never;

/**
 * A literal key checks its params at compile time; a key only known at run time (a union) takes
 * any params, and the run-time check catches a missing one — as in the client catalogs' `t()`.
 */
type ParamArgs<K extends StaffMessageKey> = true extends IsUnion<K>
  ? [params?: Readonly<Record<string, string | number>>]
  : [StaffMessageParamName<K>] extends [never]
    ? [params?: Readonly<Record<string, string | number>>]
    : [params: Readonly<Record<StaffMessageParamName<K>, string | number>>];

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/**
 * The staff text for `key` in `lang` (see {@link staffLanguage}), `{name}` placeholders filled
 * from `params` exactly as the client catalogs' `t()` does: a missing param throws
 * {@link I18nError} (`missing_param`), values are inserted once.
 */
export function staffText<K extends StaffMessageKey>(lang: string, key: K, ...args: ParamArgs<K>): string {
  const language = staffLanguage(lang);
  const template = CATALOGS[language][key];
  if (typeof template !== 'string') throw new I18nError('unknown_key', `No staff message "${String(key)}" in catalog "${language}".`);
  const params: Readonly<Record<string, string | number>> = args[0] ?? {};
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.hasOwn(params, name)) {
      throw new I18nError('missing_param', `Staff message "${String(key)}" (${language}) needs the parameter {${name}}; pass it in staffText()'s params.`);
    }
    return String(params[name]);
  });
}

/** The raw staff catalog of a language: for tests and tooling. */
export function staffCatalogOf(lang: StaffLanguage): StaffMessages {
  return CATALOGS[lang];
}
