import { describe, expect, it } from 'vitest';
import { TOPIC_CODES } from '../../domain/intake/topics.js';
import { PARTNER_MUNICIPALITIES, type Municipality } from '../../domain/municipality.js';
import { SUPPORTED_LANGUAGES, type LanguageCode } from '../../domain/staff/staff.js';
import { t } from '../../i18n/index.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../adaptive-card.js';
import { parseWithRenderer } from '../testing/parse-adaptive-card.js';
import { INTAKE_SUBMIT, SHOW_SLOTS } from '../verbs.js';
import { renderIntakeCard } from './intake-card.js';
import { INTAKE_FIELD_IDS, parseIntakeSubmission } from './intake-submission.js';
import { renderIntakeSummaryCard } from './intake-summary-card.js';

type Node = Readonly<Record<string, unknown>>;

/** Every object in the card JSON, depth first, in document order. */
function nodes(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(nodes);
  if (typeof node !== 'object' || node === null) return [];
  return [node as Node, ...Object.values(node).flatMap(nodes)];
}

const inputs = (card: object) => nodes(card).filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'));
const inputById = (card: object, id: string) => inputs(card).find((n) => n.id === id);
const textBlocks = (card: object) => nodes(card).filter((n) => n.type === 'TextBlock');

/** The body element right after the input with `id` (where its error belongs). */
function elementAfter(card: object, id: string): Node | undefined {
  const body = (card as { body?: unknown }).body as Node[];
  const index = body.findIndex((n) => n.id === id);
  return body[index + 1];
}

function expectValidCard(content: object): void {
  const verdict = parseWithRenderer(content);
  expect(verdict.parseErrors).toEqual([]);
  expect(verdict.validationErrors).toEqual([]);
  expect(verdict.droppedProperties).toEqual([]);
  expect(JSON.stringify(content)).not.toContain('${');
}

const MUNICIPALITIES: readonly Municipality[] = [...PARTNER_MUNICIPALITIES, { code: 'polvijarvi', name: 'Polvijärvi' }];

describe('renderIntakeCard', () => {
  it.each(SUPPORTED_LANGUAGES)('%s is a valid Adaptive Card 1.5 for the real renderer', (lang) => {
    const sut = renderIntakeCard({ lang, municipalities: MUNICIPALITIES });

    expect(sut.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(sut.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5', lang });
    expectValidCard(sut.content);
  });

  it.each(SUPPORTED_LANGUAGES)('%s with every error and refilled values is still a valid card', (lang) => {
    const failed = parseIntakeSubmission(
      { verb: INTAKE_SUBMIT, name: '', municipality: 'x', language: 'xx', interpreterNeeded: 'true', topics: '', description: 'd'.repeat(600), email: 'x', phone: 'x', extra: 1 },
      { municipalityCodes: MUNICIPALITIES.map((m) => m.code) },
    );
    if (failed.ok) throw new Error('expected a failure');
    expectValidCard(renderIntakeCard({ lang, municipalities: MUNICIPALITIES, values: failed.values, errors: failed.errors }).content);
  });

  it('has one input per schema field, with the schema ids', () => {
    const card = renderIntakeCard({ lang: 'en', municipalities: MUNICIPALITIES }).content;
    expect(inputs(card).map((n) => n.id)).toEqual([...INTAKE_FIELD_IDS]);
  });

  it('marks the required inputs with a localized client-side message', () => {
    const card = renderIntakeCard({ lang: 'fi', municipalities: MUNICIPALITIES }).content;
    const required = inputs(card).filter((n) => n.isRequired === true);
    expect(required.map((n) => [n.id, n.errorMessage])).toEqual([
      ['name', t('fi', 'intake.error.nameRequired')],
      ['municipality', t('fi', 'intake.error.municipalityRequired')],
      ['language', t('fi', 'intake.error.languageRequired')],
      ['topics', t('fi', 'intake.error.topicsRequired')],
    ]);
    for (const input of inputs(card)) expect(input.label, String(input.id)).toBeTruthy();
  });

  it('submits with Action.Execute and the intake verb', () => {
    const card = renderIntakeCard({ lang: 'so', municipalities: MUNICIPALITIES }).content;
    expect(card.actions).toEqual([
      { type: 'Action.Execute', title: t('so', 'intake.submit'), verb: INTAKE_SUBMIT, data: { verb: INTAKE_SUBMIT }, style: 'positive' },
    ]);
  });

  it('toggles submit the strings the schema expects (the renderer defaults "true" / "false")', () => {
    const content = renderIntakeCard({ lang: 'en', municipalities: MUNICIPALITIES }).content;
    const parsed = parseWithRenderer(content).card;
    for (const id of ['interpreterNeeded', 'contactTeams', 'consentShare']) {
      expect(inputById(content, id)).toMatchObject({ type: 'Input.Toggle', value: 'false' });
      expect(parsed.getElementById(id)).toMatchObject({ valueOn: 'true', valueOff: 'false' });
    }
  });

  it('leaves empty values out instead of sending value: ""', () => {
    const card = renderIntakeCard({ lang: 'en', municipalities: MUNICIPALITIES }).content;
    expect(inputs(card).filter((n) => 'value' in n).map((n) => n.id)).toEqual(['language', 'interpreterNeeded', 'contactTeams', 'consentShare']);
  });

  it('shows the topics from the glossary, multi-select, and languages by their own names', () => {
    const card = renderIntakeCard({ lang: 'sv', municipalities: MUNICIPALITIES }).content;
    expect(inputById(card, 'topics')).toMatchObject({ isMultiSelect: true, style: 'expanded' });
    expect(inputById(card, 'topics')?.choices).toEqual(TOPIC_CODES.map((code) => ({ title: t('sv', `topic.${code}`), value: code })));
    expect((inputById(card, 'topics')?.choices as Node[])[4]).toEqual({ title: 'FPA:s förmåner', value: 'kela_benefits' });
    expect(inputById(card, 'language')?.choices).toEqual(
      SUPPORTED_LANGUAGES.map((code) => ({ title: t(code, 'language.name'), value: code })),
    );
    // The card's language is the default answer.
    expect(inputById(card, 'language')?.value).toBe('sv');
  });

  it('names municipalities in Finnish, in Swedish where they have a Swedish name (GLOSSARY §4a)', () => {
    const names = (lang: LanguageCode) =>
      (inputById(renderIntakeCard({ lang, municipalities: MUNICIPALITIES }).content, 'municipality')?.choices as Node[]).map((c) => c.title);
    expect(names('fi')).toEqual(['Joensuu', 'Liperi', 'Kontiolahti', 'Ilomantsi', 'Outokumpu', 'Polvijärvi']);
    expect(names('sv')).toEqual(['Joensuu', 'Liperi', 'Kontiolax', 'Ilomants', 'Outokumpu', 'Polvijärvi']);
    expect(names('ar')).toEqual(names('fi'));
  });

  it('refills submitted values and shows each server error right under its field', () => {
    const values = {
      name: 'Amina ',
      municipality: 'liperi',
      language: 'ar',
      interpreterNeeded: 'true',
      interpreterLanguage: 'Tigrinya',
      topics: 'housing,health',
      description: 'Line one\nLine two',
      contactTeams: 'true',
      email: 'amina@',
      phone: '040 123 4567',
      consentShare: 'true',
    };
    const errors = { name: 'intake.error.identityCodeNotAllowed', email: 'intake.error.emailInvalid', form: 'intake.error.unknownField' } as const;
    const card = renderIntakeCard({ lang: 'en', municipalities: MUNICIPALITIES, values, errors }).content;

    for (const [id, value] of Object.entries(values)) expect(inputById(card, id)?.value, id).toBe(value);
    expect(elementAfter(card, 'name')).toMatchObject({ type: 'TextBlock', color: 'Attention', text: t('en', 'intake.error.identityCodeNotAllowed') });
    expect(elementAfter(card, 'email')).toMatchObject({ type: 'TextBlock', color: 'Attention', text: t('en', 'intake.error.emailInvalid') });
    expect(elementAfter(card, 'phone')).not.toMatchObject({ color: 'Attention' });
    const attention = textBlocks(card).filter((n) => n.color === 'Attention').map((n) => n.text);
    expect(attention).toEqual([
      t('en', 'intake.error.summary'),
      t('en', 'intake.error.identityCodeNotAllowed'),
      t('en', 'intake.error.emailInvalid'),
      t('en', 'intake.error.unknownField'),
    ]);
  });

  it('fills {max} into the too-long message', () => {
    const card = renderIntakeCard({ lang: 'fi', municipalities: MUNICIPALITIES, errors: { description: 'intake.error.descriptionTooLong' } }).content;
    expect(elementAfter(card, 'description')?.text).toBe('Teksti on liian pitkä. Voit kirjoittaa enintään 500 merkkiä.');
  });

  it('shows no error blocks on a fresh card, and the privacy line', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const card = renderIntakeCard({ lang, municipalities: MUNICIPALITIES }).content;
      expect(textBlocks(card).filter((n) => n.color === 'Attention')).toEqual([]);
      expect(textBlocks(card).map((n) => n.text)).toContain(t(lang, 'intake.privacy'));
    }
  });

  it('keeps template syntax typed by a person as plain text', () => {
    const card = renderIntakeCard({ lang: 'en', municipalities: MUNICIPALITIES, values: { name: '${title}', description: '@{x} ${$root}' } }).content;
    expect(inputById(card, 'name')?.value).toBe('${title}');
    expect(inputById(card, 'description')?.value).toBe('@{x} ${$root}');
  });

  it('is right-to-left for Arabic and Dari/Farsi only', () => {
    const rtl = Object.fromEntries(SUPPORTED_LANGUAGES.map((lang) => [lang, renderIntakeCard({ lang, municipalities: MUNICIPALITIES }).content.rtl]));
    expect(rtl).toEqual({ fi: false, sv: false, en: false, uk: false, ru: false, ar: true, so: false, fa: true });
    expect(parseWithRenderer(renderIntakeCard({ lang: 'ar', municipalities: MUNICIPALITIES }).content).card.rtl).toBe(true);
    expect(parseWithRenderer(renderIntakeCard({ lang: 'fa', municipalities: MUNICIPALITIES }).content).card.rtl).toBe(true);
  });

  it('is pure: the same view model gives the same card', () => {
    expect(renderIntakeCard({ lang: 'uk', municipalities: MUNICIPALITIES })).toEqual(renderIntakeCard({ lang: 'uk', municipalities: MUNICIPALITIES }));
  });

  describe('on the public booking page (channel web)', () => {
    it.each(SUPPORTED_LANGUAGES)('%s is a valid card without the Teams toggle and with a required e-mail', (lang) => {
      const card = renderIntakeCard({ lang, municipalities: MUNICIPALITIES, channel: 'web' }).content;
      expectValidCard(card);
      expect(inputById(card, 'contactTeams')).toBeUndefined();
      expect(inputById(card, 'email')).toMatchObject({ isRequired: true, label: t(lang, 'intake.email.requiredLabel'), errorMessage: t(lang, 'intake.error.emailRequired') });
      expect(textBlocks(card).map((b) => b.text)).toContain(t(lang, 'intake.contact.headingWeb'));
    });

    it('keeps one e-mail input, optional, in Teams', () => {
      const card = renderIntakeCard({ lang: 'fi', municipalities: MUNICIPALITIES }).content;
      expect(inputs(card).filter((n) => n.id === 'email')).toEqual([expect.not.objectContaining({ isRequired: true })]);
      expect(inputById(card, 'contactTeams')).toBeDefined();
    });

    it('refills the e-mail and shows the "required" error under it after a submit without one', () => {
      const failed = parseIntakeSubmission(
        { verb: INTAKE_SUBMIT, name: 'Amina', municipality: 'liperi', language: 'so', topics: 'housing', email: '' },
        { municipalityCodes: MUNICIPALITIES.map((m) => m.code), requireEmail: true },
      );
      if (failed.ok) throw new Error('expected a failure');
      expect(failed.errors).toEqual({ email: 'intake.error.emailRequired' });
      const card = renderIntakeCard({ lang: 'so', municipalities: MUNICIPALITIES, channel: 'web', values: failed.values, errors: failed.errors }).content;
      expect(elementAfter(card, 'email')).toMatchObject({ type: 'TextBlock', text: t('so', 'intake.error.emailRequired') });
      expect(inputById(card, 'name')).toMatchObject({ value: 'Amina' });
    });

    it('accepts the same submit with an address, and without one in Teams', () => {
      const data = { verb: INTAKE_SUBMIT, name: 'Amina', municipality: 'liperi', language: 'so', topics: 'housing' };
      const codes = MUNICIPALITIES.map((m) => m.code);
      expect(parseIntakeSubmission({ ...data, email: 'amina@example.test' }, { municipalityCodes: codes, requireEmail: true }).ok).toBe(true);
      expect(parseIntakeSubmission(data, { municipalityCodes: codes }).ok).toBe(true);
    });
  });
});

describe('renderIntakeSummaryCard', () => {
  it.each(SUPPORTED_LANGUAGES)('%s is a valid card with thanks, topics and the next step', (lang) => {
    const sut = renderIntakeSummaryCard({ lang, topics: ['kela_benefits', 'housing'], municipality: PARTNER_MUNICIPALITIES[2] });

    expectValidCard(sut.content);
    expect(sut.content).toMatchObject({ version: '1.5', lang, rtl: lang === 'ar' || lang === 'fa' });
    const texts = textBlocks(sut.content).map((n) => n.text);
    expect(texts[0]).toBe(t(lang, 'intake.summary.title'));
    expect(texts).toContain(`• ${t(lang, 'topic.housing')}`);
    expect(texts).toContain(`• ${t(lang, 'topic.kela_benefits')}`);
    expect(texts.indexOf(`• ${t(lang, 'topic.housing')}`)).toBeLessThan(texts.indexOf(`• ${t(lang, 'topic.kela_benefits')}`));
    expect(texts).toContain(t(lang, 'intake.summary.nextStep'));
    expect(sut.content.actions).toEqual([
      { type: 'Action.Execute', title: t(lang, 'intake.summary.book'), verb: SHOW_SLOTS, data: { verb: SHOW_SLOTS }, style: 'positive' },
    ]);
  });

  it('names the municipality in the card language, and leaves it out when not given', () => {
    const withMunicipality = textBlocks(renderIntakeSummaryCard({ lang: 'sv', topics: ['other'], municipality: PARTNER_MUNICIPALITIES[3] }).content);
    expect(withMunicipality.map((n) => n.text)).toContain('Kommun: Ilomants');
    const without = textBlocks(renderIntakeSummaryCard({ lang: 'sv', topics: ['other'] }).content).map((n) => n.text);
    expect(without.some((text) => String(text).startsWith('Kommun'))).toBe(false);
  });

  it('contains none of the personal values from the intake', () => {
    const data = {
      verb: INTAKE_SUBMIT,
      name: 'Zainab Qwertyuiop',
      municipality: 'outokumpu',
      language: 'fa',
      interpreterNeeded: 'true',
      interpreterLanguage: 'Pashto',
      topics: 'health,family_children',
      description: 'Secret medical detail xyzzy',
      contactTeams: 'true',
      email: 'zainab.qwerty@example.com',
      phone: '+358 40 7654321',
      consentShare: 'true',
    };
    const result = parseIntakeSubmission(data, { municipalityCodes: PARTNER_MUNICIPALITIES.map((m) => m.code) });
    if (!result.ok) throw new Error(`expected a valid intake: ${JSON.stringify(result.errors)}`);

    for (const lang of SUPPORTED_LANGUAGES) {
      const json = JSON.stringify(renderIntakeSummaryCard({ lang, topics: result.intake.topics, municipality: PARTNER_MUNICIPALITIES[4] }).content);
      for (const personal of ['Zainab', 'Qwertyuiop', 'Pashto', 'xyzzy', 'zainab.qwerty', 'example.com', '7654321']) {
        expect(json, `${lang}: ${personal}`).not.toContain(personal);
      }
    }
  });
});
