import { MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, type Ticket, type TicketChange, type TicketEvent, type TicketStatus } from './ticket.js';

/**
 * What may happen to a ticket, and what it changes (issue 5). Pure: the use cases load the
 * ticket, ask here, and write the change naming the revision they read, so two experts claiming
 * at once cannot both win (the loser is decided again on the winner's ticket: `already_claimed`).
 *
 * | status \ command | claim | answer | reopen | close | hand_over | solve | follow_up | escalate |
 * |---|---|---|---|---|---|---|---|---|
 * | open     | → claimed | → answered | refused | → closed | → claimed | refused | stays (thread) | escalatedAt, once |
 * | claimed  | already_claimed / no_change (own) | → answered | refused | → closed | → claimed (another expert) | refused | stays (thread) | no_change |
 * | answered | refused | → answered (corrected) | → claimed / open | → closed | refused | → solved | → claimed / open | no_change |
 * | solved   | refused | refused | → claimed / open | → closed | refused | no_change | → claimed / open | no_change |
 * | closed   | refused | refused | → claimed / open | no_change | refused | refused | → claimed / open | no_change |
 *
 * "refused" is `not_allowed_in_state`; "→ claimed / open" is claimed when the ticket has an
 * assignee, else open.
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

/**
 * Who acts. The role comes from our database via the use case (an expert by their staff role,
 * the asker by being the ticket's asker), never from card data; `system` is the SLA job.
 */
export interface TicketActor {
  readonly id: string;
  readonly role: 'expert' | 'asker' | 'system';
}

/**
 * Why nothing happens: `forbidden` — not this actor's command (or not this asker's ticket);
 * `not_allowed_in_state` — not from the ticket's status; `already_claimed` — another expert has
 * it (the ticket's assigneeId says who); `no_change` — it already is so; `empty_text` /
 * `text_too_long` — the answer or follow-up, after trimming.
 */
export type TicketRefusal = 'forbidden' | 'not_allowed_in_state' | 'already_claimed' | 'no_change' | 'empty_text' | 'text_too_long';

/**
 * Allowed: the fields to write (only those that change; `{}` for a follow-up that only joins the
 * thread) and the thread entry to add. Or refused, with the reason.
 */
export type TicketDecision =
  | { readonly ok: true; readonly change: TicketChange; readonly event: Pick<TicketEvent, 'kind' | 'text'> }
  | { readonly ok: false; readonly reason: TicketRefusal };

const ROLE_FOR: Readonly<Record<TicketCommand['kind'], TicketActor['role']>> = {
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
const allow = (change: TicketChange, kind: TicketEvent['kind'], text: string | null = null): TicketDecision => ({ ok: true, change, event: { kind, text } });
const isIn = (status: TicketStatus, ...statuses: readonly TicketStatus[]): boolean => statuses.includes(status);

/** Back in the experts' hands after a reopen or a follow-up: with whoever had it, else open to all. */
const backToExperts = (ticket: Ticket): TicketStatus => (ticket.assigneeId === null ? 'open' : 'claimed');

/** The text trimmed, or why it cannot be used. Length in UTF-16 units, as the question is checked (ask-expert.ts). */
function checkedText(text: string, max: number): { readonly text: string } | { readonly refusal: TicketRefusal } {
  const trimmed = text.trim();
  if (trimmed === '') return { refusal: 'empty_text' };
  if (trimmed.length > max) return { refusal: 'text_too_long' };
  return { text: trimmed };
}

/**
 * The decision for `command` by `actor` on `ticket` as it is now (`now` stamps first claim,
 * first answer and escalation). Expert commands need the expert role; solve and follow-up the
 * ticket's own asker; escalate the system. The state comes before the text: an empty answer to a
 * closed ticket is `not_allowed_in_state`. Whether a hand-over target is an active expert is the
 * use case's check.
 */
export function decideTicket(ticket: Ticket, actor: TicketActor, command: TicketCommand, now: Date): TicketDecision {
  if (actor.role !== ROLE_FOR[command.kind] || (actor.role === 'asker' && actor.id !== ticket.askerId)) return refuse('forbidden');
  const { status } = ticket;
  const firstClaimedAt = ticket.firstClaimedAt ?? now;
  switch (command.kind) {
    case 'claim':
      if (status === 'claimed') return refuse(ticket.assigneeId === actor.id ? 'no_change' : 'already_claimed');
      if (status !== 'open') return refuse('not_allowed_in_state');
      return allow({ status: 'claimed', assigneeId: actor.id, firstClaimedAt }, 'claimed');
    case 'answer': {
      // Any expert may answer, also someone else's claimed ticket: the answerer becomes the assignee.
      if (!isIn(status, 'open', 'claimed', 'answered')) return refuse('not_allowed_in_state');
      const checked = checkedText(command.text, MAX_ANSWER_LENGTH);
      if ('refusal' in checked) return refuse(checked.refusal);
      return allow({ status: 'answered', answer: checked.text, assigneeId: actor.id, firstClaimedAt, firstAnsweredAt: ticket.firstAnsweredAt ?? now }, 'answered', checked.text);
    }
    case 'reopen':
      if (!isIn(status, 'answered', 'solved', 'closed')) return refuse('not_allowed_in_state');
      return allow({ status: backToExperts(ticket) }, 'reopened');
    case 'close':
      return status === 'closed' ? refuse('no_change') : allow({ status: 'closed' }, 'closed');
    case 'hand_over':
      if (!isIn(status, 'open', 'claimed')) return refuse('not_allowed_in_state');
      if (command.toExpertId === ticket.assigneeId) return refuse('no_change');
      return allow({ status: 'claimed', assigneeId: command.toExpertId, firstClaimedAt }, 'handed_over', command.toExpertId);
    case 'solve':
      if (status === 'solved') return refuse('no_change');
      return status === 'answered' ? allow({ status: 'solved' }, 'solved') : refuse('not_allowed_in_state');
    case 'follow_up': {
      const checked = checkedText(command.text, MAX_QUESTION_LENGTH);
      if ('refusal' in checked) return refuse(checked.refusal);
      // Still with the experts: the follow-up only joins the thread. Answered or done: it reopens.
      return allow(isIn(status, 'open', 'claimed') ? {} : { status: backToExperts(ticket) }, 'follow_up', checked.text);
    }
    case 'escalate':
      return status === 'open' && ticket.escalatedAt === null ? allow({ escalatedAt: now }, 'escalated') : refuse('no_change');
  }
}
