import type { Kysely } from 'kysely';
import type { ProcessedActivityRepository } from '../../use-cases/ports/repositories.js';
import type { Database } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';
import { preparedQuery } from './prepared-query.js';

/**
 * One statement, so two instances racing on the same key cannot both win: the insert, or the
 * take-over of an expired record, returns the key; a live record returns nothing.
 */
const claimKey = preparedQuery<{ key: string; now: Date | number; expiresAt: Date | number }, { key: string }>((db, p) =>
  db
    .insertInto('processed_activities')
    .values({ key: p('key'), processed_at: p('now'), expires_at: p('expiresAt') })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({
          processed_at: eb.ref('excluded.processed_at'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where('processed_activities.expires_at', '<=', p('now')),
    )
    .returning('key'),
);

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
    const { rows } = await claimKey(this.db, { key, now: this.dialect.toInstant(now), expiresAt: this.dialect.toInstant(expiresAt) });
    return rows.length > 0;
  }

  async purgeExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('processed_activities')
      .where('expires_at', '<', this.dialect.toInstant(now))
      .executeTakeFirst();
    return toNumber(result.numDeletedRows);
  }
}
