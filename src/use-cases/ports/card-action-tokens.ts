import type { StoredActionToken } from '../../domain/card-actions/action-token.js';

/**
 * The card action tokens (issue 7, ADR 14) in our database: hashes only, never the token (the use
 * case also hashes the person, conversation and entity before they get here). Every
 * app instance shares them, so a button minted by one instance is checked and used up by any.
 */
export interface CardActionTokenRepository {
  /** Stores the tokens of one outgoing card, all at once (one statement). */
  saveAll(tokens: readonly StoredActionToken[]): Promise<void>;
  find(tokenHash: string): Promise<StoredActionToken | undefined>;
  /**
   * Uses a single-use token up: true when THIS call did (it was unused and not expired), false
   * otherwise. Two presses at once — two instances, or Teams resending — make exactly one true.
   */
  markUsed(tokenHash: string, now: Date): Promise<boolean>;
  /** Gives back a use `markUsed` took at `usedAt` (the action then failed on our side: nothing was done). */
  release(tokenHash: string, usedAt: Date): Promise<void>;
  /** Deletes tokens whose expiry is at or before `now`; answers how many (housekeeping). */
  purgeExpired(now: Date): Promise<number>;
}
