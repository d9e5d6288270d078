import type { Association } from '../../domain/register/association.js';
import type { FormDefinition } from '../../domain/register/form-definition.js';
import { readClient, type AuditActor } from '../audited-reads.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { currentContactForm } from './contact-form.js';
import { auditDenied, mayAccessClient, registerStaff, type RegisterActor } from './register-access.js';

/** The client as the contact-log card names them: nothing beyond the display name. */
export interface ContactFormClient {
  readonly id: string;
  readonly displayName: string;
  readonly municipalityCode: string;
  /** The default language of the guidance on the card (the client's chosen language). */
  readonly preferredLanguage: string;
}

export type ClientContactFormResult =
  | { readonly ok: true; readonly client: ContactFormClient; readonly form: FormDefinition; readonly associations: readonly Association[] }
  | { readonly ok: false; readonly reason: 'denied' | 'not_found' };

/**
 * What the contact-log card needs to log a contact with a client without a booking (phone,
 * walk-in, e-mail, chat): the client's name, the form in force and the municipality's
 * associations. `clientId` comes from a card, so it is only a lookup key: another municipality's
 * client is `denied`, an id that names no client `not_found`; both write a `client.read` denied
 * audit row. The name read is audited.
 */
export async function getClientContactForm(deps: { readonly uow: UnitOfWork; readonly clock: () => Date }, actor: RegisterActor, clientId: string): Promise<ClientContactFormResult> {
  const now = deps.clock();
  const { uow } = deps;
  const member = await registerStaff(uow.staff, actor);
  const client = await uow.clients.get(clientId);
  if (!member || !client || !(await mayAccessClient(uow, member, client))) {
    await auditDenied(uow, actor, 'client.read', { clientId: client?.id ?? null, entityType: 'client', entityId: client?.id ?? null }, now);
    return { ok: false, reason: member && !client ? 'not_found' : 'denied' };
  }
  const reader: AuditActor = { actorId: actor.entraObjectId ?? 'anonymous', actorTenantId: actor.tenantId || null, channel: actor.channel };
  return uow.transaction(async (tx) => {
    const read = await readClient(tx, clientId, reader, ['displayName'], now);
    if (!read) return { ok: false, reason: 'not_found' } as const;
    return {
      ok: true,
      client: { id: read.id, displayName: read.displayName, municipalityCode: read.municipalityCode, preferredLanguage: read.preferredLanguage },
      form: await currentContactForm(tx),
      associations: await tx.associations.listActive(read.municipalityCode),
    } as const;
  });
}
