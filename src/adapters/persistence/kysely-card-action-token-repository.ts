import type { Kysely, Selectable } from 'kysely';
import type { StoredActionToken } from '../../domain/card-actions/action-token.js';
import type { CardActionTokenRepository } from '../../use-cases/ports/card-action-tokens.js';
import type { CardActionTokensTable, Database } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';

/** Card action tokens (migration 0014): hashes only. */
export class KyselyCardActionTokenRepository implements CardActionTokenRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async saveAll(tokens: readonly StoredActionToken[]): Promise<void> {
    if (tokens.length === 0) return;
    const d = this.dialect;
    await this.db
      .insertInto('card_action_tokens')
      .values(
        tokens.map((t) => ({
          token_hash: t.tokenHash,
          tenant_id: t.tenantId,
          user_key: t.holder.kind === 'user' ? t.holder.userKey : null,
          conversation_id: t.conversationId,
          verb: t.verb,
          entity_id: t.entityId,
          single_use: d.toFlag(t.singleUse),
          created_at: d.toInstant(t.createdAt),
          expires_at: d.toInstant(t.expiresAt),
          used_at: t.usedAt ? d.toInstant(t.usedAt) : null,
        })),
      )
      .execute();
  }

  async find(tokenHash: string): Promise<StoredActionToken | undefined> {
    const row = await this.db.selectFrom('card_action_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? this.toToken(row) : undefined;
  }

  async markUsed(tokenHash: string, now: Date): Promise<boolean> {
    // One conditional UPDATE: of two presses at once (two instances) exactly one changes the row.
    const result = await this.db
      .updateTable('card_action_tokens')
      .set({ used_at: this.dialect.toInstant(now) })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', this.dialect.toInstant(now))
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }

  async release(tokenHash: string, usedAt: Date): Promise<void> {
    await this.db.updateTable('card_action_tokens').set({ used_at: null }).where('token_hash', '=', tokenHash).where('used_at', '=', this.dialect.toInstant(usedAt)).execute();
  }

  async purgeExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('card_action_tokens').where('expires_at', '<=', this.dialect.toInstant(now)).executeTakeFirst();
    return toNumber(result.numDeletedRows);
  }

  private toToken(row: Selectable<CardActionTokensTable>): StoredActionToken {
    const d = this.dialect;
    return {
      tokenHash: row.token_hash,
      tenantId: row.tenant_id,
      holder: row.user_key === null ? { kind: 'conversation' } : { kind: 'user', userKey: row.user_key },
      conversationId: row.conversation_id,
      verb: row.verb,
      entityId: row.entity_id,
      singleUse: Boolean(row.single_use),
      createdAt: d.fromInstant(row.created_at),
      expiresAt: d.fromInstant(row.expires_at),
      usedAt: row.used_at === null ? null : d.fromInstant(row.used_at),
    };
  }
}
