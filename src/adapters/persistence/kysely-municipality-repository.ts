import type { Kysely } from 'kysely';
import type { Municipality } from '../../domain/municipality.js';
import type { MunicipalityRepository } from '../../use-cases/ports/repositories.js';
import type { Database } from './database.js';

/** Municipalities in our database (SQLite or PostgreSQL); ordered by code. */
export class KyselyMunicipalityRepository implements MunicipalityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Municipality[]> {
    const rows = await this.db.selectFrom('municipalities').select(['code', 'name']).orderBy('code').execute();
    return rows.map((row) => ({ code: row.code, name: row.name }));
  }

  async get(code: string): Promise<Municipality | undefined> {
    const row = await this.db.selectFrom('municipalities').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
    return row === undefined ? undefined : { code: row.code, name: row.name };
  }

  async upsert(municipality: Municipality): Promise<void> {
    await this.db
      .insertInto('municipalities')
      .values({ code: municipality.code, name: municipality.name })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: municipality.name }))
      .execute();
  }
}
