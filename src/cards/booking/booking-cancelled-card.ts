import type { LanguageCode } from '../../domain/staff/staff.js';
import { isRightToLeft, t } from '../../i18n/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { START_BOOKING } from '../verbs.js';
import bookingCancelledCardJson from './booking-cancelled-card.json' with { type: 'json' };

/** What the cancellation card shows: only catalog texts, so no personal data. */
export interface BookingCancelledCardViewModel {
  readonly lang: LanguageCode;
  /** Why there is no appointment any more: cancelled (default), or the client missed it (no-show). */
  readonly reason?: 'cancelled' | 'no_show';
}

interface CancelledTemplateData {
  readonly lang: LanguageCode;
  readonly rtl: boolean;
  readonly title: string;
  readonly bookNewLabel: string;
  readonly startVerb: typeof START_BOOKING;
}

const expandCancelledCard = compileCardTemplate<CancelledTemplateData>('booking-cancelled', bookingCancelledCardJson);

/**
 * "Your appointment is cancelled." (or, after a no-show, "You missed your appointment. Please book
 * a new time.") with an `Action.Execute` {@link START_BOOKING} button
 * ("Book a new time", `data: { verb }`). Right-to-left for Arabic and Dari/Farsi. Pure.
 */
export function renderBookingCancelledCard(vm: BookingCancelledCardViewModel): CardAttachment {
  const { lang } = vm;
  return expandCancelledCard({
    lang,
    rtl: isRightToLeft(lang),
    title: t(lang, vm.reason === 'no_show' ? 'booking.noShow.title' : 'booking.cancelled.title'),
    bookNewLabel: t(lang, 'booking.bookNew'),
    startVerb: START_BOOKING,
  });
}
