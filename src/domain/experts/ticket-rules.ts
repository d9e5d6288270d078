import { MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, type Ticket, type TicketChange, type TicketEvent, type TicketStatus } from './ticket.js';

/**
 * What may happen to a ticket, and what it changes (issue 5). Pure: the use cases load the
 * ticket, ask here, and write the change with the revision they read, so two experts claiming at
 * once cannot both win.
 */
export type TicketCommand =
  | { readonly kind: 'claim' }
  | { readonly kind: 'answer'; readonly text: string }
  | { readonly kind: 'reopen' }
  | { readonly kind: 'close' }
  | { readonly kind: 'hand_over'; readonly toExpertId: string }
  // the asker's
  | { readonly kind: 'solve' }
  | { readonly kind: 'follow_up'; readonly text: string }
  // the SLA job's
  | { readonly kind: 'escalate' };

/** Who acts: the role comes from our database (the use case decides it), never from card data. */
export interface TicketActor {
  readonly id: string;
  readonly role: 'expert' | 'asker' | 'system';
}

export type TicketRefusal = 'forbidden' | 'not_allowed_in_state' | 'already_claimed' | 'no_change' | 'empty_text' | 'text_too_long';

export type TicketDecision =
  | { readonly ok: true; readonly change: TicketChange; readonly event: Pick<TicketEvent, 'kind' | 'text'> }
  | { readonly ok: false; readonly reason: TicketRefusal };

const ROLE_OF: Readonly<Record<TicketCommand['kind'], TicketActor['role']>> = {
  claim: 'expert',
  answer: 'expert',
  reopen: 'expert',
  close: 'expert',
  hand_over: 'expert',
  solve: 'asker',
  follow_up: 'asker',
  escalate: 'system',
};

const refuse = (reason: TicketRefusal): TicketDecision => ({ ok: false, reason });
const accept = (change: TicketChange, kind: TicketEvent['kind'], text: string | null = null): TicketDecision => ({ ok: true, change, event: { kind, text } });
const among = (status: TicketStatus, ...allowed: TicketStatus[]): boolean => allowed.includes(status);
/** Back in the experts' hands after a reopen or follow-up: with whoever had it, else open. */
const backToExperts = (ticket: Ticket): TicketStatus => (ticket.assigneeId === null ? 'open' : 'claimed');

function checkText(text: string, max: number): { readonly text: string } | TicketRefusal {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty_text';
  return trimmed.length > max ? 'text_too_long' : { text: trimmed };
}

/**
 * The decision for `command` by `actor` on `ticket` as it is now. Expert commands need the expert
 * role; solve and follow-up need the ticket's own asker; escalate is the SLA job's.
 */
export function decideTicket(ticket: Ticket, actor: TicketActor, command: TicketCommand, now: Date): TicketDecision {
  if (actor.role !== ROLE_OF[command.kind] || (actor.role === 'asker' && actor.id !== ticket.askerId)) return refuse('forbidden');
  const { status } = ticket;
  const firstClaimedAt = ticket.firstClaimedAt ?? now;
  switch (command.kind) {
    case 'claim':
      if (status === 'claimed') return refuse(ticket.assigneeId === actor.id ? 'no_change' : 'already_claimed');
      if (status !== 'open') return refuse('not_allowed_in_state');
      return accept({ status: 'claimed', assigneeId: actor.id, firstClaimedAt }, 'claimed');
    case 'answer': {
      if (!among(status, 'open', 'claimed', 'answered')) return refuse('not_allowed_in_state');
      const checked = checkText(command.text, MAX_ANSWER_LENGTH);
      if (typeof checked === 'string') return refuse(checked);
      return accept({ status: 'answered', answer: checked.text, assigneeId: actor.id, firstClaimedAt, firstAnsweredAt: ticket.firstAnsweredAt ?? now }, 'answered', checked.text);
    }
    case 'reopen':
      if (!among(status, 'answered', 'solved', 'closed')) return refuse('not_allowed_in_state');
      return accept({ status: backToExperts(ticket) }, 'reopened');
    case 'close':
      return status === 'closed' ? refuse('no_change') : accept({ status: 'closed' }, 'closed');
    case 'hand_over':
      if (!among(status, 'open', 'claimed')) return refuse('not_allowed_in_state');
      if (command.toExpertId === ticket.assigneeId) return refuse('no_change');
      return accept({ status: 'claimed', assigneeId: command.toExpertId, firstClaimedAt }, 'handed_over', command.toExpertId);
    case 'solve':
      if (status === 'solved') return refuse('no_change');
      return status === 'answered' ? accept({ status: 'solved' }, 'solved') : refuse('not_allowed_in_state');
    case 'follow_up': {
      const checked = checkText(command.text, MAX_QUESTION_LENGTH);
      if (typeof checked === 'string') return refuse(checked);
      // Still with the experts: the follow-up joins the thread; answered or done: it reopens.
      return accept(among(status, 'open', 'claimed') ? {} : { status: backToExperts(ticket) }, 'follow_up', checked.text);
    }
    case 'escalate':
      return status === 'open' && ticket.escalatedAt === null ? accept({ escalatedAt: now }, 'escalated') : refuse('no_change');
  }
}
