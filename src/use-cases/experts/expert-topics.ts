import type { Repositories } from '../ports/repositories.js';

/**
 * The expert channel's outbox topics (issue 5). Each row is written in the transaction of the
 * change that causes it, and carries ids only: the handler reads the ticket, training or staff
 * member when it delivers, so a late delivery shows the state as it is then and no question text
 * sits in the outbox.
 */

/** Post the ticket's card to the experts' channel, or update it in place. Payload {@link TicketCardPayload}. */
export const EXPERT_TICKET_CARD_TOPIC = 'experts.ticket_card';
/** The answer card to the asker's personal chat. Payload {@link AskerNoticePayload}. */
export const EXPERT_ASKER_NOTICE_TOPIC = 'experts.asker_notice';
/** An unclaimed ticket past its claim time: @mention the on-duty backup. Payload {@link EscalationPayload}. */
export const EXPERT_ESCALATION_TOPIC = 'experts.escalation';
/** Post a training announcement to the staff channel. Payload {@link TrainingCardPayload}. */
export const EXPERT_TRAINING_CARD_TOPIC = 'experts.training_card';

export interface TicketCardPayload {
  readonly ticketId: string;
}

export interface AskerNoticePayload {
  readonly ticketId: string;
  /** The revision the answer was given in: the notice shows that answer even if the ticket moved on. */
  readonly revision: number;
}

export interface EscalationPayload {
  readonly ticketId: string;
  /** The on-duty backup expert's staff id; null when the rota names no active expert today (the card then mentions nobody). */
  readonly backupExpertId: string | null;
}

export interface TrainingCardPayload {
  readonly trainingId: string;
}

type Outbox = Pick<Repositories, 'outbox'>;

/**
 * The channel card for one revision of the ticket. Keyed by revision: a redelivered row updates
 * the card once, and a later change gets its own row (the handler shows the newest state anyway).
 */
export async function enqueueTicketCard(tx: Outbox, ticket: { readonly id: string; readonly revision: number }, now: Date): Promise<void> {
  const payload: TicketCardPayload = { ticketId: ticket.id };
  await tx.outbox.enqueue({ topic: EXPERT_TICKET_CARD_TOPIC, payload, idempotencyKey: `ticket-card:${ticket.id}:${ticket.revision}` }, now);
}

/** The asker's notice of the answer given in this revision. */
export async function enqueueAskerNotice(tx: Outbox, ticket: { readonly id: string; readonly revision: number }, now: Date): Promise<void> {
  const payload: AskerNoticePayload = { ticketId: ticket.id, revision: ticket.revision };
  await tx.outbox.enqueue({ topic: EXPERT_ASKER_NOTICE_TOPIC, payload, idempotencyKey: `asker-notice:${ticket.id}:${ticket.revision}` }, now);
}

/** The backup's @mention. A ticket is escalated once (escalatedAt), so one key per ticket. */
export async function enqueueEscalation(tx: Outbox, ticketId: string, backupExpertId: string | null, now: Date): Promise<void> {
  const payload: EscalationPayload = { ticketId, backupExpertId };
  await tx.outbox.enqueue({ topic: EXPERT_ESCALATION_TOPIC, payload, idempotencyKey: `escalation:${ticketId}` }, now);
}

/** The announcement card of a new training (posted once). */
export async function enqueueTrainingCard(tx: Outbox, trainingId: string, now: Date): Promise<void> {
  const payload: TrainingCardPayload = { trainingId };
  await tx.outbox.enqueue({ topic: EXPERT_TRAINING_CARD_TOPIC, payload, idempotencyKey: `training-card:${trainingId}` }, now);
}
