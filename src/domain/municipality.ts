/** A municipality served by Neuvo. `code` is stable (used in ids, reports and config). */
export interface Municipality {
  readonly code: string;
  readonly name: string;
}

/**
 * The lead city and its partner municipalities (GLOSSARY §4a). Finnish names are the default;
 * Swedish recommendations (Kontiolax, Ilomants) come from i18n, not from here.
 */
export const PARTNER_MUNICIPALITIES: readonly Municipality[] = Object.freeze([
  { code: 'joensuu', name: 'Joensuu' },
  { code: 'liperi', name: 'Liperi' },
  { code: 'kontiolahti', name: 'Kontiolahti' },
  { code: 'ilomantsi', name: 'Ilomantsi' },
  { code: 'outokumpu', name: 'Outokumpu' },
]);
