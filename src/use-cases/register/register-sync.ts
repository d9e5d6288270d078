import type { Contact } from '../../domain/register/contact.js';
import type { Repositories } from '../ports/repositories.js';

/** Outbox topic of one contact change for one external register. */
export const REGISTER_CONTACT_TOPIC = 'register.contact';
/** Prefix of every register topic: the coordinator's failure list shows these dead letters. */
export const REGISTER_TOPIC_PREFIX = 'register.';

/** Which configured registers (sink ids) receive a municipality's contacts. */
export interface RegisterRouting {
  sinkIdsFor(municipalityCode: string): readonly string[];
}

export const NO_REGISTERS: RegisterRouting = { sinkIdsFor: () => [] };

/**
 * Payload: ids only. The handler reads the contact at delivery, so the outbox never holds the
 * contact's personal data, and an erased contact is never sent.
 */
export interface RegisterContactPayload {
  readonly op: 'upsert' | 'delete';
  readonly sinkId: string;
  readonly contactId: string;
  readonly clientId: string;
  readonly municipalityCode: string;
  readonly revision: number;
}

/**
 * Queues the change for every register of the contact's municipality, in the caller's
 * transaction (the contact and its deliveries commit together). The idempotency key names the
 * sink, contact, operation and revision: a redelivery carries the same key, a correction a new one.
 */
export async function enqueueRegisterSync(
  tx: Pick<Repositories, 'outbox'>,
  routing: RegisterRouting,
  contact: Pick<Contact, 'id' | 'clientId' | 'municipalityCode' | 'revision'>,
  op: RegisterContactPayload['op'],
  now: Date,
): Promise<number> {
  const sinkIds = routing.sinkIdsFor(contact.municipalityCode);
  for (const sinkId of sinkIds) {
    const payload: RegisterContactPayload = { op, sinkId, contactId: contact.id, clientId: contact.clientId, municipalityCode: contact.municipalityCode, revision: contact.revision };
    await tx.outbox.enqueue({ topic: REGISTER_CONTACT_TOPIC, payload, idempotencyKey: registerIdempotencyKey(payload) }, now);
  }
  return sinkIds.length;
}

export function registerIdempotencyKey(payload: Pick<RegisterContactPayload, 'sinkId' | 'contactId' | 'op' | 'revision'>): string {
  return `register:${payload.sinkId}:${payload.contactId}:${payload.op}:${payload.revision}`;
}
