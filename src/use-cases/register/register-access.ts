import type { AuditChannel, AuditEntry, AuditOutcome } from '../../domain/audit/audit-entry.js';
import type { Client, StaffMember } from '../../domain/staff/staff.js';
import type { StaffIdentity } from '../adviser/acting-staff.js';
import type { Repositories } from '../ports/repositories.js';

/** Who acts on the register, and where from (the audit row's channel). */
export interface RegisterActor extends StaffIdentity {
  readonly channel: AuditChannel;
}

/** The staff member behind the actor when they may work on the register: an active adviser or coordinator. */
export async function registerStaff(staff: Repositories['staff'], actor: StaffIdentity): Promise<StaffMember | undefined> {
  if (!actor.entraObjectId || !actor.tenantId) return undefined;
  const member = await staff.findByEntraId(actor.tenantId, actor.entraObjectId);
  return member?.active && (member.roles.includes('adviser') || member.roles.includes('coordinator')) ? member : undefined;
}

/**
 * Whether `member` may see and log contacts of `client`: a coordinator sees every municipality;
 * an adviser sees the clients of their own municipality and of the municipalities they serve.
 * Decided from our database only (never from card data or token claims).
 */
export async function mayAccessClient(repos: Pick<Repositories, 'schedules'>, member: StaffMember, client: Pick<Client, 'municipalityCode'>): Promise<boolean> {
  if (member.roles.includes('coordinator')) return true;
  if (member.municipalityCode === client.municipalityCode) return true;
  return (await repos.schedules.servedMunicipalities(member.id)).includes(client.municipalityCode);
}

/**
 * The municipality codes whose clients `member` may see (sorted): every municipality for a
 * coordinator; for an adviser their own and those they serve. The same rule as
 * {@link mayAccessClient}, as a list for searches.
 */
export async function visibleMunicipalityCodes(repos: Pick<Repositories, 'schedules' | 'municipalities'>, member: StaffMember): Promise<string[]> {
  if (member.roles.includes('coordinator')) return (await repos.municipalities.list()).map((m) => m.code).sort();
  return [...new Set([member.municipalityCode, ...(await repos.schedules.servedMunicipalities(member.id))])].sort();
}

/** The audit row of `actor` acting on one client (entity = the client): the shape every client-level action writes. */
export function clientAuditEntry(actor: RegisterActor, at: Date, action: string, clientId: string, fields: readonly string[], outcome: AuditOutcome = 'ok'): AuditEntry {
  return {
    at,
    actorId: actor.entraObjectId ?? 'anonymous',
    actorTenantId: actor.tenantId || null,
    action,
    clientId,
    entityType: 'client',
    entityId: clientId,
    fields,
    channel: actor.channel,
    outcome,
  };
}

/**
 * Records a refused access to a client's data (another municipality's client, a forged id):
 * the refusal itself is audited, with the client id only when it names a real client.
 */
export async function auditDenied(
  repos: Pick<Repositories, 'audit'>,
  actor: RegisterActor,
  action: string,
  target: { readonly clientId: string | null; readonly entityType: string; readonly entityId: string | null },
  now: Date,
): Promise<void> {
  await repos.audit.append({
    at: now,
    actorId: actor.entraObjectId ?? 'anonymous',
    actorTenantId: actor.tenantId || null,
    action,
    ...target,
    fields: [],
    channel: actor.channel,
    outcome: 'denied',
  });
}
