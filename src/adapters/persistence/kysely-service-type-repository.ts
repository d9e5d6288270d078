import type { Kysely, Selectable } from 'kysely';
import type { ServiceType } from '../../domain/booking/booking.js';
import type { ServiceTypeRepository } from '../../use-cases/ports/repositories.js';
import type { Database, ServiceTypesTable } from './database.js';
import type { ReferenceCache } from './reference-data-cache.js';

/**
 * Kinds of appointment (length, buffer, notice, horizon, slot step). Outside a transaction, reads
 * come from the short-lived reference cache (`readThrough`); every write invalidates it.
 */
export class KyselyServiceTypeRepository implements ServiceTypeRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cache: ReferenceCache,
    /** False inside a unit of work: reads go to the transaction, not the cache. */
    private readonly readThrough: boolean,
  ) {}

  async list(): Promise<ServiceType[]> {
    const load = async () => (await this.db.selectFrom('service_types').selectAll().orderBy('code').execute()).map(toServiceType);
    // Fresh objects for every caller: nobody can change the cached ones.
    return (await (this.readThrough ? this.cache.get('service_types', load) : load())).map((type) => ({ ...type }));
  }

  async get(code: string): Promise<ServiceType | undefined> {
    return (await this.list()).find((type) => type.code === code);
  }

  async upsert(serviceType: ServiceType): Promise<void> {
    this.cache.invalidate();
    const values = {
      length_minutes: serviceType.lengthMinutes,
      buffer_minutes: serviceType.bufferMinutes,
      min_notice_minutes: serviceType.minNoticeMinutes,
      horizon_days: serviceType.horizonDays,
      slot_step_minutes: serviceType.slotStepMinutes,
    };
    await this.db
      .insertInto('service_types')
      .values({ code: serviceType.code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .execute();
    this.cache.invalidate();
  }
}

function toServiceType(row: Selectable<ServiceTypesTable>): ServiceType {
  return {
    code: row.code,
    lengthMinutes: row.length_minutes,
    bufferMinutes: row.buffer_minutes,
    minNoticeMinutes: row.min_notice_minutes,
    horizonDays: row.horizon_days,
    slotStepMinutes: row.slot_step_minutes,
  };
}
