import type { LanguageCode } from '../../domain/staff/staff.js';
import { formatForZone } from '../../domain/booking/helsinki-time.js';
import { isRightToLeft, t } from '../../i18n/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { BOOK_SLOT, RESCHEDULE_BOOKING, RESCHEDULE_TO, SHOW_SLOTS } from '../verbs.js';
import slotCardJson from './slot-card.json' with { type: 'json' };

/** Most times one card offers: enough choice, and the card still fits a phone screen. */
export const MAX_SLOTS_ON_CARD = 6;

/**
 * Slot buttons per row. One: a formatted time with weekday, date and zone ("ti 1.12.2026 klo
 * 10.00 UTC+2") is too long to share a row on a phone. Rows of ActionSets in the body, as on the
 * welcome card, because card-level actions are capped below 6 by some hosts.
 */
const SLOT_BUTTONS_PER_ROW = 1;

/** One free time the server offers. The adviser id is an opaque key: it is sent back, never shown. */
export interface SlotOption {
  readonly start: Date;
  readonly adviserId: string;
}

/** Why the person sees the times again instead of a confirmation. */
export type SlotNotice = 'slot_taken' | 'slot_not_offered';

/** What the slot card shows. Only times and opaque ids: no name, e-mail or phone can reach it. */
export interface SlotCardViewModel {
  readonly lang: LanguageCode;
  /** The client's own IANA time zone (from the Teams client); times are shown in it. */
  readonly timeZone: string;
  /** Free times in the order to show them; only the first {@link MAX_SLOTS_ON_CARD} are used. */
  readonly slots: readonly SlotOption[];
  /** Set when the previous choice could not be booked. */
  readonly notice?: SlotNotice;
  /**
   * Reschedule mode: the times are for moving this booking (opaque id, never shown). The title
   * says "choose a new time" and each button sends {@link RESCHEDULE_TO} instead of BOOK_SLOT.
   */
  readonly rescheduleBookingId?: string;
  /**
   * "More on request": when set, a "Later times" button asks for the times after this instant
   * ({@link SHOW_SLOTS}, or {@link RESCHEDULE_BOOKING} in reschedule mode, with `data.from`).
   */
  readonly moreFrom?: Date;
}

interface TextLine {
  readonly text: string;
}

interface SlotButton {
  readonly label: string;
  readonly start: string;
  readonly adviserId: string;
}

interface MoveButton extends SlotButton {
  readonly bookingId: string;
}

interface SlotTemplateData {
  readonly lang: LanguageCode;
  readonly rtl: boolean;
  readonly title: string;
  readonly noticeLines: readonly TextLine[];
  readonly noneLines: readonly TextLine[];
  /** Per row, exactly one of `slots` (book) and `moves` (reschedule) is non-empty. */
  readonly slotRows: readonly { readonly slots: readonly SlotButton[]; readonly moves: readonly MoveButton[] }[];
  readonly bookVerb: typeof BOOK_SLOT;
  readonly rescheduleVerb: typeof RESCHEDULE_TO;
  /** 0 or 1 "Later times" button. */
  readonly moreButtons: readonly MoreButton[];
}

interface MoreButton {
  readonly label: string;
  readonly verb: typeof SHOW_SLOTS | typeof RESCHEDULE_BOOKING;
  readonly data: { readonly verb: string; readonly from: string; readonly bookingId?: string };
}

const NOTICE_KEY = {
  slot_taken: 'booking.slots.taken',
  slot_not_offered: 'booking.slots.notOffered',
} as const satisfies Record<SlotNotice, string>;

const expandSlotCard = compileCardTemplate<SlotTemplateData>('slot', slotCardJson);

/**
 * "Choose a time": one `Action.Execute` {@link BOOK_SLOT} button per free time (at most
 * {@link MAX_SLOTS_ON_CARD}), labelled with the time in the client's own zone and language and
 * carrying `data: { verb, start: ISO 8601 UTC, adviserId }`. In reschedule mode
 * (`rescheduleBookingId`): "Choose a new time", and {@link RESCHEDULE_TO} buttons with
 * `data: { verb, bookingId, start, adviserId }`. With a `notice`, a short line in
 * attention colour says why the person is choosing again. With no slots, a "no free times" line
 * and no buttons. With `moreFrom`, a last "Later times" button (more on request). Right-to-left
 * for Arabic and Dari/Farsi. Pure.
 */
export function renderSlotCard(vm: SlotCardViewModel): CardAttachment {
  const { lang, timeZone } = vm;
  const buttons: SlotButton[] = vm.slots.slice(0, MAX_SLOTS_ON_CARD).map((slot) => ({
    label: formatForZone(slot.start, timeZone, lang),
    start: slot.start.toISOString(),
    adviserId: slot.adviserId,
  }));
  const bookingId = vm.rescheduleBookingId;
  return expandSlotCard({
    lang,
    rtl: isRightToLeft(lang),
    title: t(lang, bookingId === undefined ? 'booking.slots.title' : 'booking.reschedule.title'),
    noticeLines: vm.notice === undefined ? [] : [{ text: t(lang, NOTICE_KEY[vm.notice]) }],
    noneLines: buttons.length === 0 ? [{ text: t(lang, 'booking.slots.none') }] : [],
    slotRows: chunk(buttons, SLOT_BUTTONS_PER_ROW).map((slots) =>
      bookingId === undefined ? { slots, moves: [] } : { slots: [], moves: slots.map((slot) => ({ ...slot, bookingId })) },
    ),
    bookVerb: BOOK_SLOT,
    rescheduleVerb: RESCHEDULE_TO,
    moreButtons: vm.moreFrom === undefined ? [] : [moreButton(lang, vm.moreFrom, bookingId)],
  });
}

function moreButton(lang: LanguageCode, from: Date, bookingId: string | undefined): MoreButton {
  const label = t(lang, 'booking.slots.more');
  if (bookingId === undefined) return { label, verb: SHOW_SLOTS, data: { verb: SHOW_SLOTS, from: from.toISOString() } };
  return { label, verb: RESCHEDULE_BOOKING, data: { verb: RESCHEDULE_BOOKING, bookingId, from: from.toISOString() } };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}
