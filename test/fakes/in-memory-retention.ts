import type { ConsentRecord } from '../../src/domain/intake/intake.js';
import type { StoredIntake } from '../../src/use-cases/ports/repositories.js';
import type { ClientRow, ErasedCounts, ErasureRecord, ExpiredContact, RetentionRepository } from '../../src/use-cases/ports/retention.js';
import type { InMemoryStore } from './in-memory-unit-of-work.js';

/** The erasure records in the in-memory fake (the `erasure_requests` table). */
export interface RetentionTables {
  erasures: ErasureRecord[];
}

export function emptyRetentionTables(): RetentionTables {
  return { erasures: [] };
}

const ms = (d: Date): number => d.getTime();
const byTimeThenId =
  <T extends { id: string }>(time: (row: T) => number) =>
  (a: T, b: T) =>
    time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The retention purge's view of the fake: the same rules as the SQL (kysely-retention-repository.ts), cascades included. */
export class InMemoryRetentionRepository implements RetentionRepository {
  constructor(private readonly store: InMemoryStore) {}

  private get t() {
    return this.store.tables;
  }

  async expiredContacts(municipalityCode: string, startedBefore: Date, limit: number): Promise<ExpiredContact[]> {
    return [...this.t.contacts.values()]
      .filter((c) => c.municipalityCode === municipalityCode && ms(c.startedAt) < ms(startedBefore))
      .sort(byTimeThenId((c) => ms(c.startedAt)))
      .slice(0, limit)
      .map((c) => ({ id: c.id, clientId: c.clientId, municipalityCode: c.municipalityCode, revision: c.revision }));
  }

  async deleteContact(id: string): Promise<boolean> {
    if (!this.t.contacts.delete(id)) return false;
    this.t.contactRevisions = this.t.contactRevisions.filter((r) => r.contactId !== id);
    return true;
  }

  async expiredBookings(municipalityCode: string, endedBefore: Date, limit: number): Promise<{ id: string; clientId: string }[]> {
    return [...this.t.bookings.values()]
      .filter((b) => b.municipalityCode === municipalityCode && ms(b.end) < ms(endedBefore) && !this.hasContact(b.id))
      .sort(byTimeThenId((b) => ms(b.end)))
      .slice(0, limit)
      .map((b) => ({ id: b.id, clientId: b.clientId }));
  }

  async deleteBooking(id: string): Promise<boolean> {
    if (this.hasContact(id) || !this.t.bookings.delete(id)) return false;
    this.t.meetingSessions.delete(id);
    return true;
  }

  async expiredIntakes(before: Date, limit: number): Promise<{ id: string; clientId: string }[]> {
    return this.t.intakes
      .filter((i) => ms(i.createdAt) < ms(before) && ![...this.t.bookings.values()].some((b) => b.clientId === i.clientId && ms(b.end) >= ms(before)))
      .sort(byTimeThenId((i) => ms(i.createdAt)))
      .slice(0, limit)
      .map((i) => ({ id: i.id, clientId: i.clientId }));
  }

  async deleteIntake(id: string): Promise<boolean> {
    const before = this.t.intakes.length;
    this.t.intakes = this.t.intakes.filter((i) => i.id !== id);
    return this.t.intakes.length < before;
  }

  async expiredClients(createdBefore: Date, limit: number): Promise<ClientRow[]> {
    return [...this.t.clients.values()]
      .filter((c) => ms(c.createdAt) < ms(createdBefore) && !this.hasAnything(c.id))
      .sort(byTimeThenId((c) => ms(c.createdAt)))
      .slice(0, limit)
      .map((c) => ({ id: c.id, tenantId: c.tenantId ?? null, entraObjectId: c.entraObjectId ?? null }));
  }

  async deleteClient(id: string): Promise<boolean> {
    const client = this.t.clients.get(id);
    if (!client) return false;
    this.deleteConversationOf({ id, tenantId: client.tenantId ?? null, entraObjectId: client.entraObjectId ?? null });
    if (this.hasAnything(id)) return false;
    this.t.clients.delete(id);
    this.t.consents = this.t.consents.filter((c) => c.clientId !== id);
    for (const [hash, session] of this.t.publicSessions) if (session.clientId === id) this.t.publicSessions.delete(hash);
    return true;
  }

  async eraseClientDetails(client: ClientRow): Promise<ErasedCounts> {
    const t = this.t;
    const intakes = t.intakes.filter((i) => i.clientId === client.id).length;
    t.intakes = t.intakes.filter((i) => i.clientId !== client.id);
    const consents = t.consents.filter((c) => c.clientId === client.id).length;
    t.consents = t.consents.filter((c) => c.clientId !== client.id);
    let publicSessions = 0;
    for (const [hash, session] of t.publicSessions) {
      if (session.clientId === client.id) {
        t.publicSessions.delete(hash);
        publicSessions += 1;
      }
    }
    let bookings = 0;
    for (const booking of [...t.bookings.values()]) {
      if (booking.clientId === client.id && (await this.deleteBooking(booking.id))) bookings += 1;
    }
    return { intakes, consents, bookings, publicSessions, conversations: this.deleteConversationOf(client) };
  }

  async recordErasure(record: ErasureRecord): Promise<void> {
    this.t.erasures.push(structuredClone(record));
  }

  async listErasures(clientId: string): Promise<ErasureRecord[]> {
    return this.t.erasures
      .filter((e) => e.clientId === clientId)
      .sort((a, b) => ms(b.requestedAt) - ms(a.requestedAt) || (a.id < b.id ? 1 : -1))
      .map((e) => structuredClone(e));
  }

  async intakesOf(clientId: string): Promise<StoredIntake[]> {
    return this.t.intakes
      .filter((i) => i.clientId === clientId)
      .sort(byTimeThenId((i) => ms(i.createdAt)))
      .map((i) => structuredClone(i));
  }

  async consentsOf(clientId: string): Promise<ConsentRecord[]> {
    // The array is in write order, like the identity column that breaks ties.
    return this.t.consents
      .filter((c) => c.clientId === clientId)
      .map((c, order) => ({ c, order }))
      .sort((a, b) => ms(a.c.recordedAt) - ms(b.c.recordedAt) || a.order - b.order)
      .map(({ c }) => structuredClone(c));
  }

  private hasContact(bookingId: string): boolean {
    return [...this.t.contacts.values()].some((c) => c.bookingId === bookingId);
  }

  private hasAnything(clientId: string): boolean {
    const t = this.t;
    return t.intakes.some((i) => i.clientId === clientId) || [...t.bookings.values()].some((b) => b.clientId === clientId) || [...t.contacts.values()].some((c) => c.clientId === clientId);
  }

  private deleteConversationOf(client: ClientRow): number {
    const { tenantId, entraObjectId } = client;
    if (tenantId === null || entraObjectId === null) return 0;
    if ([...this.t.staff.values()].some((s) => s.tenantId === tenantId && s.entraObjectId === entraObjectId)) return 0;
    return this.t.conversations.delete(JSON.stringify([tenantId, entraObjectId])) ? 1 : 0;
  }
}
