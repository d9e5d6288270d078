import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference } from 'botbuilder';
import type { OutboxMessage } from '../../domain/outbox/outbox.js';
import { resolveLocale, t, type MessageKey } from '../../i18n/index.js';
import { OutboxDeliveryError } from '../../jobs/outbox-dispatcher.js';
import type { ConversationReferenceRepository } from '../../use-cases/ports/repositories.js';

/** Outbox topic of a proactive text message to one user's conversation. */
export const PROACTIVE_MESSAGE_TOPIC = 'teams.proactive_message';

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

/** Statuses Teams answers when we send too fast or it is briefly down (DESIGN.md limits). */
const RETRYABLE = new Set([412, 429, 502, 503, 504]);

export function createProactiveMessageHandler(deps: {
  readonly adapter: TeamsAdapter;
  readonly botAppId: string;
  readonly conversations: ConversationReferenceRepository;
}) {
  return async (message: OutboxMessage): Promise<void> => {
    const payload = message.payload as ProactiveMessagePayload;
    const stored = await deps.conversations.find(payload.tenantId, payload.userKey);
    if (!stored) throw new OutboxDeliveryError('No conversation with this user yet.', { permanent: true });
    const lang = resolveLocale(stored.locale ?? undefined);
    try {
      await deps.adapter.continueConversationAsync(deps.botAppId, stored.reference as Partial<ConversationReference>, async (context) => {
        await context.sendActivity(t(lang, payload.messageKey, payload.params));
      });
    } catch (error) {
      const status = statusOf(error);
      if (status !== undefined && !RETRYABLE.has(status) && status >= 400 && status < 500) {
        throw new OutboxDeliveryError(`Teams refused the message (${status}).`, { permanent: true });
      }
      throw new OutboxDeliveryError(`Teams did not take the message (${status ?? 'network'}).`, { retryAfterMs: retryAfterOf(error) });
    }
  };
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
