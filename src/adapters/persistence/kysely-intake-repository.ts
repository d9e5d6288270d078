import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Intake } from '../../domain/intake/intake.js';
import type { IntakeRepository, StoredIntake } from '../../use-cases/ports/repositories.js';
import type { Database, IntakesTable } from './database.js';
import type { SqlDialect } from './dialect.js';
import { preparedQuery } from './prepared-query.js';

// Same instant: the id breaks the tie only to be deterministic (ids are random).
const latestIntake = preparedQuery<{ clientId: string }, Selectable<IntakesTable>>((db, p) =>
  db.selectFrom('intakes').selectAll().where('client_id', '=', p('clientId')).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1),
);

/**
 * Intakes, whole in one JSON column: personal data that a retention purge deletes as one row
 * (and that goes with the client row, ON DELETE CASCADE).
 */
export class KyselyIntakeRepository implements IntakeRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async save(clientId: string, intake: Intake, now: Date): Promise<{ readonly id: string }> {
    const id = randomUUID();
    await this.db
      .insertInto('intakes')
      .values({ id, client_id: clientId, payload: JSON.stringify(intake), created_at: this.dialect.toInstant(now) })
      .execute();
    return { id };
  }

  async latestForClient(clientId: string): Promise<StoredIntake | undefined> {
    const [row] = (await latestIntake(this.db, { clientId })).rows;
    if (row === undefined) return undefined;
    return { id: row.id, clientId: row.client_id, intake: JSON.parse(row.payload) as Intake, createdAt: this.dialect.fromInstant(row.created_at) };
  }
}
