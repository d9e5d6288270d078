import { randomUUID } from 'node:crypto';
import { threadIdFromJoinUrl, type MeetingSession } from '../../src/domain/booking/meeting-session.js';
import type { Association } from '../../src/domain/register/association.js';
import type { Contact, ContactDetails, ContactRevision } from '../../src/domain/register/contact.js';
import type { FormDefinition, FormId } from '../../src/domain/register/form-definition.js';
import type {
  AssociationRepository,
  ContactRepository,
  CorrectContactResult,
  CreateContactResult,
  FormDefinitionRepository,
  MeetingSessionRepository,
  NewContact,
} from '../../src/use-cases/ports/repositories.js';
import type { InMemoryStore } from './in-memory-unit-of-work.js';

/** The register's tables in the in-memory fake (see InMemoryUnitOfWork for the rules it keeps). */
export interface RegisterTables {
  contacts: Map<string, Contact>;
  contactRevisions: ContactRevision[];
  forms: FormDefinition[];
  associations: Map<string, Association>;
  meetingSessions: Map<string, MeetingSession>;
}

export function emptyRegisterTables(): RegisterTables {
  return { contacts: new Map(), contactRevisions: [], forms: [], associations: new Map(), meetingSessions: new Map() };
}

const copy = <T>(value: T): T => structuredClone(value);
const ms = (date: Date): number => date.getTime();

function foreignKey(ok: boolean, what: string): void {
  if (!ok) throw new Error(`FOREIGN KEY constraint failed: ${what} (InMemoryUnitOfWork).`);
}

function detailsOf(details: ContactDetails): ContactDetails {
  const { channel, startedAt, durationMinutes, language, interpreterUsed, topics, services, referrals, followUpOn, outcome, notes } = details;
  return copy({ channel, startedAt, durationMinutes, language, interpreterUsed, topics, services, referrals, followUpOn, outcome, notes });
}

export class InMemoryContactRepository implements ContactRepository {
  constructor(private readonly store: InMemoryStore) {}

  async create(contact: NewContact, createdBy: string, now: Date): Promise<CreateContactResult> {
    const t = this.store.tables;
    foreignKey(t.clients.has(contact.clientId), `no client "${contact.clientId}"`);
    foreignKey(t.staff.has(contact.adviserId), `no staff member "${contact.adviserId}"`);
    foreignKey(t.municipalities.has(contact.municipalityCode), `no municipality "${contact.municipalityCode}"`);
    if (contact.bookingId !== null) {
      foreignKey(t.bookings.has(contact.bookingId), `no booking "${contact.bookingId}"`);
      if ([...t.contacts.values()].some((c) => c.bookingId === contact.bookingId)) return { ok: false, reason: 'booking_already_logged' };
    }
    const stored: Contact = { ...copy(contact), id: randomUUID(), revision: 1, createdAt: new Date(ms(now)), updatedAt: new Date(ms(now)) };
    t.contacts.set(stored.id, stored);
    t.contactRevisions.push({ contactId: stored.id, revision: 1, details: detailsOf(contact), changedBy: createdBy, reason: null, changedAt: new Date(ms(now)) });
    return { ok: true, contact: copy(stored) };
  }

  async get(id: string): Promise<Contact | undefined> {
    const found = this.store.tables.contacts.get(id);
    return found && copy(found);
  }

  async findByBooking(bookingId: string): Promise<Contact | undefined> {
    const found = [...this.store.tables.contacts.values()].find((c) => c.bookingId === bookingId);
    return found && copy(found);
  }

  async listForClient(clientId: string, limit: number): Promise<Contact[]> {
    return [...this.store.tables.contacts.values()]
      .filter((c) => c.clientId === clientId)
      .sort((a, b) => ms(b.startedAt) - ms(a.startedAt) || (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map(copy);
  }

  async correct(id: string, expectedRevision: number, details: ContactDetails, formVersion: number, changedBy: string, reason: string, now: Date): Promise<CorrectContactResult> {
    const t = this.store.tables;
    const found = t.contacts.get(id);
    if (found === undefined) return { ok: false, reason: 'not_found' };
    if (found.revision !== expectedRevision) return { ok: false, reason: 'stale', current: copy(found) };
    const updated: Contact = { ...found, ...detailsOf(details), formVersion, revision: expectedRevision + 1, updatedAt: new Date(ms(now)) };
    t.contacts.set(id, updated);
    t.contactRevisions.push({ contactId: id, revision: updated.revision, details: detailsOf(details), changedBy, reason, changedAt: new Date(ms(now)) });
    return { ok: true, contact: copy(updated) };
  }

  async history(id: string): Promise<ContactRevision[]> {
    return this.store.tables.contactRevisions.filter((r) => r.contactId === id).sort((a, b) => a.revision - b.revision).map(copy);
  }
}

export class InMemoryFormDefinitionRepository implements FormDefinitionRepository {
  constructor(private readonly store: InMemoryStore) {}

  async latest(formId: FormId): Promise<FormDefinition | undefined> {
    const versions = this.store.tables.forms.filter((f) => f.formId === formId).sort((a, b) => b.version - a.version);
    return versions[0] && copy(versions[0]);
  }

  async get(formId: FormId, version: number): Promise<FormDefinition | undefined> {
    const found = this.store.tables.forms.find((f) => f.formId === formId && f.version === version);
    return found && copy(found);
  }

  async publish(definition: FormDefinition, _createdBy: string, _now: Date): Promise<boolean> {
    if (this.store.tables.forms.some((f) => f.formId === definition.formId && f.version === definition.version)) return false;
    this.store.tables.forms.push(copy(definition));
    return true;
  }
}

export class InMemoryAssociationRepository implements AssociationRepository {
  constructor(private readonly store: InMemoryStore) {}

  async listActive(municipalityCode?: string): Promise<Association[]> {
    return [...this.store.tables.associations.values()]
      .filter((a) => a.active && (municipalityCode === undefined || a.municipalityCode === municipalityCode))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
      .map(copy);
  }

  async list(): Promise<Association[]> {
    return [...this.store.tables.associations.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)).map(copy);
  }

  async get(id: string): Promise<Association | undefined> {
    const found = this.store.tables.associations.get(id);
    return found && copy(found);
  }

  async upsert(association: Association): Promise<void> {
    foreignKey(this.store.tables.municipalities.has(association.municipalityCode), `no municipality "${association.municipalityCode}"`);
    this.store.tables.associations.set(association.id, copy(association));
  }
}

export class InMemoryMeetingSessionRepository implements MeetingSessionRepository {
  constructor(private readonly store: InMemoryStore) {}

  async bookingForThread(threadId: string): Promise<string | undefined> {
    const matching = [...this.store.tables.bookings.values()]
      .filter((b) => b.meeting !== null && threadIdFromJoinUrl(b.meeting.joinUrl) === threadId)
      .sort((a, b) => ms(b.createdAt) - ms(a.createdAt));
    return matching[0]?.id;
  }

  async get(bookingId: string): Promise<MeetingSession | undefined> {
    const found = this.store.tables.meetingSessions.get(bookingId);
    return found && copy(found);
  }

  recordStart(bookingId: string, conversationId: string, at: Date): Promise<MeetingSession> {
    return this.record(bookingId, conversationId, (s) => ({ startedAt: s.startedAt ?? at }));
  }

  recordEnd(bookingId: string, conversationId: string, at: Date): Promise<MeetingSession> {
    return this.record(bookingId, conversationId, (s) => ({ endedAt: s.endedAt === null || ms(s.endedAt) < ms(at) ? at : s.endedAt }));
  }

  recordClientJoined(bookingId: string, conversationId: string, at: Date): Promise<MeetingSession> {
    return this.record(bookingId, conversationId, (s) => ({ clientJoinedAt: s.clientJoinedAt ?? at }));
  }

  async markNoShow(bookingId: string, at: Date): Promise<boolean> {
    const found = this.store.tables.meetingSessions.get(bookingId);
    if (found === undefined || found.clientJoinedAt !== null || found.noShowAt !== null) return false;
    this.store.tables.meetingSessions.set(bookingId, { ...found, noShowAt: new Date(ms(at)) });
    return true;
  }

  async markContactPrompted(bookingId: string, at: Date): Promise<boolean> {
    const found = this.store.tables.meetingSessions.get(bookingId);
    if (found === undefined || found.contactPromptedAt !== null) return false;
    this.store.tables.meetingSessions.set(bookingId, { ...found, contactPromptedAt: new Date(ms(at)) });
    return true;
  }

  private async record(bookingId: string, conversationId: string, change: (s: MeetingSession) => Partial<MeetingSession>): Promise<MeetingSession> {
    const t = this.store.tables;
    foreignKey(t.bookings.has(bookingId), `no booking "${bookingId}"`);
    const current: MeetingSession = t.meetingSessions.get(bookingId) ?? {
      bookingId,
      conversationId,
      startedAt: null,
      endedAt: null,
      clientJoinedAt: null,
      noShowAt: null,
      contactPromptedAt: null,
    };
    if (!t.meetingSessions.has(bookingId) && [...t.meetingSessions.values()].some((s) => s.conversationId === conversationId)) {
      throw new Error('UNIQUE constraint failed: meeting_sessions.conversation_id (InMemoryUnitOfWork).');
    }
    const updated = copy({ ...current, ...change(current) });
    t.meetingSessions.set(bookingId, updated);
    return copy(updated);
  }
}
