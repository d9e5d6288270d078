import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../../src/use-cases/ports/repositories.js';
import { aNewBooking } from '../factories/booking-factory.js';
import { aNewContact } from '../factories/contact-factory.js';
import { anIntake } from '../factories/intake-factory.js';

/** The SSO app of the tests: v2 tokens carry its client id as `aud`. */
export const TAB_CLIENT_ID = '7d3c6a1e-5b2f-4c8d-9e0a-1f2b3c4d5e6f';
export const TAB_APP_ID_URI = `api://127.0.0.1/${TAB_CLIENT_ID}`;

/** Notes that would run script if anything rendered them as HTML. */
export const XSS_NOTES = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> & "quotes"';

/** The referrals the tests log: to Migri, and to the world's association. */
export function worldReferrals(world: Pick<SidePanelWorld, 'associationId'>) {
  return [
    { kind: 'authority', code: 'migri' },
    { kind: 'association', associationId: world.associationId },
  ] as const;
}

/** A follow-up two weeks ahead, as a calendar date "YYYY-MM-DD". */
export function followUpInTwoWeeks(): string {
  return new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
}

export interface SidePanelWorld {
  readonly tenantId: string;
  /** A Liperi adviser with a booking whose meeting is `threadId`. */
  readonly adviser: { readonly oid: string; readonly id: string };
  readonly client: { readonly id: string; readonly displayName: string; readonly oid: string };
  readonly bookingId: string;
  readonly threadId: string;
  /** A Kontiolahti client's booking (with a Kontiolahti adviser): not the Liperi adviser's to see. */
  readonly otherBookingId: string;
  readonly otherThreadId: string;
  readonly otherClient: { readonly id: string; readonly displayName: string };
  readonly associationId: string;
  /** The intake description the panel must show. */
  readonly intakeDescription: string;
  /** The notes of the six earlier contacts, newest first (the panel shows five). */
  readonly earlierNotes: readonly string[];
}

const MINUTE = 60_000;

/** A Graph online meeting as Teams links it: the join URL names the meeting chat's thread. */
function teamsMeeting(threadId: string) {
  return { joinUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(threadId)}/0?context=%7b%7d`, meetingId: `meeting-${randomUUID()}` };
}

/**
 * The meeting side panel's world: a Liperi adviser in their booking's meeting with a Liperi client
 * who gave an intake and has six earlier contacts; a Kontiolahti client's booking and meeting
 * beside it; a Liperi peer-support association to refer to.
 */
export async function seedSidePanelWorld(uow: UnitOfWork, tenantId: string, now: Date): Promise<SidePanelWorld> {
  const adviserOid = randomUUID();
  const adviser = await uow.staff.upsert({ entraObjectId: adviserOid, tenantId, displayName: 'Aino Ohjaaja', roles: ['adviser'], municipalityCode: 'liperi', languages: ['fi', 'en'] });
  await uow.schedules.setServedMunicipalities(adviser.id, ['liperi']);
  const otherAdviser = await uow.staff.upsert({ entraObjectId: randomUUID(), tenantId, displayName: 'Kalle Ohjaaja', roles: ['adviser'], municipalityCode: 'kontiolahti', languages: ['fi'] });
  await uow.schedules.setServedMunicipalities(otherAdviser.id, ['kontiolahti']);

  const clientOid = randomUUID();
  const client = await uow.clients.create({ municipalityCode: 'liperi', displayName: 'Olena Testinen', preferredLanguage: 'uk', entraObjectId: clientOid, tenantId }, now);
  const intakeDescription = 'Tarvitsen apua oleskeluluvan jatkamisessa.';
  await uow.intakes.save(client.id, anIntake({ name: 'Olena', municipalityCode: 'liperi', language: 'uk', interpreterLanguage: 'uk', topics: ['residence_permit', 'housing'], description: intakeDescription }), now);

  const earlierNotes: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const notes = `Earlier contact ${i}`;
    earlierNotes.unshift(notes);
    const startedAt = new Date(now.getTime() - (30 - i) * 24 * 60 * MINUTE);
    await uow.contacts.create(aNewContact({ clientId: client.id, adviserId: adviser.id, municipalityCode: 'liperi' }, { startedAt, notes }), adviser.id, now);
  }

  // The meeting started 40 minutes ago: the adviser logs it at the end.
  const start = new Date(Math.floor((now.getTime() - 40 * MINUTE) / MINUTE) * MINUTE);
  const booked = await uow.bookings.create(aNewBooking({ clientId: client.id, adviserId: adviser.id, municipalityCode: 'liperi', language: 'uk', interpreterLanguage: 'uk', topics: ['residence_permit'], start }), now);
  if (!booked.ok) throw new Error('seedSidePanelWorld: the booking was refused');
  const threadId = `19:meeting_${randomUUID().replaceAll('-', '')}@thread.v2`;
  await uow.bookings.setMeeting(booked.booking.id, teamsMeeting(threadId), now);

  const otherClient = await uow.clients.create({ municipalityCode: 'kontiolahti', displayName: 'Pekka Toinen', preferredLanguage: 'fi' }, now);
  const otherBooked = await uow.bookings.create(aNewBooking({ clientId: otherClient.id, adviserId: otherAdviser.id, municipalityCode: 'kontiolahti', start }), now);
  if (!otherBooked.ok) throw new Error('seedSidePanelWorld: the other booking was refused');
  const otherThreadId = `19:meeting_${randomUUID().replaceAll('-', '')}@thread.v2`;
  await uow.bookings.setMeeting(otherBooked.booking.id, teamsMeeting(otherThreadId), now);

  const associationId = `assoc-${randomUUID().slice(0, 8)}`;
  await uow.associations.upsert({
    id: associationId,
    name: 'Liperin vertaistukiryhmä',
    municipalityCode: 'liperi',
    languages: ['fi', 'uk'],
    activities: 'Peer support meetings',
    contactInfo: 'vertaistuki@example.test',
    active: true,
  });

  return {
    tenantId,
    adviser: { oid: adviserOid, id: adviser.id },
    client: { id: client.id, displayName: client.displayName, oid: clientOid },
    bookingId: booked.booking.id,
    threadId,
    otherBookingId: otherBooked.booking.id,
    otherThreadId,
    otherClient: { id: otherClient.id, displayName: otherClient.displayName },
    associationId,
    intakeDescription,
    earlierNotes,
  };
}
