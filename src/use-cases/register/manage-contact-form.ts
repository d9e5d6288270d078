import { withAddedOption, withRetiredOption, type ContactChoiceField, type FormChangeError, type FormDefinition, type Labels } from '../../domain/register/form-definition.js';
import { findActingStaff, type StaffIdentity } from '../adviser/acting-staff.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { currentContactForm } from './contact-form.js';

interface Deps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
}

export type FormResult = { readonly ok: true; readonly form: FormDefinition } | { readonly ok: false; readonly reason: 'not_coordinator' | 'conflict' | FormChangeError };

/** The contact-log form in force, for a coordinator (role from our database). */
export async function getContactFormForEditing(deps: Deps, actor: StaffIdentity): Promise<FormResult> {
  if (!(await findActingStaff(deps.uow.staff, actor, 'coordinator'))) return { ok: false, reason: 'not_coordinator' };
  return { ok: true, form: await currentContactForm(deps.uow) };
}

/**
 * A coordinator adds an option (e.g. a new service) or retires one: published as the next version
 * of the form, no code change. Two coordinators publishing at once: the second gets `conflict`
 * (the version exists) and sees the newer form. The change is audited (who published which
 * version; no personal data involved).
 */
export async function changeContactForm(
  deps: Deps,
  actor: StaffIdentity,
  change: { readonly kind: 'add'; readonly field: ContactChoiceField; readonly code: string; readonly labels: Labels } | { readonly kind: 'retire'; readonly field: ContactChoiceField; readonly code: string },
): Promise<FormResult> {
  const coordinator = await findActingStaff(deps.uow.staff, actor, 'coordinator');
  if (!coordinator) return { ok: false, reason: 'not_coordinator' };
  const now = deps.clock();
  const current = await currentContactForm(deps.uow);
  const next = change.kind === 'add' ? withAddedOption(current, change.field, { code: change.code, labels: change.labels }) : withRetiredOption(current, change.field, change.code);
  if (typeof next === 'string') return { ok: false, reason: next };
  return deps.uow.transaction(async (tx) => {
    if (!(await tx.forms.publish(next, coordinator.id, now))) return { ok: false, reason: 'conflict' } as const;
    await tx.audit.append({
      at: now,
      actorId: coordinator.entraObjectId,
      actorTenantId: coordinator.tenantId,
      action: `form.${change.kind}_option`,
      clientId: null,
      entityType: 'form',
      entityId: `contact_log:${next.version}`,
      fields: [change.field],
      channel: 'bot',
      outcome: 'ok',
    });
    return { ok: true, form: next } as const;
  });
}
