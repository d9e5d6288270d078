import { describe, expect, it } from 'vitest';
import { contactDetails } from '../../../test/factories/contact-factory.js';
import { DEFAULT_CONTACT_LOG_FORM } from '../../domain/register/form-definition.js';
import { STAFF_LANGUAGES, staffText } from '../../i18n/staff/index.js';
import { actionsIn, visibleTexts } from '../testing/card-inspection.js';
import { expectValidCard } from '../testing/expect-valid-card.js';
import { LOG_CONTACT, REPLAY_REGISTER_FAILURES, RETIRE_FORM_OPTION } from '../verbs.js';
import { renderFormOptionsCard } from './form-options-card.js';
import { renderContactLogCard, type ContactLogCardViewModel } from './contact-log-card.js';
import { renderRegisterFailuresCard } from './register-failures-card.js';

const base = (overrides: Partial<ContactLogCardViewModel> = {}): ContactLogCardViewModel => ({
  lang: 'fi',
  bookingId: 'booking-1',
  bookedStart: new Date('2026-03-10T08:00:00Z'),
  noShow: false,
  form: DEFAULT_CONTACT_LOG_FORM,
  associations: [{ id: 'spr', name: 'SPR Liperi' }],
  values: contactDetails({ referrals: [{ kind: 'authority', code: 'kela' }, { kind: 'association', associationId: 'spr' }], outcome: '' }),
  ...overrides,
});

function input(card: object, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) found = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('the "log this contact" card', () => {
  it.each(STAFF_LANGUAGES)('is a valid card in %s, prefilled, with the booking in the save action and Helsinki time', (lang) => {
    const card = renderContactLogCard(base({ lang }));
    expectValidCard(card, lang);
    expect(visibleTexts(card.content)).toContain(staffText(lang, 'contactCard.notesHelp'));
    expect(input(card.content, 'topics')).toMatchObject({ value: 'residence_permit', isMultiSelect: true });
    expect(input(card.content, 'referrals')).toMatchObject({ value: 'authority:kela,association:spr' });
    expect(input(card.content, 'outcome')).not.toHaveProperty('value');
    expect(input(card.content, 'notes')).toMatchObject({ maxLength: 1000 });
    expect(actionsIn(card.content).filter((a) => a.verb === LOG_CONTACT).map((a) => a.data)).toEqual([
      { verb: LOG_CONTACT, bookingId: 'booking-1', channel: 'teams_meeting', startedAt: '2025-03-03T08:00:00.000Z', language: 'uk' },
    ]);
  });

  it('names the meeting by date and time, never the client, and says it for a no-show', () => {
    const texts = visibleTexts(renderContactLogCard(base({ lang: 'en', noShow: true })).content).join('\n');
    expect(texts).toContain('did not join the meeting of');
    expect(texts).toContain('10:00');
  });

  it('keeps the typed values and shows each problem after an invalid save', () => {
    const card = renderContactLogCard(base({ lang: 'sv', errors: [{ field: 'outcome', code: 'required' }, { field: 'notes', code: 'too_long' }] }));
    const texts = visibleTexts(card.content);
    expect(texts).toContain(staffText('sv', 'contactCard.error.outcome'));
    expect(texts).toContain(staffText('sv', 'contactCard.error.notes', { max: 1000 }));
    expect(input(card.content, 'notes')?.value).toBe(contactDetails().notes);
  });

  it('shows what was saved without inputs or actions, and escapes nothing into markup', () => {
    const saved = { ...contactDetails({ topics: ['housing'], outcome: 'resolved' }), id: 'c', clientId: 'x', municipalityCode: 'liperi', adviserId: 'a', bookingId: 'booking-1', formVersion: 1, revision: 1, createdAt: new Date(), updatedAt: new Date() };
    const card = renderContactLogCard(base({ lang: 'fi', saved }));
    expectValidCard(card, 'fi');
    expect(visibleTexts(card.content)).toContain(staffText('fi', 'contactCard.saved', { topics: 'Asuminen', outcome: 'Asia hoidettu' }));
    expect(input(card.content, 'topics')).toBeUndefined();
    expect(actionsIn(card.content)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('<b>');
  });
});

describe('the register failures card', () => {
  it('lists failures with "send again" each and for all, in the staff language', () => {
    const failure = { outboxId: 'o-1', sinkId: 'liperi-api', municipalityCode: 'liperi', operation: 'upsert' as const, attempts: 8, lastError: 'RegisterSinkError: upsert answered 503', queuedAt: new Date('2026-03-10T08:00:00Z') };
    const card = renderRegisterFailuresCard({ lang: 'en', failures: [failure, { ...failure, outboxId: 'o-2' }], requeued: 1 });
    expectValidCard(card, 'en');
    expect(actionsIn(card.content).map((a) => a.data)).toEqual([
      { verb: REPLAY_REGISTER_FAILURES, outboxId: 'o-1' },
      { verb: REPLAY_REGISTER_FAILURES, outboxId: 'o-2' },
      { verb: REPLAY_REGISTER_FAILURES },
    ]);
    expect(visibleTexts(renderRegisterFailuresCard({ lang: 'fi', failures: [] }).content)).toContain(staffText('fi', 'registerFailures.none'));
  });
});

describe('the form options card', () => {
  it.each(STAFF_LANGUAGES)('is a valid card in %s listing every option with Retire, retired ones without', async (lang) => {
    const { withRetiredOption } = await import('../../domain/register/form-definition.js');
    const form = withRetiredOption(DEFAULT_CONTACT_LOG_FORM, 'outcome', 'other');
    if (typeof form === 'string') throw new Error(form);
    const card = renderFormOptionsCard({ lang, form, error: 'duplicate_code', values: { field: 'services', code: 'x', fi: 'A', sv: 'B', en: 'C' } });
    expectValidCard(card, lang);
    const retires = actionsIn(card.content).filter((a) => a.verb === RETIRE_FORM_OPTION);
    const total = Object.values(form.options).reduce((n, list) => n + list.length, 0);
    expect(retires).toHaveLength(total - 1);
    expect(retires).not.toContainEqual(expect.objectContaining({ data: expect.objectContaining({ field: 'outcome', code: 'other' }) }));
    expect(visibleTexts(card.content)).toContain(staffText(lang, 'formOptions.error.duplicate_code'));
  });
});
