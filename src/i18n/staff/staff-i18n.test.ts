import { describe, expect, it } from 'vitest';
import { I18nError, placeholdersOf } from '../index.js';
import { staffEn, type StaffMessageKey } from './en.js';
import { STAFF_LANGUAGES, staffCatalogOf, staffLanguage, staffText } from './index.js';

describe('staff catalogs', () => {
  it.each(STAFF_LANGUAGES)('%s has every key, non-empty, with the English placeholders', (lang) => {
    const catalog = staffCatalogOf(lang);
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(staffEn).sort());
    for (const key of Object.keys(staffEn) as StaffMessageKey[]) {
      expect(catalog[key].trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholdersOf(catalog[key]), `${lang} ${key}`).toEqual(placeholdersOf(staffEn[key]));
    }
  });

  it('use the GLOSSARY terms for join and guidance in fi, sv and en', () => {
    expect(STAFF_LANGUAGES.map((lang) => staffText(lang, 'myDay.join'))).toEqual(['Liity tapaamiseen', 'Anslut till mötet', 'Join the meeting']);
    expect(STAFF_LANGUAGES.map((lang) => staffText(lang, 'service.guidance'))).toEqual(['Ohjaus ja neuvonta', 'Vägledning och rådgivning', 'Guidance and counselling']);
    expect(STAFF_LANGUAGES.map((lang) => staffText(lang, 'role.coordinator'))).toEqual(['koordinaattorit', 'koordinatorer', 'coordinators']);
  });
});

describe('staffText', () => {
  it('uses fi, sv and en as they are and English for any other language', () => {
    expect(['fi', 'sv', 'en', 'ar', 'uk', 'xx', undefined].map(staffLanguage)).toEqual(['fi', 'sv', 'en', 'en', 'en', 'en', 'en']);
    expect(staffText('ru', 'myDay.empty')).toBe(staffEn['myDay.empty']);
    expect(staffText('sv', 'myDay.title', { date: 'ti 14.4.2026' })).toBe('Min dag: ti 14.4.2026');
  });

  it('throws I18nError on a missing placeholder value', () => {
    const key = 'myDay.title' as StaffMessageKey;
    expect(() => staffText('fi', key)).toThrow(I18nError);
  });
});
