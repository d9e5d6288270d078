import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES, type LanguageCode } from '../domain/staff/staff.js';
import { catalogOf, t } from '../i18n/index.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './adaptive-card.js';
import { actionsIn, visibleTexts } from './testing/card-inspection.js';
import { parseWithRenderer } from './testing/parse-adaptive-card.js';
import { SET_LANGUAGE, SHOW_HELP, START_BOOKING } from './verbs.js';
import { renderWelcomeCard } from './welcome-card.js';

interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Every Action.Submit anywhere in the card JSON, in document order. */
const submitActions = (node: unknown): SubmitAction[] => actionsIn(node).filter((a): a is SubmitAction => a.type === 'Action.Submit');

const AUDIENCES = ['client', 'staff'] as const;
const CASES = SUPPORTED_LANGUAGES.flatMap((lang) => AUDIENCES.map((audience) => [lang, audience] as const));

describe('renderWelcomeCard', () => {
  it.each(CASES)('%s/%s is a valid Adaptive Card 1.5 for the real renderer', (lang, audience) => {
    const sut = renderWelcomeCard({ lang, audience });

    expect(sut.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(sut.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5', lang });
    const verdict = parseWithRenderer(sut.content);
    expect(verdict.parseErrors).toEqual([]);
    expect(verdict.validationErrors).toEqual([]);
    expect(verdict.droppedProperties).toEqual([]);
    expect(verdict.card.version.toString()).toBe('1.5');
    expect(JSON.stringify(sut.content)).not.toContain('${');
  });

  it.each(CASES)('%s/%s offers one language button per language, labelled with its endonym', (lang, audience) => {
    const actions = submitActions(renderWelcomeCard({ lang, audience }).content.body);

    expect(actions.map((a) => a.data)).toEqual(SUPPORTED_LANGUAGES.map((code) => ({ verb: SET_LANGUAGE, lang: code })));
    expect(actions.map((a) => a.title)).toEqual(SUPPORTED_LANGUAGES.map((code) => t(code, 'language.name')));
  });

  it.each(SUPPORTED_LANGUAGES)('%s has a help button and the texts of its own language', (lang) => {
    const client = renderWelcomeCard({ lang, audience: 'client' }).content;
    const staff = renderWelcomeCard({ lang, audience: 'staff' }).content;

    expect(submitActions(client.actions)).toEqual([
      { type: 'Action.Submit', title: t(lang, 'booking.start'), style: 'positive', data: { verb: START_BOOKING } },
      { type: 'Action.Submit', title: t(lang, 'action.help'), data: { verb: SHOW_HELP } },
    ]);
    expect(submitActions(staff.actions)).toEqual([{ type: 'Action.Submit', title: t(lang, 'action.help'), data: { verb: SHOW_HELP } }]);
    const clientTexts = visibleTexts(client.body);
    const staffTexts = visibleTexts(staff.body);
    for (const key of ['welcome.title', 'welcome.subtitle', 'welcome.languagePrompt'] as const) {
      expect(clientTexts).toContain(t(lang, key));
      expect(staffTexts).toContain(t(lang, key));
    }
    expect(clientTexts).toContain(t(lang, 'welcome.body'));
    expect(clientTexts).not.toContain(t(lang, 'welcome.staffBody'));
    expect(staffTexts).toContain(t(lang, 'welcome.staffBody'));
    expect(staffTexts).not.toContain(t(lang, 'welcome.body'));
  });

  it('is right-to-left for Arabic and Dari/Farsi only', () => {
    const rtl = Object.fromEntries(
      SUPPORTED_LANGUAGES.map((lang) => [lang, renderWelcomeCard({ lang, audience: 'client' }).content.rtl]),
    );
    expect(rtl).toEqual({ fi: false, sv: false, en: false, uk: false, ru: false, ar: true, so: false, fa: true });
    expect(parseWithRenderer(renderWelcomeCard({ lang: 'ar', audience: 'client' }).content).card.rtl).toBe(true);
    expect(parseWithRenderer(renderWelcomeCard({ lang: 'fa', audience: 'staff' }).content).card.rtl).toBe(true);
  });

  it('shows only catalog texts, so no personal data can reach the card', () => {
    const catalogTexts = new Set(SUPPORTED_LANGUAGES.flatMap((lang: LanguageCode) => Object.values(catalogOf(lang))));
    for (const [lang, audience] of CASES) {
      for (const text of visibleTexts(renderWelcomeCard({ lang, audience }).content)) {
        expect(catalogTexts, `${lang}/${audience}: ${text}`).toContain(text);
      }
    }
  });

  it('is pure: the same view model gives the same card', () => {
    expect(renderWelcomeCard({ lang: 'so', audience: 'client' })).toEqual(renderWelcomeCard({ lang: 'so', audience: 'client' }));
  });
});

describe('the booking button on the welcome card', () => {
  it('is offered to clients, first, and not to staff', () => {
    const client = renderWelcomeCard({ lang: 'fi', audience: 'client' }).content as unknown as { actions: { title: string; data: { verb: string } }[] };
    expect(client.actions.map((a) => a.data.verb)).toEqual([START_BOOKING, SHOW_HELP]);
    expect(client.actions[0]!.title).toBe(t('fi', 'booking.start'));
    const staff = renderWelcomeCard({ lang: 'fi', audience: 'staff' }).content as unknown as { actions: { data: { verb: string } }[] };
    expect(staff.actions.map((a) => a.data.verb)).toEqual([SHOW_HELP]);
  });
});
