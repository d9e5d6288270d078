import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { withoutEmptyInputValues } from '../adviser/staff-format.js';
import { CHOOSE_CONTACT_CLIENT, FIND_CONTACT_CLIENT } from '../verbs.js';
import clientSearchCardJson from './client-search-card.json' with { type: 'json' };

/** A client in the results: the name and municipality only (nothing else identifies them here). */
export interface ClientSearchResult {
  readonly clientId: string;
  readonly displayName: string;
  readonly municipalityName: string;
}

export interface ClientSearchCardViewModel {
  readonly lang: StaffLanguage;
  /** What the adviser typed, kept in the box; '' before the first search. */
  readonly query: string;
  /** Undefined before a search; empty when nothing matched. */
  readonly results?: readonly ClientSearchResult[];
  readonly error?: 'too_short' | 'too_long';
  /** Shortest and longest search the server accepts, and how many results it shows. */
  readonly minLength: number;
  readonly maxLength: number;
  readonly limit: number;
}

const expand = compileCardTemplate<Record<string, unknown>>('client-search', clientSearchCardJson);

/**
 * The adviser's "log a contact" card for a phone call, walk-in, e-mail or chat: a name search
 * ({@link FIND_CONTACT_CLIENT}, Action.Execute, so the results replace the card in place) and a
 * "Log contact" button per client ({@link CHOOSE_CONTACT_CLIENT}). Names go in TextRuns, which
 * Teams never reads as markdown. Pure.
 */
export function renderClientSearchCard(vm: ClientSearchCardViewModel): CardAttachment {
  const { lang } = vm;
  const errorLines =
    vm.error === 'too_short'
      ? [{ text: staffText(lang, 'clientContact.error.tooShort') }]
      : vm.error === 'too_long'
        ? [{ text: staffText(lang, 'clientContact.error.tooLong', { max: vm.maxLength }) }]
        : [];
  const results = vm.results ?? [];
  const infoLines =
    vm.results === undefined ? [] : results.length === 0 ? [{ text: staffText(lang, 'clientContact.none') }] : [{ text: staffText(lang, 'clientContact.results', { max: vm.limit }) }];
  return withoutEmptyInputValues(
    expand({
      lang,
      title: staffText(lang, 'clientContact.title'),
      intro: staffText(lang, 'clientContact.intro'),
      searchLabel: staffText(lang, 'clientContact.searchLabel'),
      searchMax: vm.maxLength,
      tooShort: staffText(lang, 'clientContact.error.tooShort'),
      searchValue: vm.query,
      searchButton: staffText(lang, 'clientContact.search'),
      searchVerb: FIND_CONTACT_CLIENT,
      errorLines,
      infoLines,
      results: results.map((r) => ({
        name: r.displayName,
        municipality: staffText(lang, 'clientContact.municipality', { municipality: r.municipalityName }),
        chooseLabel: staffText(lang, 'clientContact.choose'),
        chooseVerb: CHOOSE_CONTACT_CLIENT,
        clientId: r.clientId,
      })),
    }),
  );
}
