import type { Kysely } from 'kysely';
import type { ProcessedActivityRepository } from '../../use-cases/ports/repositories.js';
import type { Database } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';

/**
 * Redelivery dedupe for Teams activities (Teams redelivers a message not answered within 15 s).
 * A record lives while `expiresAt` > now; an expired record with the same key is replaced.
 */
export class KyselyProcessedActivityRepository implements ProcessedActivityRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async markProcessed(key: string, now: Date, expiresAt: Date): Promise<boolean> {
    // One statement, so two instances racing on the same key cannot both win: the insert, or
    // the take-over of an expired record, returns the key; a live record returns nothing.
    const claimed = await this.db
      .insertInto('processed_activities')
      .values({
        key,
        processed_at: this.dialect.toInstant(now),
        expires_at: this.dialect.toInstant(expiresAt),
      })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet((eb) => ({
            processed_at: eb.ref('excluded.processed_at'),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where('processed_activities.expires_at', '<=', this.dialect.toInstant(now)),
      )
      .returning('key')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  async purgeExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('processed_activities')
      .where('expires_at', '<', this.dialect.toInstant(now))
      .executeTakeFirst();
    return toNumber(result.numDeletedRows);
  }
}
