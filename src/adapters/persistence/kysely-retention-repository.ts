import type { Kysely, Selectable } from 'kysely';
import type { ConsentRecord, Intake } from '../../domain/intake/intake.js';
import type { StoredIntake } from '../../use-cases/ports/repositories.js';
import type { ClientRow, ErasedCounts, ErasureRecord, ExpiredContact, KeptReason, RetentionRepository } from '../../use-cases/ports/retention.js';
import type { Database, ErasureRequestsTable } from './database.js';
import { toNumber, type SqlDialect } from './dialect.js';

/**
 * The retention purge's finders and deleters over SQLite and PostgreSQL. Deletes lean on the
 * schema's ON DELETE CASCADE: a contact takes its history, a booking its meeting facts, a client
 * its intakes, consents and page sessions. `contact_month_counts` is not touched: the monthly
 * figures are aggregates without personal data and a past year's report must not change.
 */
export class KyselyRetentionRepository implements RetentionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async expiredContacts(municipalityCode: string, startedBefore: Date, limit: number): Promise<ExpiredContact[]> {
    const rows = await this.db
      .selectFrom('contacts')
      .select(['id', 'client_id', 'municipality_code', 'revision'])
      .where('municipality_code', '=', municipalityCode)
      .where('started_at', '<', this.dialect.toInstant(startedBefore))
      .orderBy('started_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, clientId: r.client_id, municipalityCode: r.municipality_code, revision: toNumber(r.revision) }));
  }

  async deleteContact(id: string): Promise<boolean> {
    return deleted(await this.db.deleteFrom('contacts').where('id', '=', id).executeTakeFirst());
  }

  async expiredBookings(municipalityCode: string, endedBefore: Date, limit: number): Promise<{ id: string; clientId: string }[]> {
    const rows = await this.db
      .selectFrom('bookings as b')
      .select(['b.id', 'b.client_id'])
      .where('b.municipality_code', '=', municipalityCode)
      .where('b.end_at', '<', this.dialect.toInstant(endedBefore))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('contacts as c').select('c.id').whereRef('c.booking_id', '=', 'b.id'))))
      .orderBy('b.end_at')
      .orderBy('b.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, clientId: r.client_id }));
  }

  async deleteBooking(id: string): Promise<boolean> {
    // The contact check again: a contact logged since the finder read the booking keeps it.
    const result = await this.db
      .deleteFrom('bookings')
      .where('id', '=', id)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('contacts').select('contacts.id').where('contacts.booking_id', '=', id))))
      .executeTakeFirst();
    return deleted(result);
  }

  async expiredIntakes(before: Date, limit: number): Promise<{ id: string; clientId: string }[]> {
    const cutoff = this.dialect.toInstant(before);
    const rows = await this.db
      .selectFrom('intakes as i')
      .select(['i.id', 'i.client_id'])
      .where('i.created_at', '<', cutoff)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('bookings as b').select('b.id').whereRef('b.client_id', '=', 'i.client_id').where('b.end_at', '>=', cutoff))))
      .orderBy('i.created_at')
      .orderBy('i.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, clientId: r.client_id }));
  }

  async deleteIntake(id: string): Promise<boolean> {
    return deleted(await this.db.deleteFrom('intakes').where('id', '=', id).executeTakeFirst());
  }

  async expiredClients(createdBefore: Date, limit: number): Promise<ClientRow[]> {
    const rows = await this.db
      .selectFrom('clients as cl')
      .select(['cl.id', 'cl.tenant_id', 'cl.entra_object_id'])
      .where('cl.created_at', '<', this.dialect.toInstant(createdBefore))
      .where(({ not, exists, selectFrom, and }) =>
        and([
          not(exists(selectFrom('intakes').select('intakes.id').whereRef('intakes.client_id', '=', 'cl.id'))),
          not(exists(selectFrom('bookings').select('bookings.id').whereRef('bookings.client_id', '=', 'cl.id'))),
          not(exists(selectFrom('contacts').select('contacts.id').whereRef('contacts.client_id', '=', 'cl.id'))),
        ]),
      )
      .orderBy('cl.created_at')
      .orderBy('cl.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, entraObjectId: r.entra_object_id }));
  }

  async deleteClient(id: string): Promise<boolean> {
    const client = await this.db.selectFrom('clients').select(['id', 'tenant_id', 'entra_object_id']).where('id', '=', id).executeTakeFirst();
    if (!client) return false;
    await this.deleteConversationOf({ id, tenantId: client.tenant_id, entraObjectId: client.entra_object_id });
    // The finder's conditions again, so a client who booked since the finder read it stays.
    const result = await this.db
      .deleteFrom('clients')
      .where('id', '=', id)
      .where(({ not, exists, selectFrom, and }) =>
        and([
          not(exists(selectFrom('intakes').select('intakes.id').where('intakes.client_id', '=', id))),
          not(exists(selectFrom('bookings').select('bookings.id').where('bookings.client_id', '=', id))),
          not(exists(selectFrom('contacts').select('contacts.id').where('contacts.client_id', '=', id))),
        ]),
      )
      .executeTakeFirst();
    return deleted(result);
  }

  async eraseClientDetails(client: ClientRow): Promise<ErasedCounts> {
    const intakes = await this.db.deleteFrom('intakes').where('client_id', '=', client.id).executeTakeFirst();
    const consents = await this.db.deleteFrom('consents').where('client_id', '=', client.id).executeTakeFirst();
    const publicSessions = await this.db.deleteFrom('public_sessions').where('client_id', '=', client.id).executeTakeFirst();
    const bookings = await this.db
      .deleteFrom('bookings')
      .where('client_id', '=', client.id)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('contacts').select('contacts.id').whereRef('contacts.booking_id', '=', 'bookings.id'))))
      .executeTakeFirst();
    const conversations = await this.deleteConversationOf(client);
    return {
      intakes: count(intakes),
      consents: count(consents),
      bookings: count(bookings),
      publicSessions: count(publicSessions),
      conversations,
    };
  }

  async recordErasure(record: ErasureRecord): Promise<void> {
    await this.db
      .insertInto('erasure_requests')
      .values({
        id: record.id,
        client_id: record.clientId,
        municipality_code: record.municipalityCode,
        requested_at: this.dialect.toInstant(record.requestedAt),
        recorded_by: record.recordedBy,
        outcome: record.outcome,
        erased: JSON.stringify(record.erased),
        kept: JSON.stringify(record.kept),
        kept_reason: record.keptReason,
        kept_until: record.keptUntil === null ? null : this.dialect.toInstant(record.keptUntil),
      })
      .execute();
  }

  async listErasures(clientId: string): Promise<ErasureRecord[]> {
    const rows = await this.db.selectFrom('erasure_requests').selectAll().where('client_id', '=', clientId).orderBy('requested_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map((row) => this.toRecord(row));
  }

  async intakesOf(clientId: string): Promise<StoredIntake[]> {
    const rows = await this.db.selectFrom('intakes').selectAll().where('client_id', '=', clientId).orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, clientId: row.client_id, intake: JSON.parse(row.payload) as Intake, createdAt: this.dialect.fromInstant(row.created_at) }));
  }

  async consentsOf(clientId: string): Promise<ConsentRecord[]> {
    const rows = await this.db.selectFrom('consents').selectAll().where('client_id', '=', clientId).orderBy('recorded_at').orderBy('id').execute();
    return rows.map((row) => ({
      clientId: row.client_id,
      purpose: row.purpose as ConsentRecord['purpose'],
      given: Boolean(row.given),
      recordedAt: this.dialect.fromInstant(row.recorded_at),
      recordedBy: row.recorded_by,
    }));
  }

  /** The bot's chat reference of the client's Entra id; a staff member with the same id keeps it. */
  private async deleteConversationOf(client: ClientRow): Promise<number> {
    const { tenantId, entraObjectId } = client;
    if (tenantId === null || entraObjectId === null) return 0;
    const staff = await this.db.selectFrom('staff').select('id').where('tenant_id', '=', tenantId).where('entra_object_id', '=', entraObjectId).executeTakeFirst();
    if (staff) return 0;
    return count(await this.db.deleteFrom('conversation_references').where('tenant_id', '=', tenantId).where('user_key', '=', entraObjectId).executeTakeFirst());
  }

  private toRecord(row: Selectable<ErasureRequestsTable>): ErasureRecord {
    return {
      id: row.id,
      clientId: row.client_id,
      municipalityCode: row.municipality_code,
      requestedAt: this.dialect.fromInstant(row.requested_at),
      recordedBy: row.recorded_by,
      outcome: row.outcome as ErasureRecord['outcome'],
      erased: JSON.parse(row.erased) as string[],
      kept: JSON.parse(row.kept) as string[],
      keptReason: row.kept_reason as KeptReason | null,
      keptUntil: row.kept_until === null ? null : this.dialect.fromInstant(row.kept_until),
    };
  }
}

function count(result: { numDeletedRows: bigint } | undefined): number {
  return Number(result?.numDeletedRows ?? 0n);
}

function deleted(result: { numDeletedRows: bigint } | undefined): boolean {
  return count(result) > 0;
}
