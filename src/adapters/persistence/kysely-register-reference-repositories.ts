import type { Kysely, Selectable } from 'kysely';
import type { Association } from '../../domain/register/association.js';
import type { FormDefinition, FormId } from '../../domain/register/form-definition.js';
import type { AssociationRepository, FormDefinitionRepository } from '../../use-cases/ports/repositories.js';
import type { AssociationsTable, Database } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';

/** Versions of the electronic forms, each stored whole as JSON; a version is never rewritten. */
export class KyselyFormDefinitionRepository implements FormDefinitionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async latest(formId: FormId): Promise<FormDefinition | undefined> {
    const row = await this.db.selectFrom('form_definitions').select('definition').where('form_id', '=', formId).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row && (JSON.parse(row.definition) as FormDefinition);
  }

  async get(formId: FormId, version: number): Promise<FormDefinition | undefined> {
    const row = await this.db.selectFrom('form_definitions').select('definition').where('form_id', '=', formId).where('version', '=', version).executeTakeFirst();
    return row && (JSON.parse(row.definition) as FormDefinition);
  }

  async publish(definition: FormDefinition, createdBy: string, now: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('form_definitions')
      .values({ form_id: definition.formId, version: definition.version, definition: JSON.stringify(definition), created_at: this.dialect.toInstant(now), created_by: createdBy })
      .onConflict((oc) => oc.columns(['form_id', 'version']).doNothing())
      .executeTakeFirst();
    return toNumber(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}

export class KyselyAssociationRepository implements AssociationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async listActive(municipalityCode?: string): Promise<Association[]> {
    let query = this.db.selectFrom('associations').selectAll().where('active', '=', this.dialect.toFlag(true));
    if (municipalityCode !== undefined) query = query.where('municipality_code', '=', municipalityCode);
    const rows = await query.orderBy('name').orderBy('id').execute();
    return rows.map(associationOf);
  }

  async list(): Promise<Association[]> {
    const rows = await this.db.selectFrom('associations').selectAll().orderBy('name').orderBy('id').execute();
    return rows.map(associationOf);
  }

  async get(id: string): Promise<Association | undefined> {
    const row = await this.db.selectFrom('associations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && associationOf(row);
  }

  async upsert(association: Association): Promise<void> {
    const values = {
      name: association.name,
      municipality_code: association.municipalityCode,
      languages: JSON.stringify(association.languages),
      activities: association.activities,
      contact_info: association.contactInfo,
      active: this.dialect.toFlag(association.active),
    };
    await this.db
      .insertInto('associations')
      .values({ id: association.id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }
}

function associationOf(row: Selectable<AssociationsTable>): Association {
  return {
    id: row.id,
    name: row.name,
    municipalityCode: row.municipality_code,
    languages: JSON.parse(row.languages) as string[],
    activities: row.activities,
    contactInfo: row.contact_info,
    active: row.active === true || row.active === 1,
  };
}
