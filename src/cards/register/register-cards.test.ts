import { describe, expect, it } from 'vitest';
import { contactDetails } from '../../../test/factories/contact-factory.js';
import { DEFAULT_CONTACT_LOG_FORM } from '../../domain/register/form-definition.js';
import { STAFF_LANGUAGES, staffText } from '../../i18n/staff/index.js';
import { actionsIn, visibleTexts } from '../testing/card-inspection.js';
import { expectValidCard } from '../testing/expect-valid-card.js';
import { CHOOSE_CONTACT_CLIENT, FIND_CONTACT_CLIENT, LOG_CONTACT, REPLAY_REGISTER_FAILURES, RETIRE_FORM_OPTION } from '../verbs.js';
import { renderClientSearchCard, type ClientSearchCardViewModel } from './client-search-card.js';
import { renderFormOptionsCard } from './form-options-card.js';
import { renderContactLogCard, type BookingContactLogCardViewModel, type ClientContactLogCardViewModel } from './contact-log-card.js';
import { renderRegisterFailuresCard } from './register-failures-card.js';

const base = (overrides: Partial<BookingContactLogCardViewModel> = {}): BookingContactLogCardViewModel => ({
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

describe('the "log a contact" card for a client without a booking', () => {
  const clientBase = (overrides: Partial<ClientContactLogCardViewModel> = {}): ClientContactLogCardViewModel => ({
    lang: 'fi',
    clientId: 'client-1',
    clientName: 'Äyräs **Maria**',
    form: DEFAULT_CONTACT_LOG_FORM,
    associations: [],
    values: contactDetails({ channel: 'phone', startedAt: new Date('2026-03-10T08:00:00Z'), topics: [], services: [], referrals: [], outcome: '', notes: '', durationMinutes: 15 }),
    ...overrides,
  });
  const saved = { ...contactDetails({ channel: 'walk_in', topics: ['health'], outcome: 'resolved' }), id: 'c', clientId: 'client-1', municipalityCode: 'liperi', adviserId: 'a', bookingId: null, formVersion: 1, revision: 1, createdAt: new Date(), updatedAt: new Date() };

  it.each(STAFF_LANGUAGES)('is a valid card in %s that names the client, asks the channel (phone first) and saves with the client id', (lang) => {
    const card = renderContactLogCard(clientBase({ lang }));
    expectValidCard(card, lang);
    expect(visibleTexts(card.content)).toContain(staffText(lang, 'contactCard.client.intro', { name: 'Äyräs **Maria**' }));
    const channel = input(card.content, 'channel');
    expect(channel).toMatchObject({ value: 'phone', isRequired: true, label: staffText(lang, 'contactCard.channel') });
    expect((channel?.choices as { value: string }[]).map((c) => c.value)).toEqual(['teams_meeting', 'phone', 'walk_in', 'email', 'chat']);
    expect(input(card.content, 'topics')).not.toHaveProperty('value');
    // The channel comes from the input: the save data carries the client id, no booking, no channel.
    expect(actionsIn(card.content).filter((a) => a.verb === LOG_CONTACT).map((a) => a.data)).toEqual([
      { verb: LOG_CONTACT, clientId: 'client-1', startedAt: '2026-03-10T08:00:00.000Z', language: 'uk' },
    ]);
  });

  it('leaves the booking card without a channel input', () => {
    expect(input(renderContactLogCard(base()).content, 'channel')).toBeUndefined();
  });

  it('after the save shows the name and the channel only, no inputs, no actions, nothing of what was handled', () => {
    const card = renderContactLogCard(clientBase({ lang: 'en', saved }));
    expectValidCard(card, 'en');
    const texts = visibleTexts(card.content);
    expect(texts).toContain(staffText('en', 'contactCard.client.saved', { name: 'Äyräs **Maria**', channel: 'Walk-in visit' }));
    expect(actionsIn(card.content)).toEqual([]);
    expect(input(card.content, 'channel')).toBeUndefined();
    expect(JSON.stringify(card)).not.toContain('Health');
    expect(JSON.stringify(card)).not.toContain(saved.notes);
  });

  it('says when the client is gone, and names a missing channel', () => {
    expect(visibleTexts(renderContactLogCard(clientBase({ lang: 'sv', gone: true })).content)).toContain(staffText('sv', 'contactCard.client.gone'));
    expect(visibleTexts(renderContactLogCard(clientBase({ lang: 'sv', errors: [{ field: 'channel', code: 'required' }] })).content)).toContain(staffText('sv', 'contactCard.error.channel'));
  });
});

describe('the client search card', () => {
  const vm = (overrides: Partial<ClientSearchCardViewModel> = {}): ClientSearchCardViewModel => ({ lang: 'fi', query: '', minLength: 2, maxLength: 60, limit: 5, ...overrides });
  const results = [
    { clientId: 'c-1', displayName: 'Aino *Virtanen*', municipalityName: 'Liperi' },
    { clientId: 'c-2', displayName: 'Olena Virta', municipalityName: 'Kontiolahti' },
  ];

  it.each(STAFF_LANGUAGES)('is a valid card in %s: an empty search box and a search button', (lang) => {
    const card = renderClientSearchCard(vm({ lang }));
    expectValidCard(card, lang);
    expect(input(card.content, 'clientSearch')).toMatchObject({ maxLength: 60, label: staffText(lang, 'clientContact.searchLabel') });
    expect(input(card.content, 'clientSearch')).not.toHaveProperty('value');
    expect(actionsIn(card.content).map((a) => a.data)).toEqual([{ verb: FIND_CONTACT_CLIENT }]);
  });

  it.each(STAFF_LANGUAGES)('lists results in %s with name, municipality and a "Log contact" button each, the names as plain text runs', (lang) => {
    const card = renderClientSearchCard(vm({ lang, query: 'virta', results }));
    expectValidCard(card, lang);
    expect(input(card.content, 'clientSearch')).toMatchObject({ value: 'virta' });
    const texts = visibleTexts(card.content);
    expect(texts).toEqual(expect.arrayContaining(['Aino *Virtanen*', 'Olena Virta', staffText(lang, 'clientContact.municipality', { municipality: 'Kontiolahti' }), staffText(lang, 'clientContact.results', { max: 5 })]));
    const chooses = actionsIn(card.content).filter((a) => a.verb === CHOOSE_CONTACT_CLIENT);
    expect(chooses.map((a) => [a.title, a.data])).toEqual([
      [staffText(lang, 'clientContact.choose'), { verb: CHOOSE_CONTACT_CLIENT, clientId: 'c-1' }],
      [staffText(lang, 'clientContact.choose'), { verb: CHOOSE_CONTACT_CLIENT, clientId: 'c-2' }],
    ]);
    expect(JSON.stringify(card.content)).toContain('"associatedInputs":"none"');
  });

  it('says when nothing matched, and when the text is too short or too long', () => {
    expect(visibleTexts(renderClientSearchCard(vm({ lang: 'en', query: 'zz', results: [] })).content)).toContain(staffText('en', 'clientContact.none'));
    expect(visibleTexts(renderClientSearchCard(vm({ lang: 'sv', query: 'a', error: 'too_short' })).content)).toContain(staffText('sv', 'clientContact.error.tooShort'));
    expect(visibleTexts(renderClientSearchCard(vm({ lang: 'fi', error: 'too_long' })).content)).toContain(staffText('fi', 'clientContact.error.tooLong', { max: 60 }));
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
