import { randomUUID } from 'node:crypto';
import type { Contact, ContactDetails, Referral } from '../../src/domain/register/contact.js';
import type { StaffRole } from '../../src/domain/staff/staff.js';
import type { UnitOfWork } from '../../src/use-cases/ports/repositories.js';
import { aNewBooking } from '../factories/booking-factory.js';

/**
 * The advisers' tab's world (issue 6), shared by the API e2e (session-log-api.test.ts, the reports
 * API) and the browser test: four staff members of different reach, clients in three
 * municipalities and 32 contacts between September 2025 and February 2026 (fixed dates, so that
 * filters, months and report figures are known in advance), one booked meeting the client did
 * not come to (no-show), one held meeting, and one contact corrected once (revision 2).
 *
 * Who sees what:
 * - `liperiAdviser` belongs to Liperi and also serves Outokumpu: Liperi + Outokumpu contacts.
 * - `kontiolahtiAdviser` belongs to and serves Kontiolahti only.
 * - `coordinator` (Joensuu) sees every municipality.
 * - `municipalStaff` (Liperi, role municipal_staff) sees nothing in the tab: 403.
 */

/** The tenant of the tests (the same one side-panel-api.test.ts signs tokens for). */
export const ADVISERS_TAB_TENANT = '5f1a0c2e-0000-4000-8000-0000000000aa';

export interface WorldStaff {
  readonly id: string;
  /** Entra object id: the `oid` of the person's SSO token. */
  readonly oid: string;
  readonly displayName: string;
  readonly municipalityCode: string;
  readonly roles: readonly StaffRole[];
}

export interface WorldClient {
  readonly id: string;
  readonly displayName: string;
  readonly municipalityCode: string;
}

/** A seeded contact as stored at the end of seeding, with whether its booking's meeting was a no-show. */
export type WorldContact = Contact & { readonly noShow: boolean };

export interface AdvisersTabWorld {
  readonly tenantId: string;
  readonly liperiAdviser: WorldStaff;
  readonly kontiolahtiAdviser: WorldStaff;
  readonly coordinator: WorldStaff;
  readonly municipalStaff: WorldStaff;
  /** Liperi: olena, ahmed; Kontiolahti: svetlana; Outokumpu: fatima. */
  readonly clients: { readonly olena: WorldClient; readonly ahmed: WorldClient; readonly svetlana: WorldClient; readonly fatima: WorldClient };
  /** A Liperi peer-support association that some contacts refer to. */
  readonly association: { readonly id: string; readonly name: string };
  /** Every seeded contact, newest first (startedAt desc, then id desc: the session log's order). */
  readonly contacts: readonly WorldContact[];
  /** The contact of the booking whose meeting was marked a no-show (Olena, Liperi, outcome no_show). */
  readonly noShow: { readonly contactId: string; readonly bookingId: string };
  /** The contact of a booking whose meeting was held (the client joined). */
  readonly held: { readonly contactId: string; readonly bookingId: string };
  /** A Liperi contact corrected once by the Liperi adviser: revision 2, with `reason`. */
  readonly corrected: { readonly contactId: string; readonly reason: string; readonly originalNotes: string };
  /** Words the notes hold for text search: each matches exactly the contacts listed. */
  readonly search: {
    /** In two notes, once capitalised ("Asuntohakemus") and once not. */
    readonly housingWord: 'asuntohakemus';
    /** A note with a literal "%" and "_": a LIKE that forgot to escape them matches far more. */
    readonly percentNoteContactId: string;
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** 1 September 2025 09:00 Helsinki (summer time, UTC+3). */
const FIRST_START = Date.UTC(2025, 8, 1, 6, 0);

const CHANNELS = ['teams_meeting', 'phone', 'walk_in', 'email', 'chat'] as const;
const TOPIC_SETS = [
  ['residence_permit'],
  ['housing', 'kela_benefits'],
  ['work_jobseeking'],
  ['residence_permit', 'family_children'],
  ['studies_language'],
  ['registration_everyday'],
  ['health', 'kela_benefits'],
] as const;
const OUTCOMES = ['resolved', 'referred', 'follow_up', 'other'] as const;

/** The notes of contact `i`; a few carry the words the text-search tests look for. */
function notesFor(i: number): string {
  switch (i) {
    case 3:
      return 'Asuntohakemus täytetty yhdessä, liitteet puuttuvat.';
    case 8:
      return 'Kysyi kelan asumistuesta ja asuntohakemus-lomakkeesta.';
    case 14:
      return 'Alennus 50% bussilipusta; lomake tuki_hakemus_2 lähetetty.';
    default:
      return `Ohjauskerta ${i + 1}: neuvottu asiakasta.`;
  }
}

/**
 * Seeds the world into `uow` (in-memory, SQLite or PostgreSQL) and returns its ids. Assumes the
 * partner municipalities and the `guidance` service type exist (migrations + compose seed them;
 * seedMunicipalities / seedServiceTypes for a bare database). `now` is when rows are written;
 * the contacts' own times are fixed (2025-09 … 2026-02).
 */
export async function seedAdvisersTabWorld(uow: UnitOfWork, tenantId: string = ADVISERS_TAB_TENANT, now: Date = new Date()): Promise<AdvisersTabWorld> {
  const staff = async (displayName: string, municipalityCode: string, roles: readonly StaffRole[], serves: readonly string[] | null): Promise<WorldStaff> => {
    const oid = randomUUID();
    const member = await uow.staff.upsert({ entraObjectId: oid, tenantId, displayName, roles, municipalityCode, languages: ['fi', 'en'] });
    if (serves !== null) await uow.schedules.setServedMunicipalities(member.id, serves);
    return { id: member.id, oid, displayName, municipalityCode, roles };
  };
  const liperiAdviser = await staff('Aino Ohjaaja', 'liperi', ['adviser'], ['liperi', 'outokumpu']);
  const kontiolahtiAdviser = await staff('Kalle Neuvoja', 'kontiolahti', ['adviser'], ['kontiolahti']);
  const coordinator = await staff('Kaisa Koordinaattori', 'joensuu', ['coordinator'], null);
  const municipalStaff = await staff('Matti Kunnantalo', 'liperi', ['municipal_staff'], null);

  const client = async (displayName: string, municipalityCode: string, preferredLanguage: 'uk' | 'ar' | 'ru' | 'so'): Promise<WorldClient> => {
    const created = await uow.clients.create({ municipalityCode, displayName, preferredLanguage }, now);
    return { id: created.id, displayName, municipalityCode };
  };
  const clients = {
    olena: await client('Olena Testinen', 'liperi', 'uk'),
    ahmed: await client('Ahmed Haddad', 'liperi', 'ar'),
    svetlana: await client('Svetlana Ivanova', 'kontiolahti', 'ru'),
    fatima: await client('Fatima Warsame', 'outokumpu', 'so'),
  };
  const clientLanguage: Record<string, string> = { [clients.olena.id]: 'uk', [clients.ahmed.id]: 'ar', [clients.svetlana.id]: 'ru', [clients.fatima.id]: 'so' };
  const cycle = [clients.olena, clients.ahmed, clients.svetlana, clients.fatima];

  const association = { id: `assoc-${randomUUID().slice(0, 8)}`, name: 'Liperin vertaistukiryhmä' };
  await uow.associations.upsert({ ...association, municipalityCode: 'liperi', languages: ['fi', 'uk'], activities: 'Peer support meetings', contactInfo: 'vertaistuki@example.test', active: true });

  const adviserOf = (c: WorldClient) => (c.municipalityCode === 'kontiolahti' ? kontiolahtiAdviser : liperiAdviser);
  const ids: string[] = [];
  let percentNoteContactId = '';
  let correctedId = '';
  let correctedOriginal: Contact | undefined;

  // 30 contacts about every six days. Two pairs share their start to the millisecond (a keyset
  // cursor must page through ties by id), and one starts at 00:30 on New Year's Day in Helsinki
  // (22:30Z the day before: a date filter that forgets the Helsinki offset puts it in 2025).
  for (let i = 0; i < 30; i++) {
    const c = cycle[i % 4]!;
    let startedAt = new Date(FIRST_START + i * 6 * DAY + (i % 3) * 90 * MINUTE);
    if (i === 11 || i === 13) startedAt = new Date(FIRST_START + (i - 1) * 6 * DAY + ((i - 1) % 3) * 90 * MINUTE);
    if (i === 20) startedAt = new Date(Date.UTC(2025, 11, 31, 22, 30));
    const referrals: Referral[] = [];
    if (i % 3 === 0) referrals.push({ kind: 'authority', code: 'migri' });
    if (i % 6 === 1 && c.municipalityCode === 'liperi') referrals.push({ kind: 'association', associationId: association.id });
    if (i % 5 === 2) referrals.push({ kind: 'authority', code: 'kela' });
    const details: ContactDetails = {
      channel: CHANNELS[i % 5]!,
      startedAt,
      durationMinutes: 20 + (i % 4) * 10,
      language: i % 5 === 4 ? 'fi' : clientLanguage[c.id]!,
      interpreterUsed: i % 4 === 0,
      topics: [...TOPIC_SETS[i % 7]!],
      services: i % 2 === 0 ? ['guidance'] : ['guidance', 'form_help'],
      referrals,
      followUpOn: null,
      outcome: OUTCOMES[Math.floor(i / 4) % 4]!,
      notes: notesFor(i),
    };
    const adviser = adviserOf(c);
    const created = await uow.contacts.create({ clientId: c.id, adviserId: adviser.id, municipalityCode: c.municipalityCode, bookingId: null, formVersion: 1, ...details }, adviser.id, now);
    if (!created.ok) throw new Error('seedAdvisersTabWorld: a contact was refused');
    ids.push(created.contact.id);
    if (i === 14) percentNoteContactId = created.contact.id;
    if (i === 5) {
      correctedId = created.contact.id;
      correctedOriginal = created.contact;
    }
  }

  // Two booked Teams meetings of Olena with the Liperi adviser: one she did not come to
  // (meeting events marked it a no-show), one she joined.
  const meeting = async (start: Date, cameIn: boolean, outcome: string, notes: string) => {
    const booked = await uow.bookings.create(
      aNewBooking({ clientId: clients.olena.id, adviserId: liperiAdviser.id, municipalityCode: 'liperi', language: 'uk', interpreterLanguage: null, topics: ['residence_permit'], start }),
      now,
    );
    if (!booked.ok) throw new Error('seedAdvisersTabWorld: a booking was refused');
    const bookingId = booked.booking.id;
    const conversationId = `19:meeting_${randomUUID().replaceAll('-', '')}@thread.v2`;
    await uow.meetingSessions.recordStart(bookingId, conversationId, start);
    if (cameIn) await uow.meetingSessions.recordClientJoined(bookingId, conversationId, new Date(start.getTime() + 2 * MINUTE));
    else if (!(await uow.meetingSessions.markNoShow(bookingId, new Date(start.getTime() + 15 * MINUTE)))) throw new Error('seedAdvisersTabWorld: no-show not marked');
    await uow.meetingSessions.recordEnd(bookingId, conversationId, new Date(start.getTime() + 45 * MINUTE));
    const created = await uow.contacts.create(
      {
        clientId: clients.olena.id,
        adviserId: liperiAdviser.id,
        municipalityCode: 'liperi',
        bookingId,
        formVersion: 1,
        channel: 'teams_meeting',
        startedAt: start,
        durationMinutes: cameIn ? 45 : 15,
        language: 'uk',
        interpreterUsed: false,
        topics: ['residence_permit'],
        services: ['guidance'],
        referrals: [],
        followUpOn: null,
        outcome,
        notes,
      },
      liperiAdviser.id,
      now,
    );
    if (!created.ok) throw new Error('seedAdvisersTabWorld: a meeting contact was refused');
    ids.push(created.contact.id);
    return { contactId: created.contact.id, bookingId };
  };
  // Tuesdays 10:00 Helsinki (winter time, UTC+2).
  const noShow = await meeting(new Date(Date.UTC(2025, 10, 11, 8, 0)), false, 'no_show', 'Asiakas ei saapunut Teams-tapaamiseen.');
  const held = await meeting(new Date(Date.UTC(2025, 10, 18, 8, 0)), true, 'resolved', 'Teams-tapaaminen pidetty, oleskelulupa-asia selvitetty.');

  // A correction by the Liperi adviser: the duration and notes were wrong.
  if (correctedOriginal === undefined) throw new Error('seedAdvisersTabWorld: nothing to correct');
  const reason = 'Kesto ja muistiinpanot korjattu';
  const corrected = await uow.contacts.correct(
    correctedId,
    1,
    { ...correctedOriginal, durationMinutes: 55, notes: 'Korjattu: ohjattu Kelaan ja työllisyyspalveluihin.' },
    1,
    liperiAdviser.id,
    reason,
    now,
  );
  if (!corrected.ok) throw new Error('seedAdvisersTabWorld: the correction was refused');

  const contacts: WorldContact[] = [];
  for (const id of ids) {
    const contact = await uow.contacts.get(id);
    if (contact === undefined) throw new Error('seedAdvisersTabWorld: a contact vanished');
    contacts.push({ ...contact, noShow: id === noShow.contactId });
  }
  contacts.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

  return {
    tenantId,
    liperiAdviser,
    kontiolahtiAdviser,
    coordinator,
    municipalStaff,
    clients,
    association,
    contacts,
    noShow,
    held,
    corrected: { contactId: correctedId, reason, originalNotes: correctedOriginal.notes },
    search: { housingWord: 'asuntohakemus', percentNoteContactId },
  };
}
