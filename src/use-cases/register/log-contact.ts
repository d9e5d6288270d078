import { CONTACT_AUDIT_FIELDS, validateContactDetails, type Contact, type ContactDetails, type ContactFieldError } from '../../domain/register/contact.js';
import type { Repositories, UnitOfWork } from '../ports/repositories.js';
import { currentContactForm } from './contact-form.js';
import { auditDenied, mayAccessClient, registerStaff, type RegisterActor } from './register-access.js';
import { enqueueRegisterSync, type RegisterRouting } from './register-sync.js';

export interface RegisterDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
  readonly registers: RegisterRouting;
}

/** The contact is about a booking (the meeting's) or, for phone, walk-in, e-mail and chat, a client. */
export type ContactSubject = { readonly bookingId: string } | { readonly clientId: string };

export type LogContactResult =
  | { readonly ok: true; readonly contact: Contact }
  /** Not staff who may log contacts, or a client of a municipality the adviser does not serve. */
  | { readonly ok: false; readonly reason: 'denied' }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly ContactFieldError[] }
  | { readonly ok: false; readonly reason: 'already_logged'; readonly contact: Contact };

/**
 * Logs one contact to the register: validated against the contact-log form in force, written with
 * its first history row, its audit row and its deliveries to the municipality's registers in ONE
 * transaction. A refusal writes nothing but (for `denied`) its audit row.
 *
 * For a booking, the client, municipality and adviser come from the booking, never from the
 * caller: a forged card cannot log a contact onto someone else's client. The adviser on the
 * contact is the booking's adviser; a coordinator may log it for them.
 */
export async function logContact(deps: RegisterDeps, actor: RegisterActor, subject: ContactSubject, details: ContactDetails): Promise<LogContactResult> {
  const now = deps.clock();
  const { uow } = deps;
  const member = await registerStaff(uow.staff, actor);
  const target = await resolveSubject(uow, subject);
  if (!member) {
    await auditDenied(uow, actor, 'contact.create', { clientId: target?.clientId ?? null, entityType: 'contact', entityId: null }, now);
    return { ok: false, reason: 'denied' };
  }
  if (!target) return { ok: false, reason: 'not_found' };
  const bookingAdviser = target.booking?.adviserId;
  const allowed = bookingAdviser === member.id || (await mayAccessClient(uow, member, target));
  if (!allowed) {
    await auditDenied(uow, actor, 'contact.create', { clientId: target.clientId, entityType: 'contact', entityId: null }, now);
    return { ok: false, reason: 'denied' };
  }
  if (target.booking) {
    const existing = await uow.contacts.findByBooking(target.booking.id);
    if (existing) return { ok: false, reason: 'already_logged', contact: existing };
  }
  const form = await currentContactForm(uow);
  const associationIds = new Set((await uow.associations.listActive()).map((a) => a.id));
  const checked = validateContactDetails(details, form, now, associationIds);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };

  return uow.transaction(async (tx) => {
    const created = await tx.contacts.create(
      {
        clientId: target.clientId,
        municipalityCode: target.municipalityCode,
        adviserId: bookingAdviser ?? member.id,
        bookingId: target.booking?.id ?? null,
        formVersion: form.version,
        ...checked.details,
      },
      member.id,
      now,
    );
    if (!created.ok) {
      // Another instance (the side panel and the meeting-end card at once) logged it first.
      const winner = target.booking ? await tx.contacts.findByBooking(target.booking.id) : undefined;
      if (!winner) throw new Error('logContact: the booking is logged but its contact is not found.');
      return { ok: false, reason: 'already_logged', contact: winner } as const;
    }
    await auditContactWrite(tx, actor, 'contact.create', created.contact, now);
    await enqueueRegisterSync(tx, deps.registers, created.contact, 'upsert', now);
    return { ok: true, contact: created.contact } as const;
  });
}

interface ResolvedSubject {
  readonly clientId: string;
  readonly municipalityCode: string;
  readonly booking?: { readonly id: string; readonly adviserId: string };
}

/** The client (and booking) the contact is about; undefined when the id names nothing (or a cancelled booking). */
async function resolveSubject(repos: Pick<Repositories, 'bookings' | 'clients'>, subject: ContactSubject): Promise<ResolvedSubject | undefined> {
  if ('bookingId' in subject) {
    const booking = await repos.bookings.get(subject.bookingId);
    if (!booking || booking.status === 'cancelled') return undefined;
    return { clientId: booking.clientId, municipalityCode: booking.municipalityCode, booking: { id: booking.id, adviserId: booking.adviserId } };
  }
  const client = await repos.clients.get(subject.clientId);
  return client && { clientId: client.id, municipalityCode: client.municipalityCode };
}

/** The audit row of a contact write: the contact's personal-data field names, never values. */
export function auditContactWrite(tx: Pick<Repositories, 'audit'>, actor: RegisterActor, action: 'contact.create' | 'contact.update', contact: Contact, now: Date): Promise<void> {
  return tx.audit.append({
    at: now,
    actorId: actor.entraObjectId ?? 'anonymous',
    actorTenantId: actor.tenantId || null,
    action,
    clientId: contact.clientId,
    entityType: 'contact',
    entityId: contact.id,
    fields: CONTACT_AUDIT_FIELDS,
    channel: actor.channel,
    outcome: 'ok',
  });
}
