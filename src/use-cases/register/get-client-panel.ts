import type { Booking } from '../../domain/booking/booking.js';
import type { Contact } from '../../domain/register/contact.js';
import type { FormDefinition } from '../../domain/register/form-definition.js';
import type { Association } from '../../domain/register/association.js';
import { readClient, readLatestIntake, type AuditActor } from '../audited-reads.js';
import type { Repositories, UnitOfWork } from '../ports/repositories.js';
import { currentContactForm } from './contact-form.js';
import { auditDenied, mayAccessClient, registerStaff, type RegisterActor } from './register-access.js';

/** How many earlier contacts the adviser sees beside the form. */
export const RECENT_CONTACTS = 5;

/** What the intake told us, as the adviser needs it in the meeting (no contact details). */
export interface IntakeSummary {
  readonly language: string;
  readonly interpreterLanguage: string | null;
  readonly topics: readonly string[];
  readonly description: string;
  readonly givenAt: Date;
}

export interface ClientPanel {
  readonly booking: Pick<Booking, 'id' | 'start' | 'end' | 'language' | 'interpreterLanguage' | 'topics' | 'municipalityCode'>;
  readonly client: { readonly id: string; readonly displayName: string; readonly preferredLanguage: string };
  readonly intake: IntakeSummary | null;
  readonly recentContacts: readonly Contact[];
  /** The contact already logged for this booking, if any (the form then offers a correction). */
  readonly loggedContact: Contact | null;
  readonly form: FormDefinition;
  readonly associations: readonly Association[];
}

export type GetClientPanelResult = { readonly ok: true; readonly panel: ClientPanel } | { readonly ok: false; readonly reason: 'denied' | 'not_found' };

const INTAKE_FIELDS = ['language', 'interpreterLanguage', 'topics', 'description'] as const;
const CONTACT_READ_FIELDS = ['channel', 'startedAt', 'durationMinutes', 'topics', 'services', 'referrals', 'followUpOn', 'outcome', 'notes'] as const;

/**
 * What the meeting side panel shows the adviser for one booking: the client's intake summary, the
 * last five contacts and the contact-log form. Only staff who may see the client get it; anyone
 * else (a client opening the app, another municipality's adviser) gets `denied` and an audit row,
 * and learns nothing, not even whether the booking exists.
 *
 * Every personal-data read is audited in the same transaction as the read.
 */
export async function getClientPanel(deps: { readonly uow: UnitOfWork; readonly clock: () => Date }, actor: RegisterActor, bookingId: string): Promise<GetClientPanelResult> {
  const now = deps.clock();
  const { uow } = deps;
  const member = await registerStaff(uow.staff, actor);
  // A cancelled booking has no meeting to log: the panel treats it as absent, as logContact does.
  const found = await uow.bookings.get(bookingId);
  const booking = found?.status === 'cancelled' ? undefined : found;
  if (!member || !booking || !(booking.adviserId === member.id || (await mayAccessClient(uow, member, booking)))) {
    if (member || booking) await auditDenied(uow, actor, 'client.read', { clientId: booking?.clientId ?? null, entityType: 'booking', entityId: booking?.id ?? null }, now);
    return { ok: false, reason: member && !booking ? 'not_found' : 'denied' };
  }
  const reader: AuditActor = { actorId: actor.entraObjectId ?? 'anonymous', actorTenantId: actor.tenantId || null, channel: actor.channel };
  return uow.transaction(async (tx) => {
    const client = await readClient(tx, booking.clientId, reader, ['displayName', 'preferredLanguage'], now);
    if (!client) return { ok: false, reason: 'not_found' } as const;
    const stored = await readLatestIntake(tx, client.id, reader, INTAKE_FIELDS, now);
    const recentContacts = await readContacts(tx, client.id, reader, now);
    const loggedContact = await tx.contacts.findByBooking(booking.id);
    const panel: ClientPanel = {
      booking: {
        id: booking.id,
        start: booking.start,
        end: booking.end,
        language: booking.language,
        interpreterLanguage: booking.interpreterLanguage,
        topics: booking.topics,
        municipalityCode: booking.municipalityCode,
      },
      client: { id: client.id, displayName: client.displayName, preferredLanguage: client.preferredLanguage },
      intake: stored
        ? {
            language: stored.intake.language,
            interpreterLanguage: stored.intake.interpreterLanguage,
            topics: stored.intake.topics,
            description: stored.intake.description,
            givenAt: stored.createdAt,
          }
        : null,
      recentContacts,
      loggedContact: loggedContact ?? null,
      form: await currentContactForm(tx),
      associations: await tx.associations.listActive(booking.municipalityCode),
    };
    return { ok: true, panel } as const;
  });
}

/** The client's latest contacts, one `contact.read` audit row each. */
async function readContacts(tx: Pick<Repositories, 'contacts' | 'audit'>, clientId: string, reader: AuditActor, now: Date): Promise<Contact[]> {
  const contacts = await tx.contacts.listForClient(clientId, RECENT_CONTACTS);
  for (const contact of contacts) {
    await tx.audit.append({ at: now, ...reader, action: 'contact.read', clientId, entityType: 'contact', entityId: contact.id, fields: CONTACT_READ_FIELDS, channel: reader.channel, outcome: 'ok' });
  }
  return contacts;
}
