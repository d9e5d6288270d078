import { createHash } from 'node:crypto';
import { checkActionToken, isWellFormedActionToken, type ActionTokenBinding, type ActionTokenPresentation, type ActionTokenRefusal, type StoredActionToken } from '../../domain/card-actions/action-token.js';
import type { CardActionTokenRepository } from '../ports/card-action-tokens.js';
import { hashToken } from '../token-hash.js';

/** What minting and redeeming need; `newToken` gives 32 random bytes as base64url (the adapter's crypto). */
export interface CardActionTokenDeps {
  readonly tokens: CardActionTokenRepository;
  readonly clock: () => Date;
  readonly newToken: () => string;
  /** How long a button works (CARD_ACTION_TOKEN_DAYS). */
  readonly ttlMs: number;
}

export interface MintRequest {
  readonly binding: ActionTokenBinding;
  readonly singleUse: boolean;
}

/** Mints one token per request and stores their hashes in one statement; answers the tokens, in order, to put into the card. */
export async function mintActionTokens(deps: CardActionTokenDeps, requests: readonly MintRequest[]): Promise<string[]> {
  if (requests.length === 0) return [];
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + deps.ttlMs);
  const raw = requests.map(() => deps.newToken());
  const rows: StoredActionToken[] = requests.map((request, i) => ({
    ...storedBinding(request.binding),
    tokenHash: hashActionToken(raw[i]!),
    createdAt: now,
    expiresAt,
    singleUse: request.singleUse,
    usedAt: null,
  }));
  await deps.tokens.saveAll(rows);
  return raw;
}

export type RedeemResult =
  | {
      readonly ok: true;
      /** Gives a single-use token back when the action then failed on our side (nothing was done); a no-op otherwise. */
      release(): Promise<void>;
    }
  | { readonly ok: false; readonly reason: ActionTokenRefusal };

/**
 * Checks the token a button press carries and, for a single-use token, uses it up atomically
 * (of two presses at once exactly one passes). A refusal writes nothing.
 */
export async function redeemActionToken(deps: Pick<CardActionTokenDeps, 'tokens' | 'clock'>, raw: unknown, presented: ActionTokenPresentation): Promise<RedeemResult> {
  if (raw === undefined || raw === null || raw === '') return { ok: false, reason: 'missing' };
  if (!isWellFormedActionToken(raw)) return { ok: false, reason: 'malformed' };
  const now = deps.clock();
  const tokenHash = hashActionToken(raw);
  const stored = await deps.tokens.find(tokenHash);
  const check = checkActionToken(
    stored,
    { ...presented, userKey: keyHash('user', presented.userKey), conversationId: keyHash('conversation', presented.conversationId), entityId: keyHash('entity', presented.entityId) },
    now,
  );
  if (!check.ok) return check;
  if (!stored!.singleUse) return { ok: true, release: async () => undefined };
  // Lost the race to another press of the same button (Teams retry, a double click, another instance).
  if (!(await deps.tokens.markUsed(tokenHash, now))) return { ok: false, reason: 'used' };
  return { ok: true, release: () => deps.tokens.release(tokenHash, now) };
}

/**
 * What is stored of a binding: the person, the conversation and the entity as SHA-256 hashes (with
 * the kind as a prefix), so the table names nobody — not even by a pseudonymous id a retention
 * purge or an erasure would have to find — and still compares exactly. Tenant and verb stay
 * readable: they say nothing about a person.
 */
function storedBinding(binding: ActionTokenBinding): ActionTokenBinding {
  return {
    ...binding,
    holder: binding.holder.kind === 'user' ? { kind: 'user', userKey: keyHash('user', binding.holder.userKey) } : binding.holder,
    conversationId: keyHash('conversation', binding.conversationId),
    entityId: keyHash('entity', binding.entityId),
  };
}

function keyHash(kind: string, value: string): string {
  return createHash('sha256').update(`${kind}:${value}`, 'utf8').digest('hex');
}

/** The stored form of a card action token. */
export const hashActionToken = hashToken;
