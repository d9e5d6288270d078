import type { Kysely, Selectable } from 'kysely';
import type { ServiceType } from '../../domain/booking/booking.js';
import type { ServiceTypeRepository } from '../../use-cases/ports/repositories.js';
import type { Database, ServiceTypesTable } from './database.js';

/** Kinds of appointment (length, buffer, notice, horizon, slot step). */
export class KyselyServiceTypeRepository implements ServiceTypeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<ServiceType[]> {
    return (await this.db.selectFrom('service_types').selectAll().orderBy('code').execute()).map(toServiceType);
  }

  async get(code: string): Promise<ServiceType | undefined> {
    const row = await this.db.selectFrom('service_types').selectAll().where('code', '=', code).executeTakeFirst();
    return row === undefined ? undefined : toServiceType(row);
  }

  async upsert(serviceType: ServiceType): Promise<void> {
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
