import type { Kysely } from 'kysely';
import type { ConsentRecord } from '../../domain/intake/intake.js';
import type { ConsentRepository } from '../../use-cases/ports/repositories.js';
import type { Database } from './database.js';
import type { SqlDialect } from './dialect.js';

/** Consent history: every decision is a new row; the newest one holds. */
export class KyselyConsentRepository implements ConsentRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async record(consent: ConsentRecord): Promise<void> {
    await this.db
      .insertInto('consents')
      .values({
        client_id: consent.clientId,
        purpose: consent.purpose,
        given: this.dialect.toFlag(consent.given),
        recorded_at: this.dialect.toInstant(consent.recordedAt),
        recorded_by: consent.recordedBy,
      })
      .execute();
  }

  async latest(clientId: string, purpose: ConsentRecord['purpose']): Promise<ConsentRecord | undefined> {
    // The identity id orders records made at the same instant by when they were written.
    const row = await this.db
      .selectFrom('consents')
      .selectAll()
      .where('client_id', '=', clientId)
      .where('purpose', '=', purpose)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      clientId: row.client_id,
      purpose: row.purpose as ConsentRecord['purpose'],
      given: Boolean(row.given),
      recordedAt: this.dialect.fromInstant(row.recorded_at),
      recordedBy: row.recorded_by,
    };
  }
}
