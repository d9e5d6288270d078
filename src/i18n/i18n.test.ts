import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES, type LanguageCode } from '../domain/staff/staff.js';
import { en, type MessageKey } from './en.js';
import {
  catalogOf,
  FALLBACK_LANGUAGE,
  I18nError,
  isLanguageCode,
  isRightToLeft,
  municipalityName,
  placeholdersOf,
  resolveLocale,
  SUPPORTED_LOCALES,
  t,
} from './index.js';

const KEYS = Object.keys(en).sort() as MessageKey[];
const entriesOf = (lang: LanguageCode) => Object.entries(catalogOf(lang));

describe('catalogs', () => {
  it.each(SUPPORTED_LANGUAGES)('%s has exactly the English keys', (lang) => {
    expect(Object.keys(catalogOf(lang)).sort()).toEqual(KEYS);
  });

  it.each(SUPPORTED_LANGUAGES)('%s has no empty, padded or marker-leaking texts', (lang) => {
    for (const [key, text] of entriesOf(lang)) {
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(text, `${lang} ${key}`).toBe(text.trim());
      expect(text, `${lang} ${key}`).not.toMatch(/unconfirmed|TODO|\$\{/i);
    }
  });

  it.each(SUPPORTED_LANGUAGES)('%s uses the same {placeholders} as English for every key', (lang) => {
    for (const key of KEYS) {
      expect(placeholdersOf(catalogOf(lang)[key]), `${lang} ${key}`).toEqual(placeholdersOf(en[key]));
    }
  });

  it('has every language in its own name (endonyms)', () => {
    const endonyms = Object.fromEntries(SUPPORTED_LANGUAGES.map((lang) => [lang, t(lang, 'language.name')]));
    expect(endonyms).toEqual({
      fi: 'Suomi',
      sv: 'Svenska',
      en: 'English',
      uk: 'Українська',
      ru: 'Русский',
      ar: 'العربية',
      so: 'Soomaali',
      fa: 'دری / فارسی',
    });
  });

  it.each(SUPPORTED_LANGUAGES)('%s names the product and keeps the command words untranslated', (lang) => {
    expect(t(lang, 'welcome.title')).toContain('Neuvo');
    expect(t(lang, 'reply.help')).toMatch(/\bhelp\b/);
    expect(t(lang, 'reply.help')).toMatch(/\blanguage\b/);
    expect(t(lang, 'reply.emergency')).toContain('112');
  });

  it('writes Cyrillic, Arabic and Persian texts in their own script', () => {
    // Names clients see in Latin letters on letters, websites and apps (Kela, DVV, Teams; JavaScript
    // as browsers name it in their settings), the example e-mail address, and {placeholders} are
    // allowed; everything else is in the own script.
    const latinWords = /\b(Neuvo|International|House|Joensuu|help|language|Kela|DVV|Teams|JavaScript)\b/g;
    const exampleEmail = /\bname@example\.com\b/g;
    const placeholders = /\{[A-Za-z0-9_]+\}/g;
    const letters = (lang: LanguageCode) =>
      entriesOf(lang)
        .map(([, text]) => text.replace(placeholders, '').replace(exampleEmail, '').replace(latinWords, ''))
        .join(' ');
    expect(letters('uk')).not.toMatch(/[A-Za-z]/);
    expect(letters('ru')).not.toMatch(/[A-Za-z]/);
    expect(letters('ar')).not.toMatch(/[A-Za-z]/);
    expect(letters('fa')).not.toMatch(/[A-Za-z]/);
    // Ukrainian-only letters must not leak into Russian, and Russian-only ones into Ukrainian.
    expect(letters('ru')).not.toMatch(/[іїєґІЇЄҐ]/);
    expect(letters('uk')).not.toMatch(/[ыэёъЫЭЁЪ]/);
  });

  it('keeps Arabic and Persian letters apart (ي/ك are Arabic, ی/ک Persian)', () => {
    const fa = entriesOf('fa').map(([, text]) => text).join(' ');
    const ar = entriesOf('ar').map(([, text]) => text).join(' ');
    expect(fa).not.toMatch(/[\u064A\u0643]/);
    expect(ar).not.toMatch(/[\u06CC\u06A9]/);
    // Persian verb prefix می is joined with a zero-width non-joiner, never a space.
    expect(fa).not.toMatch(/(^|\s)ن?می /);
  });

  it('writes kotoutuminen, never kotouttaminen, in Finnish (GLOSSARY.md)', () => {
    for (const [key, text] of entriesOf('fi')) expect(text, key).not.toMatch(/kotouttam/i);
  });
});

describe('resolveLocale', () => {
  it.each([
    ['fi-FI', 'fi'],
    ['fi', 'fi'],
    ['sv-FI', 'sv'],
    ['sv-SE', 'sv'],
    ['en-US', 'en'],
    ['en', 'en'],
    ['uk-UA', 'uk'],
    ['ru-RU', 'ru'],
    ['ru-UA', 'ru'],
    ['ar-SA', 'ar'],
    ['so-SO', 'so'],
    ['fa-IR', 'fa'],
    ['fa-AF', 'fa'],
    ['prs-AF', 'fa'],
    ['FI-fi', 'fi'],
    ['fi_FI', 'fi'],
    [' sv-FI ', 'sv'],
  ] as const)('%s → %s', (locale, expected) => {
    expect(resolveLocale(locale)).toBe(expected);
  });

  it.each(['xx-YY', 'de-DE', 'fil-PH', 'tr', '', '  ', 'constructor', '__proto__', undefined])(
    'falls back to English for %s',
    (locale) => {
      expect(resolveLocale(locale)).toBe('en');
      expect(FALLBACK_LANGUAGE).toBe('en');
    },
  );
});

describe('isRightToLeft', () => {
  it('is true only for Arabic and Dari/Farsi', () => {
    expect(SUPPORTED_LANGUAGES.filter(isRightToLeft)).toEqual(['ar', 'fa']);
    expect(SUPPORTED_LOCALES.filter((l) => l.dir === 'rtl').map((l) => l.lang)).toEqual(['ar', 'fa']);
  });
});

describe('SUPPORTED_LOCALES', () => {
  it('lists every language once, in the domain order, with its endonym', () => {
    expect(SUPPORTED_LOCALES.map((l) => l.lang)).toEqual([...SUPPORTED_LANGUAGES]);
    for (const locale of SUPPORTED_LOCALES) expect(locale.endonym).toBe(t(locale.lang, 'language.name'));
  });
});

describe('isLanguageCode', () => {
  it('accepts catalog codes only', () => {
    expect(SUPPORTED_LANGUAGES.every(isLanguageCode)).toBe(true);
    for (const value of ['prs', 'fi-FI', 'FI', '', 'xx', 42, null, undefined, {}]) expect(isLanguageCode(value)).toBe(false);
  });
});

describe('t', () => {
  it('fills placeholders', () => {
    expect(t('en', 'language.changed', { language: 'English' })).toBe('Language changed to English.');
    expect(t('fi', 'language.changed', { language: 'Suomi' })).toBe('Kieli vaihdettu: Suomi');
  });

  it('inserts values once, without expanding braces inside them', () => {
    expect(t('en', 'language.changed', { language: '{language}' })).toBe('Language changed to {language}.');
  });

  it('isolates inserted values in right-to-left languages', () => {
    expect(t('ar', 'language.changed', { language: 'Suomi' })).toBe('تم تغيير اللغة إلى \u2068Suomi\u2069.');
    expect(t('fa', 'language.changed', { language: 'English' })).toContain('\u2068English\u2069');
    expect(t('en', 'language.changed', { language: 'العربية' })).not.toContain('\u2068');
  });

  it('throws I18nError(missing_param) when a placeholder has no value', () => {
    const call = () => (t as (lang: LanguageCode, key: MessageKey, params?: object) => string)('sv', 'language.changed', {});
    expect(call).toThrow(I18nError);
    expect(call).toThrow(/\{language\}/);
    try {
      call();
    } catch (error) {
      expect(error).toMatchObject({ name: 'I18nError', reason: 'missing_param' });
    }
  });

  it('takes a key only known at run time (e.g. from the outbox)', () => {
    const key = 'language.changed' as MessageKey;
    const params: Record<string, string> | undefined = { language: 'Soomaali' };
    expect(t('so', key, params)).toBe('Luqadda waxaa loo beddelay Soomaali.');
    expect(() => t('so', key)).toThrow(I18nError);
  });

  it('checks literal keys at compile time', () => {
    // @ts-expect-error: language.changed needs { language }
    expect(() => t('en', 'language.changed')).toThrow(I18nError);
    // @ts-expect-error: wrong placeholder name
    expect(() => t('en', 'language.changed', { lang: 'x' })).toThrow(I18nError);
    // @ts-expect-error: not a key
    expect(() => t('en', 'no.such.key')).toThrow(I18nError);
  });
});

describe('municipalityName', () => {
  it('uses the Swedish names Kontiolax and Ilomants in Swedish only (GLOSSARY.md §4a)', () => {
    expect(municipalityName('kontiolahti', 'sv')).toBe('Kontiolax');
    expect(municipalityName('ilomantsi', 'sv')).toBe('Ilomants');
    expect(municipalityName('joensuu', 'sv')).toBe('Joensuu');
    expect(municipalityName('liperi', 'sv')).toBe('Liperi');
    for (const lang of SUPPORTED_LANGUAGES.filter((l) => l !== 'sv')) {
      expect(municipalityName('kontiolahti', lang)).toBe('Kontiolahti');
      expect(municipalityName('ilomantsi', lang)).toBe('Ilomantsi');
    }
  });

  it('falls back to the configured name, then the code, for a municipality not in the partner list', () => {
    expect(municipalityName('polvijarvi', 'sv', 'Polvijärvi')).toBe('Polvijärvi');
    expect(municipalityName('polvijarvi', 'en')).toBe('polvijarvi');
    expect(municipalityName('__proto__', 'sv')).toBe('__proto__');
  });
});

describe('intake texts', () => {
  it.each(SUPPORTED_LANGUAGES)('%s says "do not write your identity code" and keeps the example phone number', (lang) => {
    expect(t(lang, 'intake.privacy').length).toBeGreaterThan(0);
    expect(t(lang, 'intake.phone.placeholder')).toBe('040 123 4567');
    expect(t(lang, 'intake.error.phoneInvalid')).toContain('040 123 4567');
    expect(t(lang, 'intake.error.descriptionTooLong', { max: 500 })).toContain('500');
  });

  it('uses the glossary topic labels in fi, sv and en (GLOSSARY.md §2a)', () => {
    expect(t('fi', 'topic.kela_benefits')).toBe('Kelan etuudet');
    expect(t('sv', 'topic.kela_benefits')).toBe('FPA:s förmåner');
    expect(t('en', 'topic.registration_everyday')).toBe('Registration and everyday matters (DVV, bank, tax card)');
    expect(t('sv', 'topic.other')).toBe('Annat ärende');
  });
});
