import { PARTNER_MUNICIPALITIES } from '../domain/municipality.js';
import type { LanguageCode } from '../domain/staff/staff.js';

/**
 * Names a language has of its own for a municipality, keyed by municipality code. Only where one
 * exists: all partner municipalities are monolingual Finnish, and their Swedish names are the
 * 2019 recommendation (Kotus, Svenska språknämnden, Kuntaliitto), GLOSSARY.md §4a.
 *
 * Not in the catalogs on purpose: a catalog must have every key, and "Kontiolax" has no Arabic
 * counterpart. Other languages (also Russian and Ukrainian, which have transliterations) show the
 * Finnish name, because that is what clients read on letters, signs and bus stops.
 * Libelits (Liperi) is left out: it is a historical form missing from the 2019 list (unconfirmed).
 */
const OWN_NAMES: Readonly<Partial<Record<LanguageCode, Readonly<Record<string, string>>>>> = Object.freeze({
  sv: Object.freeze({ kontiolahti: 'Kontiolax', ilomantsi: 'Ilomants' }),
});

const FINNISH_NAMES: ReadonlyMap<string, string> = new Map(PARTNER_MUNICIPALITIES.map((m) => [m.code, m.name]));

/**
 * Display name of a municipality in `lang`: the language's own name if it has one (Swedish
 * Kontiolax, Ilomants), else the Finnish name. `defaultName` is the configured name of a
 * municipality that is not a partner in code (extra municipalities come from config); the code
 * itself is the last resort, so a card never shows an empty choice.
 */
export function municipalityName(code: string, lang: LanguageCode, defaultName?: string): string {
  const own = OWN_NAMES[lang];
  if (own !== undefined && Object.hasOwn(own, code)) return own[code] ?? code;
  return FINNISH_NAMES.get(code) ?? defaultName ?? code;
}
