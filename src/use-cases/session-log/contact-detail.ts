import { CONTACT_AUDIT_FIELDS, type Contact, type ContactDetails, type ContactRevision } from '../../domain/register/contact.js';
import type { Association } from '../../domain/register/association.js';
import type { FormDefinition } from '../../domain/register/form-definition.js';
import { readClient, type AuditActor } from '../audited-reads.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { currentContactForm } from '../register/contact-form.js';
import { correctContact, type CorrectContactOutcome } from '../register/correct-contact.js';
import type { RegisterDeps } from '../register/log-contact.js';
import { auditDenied, mayAccessClient, registerStaff, type RegisterActor } from '../register/register-access.js';
import { auditTabDenied } from './access.js';

export interface SessionLogContactDetail {
  readonly contact: Contact;
  readonly client: { readonly id: string; readonly displayName: string };
  readonly adviser: { readonly id: string; readonly displayName: string };
  readonly noShow: boolean;
  /** Every version, oldest first, with the display name of who wrote it. */
  readonly history: readonly (ContactRevision & { readonly changedByName: string })[];
  readonly form: FormDefinition;
  readonly associations: readonly Association[];
}

export type GetContactDetailResult = { readonly ok: true; readonly detail: SessionLogContactDetail } | { readonly ok: false; readonly reason: 'forbidden' | 'not_found' };

/** The contact's fields, and that its earlier versions were shown too. */
const DETAIL_AUDIT_FIELDS = [...CONTACT_AUDIT_FIELDS, 'history'] as const;

/**
 * One contact of the session log with its change history, for reading and correcting it. Someone
 * who is not an adviser or coordinator is `forbidden`; a contact outside the caller's
 * municipalities is `not_found`, exactly like an id that does not exist (both audited as denied),
 * so the answer never tells whether another municipality's contact exists.
 */
export async function getSessionLogContact(deps: { readonly uow: UnitOfWork; readonly clock: () => Date }, actor: RegisterActor, contactId: string): Promise<GetContactDetailResult> {
  const now = deps.clock();
  const { uow } = deps;
  const member = await registerStaff(uow.staff, actor);
  if (!member) {
    await auditTabDenied(uow, actor, 'client.read', { entityType: 'contact', entityId: null }, now);
    return { ok: false, reason: 'forbidden' };
  }
  const contact = await uow.contacts.get(contactId);
  if (!contact || !(await mayAccessClient(uow, member, contact))) {
    await auditDenied(uow, actor, 'client.read', { clientId: contact?.clientId ?? null, entityType: 'contact', entityId: contact?.id ?? null }, now);
    return { ok: false, reason: 'not_found' };
  }
  const reader: AuditActor = { actorId: actor.entraObjectId ?? 'anonymous', actorTenantId: actor.tenantId || null, channel: actor.channel };
  return uow.transaction(async (tx) => {
    const client = await readClient(tx, contact.clientId, reader, ['displayName'], now);
    if (!client) return { ok: false, reason: 'not_found' } as const;
    await tx.audit.append({ at: now, ...reader, action: 'contact.read', clientId: client.id, entityType: 'contact', entityId: contact.id, fields: DETAIL_AUDIT_FIELDS, outcome: 'ok' });
    const revisions = await tx.contacts.history(contact.id);
    const names = new Map<string, string>();
    for (const id of new Set([contact.adviserId, ...revisions.map((r) => r.changedBy)])) {
      // A staff member removed since still shows as their id: the history must not lose the row.
      names.set(id, (await tx.staff.get(id))?.displayName ?? id);
    }
    const session = contact.bookingId === null ? undefined : await tx.meetingSessions.get(contact.bookingId);
    const detail: SessionLogContactDetail = {
      contact,
      client: { id: client.id, displayName: client.displayName },
      adviser: { id: contact.adviserId, displayName: names.get(contact.adviserId) ?? contact.adviserId },
      noShow: (session?.noShowAt ?? null) !== null,
      history: revisions.map((r) => ({ ...r, changedByName: names.get(r.changedBy) ?? r.changedBy })),
      form: await currentContactForm(tx),
      associations: await tx.associations.listActive(contact.municipalityCode),
    };
    return { ok: true, detail } as const;
  });
}

export type CorrectFromTabResult = CorrectContactOutcome | { readonly ok: false; readonly reason: 'forbidden' };

/**
 * A correction from the session log: the register's own `correctContact` (reason required, the
 * old version kept, audit row, outbox row to the registers), after the tab's own gate: a caller
 * who is not an adviser or coordinator is `forbidden` (403) here, not the side panel's 404.
 */
export async function correctFromSessionLog(
  deps: RegisterDeps,
  actor: RegisterActor,
  input: { readonly contactId: string; readonly expectedRevision: number; readonly details: ContactDetails; readonly reason: string },
): Promise<CorrectFromTabResult> {
  if (!(await registerStaff(deps.uow.staff, actor))) {
    await auditTabDenied(deps.uow, actor, 'contact.update', { entityType: 'contact', entityId: null }, deps.clock());
    return { ok: false, reason: 'forbidden' };
  }
  return correctContact(deps, actor, input);
}
