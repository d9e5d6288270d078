import type { Client, StaffMember } from '../../domain/staff/staff.js';
import type { Repositories } from '../ports/repositories.js';
import { auditDenied, mayAccessClient, registerStaff, type RegisterActor } from '../register/register-access.js';

/**
 * The data-subject requests (erasure, export, the audit trail) are a coordinator's: the staff
 * member behind `actor` when they are an active coordinator who may see the client's municipality
 * (`mayAccessClient`, the rule of the whole tab: today a coordinator sees every municipality, so
 * a narrower rule there narrows these requests too) and the client exists. Anyone else, and an
 * unknown id, get `undefined` after a denied audit row for `action` (with the client id only when
 * it names a real client), so the caller answers both with the same 404.
 */
export async function coordinatorAndClient(
  repos: Pick<Repositories, 'staff' | 'clients' | 'audit' | 'schedules'>,
  actor: RegisterActor,
  clientId: string,
  action: string,
  now: Date,
): Promise<{ readonly member: StaffMember; readonly client: Client } | undefined> {
  const member = await registerStaff(repos.staff, actor);
  const client = await repos.clients.get(clientId);
  if (member?.roles.includes('coordinator') && client && (await mayAccessClient(repos, member, client))) return { member, client };
  await auditDenied(repos, actor, action, { clientId: client ? client.id : null, entityType: 'client', entityId: client ? client.id : null }, now);
  return undefined;
}
