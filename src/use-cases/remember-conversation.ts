import type { ConversationReferenceRepository } from './ports/repositories.js';

export interface RememberConversationDeps {
  readonly conversations: ConversationReferenceRepository;
  readonly clock: () => Date;
}

export interface ConversationSeen {
  readonly tenantId: string;
  readonly userKey: string;
  readonly conversationId: string;
  readonly serviceUrl: string;
  /** Language resolved from the Teams locale; used only until the user picks one. */
  readonly locale: string;
  /** Bot Framework conversation reference, already stripped of display names by the caller. */
  readonly reference: Record<string, unknown>;
  /** The IANA zone the Teams client reports (validated by the caller); proactive cards use it. */
  readonly timeZone?: string;
}

/**
 * Keeps the latest conversation reference per user so workers can send proactive messages
 * (reminders, answers) later. A language the user chose earlier wins over the Teams locale.
 * Returns the language to talk in.
 */
export async function rememberConversation(deps: RememberConversationDeps, seen: ConversationSeen): Promise<string> {
  const existing = await deps.conversations.find(seen.tenantId, seen.userKey);
  const locale = existing?.locale ?? seen.locale;
  // Most turns change nothing here; skipping the write saves an fsync per turn on SQLite.
  const unchanged =
    existing !== undefined &&
    existing.conversationId === seen.conversationId &&
    existing.serviceUrl === seen.serviceUrl &&
    (existing.timeZone ?? undefined) === seen.timeZone &&
    JSON.stringify(existing.reference) === JSON.stringify(seen.reference);
  if (unchanged) return locale;
  await deps.conversations.save({
    tenantId: seen.tenantId,
    userKey: seen.userKey,
    conversationId: seen.conversationId,
    serviceUrl: seen.serviceUrl,
    locale,
    reference: seen.reference,
    updatedAt: deps.clock(),
    ...(seen.timeZone === undefined ? {} : { timeZone: seen.timeZone }),
  });
  return locale;
}
