import { describe, expect, it } from 'vitest';
import { seedMunicipalities } from '../../src/adapters/persistence/seed.js';
import type { Ticket, TicketEvent } from '../../src/domain/experts/ticket.js';
import type { StaffMember } from '../../src/domain/staff/staff.js';
import type { NewKnowledgeArticle, NewTicket } from '../../src/use-cases/ports/experts.js';
import type { Repositories, UnitOfWork } from '../../src/use-cases/ports/repositories.js';
import { aNewStaffMember } from '../factories/staff-member-factory.js';
import { selectedDialects, useTestDatabase, type TestDatabase } from './test-databases.js';

/**
 * The expert channel's repositories (issue 5) over the in-memory fake, SQLite and PostgreSQL:
 * tickets with optimistic locking and their thread, the knowledge base's full-text search, the
 * on-duty rota, the posting channels and training sign-ups. Races run for real: on PostgreSQL
 * through two pools at once (two app instances), on SQLite through one connection, as production.
 */
const T0 = new Date('2025-03-03T08:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

interface ExpertsWorld {
  readonly asker: StaffMember;
  readonly otherAsker: StaffMember;
  readonly expert: StaffMember;
  readonly otherExpert: StaffMember;
  /** More staff, for sign-ups. */
  readonly staff: readonly StaffMember[];
}

async function anExpertsWorld(repos: Repositories): Promise<ExpertsWorld> {
  await seedMunicipalities(repos, []);
  const staff: StaffMember[] = [];
  for (let i = 0; i < 6; i += 1) staff.push(await repos.staff.upsert(aNewStaffMember({ displayName: `Staff ${i}`, roles: ['municipal_staff'], municipalityCode: 'liperi' })));
  return {
    asker: await repos.staff.upsert(aNewStaffMember({ displayName: 'Asta Asker', roles: ['municipal_staff'], municipalityCode: 'liperi' })),
    otherAsker: await repos.staff.upsert(aNewStaffMember({ displayName: 'Olli Asker', roles: ['municipal_staff'], municipalityCode: 'kontiolahti' })),
    expert: await repos.staff.upsert(aNewStaffMember({ displayName: 'Eeva Expert', roles: ['expert'] })),
    otherExpert: await repos.staff.upsert(aNewStaffMember({ displayName: 'Erkki Expert', roles: ['expert', 'adviser'] })),
    staff,
  };
}

const aNewTicket = (askerId: string, overrides: Partial<NewTicket> = {}): NewTicket => ({
  askerId,
  municipalityCode: 'liperi',
  topic: 'residence_permit',
  urgency: 'normal',
  language: 'fi',
  question: 'Miten perheenjäsenen oleskelulupaa haetaan, kun puoliso on jo Suomessa?',
  claimDueAt: minutes(120),
  ...overrides,
});

/** A second app instance for races: PostgreSQL's other pool; SQLite's one connection (see TestDatabase.peer). */
const racer = (database: TestDatabase): UnitOfWork => (database.dialect === 'sqlite' ? database.uow : database.peer);

for (const dialect of selectedDialects()) {
  describe(`expert channel repositories on ${dialect}`, () => {
    const database = useTestDatabase(dialect);

    describe('TicketRepository', () => {
      it('creates open tickets at revision 1 with increasing numbers and an `asked` event', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const first = await uow.tickets.create(aNewTicket(world.asker.id), T0);
        const second = await uow.tickets.create(aNewTicket(world.otherAsker.id, { municipalityCode: 'kontiolahti', urgency: 'urgent', language: 'en', topic: 'housing', question: 'Rental deposit?' }), minutes(1));

        expect(first).toEqual({
          ...aNewTicket(world.asker.id),
          id: expect.any(String),
          number: 1,
          status: 'open',
          assigneeId: null,
          answer: null,
          createdAt: T0,
          firstClaimedAt: null,
          firstAnsweredAt: null,
          escalatedAt: null,
          updatedAt: T0,
          revision: 1,
        });
        expect(second).toMatchObject({ number: 2, urgency: 'urgent', language: 'en', topic: 'housing', municipalityCode: 'kontiolahti' });
        expect(await peer.tickets.get(first.id)).toEqual(first);
        expect(await peer.tickets.get('no-such-ticket')).toBeUndefined();
        expect(await peer.tickets.events(first.id)).toEqual([{ ticketId: first.id, at: T0, actorId: world.asker.id, kind: 'asked', text: null }]);
      });

      it('numbers concurrent creates from two instances uniquely', async () => {
        const database_ = database();
        const world = await anExpertsWorld(database_.uow);
        const other = racer(database_);
        const created = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? database_.uow : other).tickets.create(aNewTicket(world.asker.id), minutes(i))));
        expect(created.map((t) => t.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      });

      it('updates only at the expected revision: applies the change, bumps the revision, appends the event; otherwise stale (with the ticket as it is) or not_found', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const ticket = await uow.tickets.create(aNewTicket(world.asker.id), T0);
        const claimed: TicketEvent = { ticketId: ticket.id, at: minutes(5), actorId: world.expert.id, kind: 'claimed', text: null };
        const { ticketId: _claimedTicket, ...claimEvent } = claimed;

        const claim = await uow.tickets.update(ticket.id, 1, { status: 'claimed', assigneeId: world.expert.id, firstClaimedAt: minutes(5) }, claimEvent, minutes(5));
        const afterClaim: Ticket = { ...ticket, status: 'claimed', assigneeId: world.expert.id, firstClaimedAt: minutes(5), revision: 2, updatedAt: minutes(5) };
        expect(claim).toEqual({ ok: true, ticket: afterClaim });
        expect(await peer.tickets.get(ticket.id)).toEqual(afterClaim);

        const answer = 'Hakemus tehdään Enter Finlandissa; puoliso liittää todistuksen.';
        const answered = await uow.tickets.update(ticket.id, 2, { status: 'answered', answer, firstAnsweredAt: minutes(9) }, { at: minutes(9), actorId: world.expert.id, kind: 'answered', text: answer }, minutes(9));
        expect(answered).toMatchObject({ ok: true, ticket: { status: 'answered', answer, assigneeId: world.expert.id, firstClaimedAt: minutes(5), firstAnsweredAt: minutes(9), revision: 3 } });

        // A stale write changes nothing and appends nothing.
        const stale = await uow.tickets.update(ticket.id, 2, { status: 'closed' }, { at: minutes(10), actorId: world.otherExpert.id, kind: 'closed', text: null }, minutes(10));
        expect(stale).toEqual({ ok: false, reason: 'stale', current: (answered as { ticket: Ticket }).ticket });
        expect(await uow.tickets.update('no-such-ticket', 1, { status: 'closed' }, { at: minutes(10), actorId: world.expert.id, kind: 'closed', text: null }, minutes(10))).toEqual({ ok: false, reason: 'not_found' });

        // A follow-up reopens without an assignee: an explicit null clears the column.
        const reopened = await uow.tickets.update(ticket.id, 3, { status: 'open', assigneeId: null }, { at: minutes(20), actorId: world.asker.id, kind: 'follow_up', text: 'Entä lapsi?' }, minutes(20));
        expect(reopened).toMatchObject({ ok: true, ticket: { status: 'open', assigneeId: null, answer, firstAnsweredAt: minutes(9), revision: 4, updatedAt: minutes(20) } });

        expect((await peer.tickets.events(ticket.id)).map((e) => [e.kind, e.actorId, e.text, e.at])).toEqual([
          ['asked', world.asker.id, null, T0],
          ['claimed', world.expert.id, null, minutes(5)],
          ['answered', world.expert.id, answer, minutes(9)],
          ['follow_up', world.asker.id, 'Entä lapsi?', minutes(20)],
        ]);
      });

      it('lets exactly one of two concurrent claims win; the loser gets stale with the winner as assignee, and the thread holds only the winner\'s claim', async () => {
        const database_ = database();
        const world = await anExpertsWorld(database_.uow);
        for (let round = 0; round < 3; round += 1) {
          const ticket = await database_.uow.tickets.create(aNewTicket(world.asker.id), T0);
          const claimBy = (repos: UnitOfWork, expert: StaffMember) =>
            repos.tickets.update(ticket.id, 1, { status: 'claimed', assigneeId: expert.id, firstClaimedAt: minutes(1) }, { at: minutes(1), actorId: expert.id, kind: 'claimed', text: null }, minutes(1));
          const results = await Promise.all([claimBy(database_.uow, world.expert), claimBy(racer(database_), world.otherExpert)]);

          const winners = results.filter((r) => r.ok);
          const losers = results.filter((r) => !r.ok);
          expect(winners).toHaveLength(1);
          expect(losers).toHaveLength(1);
          const winner = winners[0]!.ok ? winners[0]!.ticket : undefined;
          expect(losers[0]).toEqual({ ok: false, reason: 'stale', current: winner });
          expect(winner).toMatchObject({ status: 'claimed', revision: 2 });
          const events = await database_.peer.tickets.events(ticket.id);
          expect(events.map((e) => [e.kind, e.actorId])).toEqual([
            ['asked', world.asker.id],
            ['claimed', winner?.assigneeId],
          ]);
        }
      });

      it('inside a transaction: a stale update leaves the transaction usable; a throw rolls back the change and its event', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const ticket = await uow.tickets.create(aNewTicket(world.asker.id), T0);

        const result = await uow.transaction(async (tx) => {
          const stale = await tx.tickets.update(ticket.id, 7, { status: 'closed' }, { at: minutes(1), actorId: world.expert.id, kind: 'closed', text: null }, minutes(1));
          await tx.outbox.enqueue({ topic: 'test.after_stale', payload: {} }, T0);
          return stale;
        });
        expect(result).toEqual({ ok: false, reason: 'stale', current: ticket });
        expect((await peer.outbox.countByStatus()).pending).toBe(1);

        await expect(
          uow.transaction(async (tx) => {
            const claimed = await tx.tickets.update(ticket.id, 1, { status: 'claimed', assigneeId: world.expert.id }, { at: minutes(2), actorId: world.expert.id, kind: 'claimed', text: null }, minutes(2));
            expect(claimed.ok).toBe(true);
            throw new Error('card rendering failed');
          }),
        ).rejects.toThrow('card rendering failed');
        expect(await peer.tickets.get(ticket.id)).toEqual(ticket);
        expect((await peer.tickets.events(ticket.id)).map((e) => e.kind)).toEqual(['asked']);
      });

      it('finds open, unescalated tickets due for escalation, most overdue first, at most `limit`', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const late = await uow.tickets.create(aNewTicket(world.asker.id, { claimDueAt: minutes(30) }), T0);
        const urgent = await uow.tickets.create(aNewTicket(world.asker.id, { urgency: 'urgent', claimDueAt: minutes(10) }), minutes(1));
        const dueNow = await uow.tickets.create(aNewTicket(world.asker.id, { claimDueAt: minutes(60) }), minutes(2));
        await uow.tickets.create(aNewTicket(world.asker.id, { claimDueAt: minutes(61) }), minutes(3));
        const claimed = await uow.tickets.create(aNewTicket(world.asker.id, { claimDueAt: minutes(5) }), minutes(4));
        await uow.tickets.update(claimed.id, 1, { status: 'claimed', assigneeId: world.expert.id }, { at: minutes(6), actorId: world.expert.id, kind: 'claimed', text: null }, minutes(6));
        const escalated = await uow.tickets.create(aNewTicket(world.asker.id, { claimDueAt: minutes(5) }), minutes(5));
        await uow.tickets.update(escalated.id, 1, { escalatedAt: minutes(7) }, { at: minutes(7), actorId: 'system:sla', kind: 'escalated', text: world.otherExpert.id }, minutes(7));

        expect((await peer.tickets.dueForEscalation(minutes(60), 10)).map((t) => t.id)).toEqual([urgent.id, late.id, dueNow.id]);
        expect((await peer.tickets.dueForEscalation(minutes(60), 2)).map((t) => t.id)).toEqual([urgent.id, late.id]);
        expect(await peer.tickets.dueForEscalation(minutes(9), 10)).toEqual([]);
        expect((await peer.tickets.events(escalated.id)).at(-1)).toEqual({ ticketId: escalated.id, at: minutes(7), actorId: 'system:sla', kind: 'escalated', text: world.otherExpert.id });
      });

      it('lists an asker\'s tickets newest first, tickets by status oldest first, and the report\'s tickets created in [from, before) of given municipalities', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const a1 = await uow.tickets.create(aNewTicket(world.asker.id), minutes(0));
        const b1 = await uow.tickets.create(aNewTicket(world.otherAsker.id, { municipalityCode: 'kontiolahti' }), minutes(10));
        const a2 = await uow.tickets.create(aNewTicket(world.asker.id), minutes(20));
        const a3 = await uow.tickets.create(aNewTicket(world.asker.id, { municipalityCode: 'joensuu' }), minutes(30));
        await uow.tickets.update(a2.id, 1, { status: 'claimed', assigneeId: world.expert.id, firstClaimedAt: minutes(25) }, { at: minutes(25), actorId: world.expert.id, kind: 'claimed', text: null }, minutes(25));
        await uow.tickets.update(a1.id, 1, { status: 'answered', assigneeId: world.expert.id, answer: 'Vastaus', firstClaimedAt: minutes(2), firstAnsweredAt: minutes(4) }, { at: minutes(4), actorId: world.expert.id, kind: 'answered', text: 'Vastaus' }, minutes(4));

        expect((await peer.tickets.listByAsker(world.asker.id, 10)).map((t) => t.id)).toEqual([a3.id, a2.id, a1.id]);
        expect((await peer.tickets.listByAsker(world.asker.id, 2)).map((t) => t.id)).toEqual([a3.id, a2.id]);
        expect(await peer.tickets.listByAsker(world.expert.id, 10)).toEqual([]);
        expect((await peer.tickets.listByStatus(['open', 'claimed'], 10)).map((t) => t.id)).toEqual([b1.id, a2.id, a3.id]);
        expect((await peer.tickets.listByStatus(['open', 'claimed'], 1)).map((t) => t.id)).toEqual([b1.id]);
        expect((await peer.tickets.listByStatus(['answered'], 10)).map((t) => t.id)).toEqual([a1.id]);
        expect(await peer.tickets.listByStatus([], 10)).toEqual([]);

        expect(await peer.tickets.listCreatedBetween(['liperi', 'kontiolahti'], minutes(0), minutes(30))).toEqual([
          { municipalityCode: 'liperi', createdAt: minutes(0), firstClaimedAt: minutes(2), firstAnsweredAt: minutes(4) },
          { municipalityCode: 'kontiolahti', createdAt: minutes(10), firstClaimedAt: null, firstAnsweredAt: null },
          { municipalityCode: 'liperi', createdAt: minutes(20), firstClaimedAt: minutes(25), firstAnsweredAt: null },
        ]);
        // `before` is exclusive, `from` inclusive.
        expect((await peer.tickets.listCreatedBetween(['joensuu', 'liperi'], minutes(20), minutes(31))).map((t) => t.createdAt)).toEqual([minutes(20), minutes(30)]);
        expect(await peer.tickets.listCreatedBetween(['liperi'], minutes(1), minutes(20))).toEqual([]);
        expect(await peer.tickets.listCreatedBetween([], minutes(0), minutes(60))).toEqual([]);
      });

      it('records where the ticket\'s card was posted, and replaces it', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const ticket = await uow.tickets.create(aNewTicket(world.asker.id), T0);
        expect(await peer.tickets.getPost(ticket.id)).toBeUndefined();
        await uow.tickets.savePost({ ticketId: ticket.id, conversationId: '19:experts@thread.tacv2', activityId: '1700000000001' });
        await uow.tickets.savePost({ ticketId: ticket.id, conversationId: '19:experts@thread.tacv2;messageid=1', activityId: '1700000000002' });
        expect(await peer.tickets.getPost(ticket.id)).toEqual({ ticketId: ticket.id, conversationId: '19:experts@thread.tacv2;messageid=1', activityId: '1700000000002' });
      });

      it('refuses a ticket of an unknown asker or municipality', async () => {
        const { uow } = database();
        const world = await anExpertsWorld(uow);
        await expect(uow.tickets.create(aNewTicket('no-such-staff'), T0)).rejects.toThrow();
        await expect(uow.tickets.create(aNewTicket(world.asker.id, { municipalityCode: 'atlantis' }), T0)).rejects.toThrow();
      });
    });

    describe('KnowledgeBaseRepository', () => {
      const article = (createdBy: string, overrides: Partial<NewKnowledgeArticle> = {}): NewKnowledgeArticle => ({
        ticketId: null,
        question: 'Question',
        answer: 'Answer',
        topic: 'residence_permit',
        language: 'fi',
        reviewBy: '2026-03-01',
        createdBy,
        ...overrides,
      });

      it('saves an article (also from a ticket), flags those past their review date, and sets a new review date', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const ticket = await uow.tickets.create(aNewTicket(world.asker.id), T0);
        const fromTicket = await uow.knowledgeBase.save(article(world.expert.id, { ticketId: ticket.id, reviewBy: '2025-06-01' }), T0);
        const older = await uow.knowledgeBase.save(article(world.expert.id, { reviewBy: '2025-05-31', language: 'en', topic: 'housing' }), T0);
        const current = await uow.knowledgeBase.save(article(world.otherExpert.id, { reviewBy: '2025-06-02' }), T0);

        expect(fromTicket).toEqual({ ...article(world.expert.id, { ticketId: ticket.id, reviewBy: '2025-06-01' }), id: expect.any(String), createdAt: T0, updatedAt: T0 });
        expect(await peer.knowledgeBase.get(older.id)).toEqual(older);
        expect(await peer.knowledgeBase.get('no-such-article')).toBeUndefined();
        // Strictly before today: an article due today is not yet past review.
        expect((await peer.knowledgeBase.pastReview('2025-06-02', 10)).map((a) => a.id)).toEqual([older.id, fromTicket.id]);
        expect((await peer.knowledgeBase.pastReview('2025-06-02', 1)).map((a) => a.id)).toEqual([older.id]);

        expect(await uow.knowledgeBase.setReviewBy(older.id, '2026-06-01', minutes(60))).toBe(true);
        expect(await uow.knowledgeBase.setReviewBy('no-such-article', '2026-06-01', minutes(60))).toBe(false);
        expect(await peer.knowledgeBase.get(older.id)).toEqual({ ...older, reviewBy: '2026-06-01', updatedAt: minutes(60) });
        expect((await peer.knowledgeBase.pastReview('2025-06-03', 10)).map((a) => a.id)).toEqual([fromTicket.id, current.id]);
      });

      /** A small knowledge base in Finnish and English. */
      async function seedArticles(uow: UnitOfWork, by: string) {
        const save = (question: string, answer: string, overrides: Partial<NewKnowledgeArticle> = {}) => uow.knowledgeBase.save(article(by, { question, answer, ...overrides }), T0);
        return {
          permitFi: await save('Miten perheenjäsenen oleskelulupa haetaan?', 'Hakemus tehdään Enter Finland -palvelussa, ja hakija käy tunnistautumassa edustustossa.'),
          inflectedFi: await save('Kuinka kauan oleskeluluvan käsittely kestää?', 'Käsittelyaika vaihtelee; Migri julkaisee arviot verkkosivuillaan.'),
          housingFi: await save('Kuka maksaa asunnon vuokravakuuden?', 'Kela voi myöntää vuokravakuuden toimeentulotukena; kunnan sosiaalitoimi neuvoo.', { topic: 'housing' }),
          permitEn: await save('Residence permits for a spouse', 'A spouse applies online; the applicant then visits an embassy to prove their identity.', { language: 'en' }),
          unemploymentFi: await save('Työttömyysturva ja kotoutumiskoulutus', 'Kotoutumiskoulutuksen ajalta maksetaan työttömyysetuutta, kun koulutus on sovittu kotoutumissuunnitelmassa.', { topic: 'work_jobseeking' }),
          unemploymentOnlyFi: await save('Työttömyysturva muuton jälkeen', 'Työttömyysetuutta haetaan Kelasta tai työttömyyskassasta, kun työnhaku on voimassa.', { topic: 'work_jobseeking' }),
        };
      }

      it('finds Finnish inflections through the prefix stem (oleskelulupa ↔ oleskeluluvan, asunto ↔ asunnon), case- and diacritic-insensitively', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const a = await seedArticles(uow, world.expert.id);
        const ids = async (text: string) => (await peer.knowledgeBase.search(text, 10)).map((h) => h.article.id);

        expect(await ids('oleskeluluvan')).toEqual(expect.arrayContaining([a.permitFi.id, a.inflectedFi.id]));
        expect(await ids('OLESKELULUPA')).toEqual(expect.arrayContaining([a.permitFi.id, a.inflectedFi.id]));
        expect(await ids('oleskeluluvasta')).toEqual(expect.arrayContaining([a.permitFi.id, a.inflectedFi.id]));
        expect(await ids('asunto')).toEqual([a.housingFi.id]);
        expect(await ids('asunnossa')).toEqual([a.housingFi.id]);
        expect(await ids('vuokravakuus')).toEqual([a.housingFi.id]);
        expect((await ids('perheenjäsen'))[0]).toBe(a.permitFi.id);
        expect(await ids('zzzyzx')).toEqual([]);
      });

      it('finds English words in other forms (permit ↔ permits, spouses ↔ spouse)', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const a = await seedArticles(uow, world.expert.id);
        const first = async (text: string) => (await peer.knowledgeBase.search(text, 3))[0]?.article.id;
        expect(await first('permit')).toBe(a.permitEn.id);
        expect(await first('permits')).toBe(a.permitEn.id);
        expect(await first('spouses')).toBe(a.permitEn.id);
        expect(await first('How does a spouse apply?')).toBe(a.permitEn.id);
      });

      it('ranks the article matching more of the words first, best first by rank, and honours the limit', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const a = await seedArticles(uow, world.expert.id);

        const hits = await peer.knowledgeBase.search('Miten työttömyysturva toimii kotoutumiskoulutuksen aikana?', 10);
        expect(hits.map((h) => h.article.id).slice(0, 2)).toEqual([a.unemploymentFi.id, a.unemploymentOnlyFi.id]);
        expect(hits[0]?.article).toEqual(a.unemploymentFi);
        for (let i = 1; i < hits.length; i += 1) expect(hits[i - 1]!.rank).toBeGreaterThanOrEqual(hits[i]!.rank);
        expect(hits[0]!.rank).toBeGreaterThan(hits[1]!.rank);

        const top = await peer.knowledgeBase.search('oleskelulupa asunto työttömyysturva', 3);
        expect(top).toHaveLength(3);
        expect(await peer.knowledgeBase.search('oleskelulupa asunto työttömyysturva', 10)).toHaveLength(5);
        expect(await peer.knowledgeBase.search('oleskelulupa', 0)).toEqual([]);
      });

      it('answers nothing for an empty, blank, punctuation-only or stop-word-only query', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        await seedArticles(uow, world.expert.id);
        for (const text of ['', '   ', '\n\t', '?!', '"', '*', ':*', '()', 'ja on the', 'a']) {
          expect(await peer.knowledgeBase.search(text, 3), JSON.stringify(text)).toEqual([]);
        }
      });

      it('never fails on FTS syntax or SQL in the text: quotes, *, :, &|!(), NEAR, column filters, injection attempts', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const a = await seedArticles(uow, world.expert.id);
        const hostile = [
          '"oleskelulupa',
          'oleskelulupa"',
          '"oleskelulupa" "',
          'oleskelulupa*',
          '*oleskelulupa',
          'oleskelulupa:*',
          'oleskelulupa:A',
          'question:oleskelulupa',
          '{question answer}:oleskelulupa',
          'NEAR(oleskelulupa asunto, 2)',
          'oleskelulupa AND OR NOT',
          'NOT oleskelulupa',
          'oleskelulupa & !(asunto | x) <-> y',
          "oleskelulupa'; drop table kb_articles; --",
          "it''s O'Brien's oleskelulupa",
          '\\oleskelulupa\\',
          '-oleskelulupa +asunto ^x $y',
          '%oleskelulupa_ [a-z]',
          'oleskelulupa 🙂 ½ ² ﬁ',
          `${'oleskelulupa '.repeat(200)}`,
          'x'.repeat(3000),
        ];
        for (const text of hostile) {
          const hits = await peer.knowledgeBase.search(text, 3);
          if (text.includes('oleskelulupa')) expect(hits.map((h) => h.article.id), text.slice(0, 60)).toContain(a.permitFi.id);
        }
        expect(await peer.knowledgeBase.get(a.permitFi.id)).toEqual(a.permitFi);
        for (const keyword of ['NEAR', 'AND', 'OR', 'NOT']) expect(await peer.knowledgeBase.search(keyword, 3)).toEqual([]);
      });

      it('keeps the index in step with the articles it saves', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        expect(await peer.knowledgeBase.search('tulkkipalvelu', 3)).toEqual([]);
        const saved = await uow.knowledgeBase.save(article(world.expert.id, { question: 'Tulkkipalvelun tilaaminen', answer: 'Tilaa tulkki hyvissä ajoin.' }), T0);
        expect((await peer.knowledgeBase.search('tulkkipalvelu', 3)).map((h) => h.article.id)).toEqual([saved.id]);
        // A review-date change leaves the text (and the index) as it was.
        await uow.knowledgeBase.setReviewBy(saved.id, '2027-01-01', minutes(1));
        expect((await peer.knowledgeBase.search('tulkkipalvelun', 3)).map((h) => h.article)).toEqual([{ ...saved, reviewBy: '2027-01-01', updatedAt: minutes(1) }]);
      });
    });

    describe('ExpertRotaRepository', () => {
      it('answers the shifts covering a date, both ends inclusive, earliest start first', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        await uow.expertRota.replace('2025-03-03', '2025-03-16', [
          { expertId: world.expert.id, from: '2025-03-03', to: '2025-03-09' },
          { expertId: world.otherExpert.id, from: '2025-03-10', to: '2025-03-16' },
          { expertId: world.otherExpert.id, from: '2025-03-07', to: '2025-03-07' },
        ]);
        expect(await peer.expertRota.onDate('2025-03-02')).toEqual([]);
        expect(await peer.expertRota.onDate('2025-03-03')).toEqual([{ expertId: world.expert.id, from: '2025-03-03', to: '2025-03-09' }]);
        expect(await peer.expertRota.onDate('2025-03-07')).toEqual([
          { expertId: world.expert.id, from: '2025-03-03', to: '2025-03-09' },
          { expertId: world.otherExpert.id, from: '2025-03-07', to: '2025-03-07' },
        ]);
        expect(await peer.expertRota.onDate('2025-03-09')).toEqual([{ expertId: world.expert.id, from: '2025-03-03', to: '2025-03-09' }]);
        expect(await peer.expertRota.onDate('2025-03-10')).toEqual([{ expertId: world.otherExpert.id, from: '2025-03-10', to: '2025-03-16' }]);
        expect(await peer.expertRota.onDate('2025-03-16')).toEqual([{ expertId: world.otherExpert.id, from: '2025-03-10', to: '2025-03-16' }]);
        expect(await peer.expertRota.onDate('2025-03-17')).toEqual([]);
      });

      it('replaces every shift overlapping the period (inclusive ends) and keeps the ones next to it', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const first = { expertId: world.expert.id, from: '2025-03-03', to: '2025-03-09' };
        const second = { expertId: world.otherExpert.id, from: '2025-03-10', to: '2025-03-16' };
        const third = { expertId: world.expert.id, from: '2025-03-17', to: '2025-03-23' };
        await uow.expertRota.replace('2025-03-03', '2025-03-23', [first, second, third]);

        // [03-09, 03-10] touches the last day of the first shift and the first day of the second.
        const cover = { expertId: world.staff[0]!.id, from: '2025-03-09', to: '2025-03-10' };
        await uow.expertRota.replace('2025-03-09', '2025-03-10', [cover]);
        expect(await peer.expertRota.onDate('2025-03-05')).toEqual([]);
        expect(await peer.expertRota.onDate('2025-03-09')).toEqual([cover]);
        expect(await peer.expertRota.onDate('2025-03-12')).toEqual([]);
        expect(await peer.expertRota.onDate('2025-03-17')).toEqual([third]);

        // An empty list clears the period; a shift ending the day before it stays.
        await uow.expertRota.replace('2025-03-11', '2025-03-31', []);
        expect(await peer.expertRota.onDate('2025-03-17')).toEqual([]);
        expect(await peer.expertRota.onDate('2025-03-10')).toEqual([cover]);
      });

      it('replaces atomically: a refused shift (unknown expert) leaves the old rota', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const shift = { expertId: world.expert.id, from: '2025-03-03', to: '2025-03-09' };
        await uow.expertRota.replace('2025-03-03', '2025-03-09', [shift]);
        await expect(uow.expertRota.replace('2025-03-03', '2025-03-09', [{ expertId: 'no-such-staff', from: '2025-03-03', to: '2025-03-09' }])).rejects.toThrow();
        expect(await peer.expertRota.onDate('2025-03-05')).toEqual([shift]);
      });
    });

    describe('ChannelRepository', () => {
      it('stores one channel per purpose with its conversation reference, and replaces it', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        expect(await peer.channels.get('experts')).toBeUndefined();
        const reference = { conversation: { id: '19:experts@thread.tacv2', isGroup: true, conversationType: 'channel', tenantId: 't-1' }, bot: { id: '28:bot', name: 'Neuvo' }, serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams' };
        await uow.channels.set({ purpose: 'experts', tenantId: 't-1', conversationId: '19:experts@thread.tacv2', reference, setBy: world.expert.id, setAt: T0 });
        await uow.channels.set({ purpose: 'staff_announcements', tenantId: 't-1', conversationId: '19:staff@thread.tacv2', reference: { conversation: { id: '19:staff@thread.tacv2' } }, setBy: world.expert.id, setAt: T0 });
        expect(await peer.channels.get('experts')).toEqual({ purpose: 'experts', tenantId: 't-1', conversationId: '19:experts@thread.tacv2', reference, setBy: world.expert.id, setAt: T0 });

        await uow.channels.set({ purpose: 'experts', tenantId: 't-1', conversationId: '19:new@thread.tacv2', reference: { conversation: { id: '19:new@thread.tacv2' } }, setBy: world.otherExpert.id, setAt: minutes(5) });
        expect(await peer.channels.get('experts')).toEqual({ purpose: 'experts', tenantId: 't-1', conversationId: '19:new@thread.tacv2', reference: { conversation: { id: '19:new@thread.tacv2' } }, setBy: world.otherExpert.id, setAt: minutes(5) });
        expect((await peer.channels.get('staff_announcements'))?.conversationId).toBe('19:staff@thread.tacv2');
      });
    });

    describe('TrainingRepository', () => {
      const aTraining = (createdBy: string, capacity: number | null) => ({
        title: 'Kotoutumislaki 2025: mikä muuttui?',
        description: 'Koulutus kunnan työntekijöille.',
        startsAt: new Date('2025-04-10T10:00:00Z'),
        location: 'https://teams.microsoft.com/l/meetup-join/abc',
        capacity,
        createdBy,
      });

      it('creates a training and signs staff up once each (idempotent), counting sign-ups', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const training = await uow.trainings.create(aTraining(world.expert.id, null), T0);
        expect(training).toEqual({ ...aTraining(world.expert.id, null), id: expect.any(String), createdAt: T0 });
        expect(await peer.trainings.get(training.id)).toEqual(training);
        expect(await peer.trainings.get('no-such-training')).toBeUndefined();

        expect(await uow.trainings.signUp(training.id, world.asker.id, minutes(1))).toEqual({ ok: true, already: false, count: 1 });
        expect(await uow.trainings.signUp(training.id, world.otherAsker.id, minutes(2))).toEqual({ ok: true, already: false, count: 2 });
        expect(await uow.trainings.signUp(training.id, world.asker.id, minutes(3))).toEqual({ ok: true, already: true, count: 2 });
        expect(await peer.trainings.signUpCount(training.id)).toBe(2);
        expect(await peer.trainings.signUpCount('no-such-training')).toBe(0);
        expect(await uow.trainings.signUp('no-such-training', world.asker.id, minutes(1))).toEqual({ ok: false, reason: 'not_found' });
      });

      it('refuses sign-ups when full, but still answers `already` to someone signed up', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const training = await uow.trainings.create(aTraining(world.expert.id, 2), T0);
        expect(training.capacity).toBe(2);
        await uow.trainings.signUp(training.id, world.staff[0]!.id, T0);
        await uow.trainings.signUp(training.id, world.staff[1]!.id, T0);
        expect(await uow.trainings.signUp(training.id, world.staff[2]!.id, T0)).toEqual({ ok: false, reason: 'full' });
        expect(await uow.trainings.signUp(training.id, world.staff[1]!.id, T0)).toEqual({ ok: true, already: true, count: 2 });
        expect(await peer.trainings.signUpCount(training.id)).toBe(2);
      });

      it('never overfills under concurrent sign-ups from two instances', async () => {
        const database_ = database();
        const world = await anExpertsWorld(database_.uow);
        const training = await database_.uow.trainings.create(aTraining(world.expert.id, 3), T0);
        const other = racer(database_);
        const results = await Promise.all(world.staff.map((member, i) => (i % 2 === 0 ? database_.uow : other).trainings.signUp(training.id, member.id, minutes(i))));
        expect(results.filter((r) => r.ok)).toHaveLength(3);
        expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'full' }, { ok: false, reason: 'full' }, { ok: false, reason: 'full' }]);
        expect(results.filter((r) => r.ok).map((r) => (r.ok ? r.count : 0)).sort()).toEqual([1, 2, 3]);
        expect(await database_.peer.trainings.signUpCount(training.id)).toBe(3);
      });

      it('signs up inside the caller\'s transaction: rolled back with it', async () => {
        const { uow, peer } = database();
        const world = await anExpertsWorld(uow);
        const training = await uow.trainings.create(aTraining(world.expert.id, 5), T0);
        await expect(
          uow.transaction(async (tx) => {
            expect(await tx.trainings.signUp(training.id, world.asker.id, T0)).toEqual({ ok: true, already: false, count: 1 });
            throw new Error('the card could not be sent');
          }),
        ).rejects.toThrow('the card could not be sent');
        expect(await peer.trainings.signUpCount(training.id)).toBe(0);
      });
    });
  });
}
