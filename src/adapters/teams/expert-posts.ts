import { MessageFactory, type Activity } from 'botbuilder';
import { helsinkiClock, helsinkiDate } from '../../cards/adviser/staff-format.js';
import { escalationMessage, mentionText } from '../../cards/experts/escalation-message.js';
import { renderExpertAnswerCard } from '../../cards/experts/expert-answer-card.js';
import { renderTrainingCard } from '../../cards/experts/training-card.js';
import type { OutboxMessage } from '../../domain/outbox/outbox.js';
import { staffLanguage, staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { OutboxDeliveryError } from '../../jobs/outbox-dispatcher.js';
import type { AskerNoticePayload, EscalationPayload, TicketCardPayload, TrainingCardPayload } from '../../use-cases/experts/expert-topics.js';
import type { ChannelPurpose, StoredChannel } from '../../use-cases/ports/experts.js';
import type { Repositories } from '../../use-cases/ports/repositories.js';
import { inConversation, sendToPerson, type ProactiveDeps } from './proactive-messages.js';
import { ticketCardFor } from './ticket-presenter.js';

/**
 * Outbox handlers of the expert channel (issue 5): the ticket card in the experts' channel
 * (posted once, then updated in place), the answer to the asker's personal chat, the SLA's
 * @mention of the on-duty backup in the ticket's thread, and training announcements in the staff
 * channel. Each renders from what the database holds at delivery; payloads carry ids only.
 */
export type ExpertPostDeps = ProactiveDeps & { readonly repos: Pick<Repositories, 'tickets' | 'staff' | 'municipalities' | 'channels' | 'trainings'> };

const malformed = (what: string) => new OutboxDeliveryError(`The ${what} message has a malformed payload.`, { permanent: true, reason: 'bad_payload' });

/** The configured channel, or a permanent failure an operator can act on (set it, then requeue). */
async function channelFor(deps: ExpertPostDeps, purpose: ChannelPurpose): Promise<StoredChannel> {
  const channel = await deps.repos.channels.get(purpose);
  if (!channel) throw new OutboxDeliveryError(`No ${purpose} channel is set: a coordinator sets it with the bot in that channel, then requeue.`, { permanent: true, reason: 'no_channel' });
  return channel;
}

/** Channel posts are read by many: the language of the channel's Teams client when it told us, else Finnish. */
const channelLanguage = (channel: StoredChannel): StaffLanguage => staffLanguage(((channel.reference as { locale?: string } | null)?.locale ?? 'fi').slice(0, 2));

async function activeExperts(repos: Pick<Repositories, 'staff'>) {
  return (await repos.staff.listByRole('expert')).filter((m) => m.active).map((m) => ({ id: m.id, displayName: m.displayName }));
}

/**
 * The ticket's card in the experts' channel, as the ticket is now: the first delivery posts it and
 * records where; later ones update that message (every viewer also refreshes through universal
 * actions). A redelivery after a crash between Teams' answer and our record would post twice:
 * the record is written right after the post, so that window is one round trip.
 */
export function createTicketCardHandler(deps: ExpertPostDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = message.payload as Partial<TicketCardPayload> | null;
    if (typeof payload?.ticketId !== 'string') throw malformed('ticket card');
    const ticket = await deps.repos.tickets.get(payload.ticketId);
    if (!ticket) return;
    const channel = await channelFor(deps, 'experts');
    const lang = channelLanguage(channel);
    const [events, experts, post] = await Promise.all([deps.repos.tickets.events(ticket.id), activeExperts(deps.repos), deps.repos.tickets.getPost(ticket.id)]);
    const card = await ticketCardFor(deps.repos, { ticket, events, experts }, lang);
    if (post) {
      await inConversation(deps, post.conversationId, channel.reference, async (context) => {
        await context.updateActivity({ ...MessageFactory.attachment(card), id: post.activityId });
      });
      return;
    }
    let activityId: string | undefined;
    await inConversation(deps, channel.conversationId, channel.reference, async (context) => {
      activityId = (await context.sendActivity(MessageFactory.attachment(card)))?.id;
    });
    if (activityId === undefined) throw new OutboxDeliveryError('Teams did not return the posted card’s id.', { reason: 'no_activity_id' });
    await deps.repos.tickets.savePost({ ticketId: ticket.id, conversationId: channel.conversationId, activityId });
  };
}

/** The expert's answer, to the asker's personal chat, with "Solved" and a follow-up box. */
export function createAskerNoticeHandler(deps: ExpertPostDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = message.payload as Partial<AskerNoticePayload> | null;
    if (typeof payload?.ticketId !== 'string' || typeof payload.revision !== 'number') throw malformed('answer notice');
    const ticket = await deps.repos.tickets.get(payload.ticketId);
    if (!ticket) return;
    // The answer given in that revision, even if the ticket moved on since (a newer answer has its own notice).
    const events = await deps.repos.tickets.events(ticket.id);
    const answers = events.filter((e) => e.kind === 'answered' && e.text !== null);
    const answer = answers.at(-1);
    const asker = await deps.repos.staff.get(ticket.askerId);
    if (!answer || !asker?.active) return;
    const expert = await deps.repos.staff.get(answer.actorId);
    await sendToPerson(deps, asker.tenantId, asker.entraObjectId, (lang) =>
      MessageFactory.attachment(
        renderExpertAnswerCard({
          lang: staffLanguage(lang),
          ticketId: ticket.id,
          number: ticket.number,
          question: ticket.question,
          answer: answer.text ?? '',
          answeredBy: expert?.displayName ?? '—',
          state: ticket.status === 'solved' ? 'solved' : 'answered',
        }),
      ),
    );
  };
}

/**
 * The SLA's call for help: a reply in the ticket's thread that @mentions the on-duty backup (by
 * their Entra object id, which Teams accepts for mentions), or names nobody when the rota is empty.
 * The card itself is updated too, so the channel sees that the question was escalated.
 */
export function createEscalationHandler(deps: ExpertPostDeps & { readonly clock: () => Date }) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = message.payload as Partial<EscalationPayload> | null;
    if (typeof payload?.ticketId !== 'string' || (payload.backupExpertId !== null && typeof payload.backupExpertId !== 'string')) throw malformed('escalation');
    const ticket = await deps.repos.tickets.get(payload.ticketId);
    if (!ticket || ticket.status !== 'open') return;
    const channel = await channelFor(deps, 'experts');
    const post = await deps.repos.tickets.getPost(ticket.id);
    const backup = payload.backupExpertId === null ? undefined : await deps.repos.staff.get(payload.backupExpertId);
    const lang = channelLanguage(channel);
    const minutesWaiting = Math.max(0, Math.round((deps.clock().getTime() - ticket.createdAt.getTime()) / 60_000));
    const text = backup ? escalationMessage(lang, { number: ticket.number, minutesWaiting, backupName: backup.displayName }) : staffText(lang, 'experts.escalationNobody', { number: ticket.number, minutes: minutesWaiting });
    const activity: Partial<Activity> = {
      type: 'message',
      text,
      ...(backup ? { entities: [{ type: 'mention', text: mentionText(backup.displayName), mentioned: { id: backup.entraObjectId, name: backup.displayName } }] } : {}),
    };
    // In the ticket's thread when the card is there (Teams: `<channel>;messageid=<root>`), else in the channel.
    const conversationId = post ? `${post.conversationId};messageid=${post.activityId}` : channel.conversationId;
    const reference = { ...(channel.reference as Record<string, unknown>), conversation: { ...((channel.reference as { conversation?: object }).conversation ?? {}), id: conversationId } };
    await inConversation(deps, channel.conversationId, reference, async (context) => {
      await context.sendActivity(activity);
    });
  };
}

/** A coordinator's training announcement in the staff channel, with the sign-up button. */
export function createTrainingCardHandler(deps: ExpertPostDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = message.payload as Partial<TrainingCardPayload> | null;
    if (typeof payload?.trainingId !== 'string') throw malformed('training card');
    const training = await deps.repos.trainings.get(payload.trainingId);
    if (!training) return;
    const channel = await channelFor(deps, 'staff_announcements');
    const lang = channelLanguage(channel);
    const signUpCount = await deps.repos.trainings.signUpCount(training.id);
    const card = renderTrainingCard({
      lang,
      trainingId: training.id,
      title: training.title,
      description: training.description,
      when: `${helsinkiDate(training.startsAt, lang)} ${helsinkiClock(training.startsAt, lang)}`,
      location: training.location,
      signUpCount,
      capacity: training.capacity,
    });
    await inConversation(deps, channel.conversationId, channel.reference, async (context) => {
      await context.sendActivity(MessageFactory.attachment(card));
    });
  };
}
