import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { isKnownTimeZone } from '../../domain/booking/helsinki-time.js';
import type { LanguageCode } from '../../domain/staff/staff.js';
import { resolveLocale } from '../../i18n/index.js';
import { rememberConversation } from '../../use-cases/remember-conversation.js';
import type { RouteDeps } from './route-deps.js';

/** Who is talking: keys we store, never names. */
export interface Speaker {
  readonly tenantId: string;
  /** Entra object id when Teams gives one (it does for signed-in users), else the channel user id. */
  readonly userKey: string;
  readonly entraObjectId: string | undefined;
}

export function speakerOf(activity: Activity): Speaker {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const tenantId = activity.conversation?.tenantId ?? channelData?.tenant?.id ?? '';
  const entraObjectId = activity.from?.aadObjectId || undefined;
  return { tenantId, userKey: entraObjectId ?? activity.from?.id ?? activity.conversation.id, entraObjectId };
}

/**
 * A conversation reference without display names: it is kept for proactive messages and bot
 * state must hold no personal data (DESIGN.md privacy).
 */
export function anonymousReference(activity: Activity): Record<string, unknown> {
  const ref: Partial<ConversationReference> = TurnContext.getConversationReference(activity);
  const strip = <T extends { name?: string } | undefined>(account: T): T =>
    account ? ({ ...account, name: undefined } as T) : account;
  // activityId changes every turn and a proactive message does not need it.
  const { activityId: _activityId, ...stable } = ref;
  return JSON.parse(JSON.stringify({ ...stable, user: strip(ref.user), conversation: strip(ref.conversation) })) as Record<string, unknown>;
}

/**
 * Returns the language for this turn: the user's own choice if they made one, else their Teams
 * locale. A personal chat is also remembered for proactive messages; a group chat or channel never
 * is — a reminder meant for one person must not land where others read it.
 */
export async function languageForTurn(deps: RouteDeps, context: TurnContext): Promise<LanguageCode> {
  const activity = context.activity;
  const speaker = speakerOf(activity);
  if (activity.conversation.conversationType !== 'personal') {
    const personal = await deps.repos.conversations.find(speaker.tenantId, speaker.userKey);
    return resolveLocale(personal?.locale ?? activity.locale);
  }
  const locale = await rememberConversation(
    { conversations: deps.repos.conversations, clock: deps.clock },
    {
      tenantId: speaker.tenantId,
      userKey: speaker.userKey,
      conversationId: activity.conversation.id,
      serviceUrl: activity.serviceUrl,
      locale: resolveLocale(activity.locale),
      reference: anonymousReference(activity),
      ...timeZoneOf(activity),
    },
  );
  return resolveLocale(locale);
}

/** Teams' `localTimezone` when it names a zone this runtime knows (it is client data). */
function timeZoneOf(activity: Activity): { readonly timeZone?: string } {
  const zone = activity.localTimezone;
  return typeof zone === 'string' && isKnownTimeZone(zone) ? { timeZone: zone } : {};
}
