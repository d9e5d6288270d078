import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../../domain/experts/office-hours.js';
import { addLocalDays, localDateOf, parseLocalDate } from '../../domain/booking/helsinki-time.js';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '../../domain/staff/staff.js';
import type { StaffIdentity } from '../adviser/acting-staff.js';
import type { Repositories, UnitOfWork } from '../ports/repositories.js';

/** How long an unclaimed ticket waits, in office minutes, before the on-duty backup is called. */
export interface ExpertSla {
  readonly claimMinutes: number;
  /** For `urgent` tickets: sooner. */
  readonly urgentClaimMinutes: number;
  /** The office time the minutes are counted in (and the only time escalations run). */
  readonly officeHours: OfficeHours;
}

/** An hour for a normal question, a quarter of an hour for an urgent one, in Helsinki office hours. */
export const DEFAULT_EXPERT_SLA: ExpertSla = Object.freeze({ claimMinutes: 60, urgentClaimMinutes: 15, officeHours: DEFAULT_OFFICE_HOURS });

/** What every expert-channel use case needs. */
export interface ExpertDeps {
  readonly uow: UnitOfWork;
  readonly clock: () => Date;
  readonly sla: ExpertSla;
}

/**
 * The active staff member behind `actor` holding at least one staff role, else undefined. Roles
 * are read here, from our database, whatever a card's data says (DESIGN.md). Anyone on the staff
 * may ask an expert; what they may do beyond that is decided by {@link hasRole}.
 */
export async function activeStaff(staff: Repositories['staff'], actor: StaffIdentity): Promise<StaffMember | undefined> {
  if (!actor.entraObjectId || !actor.tenantId) return undefined;
  const member = await staff.findByEntraId(actor.tenantId, actor.entraObjectId);
  return member?.active && member.roles.some((role) => STAFF_ROLES.includes(role)) ? member : undefined;
}

export const hasRole = (member: StaffMember, role: StaffRole): boolean => member.roles.includes(role);

/** Whether the staff id names an active expert (a hand-over target, the rota's backup). */
export async function isActiveExpert(staff: Repositories['staff'], staffId: string): Promise<boolean> {
  const member = await staff.get(staffId);
  return member !== undefined && member.active && hasRole(member, 'expert');
}

/** The Helsinki date an article is next due for review: a year from `now`'s date (29 Feb → 28 Feb). */
export function reviewDateFrom(now: Date): string {
  const today = localDateOf(now);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year + 1, month, 0)).getUTCDate();
  return `${String(year + 1).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is an existing calendar date 'YYYY-MM-DD' (never throws: it is user input). */
export function isLocalDate(text: string): boolean {
  if (!LOCAL_DATE.test(text)) return false;
  try {
    // parseLocalDate refuses impossible dates (2026-02-30); the round trip makes sure.
    return addLocalDays(text, 0) === text && Number.isFinite(parseLocalDate(text));
  } catch {
    return false;
  }
}
