import { randomBytes } from 'node:crypto';
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { ACTION_TOKEN_FIELD, actionTokenPolicyOf, type ActionTokenPolicy } from '../../cards/action-token-policy.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../cards/adaptive-card.js';
import { renderMessageCard } from '../../cards/message-card.js';
import { entityIdOf, MAX_ACTION_ENTITY_LENGTH, type ActionTokenHolder, type ActionTokenRefusal } from '../../domain/card-actions/action-token.js';
import { resolveLocale, t } from '../../i18n/index.js';
import { staffLanguage, staffText } from '../../i18n/staff/index.js';
import { mintActionTokens, redeemActionToken, type CardActionTokenDeps, type MintRequest } from '../../use-cases/card-actions/card-action-tokens.js';
import { identifyAudience } from '../../use-cases/identify-user.js';
import type { UnitOfWork } from '../../use-cases/ports/repositories.js';
import { ACTION_INVOKE_NAME } from './routes/invoke-fallback.js';
import { speakerOf } from './turn-helpers.js';

export interface CardActionTokenGuardDeps {
  readonly repos: UnitOfWork;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** How long a button works (CARD_ACTION_TOKEN_DAYS, in ms). */
  readonly ttlMs: number;
}

/**
 * Card action tokens at the Teams edge (issue 7, ADR 14), as one botbuilder middleware, so no
 * route has to remember them:
 *
 * - Every card this bot sends, replies, updates, or answers an Action.Execute with (the card that
 *   replaces the one pressed) gets a fresh token in the `data` of each protected button
 *   (`cards/action-token-policy.ts`), bound to the tenant, the person of a personal chat (or any
 *   member of a channel / group chat), the conversation, the verb and the entity the button names.
 *   Proactive messages run through the adapter's middleware too, so they are covered.
 * - A protected Action.Execute is checked before any route runs: a refused token is answered with
 *   a message card in the person's language and nothing else happens (no write, except the denied
 *   audit row where the handler would write one). An accepted single-use token is used up first
 *   and given back if the handler then throws (nothing was done). The token is removed from the
 *   data before the handler sees it: handlers refuse unknown fields.
 *
 * The handlers' own checks (ownership, offered times, roles) stay: the token is a second lock.
 */
export class CardActionTokenGuard implements Middleware {
  private readonly tokens: CardActionTokenDeps;

  constructor(private readonly deps: CardActionTokenGuardDeps) {
    this.tokens = { tokens: deps.repos.actionTokens, clock: deps.clock, ttlMs: deps.ttlMs, newToken: () => randomBytes(32).toString('base64url') };
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (ctx, activities, nextSend) => {
      for (const activity of activities) await this.protectOutgoing(ctx, activity);
      return nextSend();
    });
    context.onUpdateActivity(async (ctx, activity, nextUpdate) => {
      await this.protectOutgoing(ctx, activity);
      return nextUpdate();
    });

    const pressed = protectedPress(context.activity);
    if (!pressed) return next();
    const { policy, verb, data } = pressed;
    const who = speakerOf(context.activity);
    const entityId = entityIdOf(data, policy.entity);
    const raw = isRecord(data) ? data[ACTION_TOKEN_FIELD] : undefined;
    const redeemed =
      entityId === undefined || entityId.length > MAX_ACTION_ENTITY_LENGTH
        ? ({ ok: false, reason: 'wrong_entity' } as const)
        : await redeemActionToken(this.tokens, raw, { tenantId: who.tenantId, userKey: who.userKey, conversationId: conversationKey(context.activity.conversation.id), verb, entityId });
    if (!redeemed.ok) {
      await this.refuse(context, verb, policy, redeemed.reason);
      return;
    }
    // Handlers parse their data strictly (an unknown field is forged data): the token is ours, not theirs.
    if (isRecord(data)) delete data[ACTION_TOKEN_FIELD];
    try {
      await next();
    } catch (error) {
      // The action failed on our side before it was done: the person may press the same button again.
      await redeemed.release().catch(() => undefined);
      throw error;
    }
  }

  /** Puts a fresh token into each protected button of the activity's cards (a copy: a rendered card may be shared). */
  private async protectOutgoing(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    if (activity.type === ActivityTypes.InvokeResponse) {
      const value = activity.value as { status?: number; body?: { type?: unknown; value?: unknown } } | undefined;
      if (value?.body?.type !== ADAPTIVE_CARD_CONTENT_TYPE || !isRecord(value.body.value)) return;
      const card = await this.withTokens(context, activity, value.body.value);
      if (card) activity.value = { ...value, body: { ...value.body, value: card } };
      return;
    }
    if (!activity.attachments?.some((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE)) return;
    const attachments = [];
    for (const attachment of activity.attachments) {
      const card = attachment.contentType === ADAPTIVE_CARD_CONTENT_TYPE && isRecord(attachment.content) ? await this.withTokens(context, activity, attachment.content) : undefined;
      attachments.push(card ? { ...attachment, content: card } : attachment);
    }
    activity.attachments = attachments;
  }

  /** The card with tokens in its protected buttons, or `undefined` when it has none. */
  private async withTokens(context: TurnContext, activity: Partial<Activity>, card: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const copy = structuredClone(card);
    const buttons = protectedButtons(copy);
    if (buttons.length === 0) return undefined;
    const conversation = activity.conversation ?? context.activity.conversation;
    const holder = holderOf(activity, context);
    const tenantId = conversation?.tenantId ?? tenantFromChannelData(activity) ?? speakerOf(context.activity).tenantId;
    const requests: MintRequest[] = [];
    const targets: Record<string, unknown>[] = [];
    for (const button of buttons) {
      const entityId = entityIdOf(button.data, button.policy.entity);
      // Our own card naming an entity we cannot bind is a bug; the button stays without a token and is refused when pressed.
      if (entityId === undefined || entityId.length > MAX_ACTION_ENTITY_LENGTH || !conversation?.id) continue;
      requests.push({
        binding: { tenantId, holder, conversationId: conversationKey(conversation.id), verb: button.verb, entityId },
        singleUse: button.policy.singleUse && holder.kind === 'user',
      });
      targets.push(button.data);
    }
    const raw = await mintActionTokens(this.tokens, requests);
    targets.forEach((data, i) => {
      data[ACTION_TOKEN_FIELD] = raw[i];
    });
    return copy;
  }

  private async refuse(context: TurnContext, verb: string, policy: ActionTokenPolicy, reason: ActionTokenRefusal): Promise<void> {
    const who = speakerOf(context.activity);
    const { repos, clock, logger } = this.deps;
    // Only our reason codes and the verb: no ids, no token.
    logger.info({ event: 'card.token_refused', verb, reason }, 'card action token refused');
    const audited = policy.deniedAudit;
    if (audited) {
      const client = audited.client === 'caller' && who.entraObjectId ? await repos.clients.findByEntraId(who.tenantId, who.entraObjectId) : undefined;
      // The booking handlers audit a denial only for a caller who is a client (others are refused before); so does this.
      if (audited.client === 'none' || client) {
        await repos.audit.append({
          at: clock(),
          actorId: who.entraObjectId ?? 'anonymous',
          actorTenantId: who.tenantId || null,
          action: audited.action,
          clientId: client?.id ?? null,
          entityType: audited.entityType,
          // The card's id is forgeable and the token did not vouch for it: kept out of the audit log.
          entityId: null,
          fields: [...audited.fields],
          channel: 'bot',
          outcome: 'denied',
        });
      }
    }
    // Read-only: a refused press writes nothing (languageForTurn would remember the chat). Staff are
    // answered from the staff catalog, anyone else (a client pressing a staff button) from the client one.
    const stored = await repos.conversations.find(who.tenantId, who.userKey);
    const lang = resolveLocale(stored?.locale ?? context.activity.locale);
    const kind = reason === 'used' ? 'used' : reason === 'expired' ? 'expired' : 'invalid';
    const audience = await identifyAudience({ staff: repos.staff }, { tenantId: who.tenantId, entraObjectId: who.entraObjectId });
    const card =
      audience === 'staff'
        ? renderMessageCard({ lang: staffLanguage(lang), text: staffText(staffLanguage(lang), `staff.cardAction.${kind}`) })
        : renderMessageCard({ lang, text: t(lang, `card.action.${kind}`) });
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card.content } } });
  }
}

interface ProtectedPress {
  readonly verb: string;
  readonly policy: ActionTokenPolicy;
  /** `value.action.data` as sent (forgeable; may be anything). */
  readonly data: unknown;
}

/** An Action.Execute of a protected verb, or `undefined`. */
function protectedPress(activity: Activity): ProtectedPress | undefined {
  if (activity.type !== ActivityTypes.Invoke || activity.name !== ACTION_INVOKE_NAME) return undefined;
  const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  const policy = actionTokenPolicyOf(action?.verb);
  return policy ? { verb: action!.verb as string, policy, data: action!.data } : undefined;
}

interface Button {
  readonly verb: string;
  readonly policy: ActionTokenPolicy;
  readonly data: Record<string, unknown>;
}

/** Every protected Action.Execute in a card (body, actions, ShowCard sub-cards, refresh), with its data object (created when absent). */
function protectedButtons(card: Record<string, unknown>): Button[] {
  const found: Button[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isRecord(node)) return;
    if (node.type === 'Action.Execute') {
      const policy = actionTokenPolicyOf(node.verb);
      if (policy) {
        if (node.data === undefined) node.data = {};
        if (isRecord(node.data)) found.push({ verb: node.verb as string, policy, data: node.data });
      }
    }
    Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}

/**
 * Who may press the buttons of an outgoing card: in a personal chat the one person there (the
 * activity's recipient, as botbuilder fills it from the conversation reference); elsewhere any
 * member, and the handler's role check decides.
 */
function holderOf(activity: Partial<Activity>, context: TurnContext): ActionTokenHolder {
  const type = activity.conversation?.conversationType ?? context.activity.conversation?.conversationType;
  const recipient = activity.recipient;
  const userKey = recipient?.aadObjectId || recipient?.id;
  return type === 'personal' && userKey ? { kind: 'user', userKey } : { kind: 'conversation' };
}

function tenantFromChannelData(activity: Partial<Activity>): string | undefined {
  const id = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The conversation a token is bound to. In a Teams channel an invoke from a posted card names the
 * thread (`19:…@thread.tacv2;messageid=…`) while the bot posted to the channel: both are the channel.
 */
export function conversationKey(conversationId: string): string {
  const at = conversationId.indexOf(';messageid=');
  return at === -1 ? conversationId : conversationId.slice(0, at);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
