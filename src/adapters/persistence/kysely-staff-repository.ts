import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { StaffMember, StaffRole } from '../../domain/staff/staff.js';
import type { NewStaffMember, StaffRepository } from '../../use-cases/ports/repositories.js';
import type { Database, StaffTable } from './database.js';
import type { SqlDialect } from './dialect.js';

/**
 * Staff members and their roles. Roles live only here (never taken from a card or a token), so
 * `upsert` is how an administrator grants or changes them.
 */
export class KyselyStaffRepository implements StaffRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async upsert(member: NewStaffMember): Promise<StaffMember> {
    const changes = {
      display_name: member.displayName,
      roles: JSON.stringify(member.roles),
      municipality_code: member.municipalityCode,
      languages: JSON.stringify(member.languages),
    };
    // `active` is left as it is on update: deactivation is a decision of its own, not undone by
    // a directory sync that re-upserts the person.
    const row = await this.db
      .insertInto('staff')
      .values({
        id: randomUUID(),
        entra_object_id: member.entraObjectId,
        tenant_id: member.tenantId,
        active: this.dialect.toFlag(true),
        ...changes,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'entra_object_id']).doUpdateSet(changes))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toStaffMember(row);
  }

  async findByEntraId(tenantId: string, entraObjectId: string): Promise<StaffMember | undefined> {
    const row = await this.db
      .selectFrom('staff')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('entra_object_id', '=', entraObjectId)
      .executeTakeFirst();
    return row === undefined ? undefined : toStaffMember(row);
  }

  async get(id: string): Promise<StaffMember | undefined> {
    const row = await this.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toStaffMember(row);
  }

  /** Active members only, ordered by display name. */
  async listByRole(role: StaffRole, municipalityCode?: string): Promise<StaffMember[]> {
    let query = this.db
      .selectFrom('staff')
      .selectAll()
      .where('active', '=', this.dialect.toFlag(true))
      // Roles are a JSON array of a closed set of names: the quoted name is an exact-enough
      // prefilter on both dialects; the exact check follows in code.
      .where('roles', 'like', `%"${role}"%`)
      .orderBy('display_name')
      .orderBy('id');
    if (municipalityCode !== undefined) query = query.where('municipality_code', '=', municipalityCode);
    const rows = await query.execute();
    return rows.map(toStaffMember).filter((member) => member.roles.includes(role));
  }
}

function toStaffMember(row: Selectable<StaffTable>): StaffMember {
  return {
    id: row.id,
    entraObjectId: row.entra_object_id,
    tenantId: row.tenant_id,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as StaffRole[],
    municipalityCode: row.municipality_code,
    languages: JSON.parse(row.languages) as string[],
    active: Boolean(row.active),
  };
}
