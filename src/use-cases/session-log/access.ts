import type { StaffMember } from '../../domain/staff/staff.js';
import type { Repositories } from '../ports/repositories.js';
import { auditDenied, registerStaff, visibleMunicipalityCodes, type RegisterActor } from '../register/register-access.js';

/**
 * The tab needs only which municipalities advisers serve; asking for the absences overlapping an
 * empty interval at the epoch leaves out every absence, which otherwise grow with the years and
 * would be read on every call.
 */
export const PROFILES_WITHOUT_ABSENCES = { absencesOverlapping: { start: new Date(0), end: new Date(0) } } as const;

/** Who may use the advisers' tab, and the municipalities they see there. */
export interface SessionLogViewer {
  readonly member: StaffMember;
  readonly isCoordinator: boolean;
  /** Codes, sorted; never empty for an adviser (their own municipality at least). */
  readonly municipalities: readonly string[];
}

/**
 * The caller as a viewer of the tab, or undefined (then the caller gets 403 and a `denied` row).
 * A coordinator sees every municipality; an adviser the one they belong to and those they serve
 * (the schedules' adviser profile) — the same rule as `mayAccessClient`, decided from our
 * database only.
 */
export async function sessionLogViewer(repos: Pick<Repositories, 'staff' | 'schedules' | 'municipalities'>, actor: RegisterActor): Promise<SessionLogViewer | undefined> {
  const member = await registerStaff(repos.staff, actor);
  if (!member) return undefined;
  return { member, isCoordinator: member.roles.includes('coordinator'), municipalities: await visibleMunicipalityCodes(repos, member) };
}

/** The `denied` row of a caller who is not a viewer, or who asked for what is outside their scope. */
export function auditTabDenied(repos: Pick<Repositories, 'audit'>, actor: RegisterActor, action: string, entity: { readonly entityType: string; readonly entityId: string | null }, now: Date): Promise<void> {
  return auditDenied(repos, actor, action, { clientId: null, ...entity }, now);
}
