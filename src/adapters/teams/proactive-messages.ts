import type { TeamsAdapter } from '@microsoft/teams-ai';
import { MessageFactory, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import { renderBookingConfirmationCard } from '../../cards/booking/booking-confirmation-card.js';
import { formatForZone } from '../../domain/booking/helsinki-time.js';
import type { OutboxMessage } from '../../domain/outbox/outbox.js';
import { resolveLocale, t, type MessageKey } from '../../i18n/index.js';
import { OutboxDeliveryError } from '../../jobs/outbox-dispatcher.js';
import type { LinkReadyPayload } from '../../use-cases/booking/booking-meeting.js';
import { teamsConversationOf } from '../../use-cases/booking/send-reminder-email.js';
import type { ConversationReferenceRepository, Repositories } from '../../use-cases/ports/repositories.js';
import type { ConversationSendLimiter } from './send-limiter.js';

/** Outbox topic of a proactive text message to one user's conversation. */
export const PROACTIVE_MESSAGE_TOPIC = 'teams.proactive_message';

/**
 * Outbox topic of the "link ready" card (payload `LinkReadyPayload` of booking-meeting.ts): the
 * booking's confirmation card again, now with the Join button, once Graph has made the meeting.
 */
export const BOOKING_LINK_CARD_TOPIC = 'teams.booking_link_card';

/**
 * Payload: ids and a catalog key only. The text is rendered at delivery in the language the user
 * has then, so no personal data sits in the outbox.
 */
export interface ProactiveMessagePayload {
  readonly tenantId: string;
  readonly userKey: string;
  readonly messageKey: MessageKey;
  readonly params?: Record<string, string>;
}

/** Payload of a booking reminder (use-cases/booking/book-session.ts). */
export interface ReminderPayload {
  readonly bookingId: string;
  /** The start the reminder was queued for: a rescheduled booking has new reminders. */
  readonly startMs: number;
}

/** Times are shown in the client's own zone when their Teams client has told us it; else the service's. */
const SERVICE_TIME_ZONE = 'Europe/Helsinki';

/** Statuses Teams answers when we send too fast or it is briefly down (DESIGN.md limits). */
const RETRYABLE = new Set([412, 429, 502, 503, 504]);

export interface ProactiveDeps {
  readonly adapter: TeamsAdapter;
  readonly botAppId: string;
  readonly conversations: ConversationReferenceRepository;
  /** Teams' per-conversation limits; one limiter per process, shared by every proactive handler. */
  readonly limiter: ConversationSendLimiter;
}

/**
 * The longest a delivery waits in place for its conversation's send window. Longer waits go back
 * to the outbox as a retry at that time, so one busy conversation never holds up the batch for long.
 */
export const MAX_INLINE_SEND_WAIT_MS = 2_000;

/** A proactive text from a catalog key, to one person's stored personal chat. */
export function createProactiveMessageHandler(deps: ProactiveDeps) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = message.payload as ProactiveMessagePayload;
    await sendToPerson(deps, payload.tenantId, payload.userKey, (lang) => t(lang, payload.messageKey, payload.params));
  };
}

/**
 * The confirmation card with the Join button, in the client's language, once the booking's Teams
 * meeting exists. Rendered from what the booking holds at delivery: a booking cancelled or moved
 * meanwhile sends nothing here (a moved one gets its own card with its new meeting). The time is in
 * the client's own zone as their Teams client last reported it (Helsinki when unknown).
 */
export function createBookingLinkCardHandler(deps: ProactiveDeps & { readonly repos: Pick<Repositories, 'bookings'> }) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = message.payload as Partial<LinkReadyPayload> | null;
    if (typeof payload?.bookingId !== 'string' || typeof payload.tenantId !== 'string' || typeof payload.userKey !== 'string') {
      throw new OutboxDeliveryError('The link card message has a malformed payload.', { permanent: true, reason: 'bad_payload' });
    }
    const booking = await deps.repos.bookings.get(payload.bookingId);
    if (!booking || booking.status !== 'booked' || !booking.meeting) return;
    const { id: bookingId, start, meeting } = booking;
    await sendToPerson(deps, payload.tenantId, payload.userKey, (lang, timeZone) =>
      MessageFactory.attachment(renderBookingConfirmationCard({ lang, timeZone, bookingId, start, joinUrl: meeting.joinUrl, linkReady: true })),
    );
  };
}

/**
 * A reminder 24 h or 1 h before a guidance appointment, in the client's language. Checked at
 * delivery, not at queueing: a cancelled or moved booking gets no reminder (issue 3: "never after
 * a cancel"), and the outbox row simply completes.
 *
 * The channel: a client with a Teams chat with the bot gets the reminder here, as a proactive
 * message; a client without one (booked on the public page) gets it by e-mail (`byEmail`,
 * send-reminder-email.ts). Someone with both gets only the Teams reminder: one reminder, through
 * the channel they booked in.
 */
export function createReminderHandler(
  deps: ProactiveDeps & {
    readonly repos: Pick<Repositories, 'bookings' | 'clients' | 'audit'>;
    readonly byEmail: (message: OutboxMessage) => Promise<void>;
    readonly clock: () => Date;
  },
) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = message.payload as ReminderPayload;
    const booking = await deps.repos.bookings.get(payload.bookingId);
    if (!booking || booking.status !== 'booked' || booking.start.getTime() !== payload.startMs) return;
    const chat = await teamsConversationOf({ clients: deps.repos.clients, conversations: deps.conversations, audit: deps.repos.audit }, booking.clientId, deps.clock());
    if (!chat) {
      await deps.byEmail(message);
      return;
    }
    await sendToPerson(deps, chat.tenantId, chat.userKey, (lang, timeZone) => t(lang, 'booking.reminder', { time: formatForZone(booking.start, timeZone, lang) }));
  };
}

/**
 * Outbox rows for Teams meetings when Microsoft Graph is not configured: they fail permanently
 * with a message an operator can act on, and stay in the outbox (status dead) to be requeued once
 * GRAPH_* settings are in place. Nothing is lost.
 */
export async function graphNotConfigured(): Promise<void> {
  throw new OutboxDeliveryError('Microsoft Graph is not configured: the Teams meeting was not created. Set the GRAPH_* settings and requeue.', { permanent: true });
}

/** Sends `content` to one person's stored personal chat, within Teams' send limits; failures classified for the outbox. */
export async function sendToPerson(
  deps: ProactiveDeps,
  tenantId: string,
  userKey: string,
  /** The message in the person's language; times in their own zone (their Teams client's, else Helsinki). */
  content: (lang: ReturnType<typeof resolveLocale>, timeZone: string) => string | Partial<Activity>,
): Promise<void> {
  const stored = await deps.conversations.find(tenantId, userKey);
  if (!stored) throw new OutboxDeliveryError('No conversation with this user yet.', { permanent: true });
  const lang = resolveLocale(stored.locale ?? undefined);
  await inConversation(deps, stored.conversationId, stored.reference, async (context) => {
    await context.sendActivity(content(lang, stored.timeZone ?? SERVICE_TIME_ZONE));
  });
}

/**
 * Runs `work` in a stored conversation (a person's chat, a team channel) within Teams' send
 * limits for that conversation; Teams' refusals become outbox retries or permanent failures.
 */
export async function inConversation(deps: ProactiveDeps, conversationId: string, reference: unknown, work: (context: TurnContext) => Promise<void>): Promise<void> {
  await waitForSendWindow(deps.limiter, conversationId);
  try {
    await deps.adapter.continueConversationAsync(deps.botAppId, reference as Partial<ConversationReference>, work);
  } catch (error) {
    const status = statusOf(error);
    if (status !== undefined && !RETRYABLE.has(status) && status >= 400 && status < 500) {
      throw new OutboxDeliveryError(`Teams refused the message (${status}).`, { permanent: true });
    }
    throw new OutboxDeliveryError(`Teams did not take the message (${status ?? 'network'}).`, { retryAfterMs: retryAfterOf(error) });
  }
}

async function waitForSendWindow(limiter: ConversationSendLimiter, conversationId: string): Promise<void> {
  const delay = limiter.delayFor(conversationId);
  if (delay > MAX_INLINE_SEND_WAIT_MS) {
    throw new OutboxDeliveryError('Holding back: this conversation is at Teams’ send limit.', { reason: 'send_limit', retryAfterMs: delay });
  }
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  // Recorded before sending: a send that then fails still counted against Teams' limit.
  limiter.record(conversationId);
}

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return typeof e?.response?.status === 'number' ? e.response.status : undefined;
}

/** Retry-After in seconds (the form Teams uses) → ms; absent or unparsable → undefined. */
function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } })?.response?.headers;
  const value = headers?.get?.('retry-after');
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}
