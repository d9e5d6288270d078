import type { Booking } from '../../domain/booking/booking.js';
import { meetingDurationMinutes } from '../../domain/booking/meeting-session.js';
import type { Association } from '../../domain/register/association.js';
import type { Contact, ContactDetails } from '../../domain/register/contact.js';
import { offeredCodes, type FormDefinition } from '../../domain/register/form-definition.js';
import type { StaffMember } from '../../domain/staff/staff.js';
import { workerActor } from '../audited-reads.js';
import type { Repositories } from '../ports/repositories.js';
import { currentContactForm } from '../register/contact-form.js';

export type ContactPrompt =
  | { readonly kind: 'gone' }
  | { readonly kind: 'logged'; readonly booking: Booking; readonly contact: Contact; readonly form: FormDefinition }
  | {
      readonly kind: 'prompt';
      readonly booking: Booking;
      readonly adviser: StaffMember | undefined;
      readonly noShow: boolean;
      readonly values: ContactDetails;
      readonly form: FormDefinition;
      readonly associations: readonly Association[];
    };

/**
 * What the "log this contact" card needs for a booking: the prefilled details (what Teams and
 * the booking already know: channel, actual start and duration, language, interpreter, the
 * topics the client chose), the form in force and the municipality's associations. Or that the
 * contact is logged already, or that the booking is gone.
 *
 * Reading the booking's topics for the card is audited (a worker read of personal data that then
 * appears in the adviser's chat).
 */
export async function contactPromptFor(repos: Pick<Repositories, 'bookings' | 'contacts' | 'meetingSessions' | 'staff' | 'forms' | 'associations' | 'audit'>, bookingId: string, now: Date): Promise<ContactPrompt> {
  const booking = await repos.bookings.get(bookingId);
  if (!booking || booking.status === 'cancelled') return { kind: 'gone' };
  const form = await currentContactForm(repos);
  const logged = await repos.contacts.findByBooking(bookingId);
  if (logged) return { kind: 'logged', booking, contact: logged, form };
  const session = await repos.meetingSessions.get(bookingId);
  const startedAt = session?.startedAt ?? booking.start;
  const endedAt = session?.endedAt;
  const noShow = session?.noShowAt != null;
  const offeredTopics = new Set(offeredCodes(form, 'topics'));
  const reader = workerActor('meetings');
  await repos.audit.append({
    at: now,
    ...reader,
    action: 'booking.read',
    clientId: booking.clientId,
    entityType: 'booking',
    entityId: booking.id,
    fields: ['topics', 'language', 'interpreterLanguage'],
    channel: reader.channel,
    outcome: 'ok',
  });
  return {
    kind: 'prompt',
    booking,
    adviser: await repos.staff.get(booking.adviserId),
    noShow,
    form,
    associations: await repos.associations.listActive(booking.municipalityCode),
    values: {
      channel: 'teams_meeting',
      startedAt,
      durationMinutes: endedAt ? meetingDurationMinutes(startedAt, endedAt) : Math.round((booking.end.getTime() - booking.start.getTime()) / 60_000),
      language: booking.language,
      interpreterUsed: booking.interpreterLanguage !== null,
      topics: booking.topics.filter((topic) => offeredTopics.has(topic)),
      services: noShow ? [] : offeredCodes(form, 'services').filter((code) => code === 'guidance'),
      referrals: [],
      followUpOn: null,
      outcome: noShow ? 'no_show' : '',
      notes: '',
    },
  };
}
