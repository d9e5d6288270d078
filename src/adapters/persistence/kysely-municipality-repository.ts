import type { Kysely } from 'kysely';
import type { Municipality } from '../../domain/municipality.js';
import type { MunicipalityRepository } from '../../use-cases/ports/repositories.js';
import type { Database } from './database.js';
import type { ReferenceCache } from './reference-data-cache.js';

/**
 * Municipalities in our database (SQLite or PostgreSQL); ordered by code. Outside a transaction,
 * reads come from the short-lived reference cache (`readThrough`); every write invalidates it.
 */
export class KyselyMunicipalityRepository implements MunicipalityRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cache: ReferenceCache,
    /** False inside a unit of work: reads go to the transaction, not the cache. */
    private readonly readThrough: boolean,
  ) {}

  async list(): Promise<Municipality[]> {
    const rows = await this.cached('municipalities', () => this.db.selectFrom('municipalities').select(['code', 'name']).orderBy('code').execute());
    return rows.map((row) => ({ code: row.code, name: row.name }));
  }

  async get(code: string): Promise<Municipality | undefined> {
    return (await this.list()).find((m) => m.code === code);
  }

  async upsert(municipality: Municipality): Promise<void> {
    this.cache.invalidate();
    await this.db
      .insertInto('municipalities')
      .values({ code: municipality.code, name: municipality.name })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: municipality.name }))
      .execute();
    this.cache.invalidate();
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.readThrough ? this.cache.get(key, load) : load();
  }
}
