import { addLocalDays, localDateOf } from '../../domain/booking/helsinki-time.js';
import type { StaffIdentity } from '../adviser/acting-staff.js';
import type { DutyShift } from '../ports/experts.js';
import { activeStaff, hasRole, isActiveExpert, isLocalDate, type ExpertDeps } from './expert-access.js';

/** How far ahead the coordinator's rota card looks. */
export const ROTA_DAYS_SHOWN = 28;
/** One shift at most this long (a typo like 2062 for 2026 is refused, not stored). */
export const MAX_SHIFT_DAYS = 92;

export interface DutyRotaView {
  /** Shifts touching today … today + ROTA_DAYS_SHOWN − 1, earliest first. */
  readonly shifts: readonly (DutyShift & { readonly expertName: string })[];
  /** Active experts, for the form's choice. */
  readonly experts: readonly { readonly id: string; readonly displayName: string }[];
  readonly today: string;
}

export type DutyRotaResult = ({ readonly ok: true } & DutyRotaView) | { readonly ok: false; readonly reason: 'forbidden' };
export type DutyShiftError = 'expert' | 'from' | 'to' | 'order' | 'too_long';
export type SetDutyShiftResult = ({ readonly ok: true } & DutyRotaView) | { readonly ok: false; readonly reason: 'forbidden' } | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly DutyShiftError[] };

/** Only a coordinator manages the on-duty backup rota (role from our database). */
async function isCoordinator(deps: ExpertDeps, actor: StaffIdentity): Promise<boolean> {
  const member = await activeStaff(deps.uow.staff, actor);
  return member !== undefined && hasRole(member, 'coordinator');
}

async function rotaView(deps: ExpertDeps): Promise<DutyRotaView> {
  const today = localDateOf(deps.clock());
  const seen = new Map<string, DutyShift>();
  for (let i = 0; i < ROTA_DAYS_SHOWN; i += 1) {
    for (const shift of await deps.uow.expertRota.onDate(addLocalDays(today, i))) seen.set(`${shift.expertId}|${shift.from}|${shift.to}`, shift);
  }
  const experts = (await deps.uow.staff.listByRole('expert')).filter((m) => m.active).map((m) => ({ id: m.id, displayName: m.displayName }));
  const names = new Map(experts.map((e) => [e.id, e.displayName]));
  const shifts = [...seen.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { today, experts, shifts: await Promise.all(shifts.map(async (s) => ({ ...s, expertName: names.get(s.expertId) ?? (await deps.uow.staff.get(s.expertId))?.displayName ?? '—' }))) };
}

/** The coordinator's view of the next four weeks of the backup rota. */
export async function getDutyRota(deps: ExpertDeps, actor: StaffIdentity): Promise<DutyRotaResult> {
  if (!(await isCoordinator(deps, actor))) return { ok: false, reason: 'forbidden' };
  return { ok: true, ...(await rotaView(deps)) };
}

/**
 * Puts `expertId` on backup duty from `from` to `to` (Helsinki dates, inclusive), replacing the
 * shifts that overlap that period (ExpertRotaRepository.replace). The expert must be an active
 * expert; the period must not end before today nor be longer than MAX_SHIFT_DAYS.
 */
export async function setDutyShift(deps: ExpertDeps, actor: StaffIdentity, input: { readonly expertId: string; readonly from: string; readonly to: string }): Promise<SetDutyShiftResult> {
  if (!(await isCoordinator(deps, actor))) return { ok: false, reason: 'forbidden' };
  const errors: DutyShiftError[] = [];
  if (!(await isActiveExpert(deps.uow.staff, input.expertId))) errors.push('expert');
  const fromOk = isLocalDate(input.from);
  const toOk = isLocalDate(input.to);
  if (!fromOk) errors.push('from');
  if (!toOk || (toOk && input.to < localDateOf(deps.clock()))) errors.push('to');
  if (fromOk && toOk && input.to < input.from) errors.push('order');
  if (fromOk && toOk && input.from <= input.to && input.to > addLocalDays(input.from, MAX_SHIFT_DAYS - 1)) errors.push('too_long');
  if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
  await deps.uow.expertRota.replace(input.from, input.to, [{ expertId: input.expertId, from: input.from, to: input.to }]);
  return { ok: true, ...(await rotaView(deps)) };
}
