/**
 * Card action tokens (issue 7, ADR 14): a server-side secret put into the `data` of a card button
 * that changes something, bound to who may press it, where, which verb and which entity. Adaptive
 * Card `data` is forgeable; the token makes a button usable only as it was sent. The handlers'
 * own checks (ownership, offered slots, roles) stay: the token is a second, independent lock.
 *
 * Pure rules only: the random token, its SHA-256 and the clock come from the caller.
 */

/** Who may press a button. */
export type ActionTokenHolder =
  /** The one person of a personal chat: their Entra object id (or Teams user id without one). */
  | { readonly kind: 'user'; readonly userKey: string }
  /**
   * Any member of the conversation (a channel or group chat, e.g. the expert ticket card any expert
   * on duty may claim): the conversation is the bind, and the handler's role check decides.
   */
  | { readonly kind: 'conversation' };

/** What a token is bound to. `entityId` is '' for a verb whose data names no entity (a form's submit). */
export interface ActionTokenBinding {
  readonly tenantId: string;
  readonly holder: ActionTokenHolder;
  readonly conversationId: string;
  readonly verb: string;
  readonly entityId: string;
}

/** A token as stored: its hash, never the token itself. */
export interface StoredActionToken extends ActionTokenBinding {
  /** SHA-256 of the token, hex. */
  readonly tokenHash: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /** A state-changing verb's token works once; a read-only one (e.g. "change the time" opening the slot card) until it expires. */
  readonly singleUse: boolean;
  /** When it was used (single-use tokens only); `null` = not yet. */
  readonly usedAt: Date | null;
}

/** Who pressed, where, what: taken from the signed activity, except `verb` and `entityId` (card data, re-checked here). */
export interface ActionTokenPresentation {
  readonly tenantId: string;
  /** The caller: Entra object id, or the Teams user id without one (as for the bind). */
  readonly userKey: string;
  readonly conversationId: string;
  readonly verb: string;
  readonly entityId: string;
}

/**
 * Why a button was refused. `used` is the only one the person can do nothing about but start again
 * ("this button was already used"); every other reason gets the same neutral answer, so a prober
 * learns nothing about other people's tokens.
 */
export type ActionTokenRefusal = 'missing' | 'malformed' | 'unknown' | 'expired' | 'used' | 'wrong_tenant' | 'wrong_user' | 'wrong_conversation' | 'wrong_verb' | 'wrong_entity';

export type ActionTokenCheck = { readonly ok: true } | { readonly ok: false; readonly reason: ActionTokenRefusal };

/** 32 random bytes as base64url without padding: exactly 43 characters of the URL-safe alphabet. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Whether `raw` (card data, anything at all) has the shape of a token we issue; checked before any lookup. */
export function isWellFormedActionToken(raw: unknown): raw is string {
  return typeof raw === 'string' && TOKEN_SHAPE.test(raw);
}

/**
 * Checks a presented token against its stored row (`undefined` = no such hash). The order is the
 * order of what a prober could learn: nothing is said about a token bound elsewhere beyond "no".
 * A used single-use token is refused even before its expiry, and an expired one even if unused.
 */
export function checkActionToken(stored: StoredActionToken | undefined, presented: ActionTokenPresentation, now: Date): ActionTokenCheck {
  if (!stored) return refuse('unknown');
  if (stored.tenantId !== presented.tenantId) return refuse('wrong_tenant');
  if (stored.conversationId !== presented.conversationId) return refuse('wrong_conversation');
  if (stored.holder.kind === 'user' && stored.holder.userKey !== presented.userKey) return refuse('wrong_user');
  if (stored.verb !== presented.verb) return refuse('wrong_verb');
  if (stored.entityId !== presented.entityId) return refuse('wrong_entity');
  if (stored.expiresAt.getTime() <= now.getTime()) return refuse('expired');
  if (stored.singleUse && stored.usedAt !== null) return refuse('used');
  return { ok: true };
}

const refuse = (reason: ActionTokenRefusal): ActionTokenCheck => ({ ok: false, reason });

/**
 * The entity a button acts on, from its data: the values of `fields` joined with `|`, e.g.
 * `['bookingId']` → `'b-123'`, `['adviserId', 'start']` → `'s-7|2026-03-02T08:00:00.000Z'`. A missing
 * field counts as ''. A value that is not a string or a finite number (an object, an array: forged
 * data) gives `undefined`, which matches no token.
 */
export function entityIdOf(data: unknown, fields: readonly string[]): string | undefined {
  if (fields.length === 0) return '';
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const parts: string[] = [];
  for (const field of fields) {
    const value = Object.prototype.hasOwnProperty.call(data, field) ? (data as Record<string, unknown>)[field] : undefined;
    if (value === undefined || value === null) parts.push('');
    else if (typeof value === 'string') parts.push(value);
    else if (typeof value === 'number' && Number.isFinite(value)) parts.push(String(value));
    else return undefined;
  }
  return parts.join('|');
}

/** Longest entity id we bind (ids and ISO instants are far shorter); a longer one is forged and matches nothing. */
export const MAX_ACTION_ENTITY_LENGTH = 400;
