import { scrubPersonalData } from '../../domain/experts/pii.js';
import type { Ticket, TicketEvent } from '../../domain/experts/ticket.js';
import { decideTicket, type TicketActor, type TicketCommand, type TicketRefusal } from '../../domain/experts/ticket-rules.js';
import type { StaffMember } from '../../domain/staff/staff.js';
import type { StaffIdentity } from '../adviser/acting-staff.js';
import type { Repositories } from '../ports/repositories.js';
import { activeStaff, hasRole, isActiveExpert, type ExpertDeps } from './expert-access.js';
import { enqueueAskerNotice, enqueueTicketCard } from './expert-topics.js';

/** What a person may do to a ticket from a card; `escalate` is the SLA job's alone. */
export type TicketAction = Exclude<TicketCommand, { kind: 'escalate' }>;

export type ActOnTicketResult =
  | { readonly ok: true; readonly ticket: Ticket }
  /**
   * Not staff, or not allowed to do this. `ticket` is there when the caller may see the ticket
   * (an expert, its asker), so the card can refresh to the current state; never for anyone else.
   */
  | { readonly ok: false; readonly reason: 'forbidden' | 'not_found'; readonly ticket?: Ticket }
  /** The rules refused (e.g. `already_claimed`: `ticket.assigneeId` says who won), or the hand-over target is no active expert. */
  | { readonly ok: false; readonly reason: TicketRefusal | 'invalid_expert'; readonly ticket: Ticket };

export interface TicketView {
  readonly ticket: Ticket;
  /** The thread, oldest first. */
  readonly events: readonly TicketEvent[];
  /** The viewer may act as an expert (claim, answer, …). */
  readonly isExpert: boolean;
  /** The viewer asked it (may mark it solved or follow up). */
  readonly isAsker: boolean;
  /** Active experts to hand over to, by name; empty for a viewer who is not an expert. */
  readonly experts: readonly { readonly id: string; readonly displayName: string }[];
}

export type GetTicketViewResult = ({ readonly ok: true } & TicketView) | { readonly ok: false; readonly reason: 'forbidden' | 'not_found' };

const ASKER_COMMANDS: ReadonlySet<TicketAction['kind']> = new Set(['solve', 'follow_up']);

/** An expert or the asker may see a ticket; other staff may not (the channel card is the experts'). */
const maySee = (member: StaffMember, ticket: Ticket): boolean => hasRole(member, 'expert') || ticket.askerId === member.id;

/**
 * One button on a ticket card: an expert claims, answers, reopens, closes or hands over; the
 * asker marks it solved or follows up. Who the caller is and what roles they have come from our
 * database, never from the card. A refusal changes nothing and writes nothing.
 *
 * Text (answer, follow-up) is scrubbed before the rules see it, so a phone number typed into an
 * answer is never stored. The change names the revision it was decided on: when someone else
 * changed the ticket in between (two experts claiming at once), it is decided again, once, on the
 * ticket as it is now — the slower claim then ends as `already_claimed` with the winner's ticket,
 * while a racing answer still lands. Every change updates the channel card; an answer also sends
 * the asker a notice, in the same transaction.
 */
export async function actOnTicket(deps: ExpertDeps, actor: StaffIdentity, ticketId: string, command: TicketAction): Promise<ActOnTicketResult> {
  const now = deps.clock();
  const { uow } = deps;
  const member = await activeStaff(uow.staff, actor);
  if (!member) return { ok: false, reason: 'forbidden' };
  const ticket = await uow.tickets.get(ticketId);
  if (!ticket) return { ok: false, reason: 'not_found' };
  const asAsker = ASKER_COMMANDS.has(command.kind);
  const allowed = asAsker ? ticket.askerId === member.id : hasRole(member, 'expert');
  if (!allowed) return maySee(member, ticket) ? { ok: false, reason: 'forbidden', ticket } : { ok: false, reason: 'forbidden' };
  if (command.kind === 'hand_over' && !(await isActiveExpert(uow.staff, command.toExpertId))) return { ok: false, reason: 'invalid_expert', ticket };

  const rulesActor: TicketActor = { id: member.id, role: asAsker ? 'asker' : 'expert' };
  const scrubbed = scrubbedCommand(command);
  return uow.transaction(async (tx) => {
    let current = ticket;
    // Two tries: the one decided on what we read, and one on the ticket as the other writer left it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const decision = decideTicket(current, rulesActor, scrubbed, now);
      if (!decision.ok) return { ok: false, reason: decision.reason, ticket: current } as const;
      const updated = await tx.tickets.update(current.id, current.revision, decision.change, { at: now, actorId: member.id, kind: decision.event.kind, text: decision.event.text }, now);
      if (updated.ok) {
        await enqueueTicketCard(tx, updated.ticket, now);
        if (scrubbed.kind === 'answer') await enqueueAskerNotice(tx, updated.ticket, now);
        return { ok: true, ticket: updated.ticket } as const;
      }
      if (updated.reason === 'not_found') return { ok: false, reason: 'not_found' } as const;
      current = updated.current;
    }
    // A third writer within one action: rare enough that "try again" is the honest answer.
    throw new Error(`actOnTicket: ticket ${ticketId} changed twice while "${command.kind}" was applied; nothing was written, try again.`);
  });
}

/** The command with its text scrubbed of personal data (and trimmed); other commands as they are. */
function scrubbedCommand(command: TicketAction): TicketAction {
  if (command.kind === 'answer' || command.kind === 'follow_up') return { ...command, text: scrubPersonalData(command.text.trim()).text };
  return command;
}

/**
 * The ticket as its card shows it: the state, the thread, what the viewer may do, and (for
 * experts) whom it can be handed over to. Only experts and the asker see a ticket.
 */
export async function getTicketView(deps: Pick<ExpertDeps, 'uow'>, actor: StaffIdentity, ticketId: string): Promise<GetTicketViewResult> {
  const { uow } = deps;
  const member = await activeStaff(uow.staff, actor);
  if (!member) return { ok: false, reason: 'forbidden' };
  const ticket = await uow.tickets.get(ticketId);
  if (!ticket) return { ok: false, reason: 'not_found' };
  if (!maySee(member, ticket)) return { ok: false, reason: 'forbidden' };
  const isExpert = hasRole(member, 'expert');
  const [events, experts] = await Promise.all([uow.tickets.events(ticket.id), isExpert ? activeExperts(uow) : Promise.resolve([])]);
  return { ok: true, ticket, events, isExpert, isAsker: ticket.askerId === member.id, experts };
}

async function activeExperts(repos: Pick<Repositories, 'staff'>): Promise<{ id: string; displayName: string }[]> {
  return (await repos.staff.listByRole('expert')).filter((m) => m.active).map((m) => ({ id: m.id, displayName: m.displayName }));
}
