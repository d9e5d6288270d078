import type { StoredActionToken } from '../../src/domain/card-actions/action-token.js';
import type { CardActionTokenRepository } from '../../src/use-cases/ports/card-action-tokens.js';
import type { InMemoryStore } from './in-memory-unit-of-work.js';

/** The `card_action_tokens` table of the fake: token hash → row. */
export interface CardActionTokenTables {
  actionTokens: Map<string, StoredActionToken>;
}

export function emptyCardActionTokenTables(): CardActionTokenTables {
  return { actionTokens: new Map() };
}

/** The same rules as the SQL (kysely-card-action-token-repository.ts); a duplicate hash fails like the primary key. */
export class InMemoryCardActionTokenRepository implements CardActionTokenRepository {
  constructor(private readonly store: InMemoryStore) {}

  private get rows(): Map<string, StoredActionToken> {
    return this.store.tables.actionTokens;
  }

  async saveAll(tokens: readonly StoredActionToken[]): Promise<void> {
    const hashes = new Set(tokens.map((t) => t.tokenHash));
    if (hashes.size !== tokens.length || tokens.some((t) => this.rows.has(t.tokenHash))) throw new Error('card_action_tokens: duplicate token_hash');
    for (const token of tokens) this.rows.set(token.tokenHash, structuredClone(token));
  }

  async find(tokenHash: string): Promise<StoredActionToken | undefined> {
    const row = this.rows.get(tokenHash);
    return row ? structuredClone(row) : undefined;
  }

  async markUsed(tokenHash: string, now: Date): Promise<boolean> {
    const row = this.rows.get(tokenHash);
    if (!row || row.usedAt !== null || row.expiresAt.getTime() <= now.getTime()) return false;
    this.rows.set(tokenHash, { ...row, usedAt: new Date(now) });
    return true;
  }

  async release(tokenHash: string, usedAt: Date): Promise<void> {
    const row = this.rows.get(tokenHash);
    if (row && row.usedAt?.getTime() === usedAt.getTime()) this.rows.set(tokenHash, { ...row, usedAt: null });
  }

  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    for (const [hash, row] of this.rows) {
      if (row.expiresAt.getTime() <= now.getTime()) {
        this.rows.delete(hash);
        purged += 1;
      }
    }
    return purged;
  }
}
