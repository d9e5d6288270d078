import type { CardAttachment } from '../../cards/adaptive-card.js';
import { helsinkiClock, helsinkiDate } from '../../cards/adviser/staff-format.js';
import { renderTicketCard, type TicketNotice, type TicketThreadEntry } from '../../cards/experts/ticket-card.js';
import type { Ticket, TicketEvent } from '../../domain/experts/ticket.js';
import type { StaffLanguage } from '../../i18n/staff/index.js';
import type { Repositories } from '../../use-cases/ports/repositories.js';

/** What a ticket card shows: the ticket, its thread, and the experts it can be handed over to. */
export interface TicketCardSource {
  readonly ticket: Ticket;
  readonly events: readonly TicketEvent[];
  readonly experts: readonly { readonly id: string; readonly displayName: string }[];
}

const when = (instant: Date, lang: StaffLanguage): string => `${helsinkiDate(instant, lang)} ${helsinkiClock(instant, lang)}`;

/**
 * The ticket card for one viewer's language: staff names and the municipality's name looked up
 * here (the ticket holds ids only), times in Helsinki. Used for the channel post, its updates, the
 * universal-action refresh and the answer to an expert's button.
 */
export async function ticketCardFor(
  repos: Pick<Repositories, 'staff' | 'municipalities'>,
  source: TicketCardSource,
  lang: StaffLanguage,
  extra: { readonly notice?: TicketNotice; readonly answerDraft?: string } = {},
): Promise<CardAttachment> {
  const { ticket, events } = source;
  const names = new Map<string, string>();
  const nameOf = async (staffId: string | null): Promise<string> => {
    if (staffId === null) return '';
    if (!names.has(staffId)) names.set(staffId, (await repos.staff.get(staffId))?.displayName ?? '—');
    return names.get(staffId)!;
  };
  const thread: TicketThreadEntry[] = [];
  for (const event of events) {
    if ((event.kind === 'answered' || event.kind === 'follow_up') && event.text !== null) {
      thread.push({ kind: event.kind, authorName: await nameOf(event.actorId), at: when(event.at, lang), text: event.text });
    }
  }
  const escalated = [...events].reverse().find((e) => e.kind === 'escalated');
  const municipality = await repos.municipalities.get(ticket.municipalityCode);
  return renderTicketCard({
    lang,
    ticketId: ticket.id,
    number: ticket.number,
    topic: ticket.topic,
    urgency: ticket.urgency,
    status: ticket.status,
    municipalityName: municipality?.name ?? ticket.municipalityCode,
    askerName: await nameOf(ticket.askerId),
    askedAt: when(ticket.createdAt, lang),
    question: ticket.question,
    thread,
    assigneeName: ticket.assigneeId === null ? null : await nameOf(ticket.assigneeId),
    // The escalation event names the backup it called in (null text: nobody was on the rota).
    ...(escalated ? { escalation: { backupName: escalated.text === null ? '—' : await nameOf(escalated.text), at: when(escalated.at, lang) } } : {}),
    experts: source.experts.filter((e) => e.id !== ticket.assigneeId).map((e) => ({ id: e.id, name: e.displayName })),
    ...(extra.answerDraft !== undefined ? { answerDraft: extra.answerDraft } : {}),
    ...(extra.notice ? { notice: extra.notice } : {}),
  });
}
