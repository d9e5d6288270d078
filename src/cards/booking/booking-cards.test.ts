import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '../../domain/staff/staff.js';
import { catalogOf, placeholdersOf, t } from '../../i18n/index.js';
import { en } from '../../i18n/en.js';
import { actionsIn, visibleTexts } from '../testing/card-inspection.js';
import { expectValidCard } from '../testing/expect-valid-card.js';
import { parseWithRenderer } from '../testing/parse-adaptive-card.js';
import { BOOK_SLOT, CANCEL_BOOKING, RESCHEDULE_BOOKING, RESCHEDULE_TO, SHOW_SLOTS, START_BOOKING } from '../verbs.js';
import { renderBookingCancelledCard } from './booking-cancelled-card.js';
import { renderBookingConfirmationCard } from './booking-confirmation-card.js';
import { MAX_SLOTS_ON_CARD, renderSlotCard, type SlotOption } from './slot-card.js';


const HELSINKI = 'Europe/Helsinki';
const START = new Date('2026-12-01T08:00:00Z');
const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';

/** `count` slots an hour apart from 08:00Z, with alternating advisers. */
function slots(count: number): SlotOption[] {
  return Array.from({ length: count }, (_, i) => ({
    start: new Date(START.getTime() + i * 3_600_000),
    adviserId: i % 2 === 0 ? 'adv-1' : 'adv-2',
  }));
}

describe('renderSlotCard', () => {
  it.each(SUPPORTED_LANGUAGES)('%s is a valid Adaptive Card 1.5, with and without a notice', (lang) => {
    expectValidCard(renderSlotCard({ lang, timeZone: HELSINKI, slots: slots(3) }), lang);
    expectValidCard(renderSlotCard({ lang, timeZone: HELSINKI, slots: slots(3), notice: 'slot_taken' }), lang);
    expectValidCard(renderSlotCard({ lang, timeZone: HELSINKI, slots: [], notice: 'slot_not_offered' }), lang);
  });

  it('gives every slot a BOOK_SLOT button with its ISO start and adviser, labelled in the client zone', () => {
    const input = slots(3);
    const actions = actionsIn(renderSlotCard({ lang: 'fi', timeZone: HELSINKI, slots: input }).content);

    expect(actions.map((a) => [a.type, a.verb, a.data])).toEqual(
      input.map((s) => [
        'Action.Execute',
        BOOK_SLOT,
        { verb: BOOK_SLOT, start: s.start.toISOString(), adviserId: s.adviserId },
      ]),
    );
    expect(actions[0]?.data?.['start']).toBe('2026-12-01T08:00:00.000Z');
    expect(actions[0]?.title).toContain('10.00');
    expect(actions[1]?.title).toContain('11.00');
  });

  it('shows the same instant in the zone it is given', () => {
    const label = (lang: 'fi' | 'sv' | 'en', timeZone: string) =>
      actionsIn(renderSlotCard({ lang, timeZone, slots: slots(1) }).content)[0]?.title;

    expect(label('fi', HELSINKI)).toMatch(/\b10\.00\b/);
    expect(label('sv', HELSINKI)).toMatch(/\b10:00\b/);
    expect(label('sv', 'Europe/Stockholm')).toMatch(/\b09:00\b/);
    expect(label('en', 'Europe/Stockholm')).toMatch(/\b09:00\b/);
    expect(label('sv', 'Europe/Stockholm')).not.toMatch(/\b10:00\b/);
  });

  it(`keeps at most ${MAX_SLOTS_ON_CARD} buttons, the first ones given`, () => {
    const input = slots(10);
    const actions = actionsIn(renderSlotCard({ lang: 'en', timeZone: HELSINKI, slots: input }).content);

    expect(MAX_SLOTS_ON_CARD).toBe(6);
    expect(actions).toHaveLength(6);
    expect(actions.map((a) => a.data?.['start'])).toEqual(input.slice(0, 6).map((s) => s.start.toISOString()));
    expectValidCard(renderSlotCard({ lang: 'en', timeZone: HELSINKI, slots: input }), 'en');
  });

  it.each(SUPPORTED_LANGUAGES)('%s with no slots says so kindly and has no buttons', (lang) => {
    const card = renderSlotCard({ lang, timeZone: HELSINKI, slots: [] }).content;

    expect(actionsIn(card)).toEqual([]);
    expect(visibleTexts(card.body)).toEqual([t(lang, 'booking.slots.title'), t(lang, 'booking.slots.none')]);
  });

  it('does not show the none line when there are slots', () => {
    const texts = visibleTexts(renderSlotCard({ lang: 'en', timeZone: HELSINKI, slots: slots(2) }).content.body);
    expect(texts).not.toContain(t('en', 'booking.slots.none'));
  });

  it.each([
    ['slot_taken', 'booking.slots.taken'],
    ['slot_not_offered', 'booking.slots.notOffered'],
  ] as const)('notice %s shows %s in attention colour under the title', (notice, key) => {
    const body = renderSlotCard({ lang: 'sv', timeZone: HELSINKI, slots: slots(2), notice }).content.body as unknown[];

    expect(body[1]).toMatchObject({ type: 'TextBlock', text: t('sv', key), color: 'Attention' });
    const withoutNotice = renderSlotCard({ lang: 'sv', timeZone: HELSINKI, slots: slots(2) }).content;
    expect(visibleTexts(withoutNotice)).not.toContain(t('sv', key));
  });

  it('shows no adviser id, only catalog texts and times', () => {
    const card = renderSlotCard({ lang: 'en', timeZone: HELSINKI, slots: slots(2), notice: 'slot_taken' }).content;
    for (const text of visibleTexts(card)) expect(text).not.toMatch(/adv-/);
  });

  it('is pure: the same view model gives the same card', () => {
    const vm = { lang: 'so', timeZone: HELSINKI, slots: slots(4) } as const;
    expect(renderSlotCard(vm)).toEqual(renderSlotCard(vm));
  });
});

describe('renderSlotCard in reschedule mode', () => {
  it.each(SUPPORTED_LANGUAGES)('%s is a valid card of RESCHEDULE_TO buttons for the booking, titled "choose a new time"', (lang) => {
    const sut = renderSlotCard({ lang, timeZone: HELSINKI, slots: slots(3), rescheduleBookingId: 'bk-9', notice: 'slot_taken' });
    expectValidCard(sut, lang);
    expect(visibleTexts(sut.content.body)).toContain(t(lang, 'booking.reschedule.title'));
    const actions = actionsIn(sut.content);
    expect(actions.filter((a) => a.verb === BOOK_SLOT)).toEqual([]);
    expect(actions.map((a) => a.data)).toEqual(
      slots(3).map((slot) => ({ verb: RESCHEDULE_TO, bookingId: 'bk-9', start: slot.start.toISOString(), adviserId: slot.adviserId })),
    );
  });

  it('a book-mode card has no reschedule buttons', () => {
    expect(actionsIn(renderSlotCard({ lang: 'fi', timeZone: HELSINKI, slots: slots(3) }).content).every((a) => a.verb === BOOK_SLOT)).toBe(true);
  });
});

describe('renderSlotCard "Later times"', () => {
  const after = new Date('2026-12-01T10:45:00.001Z');

  it.each(SUPPORTED_LANGUAGES)('%s: a last button asks for the times after the given instant', (lang) => {
    const sut = renderSlotCard({ lang, timeZone: HELSINKI, slots: slots(6), moreFrom: after });
    expectValidCard(sut, lang);
    const last = actionsIn(sut.content).at(-1);
    expect(last).toMatchObject({ type: 'Action.Execute', title: t(lang, 'booking.slots.more'), verb: SHOW_SLOTS, data: { verb: SHOW_SLOTS, from: after.toISOString() } });
  });

  it('in reschedule mode it pages the same booking', () => {
    const last = actionsIn(renderSlotCard({ lang: 'en', timeZone: HELSINKI, slots: slots(6), rescheduleBookingId: 'bk-9', moreFrom: after }).content).at(-1);
    expect(last).toMatchObject({ verb: RESCHEDULE_BOOKING, data: { verb: RESCHEDULE_BOOKING, bookingId: 'bk-9', from: after.toISOString() } });
  });

  it('is not there without moreFrom', () => {
    expect(visibleTexts(renderSlotCard({ lang: 'en', timeZone: HELSINKI, slots: slots(6) }).content)).not.toContain(t('en', 'booking.slots.more'));
  });
});

describe('renderBookingConfirmationCard', () => {
  it.each(SUPPORTED_LANGUAGES)('%s is a valid Adaptive Card 1.5 with and without a join link', (lang) => {
    expectValidCard(renderBookingConfirmationCard({ lang, timeZone: HELSINKI, bookingId: 'bk-1', start: START }), lang);
    expectValidCard(
      renderBookingConfirmationCard({ lang, timeZone: HELSINKI, bookingId: 'bk-1', start: START, joinUrl: JOIN_URL }),
      lang,
    );
  });

  it('with a join link: the time, a Join button, Change the time and Cancel buttons', () => {
    const card = renderBookingConfirmationCard({
      lang: 'fi',
      timeZone: HELSINKI,
      bookingId: 'bk-1',
      start: START,
      joinUrl: JOIN_URL,
    }).content;

    expect(actionsIn(card)).toEqual([
      { type: 'Action.OpenUrl', title: 'Liity tapaamiseen', url: JOIN_URL, style: 'positive' },
      {
        type: 'Action.Execute',
        title: 'Vaihda aika',
        verb: RESCHEDULE_BOOKING,
        data: { verb: RESCHEDULE_BOOKING, bookingId: 'bk-1' },
      },
      {
        type: 'Action.Execute',
        title: 'Peru aika',
        verb: CANCEL_BOOKING,
        data: { verb: CANCEL_BOOKING, bookingId: 'bk-1' },
      },
    ]);
    const texts = visibleTexts(card.body);
    expect(texts).toContain(t('fi', 'booking.confirmed.title'));
    expect(texts.some((text) => text.startsWith('Aika: ') && /\b10\.00\b/.test(text))).toBe(true);
    expect(texts).not.toContain(t('fi', 'booking.confirmed.linkLater'));
  });

  it('without a join link: says the link comes in this chat, and Change the time and Cancel buttons', () => {
    const card = renderBookingConfirmationCard({ lang: 'sv', timeZone: 'Europe/Stockholm', bookingId: 'bk-2', start: START })
      .content;

    expect(actionsIn(card).map((a) => [a.type, a.title, a.data])).toEqual([
      ['Action.Execute', 'Byt tid', { verb: RESCHEDULE_BOOKING, bookingId: 'bk-2' }],
      ['Action.Execute', 'Avboka tiden', { verb: CANCEL_BOOKING, bookingId: 'bk-2' }],
    ]);
    const texts = visibleTexts(card.body);
    expect(texts).toContain(t('sv', 'booking.confirmed.linkLater'));
    expect(texts.some((text) => text.startsWith('Tid: ') && /\b09:00\b/.test(text))).toBe(true);
  });

  it('uses the GLOSSARY button words in English', () => {
    const card = renderBookingConfirmationCard({
      lang: 'en',
      timeZone: HELSINKI,
      bookingId: 'bk-1',
      start: START,
      joinUrl: JOIN_URL,
    }).content;
    expect(actionsIn(card).map((a) => a.title)).toEqual(['Join the meeting', 'Change the time', 'Cancel the appointment']);
  });

  it('after a reschedule: says the appointment was moved', () => {
    const card = renderBookingConfirmationCard({ lang: 'fi', timeZone: HELSINKI, bookingId: 'bk-1', start: START, rescheduled: true }).content;
    expect(visibleTexts(card.body)).toContain(t('fi', 'booking.rescheduled.title'));
    expect(visibleTexts(card.body)).not.toContain(t('fi', 'booking.confirmed.title'));
  });

  it.each(['http://teams.microsoft.com/l/meetup-join/x', 'javascript:alert(1)', 'not a url', ''])(
    'refuses a join link that is not https: %s',
    (joinUrl) => {
      expect(() =>
        renderBookingConfirmationCard({ lang: 'en', timeZone: HELSINKI, bookingId: 'bk-1', start: START, joinUrl }),
      ).toThrow(TypeError);
    },
  );

  it('isolates the time in right-to-left languages', () => {
    const card = renderBookingConfirmationCard({ lang: 'ar', timeZone: HELSINKI, bookingId: 'bk-1', start: START }).content;
    expect(visibleTexts(card.body).some((text) => /\u2068.+\u2069/.test(text))).toBe(true);
  });
});

describe('renderBookingCancelledCard', () => {
  it.each(SUPPORTED_LANGUAGES)('%s is a valid card: the cancelled line and a Book a new time button', (lang) => {
    const sut = renderBookingCancelledCard({ lang });

    expectValidCard(sut, lang);
    expect(visibleTexts(sut.content.body)).toEqual([t(lang, 'booking.cancelled.title')]);
    expect(actionsIn(sut.content)).toEqual([
      {
        type: 'Action.Execute',
        title: t(lang, 'booking.bookNew'),
        verb: START_BOOKING,
        data: { verb: START_BOOKING },
        style: 'positive',
      },
    ]);
  });
});

describe('booking cards, all languages', () => {
  it('are right-to-left for Arabic and Dari/Farsi only', () => {
    const cards = (lang: (typeof SUPPORTED_LANGUAGES)[number]) => [
      renderSlotCard({ lang, timeZone: HELSINKI, slots: slots(2) }).content,
      renderBookingConfirmationCard({ lang, timeZone: HELSINKI, bookingId: 'bk-1', start: START }).content,
      renderBookingCancelledCard({ lang }).content,
    ];
    for (const lang of SUPPORTED_LANGUAGES) {
      const rtl = lang === 'ar' || lang === 'fa';
      for (const card of cards(lang)) {
        expect(card.rtl, lang).toBe(rtl);
        expect(parseWithRenderer(card).card.rtl, lang).toBe(rtl);
      }
    }
  });

  it('have booking texts with the English placeholders in every catalog', () => {
    const keys = (Object.keys(en) as (keyof typeof en)[]).filter((key) => key.startsWith('booking.'));
    // Other booking keys may join; these must be there.
    expect(keys).toEqual(expect.arrayContaining(['booking.cancel', 'booking.reschedule', 'booking.reschedule.title', 'booking.rescheduled.title']));
    for (const lang of SUPPORTED_LANGUAGES) {
      for (const key of keys) expect(placeholdersOf(catalogOf(lang)[key]), `${lang} ${key}`).toEqual(placeholdersOf(en[key]));
    }
    expect(placeholdersOf(en['booking.confirmed.when'])).toEqual(['time']);
  });

  it('use the GLOSSARY words for book, cancel and join in fi, sv and en', () => {
    expect([t('fi', 'booking.start'), t('sv', 'booking.start'), t('en', 'booking.start')]).toEqual([
      'Varaa aika',
      'Boka tid',
      'Book an appointment',
    ]);
    expect([t('fi', 'booking.cancel'), t('sv', 'booking.cancel'), t('en', 'booking.cancel')]).toEqual([
      'Peru aika',
      'Avboka tiden',
      'Cancel the appointment',
    ]);
    expect([t('fi', 'booking.join'), t('sv', 'booking.join'), t('en', 'booking.join')]).toEqual([
      'Liity tapaamiseen',
      'Anslut till mötet',
      'Join the meeting',
    ]);
    expect([t('fi', 'booking.reschedule'), t('sv', 'booking.reschedule'), t('en', 'booking.reschedule')]).toEqual([
      'Vaihda aika',
      'Byt tid',
      'Change the time',
    ]);
  });
});
