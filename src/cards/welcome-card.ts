import type { LanguageCode } from '../domain/staff/staff.js';
import { isRightToLeft, SUPPORTED_LOCALES, t } from '../i18n/index.js';
import { compileCardTemplate, type CardAttachment } from './adaptive-card.js';
import { SET_LANGUAGE, SHOW_HELP, START_BOOKING } from './verbs.js';
import welcomeCardJson from './welcome-card.json' with { type: 'json' };

/**
 * What the welcome card shows. Deliberately no name, id or other personal data: the card is
 * sent before we know who the person is, and it stays in the chat history.
 */
export interface WelcomeCardViewModel {
  /** Language of the card's texts (resolved Teams locale or the saved choice). */
  readonly lang: LanguageCode;
  /** Staff (from our database, never from the card) get a different body text. */
  readonly audience: 'client' | 'staff';
}

/**
 * Language buttons per row. Card-level actions are capped (Teams shows about 6, the reference
 * renderer's host config 5) and we have 8 languages, so the picker is rows of ActionSets in the
 * body. Two per row keeps long endonyms ("Українська", "دری / فارسی") readable on a phone.
 */
const LANGUAGE_BUTTONS_PER_ROW = 2;

interface LanguageOption {
  readonly lang: LanguageCode;
  readonly endonym: string;
}

/** The JSON template's `$root`; its fields match the `${…}` names in welcome-card.json. */
interface WelcomeTemplateData {
  readonly lang: LanguageCode;
  readonly rtl: boolean;
  readonly title: string;
  readonly subtitle: string;
  readonly body: string;
  readonly languagePrompt: string;
  readonly languageRows: readonly { readonly options: readonly LanguageOption[] }[];
  readonly setLanguageVerb: typeof SET_LANGUAGE;
  readonly helpLabel: string;
  readonly helpVerb: typeof SHOW_HELP;
  /** "Book an appointment" for clients; empty for staff (they book for a client elsewhere). */
  readonly bookActions: readonly { readonly label: string; readonly verb: typeof START_BOOKING }[];
}

const expandWelcomeCard = compileCardTemplate<WelcomeTemplateData>('welcome', welcomeCardJson);

/** Languages in picker order, split into rows; the same for every card, so computed once. */
const LANGUAGE_ROWS: WelcomeTemplateData['languageRows'] = chunk(
  SUPPORTED_LOCALES.map(({ lang, endonym }) => ({ lang, endonym })),
  LANGUAGE_BUTTONS_PER_ROW,
).map((options) => ({ options }));

/**
 * The first card a person sees: who we are, what they can do here, and a language picker with
 * one `Action.Submit` per language (`data: { verb: SET_LANGUAGE, lang }`, label = the endonym,
 * so everyone can find their own language whatever language the card is in) plus a help button.
 * Arabic and Dari/Farsi cards are right-to-left (`rtl: true`). Pure: same input, same card.
 */
export function renderWelcomeCard(vm: WelcomeCardViewModel): CardAttachment {
  const { lang, audience } = vm;
  return expandWelcomeCard({
    lang,
    rtl: isRightToLeft(lang),
    title: t(lang, 'welcome.title'),
    subtitle: t(lang, 'welcome.subtitle'),
    body: t(lang, audience === 'staff' ? 'welcome.staffBody' : 'welcome.body'),
    languagePrompt: t(lang, 'welcome.languagePrompt'),
    languageRows: LANGUAGE_ROWS,
    setLanguageVerb: SET_LANGUAGE,
    helpLabel: t(lang, 'action.help'),
    helpVerb: SHOW_HELP,
    bookActions: audience === 'client' ? [{ label: t(lang, 'booking.start'), verb: START_BOOKING }] : [],
  });
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}
