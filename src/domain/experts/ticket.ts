import type { TopicCode } from '../intake/topics.js';

/**
 * "Call a friend" (kilauta kaverille, issue 5): a question from municipal staff to the
 * integration experts, as a ticket. Pure types and rules; the use cases in use-cases/experts/ run
 * them against the repositories (ports/experts.ts).
 *
 * A question never names a client: the ask card says so, and the server scrubs personal identity
 * codes, phone numbers and e-mail addresses from the text before anything is stored (pii.ts).
 */

export const TICKET_URGENCIES = ['normal', 'urgent'] as const;
export type TicketUrgency = (typeof TICKET_URGENCIES)[number];

/**
 * open: nobody has it · claimed: an expert has it (assigneeId) · answered: the asker has an answer
 * · solved: the asker said it answers the question · closed: an expert closed it without (or after)
 * an answer. A follow-up from the asker or an expert's reopen brings it back to claimed (when it
 * has an assignee) or open.
 */
export const TICKET_STATUSES = ['open', 'claimed', 'answered', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The languages staff ask in (the staff UI's). */
export type TicketLanguage = 'fi' | 'sv' | 'en';

export interface Ticket {
  readonly id: string;
  /** Short, human number shown on cards ("#42"); unique, increasing. */
  readonly number: number;
  /** Staff id of the asker (a municipal_staff member, adviser, …). */
  readonly askerId: string;
  /** The asker's municipality (from our database, never from card data). */
  readonly municipalityCode: string;
  readonly topic: TopicCode;
  readonly urgency: TicketUrgency;
  readonly language: TicketLanguage;
  /** The question as stored: scrubbed, at most MAX_QUESTION_LENGTH characters. */
  readonly question: string;
  readonly status: TicketStatus;
  /** Staff id of the expert who has it, or null. */
  readonly assigneeId: string | null;
  /** The latest answer, or null. */
  readonly answer: string | null;
  readonly createdAt: Date;
  /** First claim: time to claim = firstClaimedAt − createdAt (reports). */
  readonly firstClaimedAt: Date | null;
  /** First answer: time to answer = firstAnsweredAt − createdAt (reports). */
  readonly firstAnsweredAt: Date | null;
  /** When an unclaimed ticket must be claimed before the on-duty backup is called (office time). */
  readonly claimDueAt: Date;
  /** When the backup expert was called in (SLA escalation), or null. */
  readonly escalatedAt: Date | null;
  readonly updatedAt: Date;
  /** Bumped by every change: a write names the revision it read (two claims: one wins). */
  readonly revision: number;
}

/** One entry of a ticket's thread, oldest first: the question, answers, follow-ups, and state changes. */
export interface TicketEvent {
  readonly ticketId: string;
  readonly at: Date;
  /** Staff id, or `system:sla` for the escalation. */
  readonly actorId: string;
  readonly kind: 'asked' | 'claimed' | 'answered' | 'follow_up' | 'reopened' | 'closed' | 'handed_over' | 'solved' | 'escalated';
  /** The answer or follow-up text (scrubbed); the new assignee's staff id for handed_over; else null. */
  readonly text: string | null;
}

/** The fields a state change writes; the rest of the ticket stays (ticket-rules.ts decides them). */
export type TicketChange = Partial<Pick<Ticket, 'status' | 'assigneeId' | 'answer' | 'firstClaimedAt' | 'firstAnsweredAt' | 'escalatedAt'>>;

export const MAX_QUESTION_LENGTH = 2000;
export const MAX_ANSWER_LENGTH = 4000;
