import type { Kysely } from 'kysely';
import type { PublicSession, PublicSessionRepository } from '../../use-cases/ports/repositories.js';
import type { Database } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';

/** Public booking page sessions (migration 0005). */
export class KyselyPublicSessionRepository implements PublicSessionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async create(tokenHash: string, clientId: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db
      .insertInto('public_sessions')
      .values({ token_hash: tokenHash, client_id: clientId, created_at: this.dialect.toInstant(now), expires_at: this.dialect.toInstant(expiresAt) })
      .execute();
  }

  async find(tokenHash: string, now: Date): Promise<PublicSession | undefined> {
    const row = await this.db
      .selectFrom('public_sessions')
      .select(['client_id', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', this.dialect.toInstant(now))
      .executeTakeFirst();
    return row ? { clientId: row.client_id, expiresAt: this.dialect.fromInstant(row.expires_at) } : undefined;
  }

  async purgeExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('public_sessions').where('expires_at', '<=', this.dialect.toInstant(now)).executeTakeFirst();
    return toNumber(result.numDeletedRows);
  }
}
