import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Client, LanguageCode } from '../../domain/staff/staff.js';
import type { ClientRepository, NewClient } from '../../use-cases/ports/repositories.js';
import type { ClientsTable, Database } from './database.js';
import type { SqlDialect } from './dialect.js';
import { preparedQuery } from './prepared-query.js';

const findByEntra = preparedQuery<{ tenantId: string; entraObjectId: string }, Selectable<ClientsTable>>((db, p) =>
  db
    .selectFrom('clients')
    .selectAll()
    .where('tenant_id', '=', p('tenantId'))
    .where('entra_object_id', '=', p('entraObjectId'))
    .orderBy('created_at')
    .limit(1),
);

/** Clients of the guidance service; every list is scoped to one municipality. */
export class KyselyClientRepository implements ClientRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async create(client: NewClient, now: Date): Promise<Client> {
    const row = await this.db
      .insertInto('clients')
      .values({
        id: randomUUID(),
        municipality_code: client.municipalityCode,
        display_name: client.displayName,
        preferred_language: client.preferredLanguage,
        entra_object_id: client.entraObjectId ?? null,
        tenant_id: client.tenantId ?? null,
        created_at: this.dialect.toInstant(now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.toClient(row);
  }

  async get(id: string): Promise<Client | undefined> {
    const row = await this.db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : this.toClient(row);
  }

  async findByEntraId(tenantId: string, entraObjectId: string): Promise<Client | undefined> {
    const [row] = (await findByEntra(this.db, { tenantId, entraObjectId })).rows;
    return row === undefined ? undefined : this.toClient(row);
  }

  /** Newest first. */
  async listByMunicipality(municipalityCode: string, limit: number): Promise<Client[]> {
    const rows = await this.db
      .selectFrom('clients')
      .selectAll()
      .where('municipality_code', '=', municipalityCode)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => this.toClient(row));
  }

  /** A scan of the given municipalities' clients (a few thousand at most per municipality). */
  async searchByName(municipalityCodes: readonly string[], text: string, limit: number): Promise<Client[]> {
    if (municipalityCodes.length === 0 || limit <= 0) return [];
    const rows = await this.db
      .selectFrom('clients')
      .selectAll()
      .where('municipality_code', 'in', [...municipalityCodes])
      .where(this.dialect.containsIgnoringCase('display_name', text))
      .orderBy('display_name')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => this.toClient(row));
  }

  private toClient(row: Selectable<ClientsTable>): Client {
    return {
      id: row.id,
      municipalityCode: row.municipality_code,
      displayName: row.display_name,
      preferredLanguage: row.preferred_language as LanguageCode,
      ...(row.entra_object_id === null ? {} : { entraObjectId: row.entra_object_id }),
      ...(row.tenant_id === null ? {} : { tenantId: row.tenant_id }),
      createdAt: this.dialect.fromInstant(row.created_at),
    };
  }
}
