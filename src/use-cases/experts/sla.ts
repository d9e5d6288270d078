import { localDateOf } from '../../domain/booking/helsinki-time.js';
import { isOfficeTime } from '../../domain/experts/office-hours.js';
import { decideTicket, type TicketActor } from '../../domain/experts/ticket-rules.js';
import type { Repositories } from '../ports/repositories.js';
import { isActiveExpert, type ExpertDeps } from './expert-access.js';
import { enqueueEscalation, enqueueTicketCard } from './expert-topics.js';

/** The actor id on an escalation's thread entry (TicketEvent.actorId). */
export const SLA_ACTOR: TicketActor = Object.freeze({ id: 'system:sla', role: 'system' });

export interface EscalationRun {
  /** Tickets escalated by this run (each one once: escalatedAt keeps it out of later runs). */
  readonly escalated: number;
}

/**
 * The SLA job (run every minute or so): every open ticket nobody claimed by its claimDueAt goes to
 * the on-duty backup expert, who is @mentioned in the channel. Nothing happens outside office time
 * (evenings, weekends, Finnish public holidays): claimDueAt already counts office minutes, so a
 * ticket due at 16:00 on Friday is picked up when the office opens, not at night.
 *
 * Each ticket is escalated in its own transaction with its outbox row, so one failure does not
 * hold back the others. A ticket claimed meanwhile (the update is stale) is skipped: it needs
 * nobody. The backup is the first shift on today's rota whose expert is still an active expert;
 * with none, the escalation is still recorded and the card mentions nobody (`backupExpertId` null).
 */
export async function escalateOverdueTickets(deps: ExpertDeps, limit = 50): Promise<EscalationRun> {
  const now = deps.clock();
  if (!isOfficeTime(now, deps.sla.officeHours)) return { escalated: 0 };
  const { uow } = deps;
  const due = await uow.tickets.dueForEscalation(now, limit);
  if (due.length === 0) return { escalated: 0 };
  const backupExpertId = await onDutyBackup(uow, localDateOf(now));
  let escalated = 0;
  for (const ticket of due) {
    const decision = decideTicket(ticket, SLA_ACTOR, { kind: 'escalate' }, now);
    if (!decision.ok) continue;
    const done = await uow.transaction(async (tx) => {
      // The event names the backup it called in (the card shows who), or null when the rota was empty.
      const updated = await tx.tickets.update(ticket.id, ticket.revision, decision.change, { at: now, actorId: SLA_ACTOR.id, kind: decision.event.kind, text: backupExpertId }, now);
      if (!updated.ok) return false;
      await enqueueEscalation(tx, ticket.id, backupExpertId, now);
      await enqueueTicketCard(tx, updated.ticket, now);
      return true;
    });
    if (done) escalated += 1;
  }
  return { escalated };
}

/** The staff id of the first expert on the rota for `date` who is still an active expert; null when none. */
export async function onDutyBackup(repos: Pick<Repositories, 'expertRota' | 'staff'>, date: string): Promise<string | null> {
  for (const shift of await repos.expertRota.onDate(date)) {
    if (await isActiveExpert(repos.staff, shift.expertId)) return shift.expertId;
  }
  return null;
}
