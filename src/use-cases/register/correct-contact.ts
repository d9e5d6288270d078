import { REASON_MAX_LENGTH, validateContactDetails, type Contact, type ContactDetails, type ContactFieldError } from '../../domain/register/contact.js';
import { currentContactForm } from './contact-form.js';
import { auditContactWrite, type RegisterDeps } from './log-contact.js';
import { auditDenied, mayAccessClient, registerStaff, type RegisterActor } from './register-access.js';
import { enqueueRegisterSync } from './register-sync.js';

export type CorrectContactOutcome =
  | { readonly ok: true; readonly contact: Contact }
  | { readonly ok: false; readonly reason: 'denied' | 'not_found' | 'reason_required' }
  | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly ContactFieldError[] }
  /** Someone corrected it meanwhile: show them `current` rather than overwrite it. */
  | { readonly ok: false; readonly reason: 'stale'; readonly current: Contact };

/**
 * Corrects a logged contact: a reason is required, the old version stays in the history, the
 * audit row names the fields, and the correction goes to the municipality's registers through
 * the outbox (as the next revision). Another municipality's contact is `not_found` to the caller
 * (it must not learn the id exists) and audited as denied.
 */
export async function correctContact(
  deps: RegisterDeps,
  actor: RegisterActor,
  input: { readonly contactId: string; readonly expectedRevision: number; readonly details: ContactDetails; readonly reason: string },
): Promise<CorrectContactOutcome> {
  const now = deps.clock();
  const { uow } = deps;
  const member = await registerStaff(uow.staff, actor);
  const contact = await uow.contacts.get(input.contactId);
  if (!member || !contact || !(await mayAccessClient(uow, member, contact))) {
    if (member && !contact) return { ok: false, reason: 'not_found' };
    await auditDenied(uow, actor, 'contact.update', { clientId: contact?.clientId ?? null, entityType: 'contact', entityId: contact?.id ?? null }, now);
    return { ok: false, reason: member ? 'not_found' : 'denied' };
  }
  const reason = input.reason.trim();
  if (reason === '' || reason.length > REASON_MAX_LENGTH) return { ok: false, reason: 'reason_required' };
  const form = await currentContactForm(uow);
  const associationIds = new Set((await uow.associations.listActive()).map((a) => a.id));
  const checked = validateContactDetails(input.details, form, now, associationIds, contact);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };

  return uow.transaction(async (tx) => {
    const result = await tx.contacts.correct(contact.id, input.expectedRevision, checked.details, form.version, member.id, reason, now);
    if (!result.ok) return result;
    await auditContactWrite(tx, actor, 'contact.update', result.contact, now);
    await enqueueRegisterSync(tx, deps.registers, result.contact, 'upsert', now);
    return result;
  });
}
