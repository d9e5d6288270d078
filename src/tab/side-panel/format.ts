import type { PanelLanguage } from './i18n.js';

/** Guidance happens in Finland: times are shown in Finnish time, whatever the device says. */
const ZONE = 'Europe/Helsinki';
const LOCALES: Readonly<Record<PanelLanguage, string>> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function formatDate(iso: string, lang: PanelLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric' }).format(new Date(iso));
}

export function formatTime(iso: string, lang: PanelLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A language code in the adviser's language ("uk" → "ukraina" in Finnish); the code if unknown. */
export function languageName(code: string, lang: PanelLanguage): string {
  try {
    return new Intl.DisplayNames([LOCALES[lang]], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
