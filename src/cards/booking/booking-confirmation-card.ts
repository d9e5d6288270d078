import type { LanguageCode } from '../../domain/staff/staff.js';
import { formatForZone } from '../../domain/booking/helsinki-time.js';
import { isRightToLeft, t } from '../../i18n/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { CANCEL_BOOKING, RESCHEDULE_BOOKING } from '../verbs.js';
import bookingConfirmationCardJson from './booking-confirmation-card.json' with { type: 'json' };

/** What the confirmation shows. Only the time, an opaque booking id and the meeting link: no personal data. */
export interface BookingConfirmationCardViewModel {
  readonly lang: LanguageCode;
  /** The client's own IANA time zone; the time is shown in it. */
  readonly timeZone: string;
  /** Opaque key sent back by the cancel button; never shown. */
  readonly bookingId: string;
  readonly start: Date;
  /** The Teams meeting join URL (https), once the meeting exists. */
  readonly joinUrl?: string;
  /** True right after "Change the time": the title says the appointment was moved. */
  readonly rescheduled?: boolean;
  /** True when sent because the meeting link is now ready: the title says so. */
  readonly linkReady?: boolean;
  /** How the join link reaches a client who has none yet: this Teams chat (default) or e-mail (public page). */
  readonly linkVia?: 'chat' | 'email';
}

interface TextLine {
  readonly text: string;
}

interface ConfirmationTemplateData {
  readonly lang: LanguageCode;
  readonly rtl: boolean;
  readonly title: string;
  readonly when: string;
  readonly linkLaterLines: readonly TextLine[];
  readonly joinLinks: readonly { readonly title: string; readonly url: string }[];
  readonly cancelLabel: string;
  readonly cancelVerb: typeof CANCEL_BOOKING;
  readonly rescheduleLabel: string;
  readonly rescheduleVerb: typeof RESCHEDULE_BOOKING;
  readonly bookingId: string;
}

const expandConfirmationCard = compileCardTemplate<ConfirmationTemplateData>(
  'booking-confirmation',
  bookingConfirmationCardJson,
);

/**
 * "Your appointment is booked": the time in the client's own zone and language; an
 * `Action.OpenUrl` "Join the meeting" when `joinUrl` is known, otherwise a line that the link
 * will come in this chat; an `Action.Execute` {@link RESCHEDULE_BOOKING} "Change the time" and an
 * `Action.Execute` {@link CANCEL_BOOKING} button, both with `data: { verb, bookingId }`. Right-to-left for Arabic and Dari/Farsi. Pure.
 *
 * Throws `TypeError` when `joinUrl` is not an absolute https URL: the link comes from our meeting
 * adapter, so anything else is a bug, and a card must never open an arbitrary scheme.
 */
export function renderBookingConfirmationCard(vm: BookingConfirmationCardViewModel): CardAttachment {
  const { lang, joinUrl } = vm;
  if (joinUrl !== undefined) assertHttpsUrl(joinUrl);
  return expandConfirmationCard({
    lang,
    rtl: isRightToLeft(lang),
    title: t(lang, vm.linkReady === true ? 'booking.linkReady.title' : vm.rescheduled === true ? 'booking.rescheduled.title' : 'booking.confirmed.title'),
    when: t(lang, 'booking.confirmed.when', { time: formatForZone(vm.start, vm.timeZone, lang) }),
    linkLaterLines: joinUrl === undefined ? [{ text: t(lang, vm.linkVia === 'email' ? 'booking.confirmed.linkByEmail' : 'booking.confirmed.linkLater') }] : [],
    joinLinks: joinUrl === undefined ? [] : [{ title: t(lang, 'booking.join'), url: joinUrl }],
    cancelLabel: t(lang, 'booking.cancel'),
    cancelVerb: CANCEL_BOOKING,
    rescheduleLabel: t(lang, 'booking.reschedule'),
    rescheduleVerb: RESCHEDULE_BOOKING,
    bookingId: vm.bookingId,
  });
}

function assertHttpsUrl(value: string): void {
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'https:') {
    throw new TypeError('Booking confirmation card: joinUrl must be an absolute https URL (a Teams meeting join link).');
  }
}
