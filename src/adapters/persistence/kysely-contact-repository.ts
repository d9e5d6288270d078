import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Contact, ContactDetails, ContactRevision, Referral } from '../../domain/register/contact.js';
import type { ContactRepository, CorrectContactResult, CreateContactResult, NewContact } from '../../use-cases/ports/repositories.js';
import type { ContactsTable, Database } from './database.js';
import { applyContactCountDeltas } from './contact-month-counts.js';
import { toNumber, type SqlDialect } from './dialect.js';
import { contactCountKeys, countDeltas } from '../../domain/reports/contact-counts.js';

/**
 * Contacts and their change history. A write, its history row and its monthly counts
 * (contact_month_counts, for the reports) go in one transaction (the caller's, or one of our own):
 * the history can never miss a version, nor the counts a contact.
 */
export class KyselyContactRepository implements ContactRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly inTransaction: boolean,
  ) {}

  async create(contact: NewContact, createdBy: string, now: Date): Promise<CreateContactResult> {
    const id = randomUUID();
    const at = this.dialect.toInstant(now);
    const stored = await this.atomically(async (db) => {
      // ON CONFLICT DO NOTHING, not a caught unique violation: on PostgreSQL a violation aborts the
      // caller's whole transaction (the outbox rows with it).
      const inserted = await db
        .insertInto('contacts')
        .values({
          id,
          client_id: contact.clientId,
          municipality_code: contact.municipalityCode,
          adviser_id: contact.adviserId,
          booking_id: contact.bookingId,
          ...this.detailColumns(contact),
          form_version: contact.formVersion,
          revision: 1,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('booking_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted === undefined) return undefined;
      await this.insertRevision(db, id, 1, contact, createdBy, null, now);
      await applyContactCountDeltas(db, countDeltas([], contactCountKeys(contact.municipalityCode, contact)));
      return inserted;
    });
    return stored === undefined ? { ok: false, reason: 'booking_already_logged' } : { ok: true, contact: this.toContact(stored) };
  }

  async get(id: string): Promise<Contact | undefined> {
    const row = await this.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.toContact(row);
  }

  async findByBooking(bookingId: string): Promise<Contact | undefined> {
    const row = await this.db.selectFrom('contacts').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();
    return row && this.toContact(row);
  }

  async listForClient(clientId: string, limit: number): Promise<Contact[]> {
    const rows = await this.db
      .selectFrom('contacts')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => this.toContact(row));
  }

  async correct(
    id: string,
    expectedRevision: number,
    details: ContactDetails,
    formVersion: number,
    changedBy: string,
    reason: string,
    now: Date,
  ): Promise<CorrectContactResult> {
    return this.atomically(async (db) => {
      // The revision check and the write are one statement: two advisers correcting at once
      // cannot both win.
      const updated = await db
        .updateTable('contacts')
        .set({ ...this.detailColumns(details), form_version: formVersion, revision: expectedRevision + 1, updated_at: this.dialect.toInstant(now) })
        .where('id', '=', id)
        .where('revision', '=', expectedRevision)
        .returningAll()
        .executeTakeFirst();
      if (updated === undefined) {
        const current = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
        return current === undefined ? { ok: false, reason: 'not_found' } : { ok: false, reason: 'stale', current: this.toContact(current) };
      }
      // The replaced version, from its history row (immutable), leaves the monthly counts.
      const replaced = await db.selectFrom('contact_revisions').select('details').where('contact_id', '=', id).where('revision', '=', expectedRevision).executeTakeFirstOrThrow();
      await this.insertRevision(db, id, expectedRevision + 1, details, changedBy, reason, now);
      await applyContactCountDeltas(db, countDeltas(contactCountKeys(updated.municipality_code, detailsFromJson(replaced.details)), contactCountKeys(updated.municipality_code, details)));
      return { ok: true, contact: this.toContact(updated) };
    });
  }

  async history(id: string): Promise<ContactRevision[]> {
    const rows = await this.db.selectFrom('contact_revisions').selectAll().where('contact_id', '=', id).orderBy('revision').execute();
    return rows.map((row) => ({
      contactId: row.contact_id,
      revision: toNumber(row.revision),
      details: detailsFromJson(row.details),
      changedBy: row.changed_by,
      reason: row.reason,
      changedAt: this.dialect.fromInstant(row.changed_at),
    }));
  }

  private async atomically<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.inTransaction ? work(this.db) : this.dialect.transaction(this.db, work);
  }

  private async insertRevision(db: Kysely<Database>, contactId: string, revision: number, details: ContactDetails, changedBy: string, reason: string | null, now: Date) {
    await db
      .insertInto('contact_revisions')
      .values({ contact_id: contactId, revision, details: detailsToJson(details), changed_by: changedBy, reason, changed_at: this.dialect.toInstant(now) })
      .execute();
  }

  private detailColumns(details: ContactDetails) {
    return {
      channel: details.channel,
      started_at: this.dialect.toInstant(details.startedAt),
      duration_minutes: details.durationMinutes,
      language: details.language,
      interpreter_used: this.dialect.toFlag(details.interpreterUsed),
      topics: JSON.stringify(details.topics),
      services: JSON.stringify(details.services),
      referrals: JSON.stringify(details.referrals),
      follow_up_on: details.followUpOn,
      outcome: details.outcome,
      notes: details.notes,
    };
  }

  private toContact(row: Selectable<ContactsTable>): Contact {
    return {
      id: row.id,
      clientId: row.client_id,
      municipalityCode: row.municipality_code,
      adviserId: row.adviser_id,
      bookingId: row.booking_id,
      channel: row.channel,
      startedAt: this.dialect.fromInstant(row.started_at),
      durationMinutes: toNumber(row.duration_minutes),
      language: row.language,
      interpreterUsed: row.interpreter_used === true || row.interpreter_used === 1,
      topics: JSON.parse(row.topics) as string[],
      services: JSON.parse(row.services) as string[],
      referrals: JSON.parse(row.referrals) as Referral[],
      followUpOn: row.follow_up_on,
      outcome: row.outcome,
      notes: row.notes,
      formVersion: toNumber(row.form_version),
      revision: toNumber(row.revision),
      createdAt: this.dialect.fromInstant(row.created_at),
      updatedAt: this.dialect.fromInstant(row.updated_at),
    };
  }
}

/** The details of one version, as the history stores them (instants as ISO strings). */
export function detailsToJson(details: ContactDetails): string {
  const { channel, startedAt, durationMinutes, language, interpreterUsed, topics, services, referrals, followUpOn, outcome, notes } = details;
  return JSON.stringify({ channel, startedAt: startedAt.toISOString(), durationMinutes, language, interpreterUsed, topics, services, referrals, followUpOn, outcome, notes });
}

export function detailsFromJson(json: string): ContactDetails {
  const parsed = JSON.parse(json) as Omit<ContactDetails, 'startedAt'> & { startedAt: string };
  return { ...parsed, startedAt: new Date(parsed.startedAt) };
}
