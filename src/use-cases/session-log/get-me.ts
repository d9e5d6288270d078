import type { FormDefinition } from '../../domain/register/form-definition.js';
import type { UnitOfWork } from '../ports/repositories.js';
import { currentContactForm } from '../register/contact-form.js';
import type { RegisterActor } from '../register/register-access.js';
import { auditTabDenied, PROFILES_WITHOUT_ABSENCES, sessionLogViewer } from './access.js';

export interface TabMe {
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly municipalities: readonly { readonly code: string; readonly name: string }[];
  readonly advisers: readonly { readonly id: string; readonly displayName: string }[];
  readonly form: FormDefinition;
  readonly isCoordinator: boolean;
}

export type GetMeResult = { readonly ok: true; readonly me: TabMe } | { readonly ok: false; readonly reason: 'forbidden' };

/**
 * Who is signed in to the advisers' tab and what its filters may offer: the municipalities they
 * see, the advisers who belong to or serve one of them, and the contact-log form in force. No
 * client data, so nothing to audit but a refusal.
 */
export async function getTabMe(deps: { readonly uow: UnitOfWork; readonly clock: () => Date }, actor: RegisterActor): Promise<GetMeResult> {
  const { uow } = deps;
  const viewer = await sessionLogViewer(uow, actor);
  if (!viewer) {
    await auditTabDenied(uow, actor, 'advisers_tab.open', { entityType: 'advisers_tab', entityId: null }, deps.clock());
    return { ok: false, reason: 'forbidden' };
  }
  const visible = new Set(viewer.municipalities);
  const municipalities = (await uow.municipalities.list()).filter((m) => visible.has(m.code)).map((m) => ({ code: m.code, name: m.name }));
  const serving = new Set((await uow.schedules.getProfiles(PROFILES_WITHOUT_ABSENCES)).filter((p) => p.municipalityCodes.some((c) => visible.has(c))).map((p) => p.adviserId));
  const advisers = (await uow.staff.listByRole('adviser'))
    .filter((a) => visible.has(a.municipalityCode) || serving.has(a.id))
    .map((a) => ({ id: a.id, displayName: a.displayName }));
  return {
    ok: true,
    me: {
      displayName: viewer.member.displayName,
      roles: viewer.member.roles,
      municipalities,
      advisers,
      form: await currentContactForm(uow),
      isCoordinator: viewer.isCoordinator,
    },
  };
}
