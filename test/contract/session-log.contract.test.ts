import { describe, expect, it } from 'vitest';
import { KyselySessionLogReader } from '../../src/adapters/persistence/kysely-session-log-reader.js';
import { seedMunicipalities, seedServiceTypes } from '../../src/adapters/persistence/seed.js';
import type { UnitOfWork } from '../../src/use-cases/ports/repositories.js';
import type { SessionLogFilter, SessionLogReader } from '../../src/use-cases/ports/session-log.js';
import { seedAdvisersTabWorld, type AdvisersTabWorld, type WorldContact } from '../e2e/advisers-tab-world.js';
import { InMemorySessionLog } from '../fakes/in-memory-session-log.js';
import type { InMemoryUnitOfWork } from '../fakes/in-memory-unit-of-work.js';
import { selectedDialects, useTestDatabase, type TestDatabase } from './test-databases.js';

/**
 * The session log's read model over the in-memory fake, SQLite and PostgreSQL, on the advisers'
 * tab's world: the same filter must select the same contacts, in the same order, everywhere.
 * Expected rows are computed from the world's contacts, independently of any reader.
 */
const ALL = ['ilomantsi', 'joensuu', 'kontiolahti', 'liperi', 'outokumpu'];
const HELSINKI_NEW_YEAR = new Date('2025-12-31T22:00:00.000Z');

function readerFor(db: TestDatabase): SessionLogReader {
  if (db.dialect === 'memory') return new InMemorySessionLog((db.uow as InMemoryUnitOfWork).store);
  // The test database's Kysely instance is not exposed; the unit of work keeps it privately.
  const { db: kysely } = db.uow as unknown as { db: ConstructorParameters<typeof KyselySessionLogReader>[0] };
  return new KyselySessionLogReader(kysely, db.dialect);
}

async function seed(uow: UnitOfWork): Promise<AdvisersTabWorld> {
  await seedMunicipalities(uow, []);
  await seedServiceTypes(uow);
  return seedAdvisersTabWorld(uow);
}

for (const dialect of selectedDialects()) {
  describe(`session log reader on ${dialect}`, () => {
    const database = useTestDatabase(dialect);
    let world: AdvisersTabWorld;
    let reader: SessionLogReader;
    const ids = async (filter: Partial<SessionLogFilter>, limit = 1000) => (await reader.list({ municipalities: ALL, ...filter }, { limit })).map((r) => r.contactId);
    const expected = (keep: (c: WorldContact) => boolean) => world.contacts.filter(keep).map((c) => c.id);
    const clientName = (c: WorldContact) => Object.values(world.clients).find((cl) => cl.id === c.clientId)!.displayName;

    async function given(): Promise<void> {
      const db = database();
      world = await seed(db.uow);
      reader = readerFor(db);
    }

    it('lists every contact newest first, ties on the start by id, with names, no-show and revision', async () => {
      await given();
      const rows = await reader.list({ municipalities: ALL }, { limit: 1000 });
      expect(rows.map((r) => r.contactId)).toEqual(world.contacts.map((c) => c.id));
      const noShow = rows.find((r) => r.contactId === world.noShow.contactId);
      expect(noShow).toMatchObject({ noShow: true, outcome: 'no_show', municipalityCode: 'liperi', client: { id: world.clients.olena.id, displayName: 'Olena Testinen' }, adviser: { id: world.liperiAdviser.id, displayName: 'Aino Ohjaaja' } });
      expect(rows.filter((r) => r.noShow).map((r) => r.contactId)).toEqual([world.noShow.contactId]);
      const corrected = rows.find((r) => r.contactId === world.corrected.contactId)!;
      const stored = world.contacts.find((c) => c.id === world.corrected.contactId)!;
      expect(corrected).toEqual({
        contactId: stored.id,
        startedAt: stored.startedAt,
        durationMinutes: 55,
        municipalityCode: stored.municipalityCode,
        adviser: { id: world.liperiAdviser.id, displayName: 'Aino Ohjaaja' },
        client: { id: stored.clientId, displayName: clientName(stored) },
        channel: stored.channel,
        language: stored.language,
        interpreterUsed: stored.interpreterUsed,
        topics: stored.topics,
        outcome: stored.outcome,
        noShow: false,
        revision: 2,
      });
    });

    it('keeps to the municipalities given, and an empty scope sees nothing', async () => {
      await given();
      expect(await ids({ municipalities: ['liperi'] })).toEqual(expected((c) => c.municipalityCode === 'liperi'));
      expect(await ids({ municipalities: ['liperi', 'outokumpu'] })).toEqual(expected((c) => c.municipalityCode !== 'kontiolahti'));
      expect(await ids({ municipalities: [] })).toEqual([]);
    });

    it('filters by adviser, Helsinki dates, topic, language, channel, outcome and no-show', async () => {
      await given();
      expect(await ids({ adviserId: world.kontiolahtiAdviser.id })).toEqual(expected((c) => c.adviserId === world.kontiolahtiAdviser.id));
      // The adviser filter inside a narrower scope: the scope still holds.
      expect(await ids({ municipalities: ['outokumpu'], adviserId: world.liperiAdviser.id })).toEqual(expected((c) => c.municipalityCode === 'outokumpu'));
      expect(await ids({ municipalities: ['kontiolahti'], adviserId: world.liperiAdviser.id })).toEqual([]);
      // 00:30 on New Year's Day in Helsinki is 22:30Z on 31 December: it belongs to 2026.
      const from = await ids({ from: HELSINKI_NEW_YEAR });
      expect(from).toEqual(expected((c) => c.startedAt >= HELSINKI_NEW_YEAR));
      expect(from).toContain(world.contacts.find((c) => c.startedAt.toISOString() === '2025-12-31T22:30:00.000Z')!.id);
      expect(await ids({ before: HELSINKI_NEW_YEAR })).toEqual(expected((c) => c.startedAt < HELSINKI_NEW_YEAR));
      expect(await ids({ topic: 'kela_benefits' })).toEqual(expected((c) => c.topics.includes('kela_benefits')));
      expect(await ids({ topic: 'kela_benefits' })).not.toHaveLength(0);
      // A code matches whole: "residence" is not "residence_permit".
      expect(await ids({ topic: 'residence' })).toEqual([]);
      expect(await ids({ language: 'fi' })).toEqual(expected((c) => c.language === 'fi'));
      expect(await ids({ channel: 'walk_in' })).toEqual(expected((c) => c.channel === 'walk_in'));
      expect(await ids({ outcome: 'follow_up' })).toEqual(expected((c) => c.outcome === 'follow_up'));
      expect(await ids({ noShow: true })).toEqual([world.noShow.contactId]);
      expect(await ids({ noShow: false })).toEqual(expected((c) => !c.noShow));
      expect(await ids({ municipalities: ['liperi'], channel: 'phone', language: 'ar' })).toEqual(
        expected((c) => c.municipalityCode === 'liperi' && c.channel === 'phone' && c.language === 'ar'),
      );
    });

    it('searches notes and the client name case-insensitively, taking % and _ literally', async () => {
      await given();
      const housing = await ids({ text: 'ASUNTOHAKEMUS' });
      expect(housing).toHaveLength(2);
      expect(housing).toEqual(expected((c) => c.notes.toLowerCase().includes('asuntohakemus')));
      expect(await ids({ text: 'TÄYTETTY' })).toEqual(expected((c) => c.notes.includes('täytetty')));
      expect(await ids({ text: 'svetlana' })).toEqual(expected((c) => c.clientId === world.clients.svetlana.id));
      expect(await ids({ text: '0%' })).toEqual([world.search.percentNoteContactId]);
      expect(await ids({ text: 'i_h' })).toEqual([world.search.percentNoteContactId]);
      expect(await ids({ text: '%' })).toEqual([world.search.percentNoteContactId]);
      expect(await ids({ text: '_' })).toEqual([world.search.percentNoteContactId]);
      expect(await ids({ text: 'no such words' })).toEqual([]);
    });

    it('pages with the keyset through ties without gaps or repeats', async () => {
      await given();
      const seen: string[] = [];
      let after: { startedAt: Date; id: string } | undefined;
      for (let guard = 0; guard < 50; guard++) {
        const rows = await reader.list({ municipalities: ALL }, { limit: 3, ...(after ? { after } : {}) });
        seen.push(...rows.map((r) => r.contactId));
        const last = rows.at(-1);
        if (rows.length < 3 || !last) break;
        after = { startedAt: last.startedAt, id: last.contactId };
      }
      expect(seen).toEqual(world.contacts.map((c) => c.id));
      // Filters and the cursor together: only Liperi, two at a time.
      const liperi: string[] = [];
      after = undefined;
      for (let guard = 0; guard < 50; guard++) {
        const rows = await reader.list({ municipalities: ['liperi'] }, { limit: 2, ...(after ? { after } : {}) });
        liperi.push(...rows.map((r) => r.contactId));
        const last = rows.at(-1);
        if (rows.length < 2 || !last) break;
        after = { startedAt: last.startedAt, id: last.contactId };
      }
      expect(liperi).toEqual(expected((c) => c.municipalityCode === 'liperi'));
    });
  });
}
