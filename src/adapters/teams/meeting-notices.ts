import { MessageFactory } from 'botbuilder';
import { renderBookingCancelledCard } from '../../cards/booking/booking-cancelled-card.js';
import { helsinkiClock } from '../../cards/adviser/staff-format.js';
import { renderContactLogCard } from '../../cards/register/contact-log-card.js';
import type { OutboxMessage } from '../../domain/outbox/outbox.js';
import { staffLanguage, staffText } from '../../i18n/staff/index.js';
import { OutboxDeliveryError } from '../../jobs/outbox-dispatcher.js';
import { contactPromptFor } from '../../use-cases/meetings/contact-prompt.js';
import type { NoShowCardPayload, StaffNoticePayload } from '../../use-cases/meetings/meeting-events.js';
import { sendToPerson, type ProactiveDeps } from './proactive-messages.js';

/**
 * Outbox handlers for what meetings cause in Teams: the adviser's "log this contact" card, the
 * adviser's no-show notice, and the client's rebooking card. Each renders at delivery from what
 * the database holds then, in the reader's language; payloads carry ids only.
 */

/** The "log this contact" card to the booking's adviser, unless the contact was logged meanwhile. */
export function createContactPromptHandler(deps: ProactiveDeps & { readonly repos: Parameters<typeof contactPromptFor>[0]; readonly clock: () => Date }) {
  return async (message: OutboxMessage): Promise<void> => {
    const bookingId = (message.payload as { bookingId?: unknown } | null)?.bookingId;
    if (typeof bookingId !== 'string') throw new OutboxDeliveryError('The contact prompt has a malformed payload.', { permanent: true, reason: 'bad_payload' });
    const prompt = await contactPromptFor(deps.repos, bookingId, deps.clock());
    if (prompt.kind !== 'prompt') return;
    const adviser = prompt.adviser;
    if (!adviser?.active) throw new OutboxDeliveryError('The booking has no active adviser to ask for the contact log.', { permanent: true, reason: 'no_adviser' });
    await sendToPerson(deps, adviser.tenantId, adviser.entraObjectId, (lang) =>
      MessageFactory.attachment(
        renderContactLogCard({
          lang: staffLanguage(lang),
          bookingId,
          bookedStart: prompt.booking.start,
          noShow: prompt.noShow,
          form: prompt.form,
          associations: prompt.associations,
          values: prompt.values,
        }),
      ),
    );
  };
}

/** A staff catalog text to one staff member; instants shown as Helsinki clock time. */
export function createStaffNoticeHandler(deps: ProactiveDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = message.payload as Partial<StaffNoticePayload> | null;
    if (typeof payload?.tenantId !== 'string' || typeof payload.userKey !== 'string' || payload.messageKey !== 'noShow.adviserNotice') {
      throw new OutboxDeliveryError('The staff notice has a malformed payload.', { permanent: true, reason: 'bad_payload' });
    }
    const times = payload.times ?? {};
    await sendToPerson(deps, payload.tenantId, payload.userKey, (lang) => {
      const staffLang = staffLanguage(lang);
      const params = Object.fromEntries(Object.entries(times).map(([name, iso]) => [name, helsinkiClock(new Date(iso), staffLang)]));
      return staffText(staffLang, 'noShow.adviserNotice', { time: params.time ?? '' });
    });
  };
}

/** "You missed your appointment. Please book a new time." with the rebooking button, to the client. */
export function createNoShowCardHandler(deps: ProactiveDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = message.payload as Partial<NoShowCardPayload> | null;
    if (typeof payload?.bookingId !== 'string' || typeof payload.tenantId !== 'string' || typeof payload.userKey !== 'string') {
      throw new OutboxDeliveryError('The no-show card has a malformed payload.', { permanent: true, reason: 'bad_payload' });
    }
    await sendToPerson(deps, payload.tenantId, payload.userKey, (lang) => MessageFactory.attachment(renderBookingCancelledCard({ lang, reason: 'no_show' })));
  };
}
