import type { TabLanguage } from './i18n.js';

/** The BCP 47 locale of each staff language, for numbers and month names. */
export const LOCALES: Readonly<Record<TabLanguage, string>> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** "tammi", "Jan", … for month index 0–11 (no time zone involved: a calendar month). */
export function monthName(month: number, lang: TabLanguage, year = 2025): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month, 1)));
}

export function formatNumber(value: number, lang: TabLanguage, fractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** Euros with cents, in the staff member's locale ("1 234,50 €"). */
export function formatEuros(value: number, lang: TabLanguage): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'EUR' }).format(value);
}

/** A share in per cent with one decimal; "–" when there is nothing to divide by. */
export function percent(part: number, whole: number, lang: TabLanguage): string {
  return whole === 0 ? '–' : formatNumber((100 * part) / whole, lang, 1);
}
