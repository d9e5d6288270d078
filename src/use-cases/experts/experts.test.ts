import { beforeEach, describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type Ticket } from '../../domain/experts/ticket.js';
import type { OutboxMessage } from '../../domain/outbox/outbox.js';
import type { StaffMember } from '../../domain/staff/staff.js';
import { aNewStaffMember } from '../../../test/factories/staff-member-factory.js';
import { InMemoryUnitOfWork } from '../../../test/fakes/in-memory-unit-of-work.js';
import type { StaffIdentity } from '../adviser/acting-staff.js';
import type { KnowledgeArticle } from '../ports/experts.js';
import { escalateQuestion, suggestAnswers, takeArticle, type AskInput } from './ask-expert.js';
import { setChannel } from './channels.js';
import { DEFAULT_EXPERT_SLA, isLocalDate, reviewDateFrom, type ExpertDeps } from './expert-access.js';
import { expertFigures } from './expert-figures.js';
import { EXPERT_ASKER_NOTICE_TOPIC, EXPERT_ESCALATION_TOPIC, EXPERT_TICKET_CARD_TOPIC, EXPERT_TRAINING_CARD_TOPIC } from './expert-topics.js';
import { articleDraftFromTicket, articlesPastReview, markReviewed, saveArticle, searchKnowledgeBase, type ArticleInput } from './knowledge-base.js';
import { escalateOverdueTickets } from './sla.js';
import { actOnTicket, getTicketView } from './ticket-actions.js';
import { announceTraining, signUpForTraining, type TrainingInput } from './trainings.js';

// Monday 3 March 2025, 10:00 in Helsinki (+02:00): an ordinary working day.
const MONDAY_10 = new Date('2025-03-03T08:00:00Z');
const minutesAfter = (instant: Date, minutes: number): Date => new Date(instant.getTime() + minutes * 60_000);
// Personal data a careless question might hold: a (valid) personal identity code, a phone number, an e-mail address.
const HETU = '131052-308T';
const PHONE = '040 123 4567';
const EMAIL = 'matti.meikalainen@example.com';

let uow: InMemoryUnitOfWork;
let now: Date;
let asker: StaffMember;
let otherStaff: StaffMember;
let expert: StaffMember;
let secondExpert: StaffMember;
let coordinator: StaffMember;
const deps = (): ExpertDeps => ({ uow, clock: () => now, sla: DEFAULT_EXPERT_SLA });
const as = (member: Pick<StaffMember, 'tenantId' | 'entraObjectId'>): StaffIdentity => ({ tenantId: member.tenantId, entraObjectId: member.entraObjectId });
const stranger: StaffIdentity = { tenantId: '00000000-0000-4000-8000-00000000a11c', entraObjectId: 'not-on-the-staff' };
const question = (overrides: Partial<AskInput> = {}): AskInput => ({ question: 'Miten oleskelulupaa jatketaan, kun työsuhde päättyy?', topic: 'residence_permit', urgency: 'normal', ...overrides });

beforeEach(async () => {
  uow = new InMemoryUnitOfWork();
  now = MONDAY_10;
  for (const code of ['joensuu', 'liperi', 'kontiolahti']) await uow.municipalities.upsert({ code, name: code });
  asker = await uow.staff.upsert(aNewStaffMember({ roles: ['municipal_staff'], municipalityCode: 'liperi', displayName: 'Sosiaalityöntekijä' }));
  otherStaff = await uow.staff.upsert(aNewStaffMember({ roles: ['adviser'], municipalityCode: 'kontiolahti' }));
  expert = await uow.staff.upsert(aNewStaffMember({ roles: ['expert'], displayName: 'Asiantuntija Aino' }));
  secondExpert = await uow.staff.upsert(aNewStaffMember({ roles: ['expert', 'adviser'], displayName: 'Asiantuntija Bertil' }));
  coordinator = await uow.staff.upsert(aNewStaffMember({ roles: ['coordinator'] }));
});

function deactivate(member: StaffMember): void {
  uow.store.tables.staff.set(member.id, { ...member, active: false });
}

function outbox(topic?: string): OutboxMessage[] {
  return [...uow.store.tables.outbox.values()].map((row) => row.message).filter((m) => topic === undefined || m.topic === topic);
}

const allTickets = (): Promise<Ticket[]> => uow.tickets.listByStatus(TICKET_STATUSES, 100);

async function askedTicket(overrides: Partial<AskInput> = {}, by: StaffMember = asker): Promise<Ticket> {
  const result = await escalateQuestion(deps(), as(by), question(overrides));
  if (!result.ok) throw new Error(`escalateQuestion: ${result.reason}`);
  return result.ticket;
}

async function act(by: StaffMember, ticketId: string, command: Parameters<typeof actOnTicket>[3]): Promise<Ticket> {
  const result = await actOnTicket(deps(), as(by), ticketId, command);
  if (!result.ok) throw new Error(`actOnTicket ${command.kind}: ${result.reason}`);
  return result.ticket;
}

async function anArticle(overrides: Partial<Parameters<typeof uow.knowledgeBase.save>[0]> = {}): Promise<KnowledgeArticle> {
  return uow.knowledgeBase.save(
    {
      ticketId: null,
      question: 'Oleskeluluvan jatkaminen työsuhteen päätyttyä',
      answer: 'Jatkolupaa haetaan Migrille ennen nykyisen luvan päättymistä.',
      topic: 'residence_permit',
      language: 'fi',
      reviewBy: '2025-12-31',
      createdBy: expert.id,
      ...overrides,
    },
    MONDAY_10,
  );
}

describe('suggestAnswers', () => {
  it('scrubs the question, checks it and offers at most three matching articles, writing nothing', async () => {
    for (let i = 0; i < 4; i++) await anArticle({ question: `Oleskelulupa ja työsuhde ${i}` });
    await anArticle({ question: 'Päivähoitopaikan hakeminen', answer: 'Varhaiskasvatukseen haetaan kunnan kautta.', topic: 'family_children' });
    const result = await suggestAnswers(deps(), as(asker), question({ question: `Oleskelulupa: asiakas ${HETU}, puh. ${PHONE}, ${EMAIL}`, urgency: 'urgent' }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.question).not.toContain(HETU);
    expect(result.question).not.toContain(PHONE);
    expect(result.question).not.toContain(EMAIL);
    expect([...result.removed].sort()).toEqual(['email', 'personal_identity_code', 'phone']);
    expect(result).toMatchObject({ topic: 'residence_permit', urgency: 'urgent' });
    // Four articles match; three are shown.
    expect(result.suggestions).toHaveLength(3);
    expect(result.suggestions.every((a) => a.topic === 'residence_permit')).toBe(true);
    expect(await allTickets()).toEqual([]);
    expect(outbox()).toEqual([]);
  });

  it('lists every invalid field at once, and refuses someone who is not active staff', async () => {
    expect(await suggestAnswers(deps(), as(asker), { question: '   ', topic: 'astrology', urgency: 'yesterday' })).toEqual({ ok: false, reason: 'invalid', errors: ['question_empty', 'topic', 'urgency'] });
    expect(await suggestAnswers(deps(), as(asker), question({ question: 'x'.repeat(2001) }))).toEqual({ ok: false, reason: 'invalid', errors: ['question_too_long'] });
    expect(await suggestAnswers(deps(), stranger, question())).toEqual({ ok: false, reason: 'forbidden' });
    expect(await suggestAnswers(deps(), { tenantId: asker.tenantId, entraObjectId: undefined }, question())).toEqual({ ok: false, reason: 'forbidden' });
    deactivate(asker);
    expect(await suggestAnswers(deps(), as(asker), question())).toEqual({ ok: false, reason: 'forbidden' });
  });
});

describe('escalateQuestion', () => {
  it('stores the scrubbed question as an open ticket of the asker\'s municipality and queues its channel card in the same transaction', async () => {
    const result = await escalateQuestion(deps(), as(asker), question({ question: `Asiakkaan (${HETU}, ${EMAIL}) oleskelulupa päättyy. Soita ${PHONE}.` }));
    if (!result.ok) throw new Error(result.reason);
    const stored = await uow.tickets.get(result.ticket.id);
    expect(stored).toMatchObject({ askerId: asker.id, municipalityCode: 'liperi', topic: 'residence_permit', urgency: 'normal', language: 'fi', status: 'open', assigneeId: null, revision: 1 });
    for (const secret of [HETU, PHONE, EMAIL]) expect(JSON.stringify(stored)).not.toContain(secret);
    // An hour of office time from Monday 10:00.
    expect(stored?.claimDueAt).toEqual(minutesAfter(MONDAY_10, 60));
    expect((await uow.tickets.events(result.ticket.id)).map((e) => e.kind)).toEqual(['asked']);
    expect(outbox().map((m) => [m.topic, m.payload, m.idempotencyKey])).toEqual([[EXPERT_TICKET_CARD_TOPIC, { ticketId: result.ticket.id }, `ticket-card:${result.ticket.id}:1`]]);
  });

  it('gives an urgent question a quarter of an hour, and counts only office time (Friday 15:30 + 60 → Monday 08:30)', async () => {
    expect((await askedTicket({ urgency: 'urgent' })).claimDueAt).toEqual(minutesAfter(MONDAY_10, 15));
    // Friday 7 March 2025 15:30 Helsinki; the office closes at 16:00, so the hour ends on Monday morning.
    now = new Date('2025-03-07T13:30:00Z');
    // 30 minutes on Friday, 30 more from Monday 08:00 Helsinki.
    expect((await askedTicket()).claimDueAt).toEqual(new Date('2025-03-10T06:30:00Z'));
  });

  it('lets any active staff member ask, and refuses invalid input and strangers with nothing written', async () => {
    for (const member of [otherStaff, expert, coordinator]) expect((await escalateQuestion(deps(), as(member), question())).ok).toBe(true);
    const before = await allTickets();
    const rows = outbox().length;
    expect(await escalateQuestion(deps(), stranger, question())).toEqual({ ok: false, reason: 'forbidden' });
    expect(await escalateQuestion(deps(), as(asker), question({ topic: 'made_up' }))).toEqual({ ok: false, reason: 'invalid', errors: ['topic'] });
    expect(await allTickets()).toEqual(before);
    expect(outbox()).toHaveLength(rows);
  });
});

describe('takeArticle', () => {
  it('returns the article the asker took, and refuses an unknown id or a stranger', async () => {
    const article = await anArticle();
    expect(await takeArticle(deps(), as(asker), article.id)).toEqual({ ok: true, article });
    expect(await takeArticle(deps(), as(asker), 'no-such-article')).toEqual({ ok: false, reason: 'not_found' });
    expect(await takeArticle(deps(), stranger, article.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(outbox()).toEqual([]);
  });
});

describe('actOnTicket', () => {
  it('runs a ticket through claim, answer (the asker is told), follow-up and solve, updating the card every time', async () => {
    const ticket = await askedTicket();
    const claimed = await act(expert, ticket.id, { kind: 'claim' });
    expect(claimed).toMatchObject({ status: 'claimed', assigneeId: expert.id, firstClaimedAt: MONDAY_10, revision: 2 });
    now = minutesAfter(MONDAY_10, 30);
    const answered = await act(expert, ticket.id, { kind: 'answer', text: `Jatkolupa haetaan Migristä. Asiakas voi soittaa numeroon ${PHONE}.` });
    expect(answered).toMatchObject({ status: 'answered', firstAnsweredAt: now, revision: 3 });
    expect(answered.answer).not.toContain(PHONE);
    expect(outbox(EXPERT_ASKER_NOTICE_TOPIC).map((m) => [m.payload, m.idempotencyKey])).toEqual([[{ ticketId: ticket.id, revision: 3 }, `asker-notice:${ticket.id}:3`]]);

    const followedUp = await act(asker, ticket.id, { kind: 'follow_up', text: `Entä jos hänellä (${EMAIL}) on perhe?` });
    expect(followedUp.status).not.toBe('answered');
    await act(expert, ticket.id, { kind: 'answer', text: 'Perheenjäsenet hakevat omat lupansa.' });
    expect(await act(asker, ticket.id, { kind: 'solve' })).toMatchObject({ status: 'solved' });

    const events = await uow.tickets.events(ticket.id);
    expect(events.map((e) => e.kind)).toEqual(['asked', 'claimed', 'answered', 'follow_up', 'answered', 'solved']);
    expect(JSON.stringify(events)).not.toContain(PHONE);
    expect(JSON.stringify(events)).not.toContain(EMAIL);
    expect(events.find((e) => e.kind === 'follow_up')).toMatchObject({ actorId: asker.id });
    expect(outbox(EXPERT_TICKET_CARD_TOPIC).map((m) => m.idempotencyKey)).toEqual([1, 2, 3, 4, 5, 6].map((r) => `ticket-card:${ticket.id}:${r}`));
    expect(outbox(EXPERT_ASKER_NOTICE_TOPIC)).toHaveLength(2);
  });

  it('lets exactly one of two experts claiming at once win; the other sees who', async () => {
    const ticket = await askedTicket();
    const [first, second] = await Promise.all([actOnTicket(deps(), as(expert), ticket.id, { kind: 'claim' }), actOnTicket(deps(), as(secondExpert), ticket.id, { kind: 'claim' })]);
    const results = [first, second];
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([{ ok: false, reason: 'already_claimed', ticket: expect.objectContaining({ status: 'claimed', revision: 2 }) }]);
    const winnerId = winners[0]!.ok ? winners[0]!.ticket.assigneeId : undefined;
    expect([expert.id, secondExpert.id]).toContain(winnerId);
    expect(losers[0]).toMatchObject({ ticket: { assigneeId: winnerId } });
    expect((await uow.tickets.events(ticket.id)).filter((e) => e.kind === 'claimed')).toHaveLength(1);
    expect(outbox(EXPERT_TICKET_CARD_TOPIC)).toHaveLength(2);
  });

  it('lands an answer that raced a claim: it is decided again on the claimed ticket', async () => {
    const ticket = await askedTicket();
    const [claim, answer] = await Promise.all([
      actOnTicket(deps(), as(expert), ticket.id, { kind: 'claim' }),
      actOnTicket(deps(), as(secondExpert), ticket.id, { kind: 'answer', text: 'Migri neuvoo puhelimitse.' }),
    ]);
    expect(claim.ok).toBe(true);
    expect(answer).toMatchObject({ ok: true, ticket: { status: 'answered', answer: 'Migri neuvoo puhelimitse.', revision: 3 } });
    expect(outbox(EXPERT_ASKER_NOTICE_TOPIC).map((m) => m.payload)).toEqual([{ ticketId: ticket.id, revision: 3 }]);
  });

  it('refuses a non-expert\'s claim, a stranger, another staff member\'s solve and an unknown ticket, changing nothing', async () => {
    const ticket = await askedTicket();
    const before = { ticket: await uow.tickets.get(ticket.id), events: await uow.tickets.events(ticket.id), rows: outbox().length };
    // The asker may see their ticket, so the card can refresh; someone else gets no ticket back.
    expect(await actOnTicket(deps(), as(asker), ticket.id, { kind: 'claim' })).toEqual({ ok: false, reason: 'forbidden', ticket: before.ticket });
    expect(await actOnTicket(deps(), as(otherStaff), ticket.id, { kind: 'claim' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await actOnTicket(deps(), as(coordinator), ticket.id, { kind: 'answer', text: 'Vastaus' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await actOnTicket(deps(), as(otherStaff), ticket.id, { kind: 'follow_up', text: 'Lisäkysymys' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await actOnTicket(deps(), as(expert), ticket.id, { kind: 'solve' })).toMatchObject({ ok: false, reason: 'forbidden', ticket: { id: ticket.id } });
    expect(await actOnTicket(deps(), stranger, ticket.id, { kind: 'claim' })).toEqual({ ok: false, reason: 'forbidden' });
    deactivate(expert);
    expect(await actOnTicket(deps(), as(expert), ticket.id, { kind: 'claim' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await actOnTicket(deps(), as(secondExpert), 'no-such-ticket', { kind: 'claim' })).toEqual({ ok: false, reason: 'not_found' });
    expect(await uow.tickets.get(ticket.id)).toEqual(before.ticket);
    expect(await uow.tickets.events(ticket.id)).toEqual(before.events);
    expect(outbox()).toHaveLength(before.rows);
  });

  it('passes the rules\' refusals on with the ticket, writing nothing', async () => {
    const ticket = await askedTicket();
    await act(expert, ticket.id, { kind: 'claim' });
    const before = { events: await uow.tickets.events(ticket.id), rows: outbox().length };
    expect(await actOnTicket(deps(), as(secondExpert), ticket.id, { kind: 'claim' })).toMatchObject({ ok: false, reason: 'already_claimed', ticket: { assigneeId: expert.id } });
    expect(await actOnTicket(deps(), as(expert), ticket.id, { kind: 'answer', text: '   ' })).toMatchObject({ ok: false, reason: 'empty_text', ticket: { id: ticket.id } });
    expect(await actOnTicket(deps(), as(expert), ticket.id, { kind: 'answer', text: 'x'.repeat(4001) })).toMatchObject({ ok: false, reason: 'text_too_long' });
    expect(await actOnTicket(deps(), as(asker), ticket.id, { kind: 'solve' })).toMatchObject({ ok: false, reason: 'not_allowed_in_state' });
    expect(await uow.tickets.events(ticket.id)).toEqual(before.events);
    expect(outbox()).toHaveLength(before.rows);
  });

  it('hands over to an active expert only', async () => {
    const ticket = await askedTicket();
    await act(expert, ticket.id, { kind: 'claim' });
    const rows = outbox().length;
    for (const target of [otherStaff.id, 'no-such-staff']) {
      expect(await actOnTicket(deps(), as(expert), ticket.id, { kind: 'hand_over', toExpertId: target })).toMatchObject({ ok: false, reason: 'invalid_expert', ticket: { assigneeId: expert.id } });
    }
    deactivate(secondExpert);
    expect(await actOnTicket(deps(), as(expert), ticket.id, { kind: 'hand_over', toExpertId: secondExpert.id })).toMatchObject({ ok: false, reason: 'invalid_expert' });
    expect(outbox()).toHaveLength(rows);
    uow.store.tables.staff.set(secondExpert.id, { ...secondExpert, active: true });
    expect(await act(expert, ticket.id, { kind: 'hand_over', toExpertId: secondExpert.id })).toMatchObject({ assigneeId: secondExpert.id });
    expect((await uow.tickets.events(ticket.id)).at(-1)).toMatchObject({ kind: 'handed_over', actorId: expert.id, text: secondExpert.id });
  });

  it('closes and reopens', async () => {
    const ticket = await askedTicket();
    expect(await act(expert, ticket.id, { kind: 'close' })).toMatchObject({ status: 'closed' });
    expect(await act(secondExpert, ticket.id, { kind: 'reopen' })).toMatchObject({ status: 'open' });
  });
});

describe('getTicketView', () => {
  it('shows experts the thread and whom to hand over to, the asker their own ticket, and nobody else anything', async () => {
    const ticket = await askedTicket();
    deactivate(secondExpert);
    const forExpert = await getTicketView(deps(), as(expert), ticket.id);
    expect(forExpert).toMatchObject({ ok: true, ticket: { id: ticket.id }, isExpert: true, isAsker: false, events: [expect.objectContaining({ kind: 'asked' })] });
    expect(forExpert.ok && forExpert.experts).toEqual([{ id: expert.id, displayName: 'Asiantuntija Aino' }]);
    expect(await getTicketView(deps(), as(asker), ticket.id)).toMatchObject({ ok: true, isExpert: false, isAsker: true, experts: [] });
    expect(await getTicketView(deps(), as(otherStaff), ticket.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await getTicketView(deps(), stranger, ticket.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await getTicketView(deps(), as(expert), 'no-such-ticket')).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('escalateOverdueTickets', () => {
  it('calls in the on-duty backup once for a ticket nobody claimed in time, urgent ones sooner', async () => {
    await uow.expertRota.replace('2025-03-01', '2025-03-09', [{ expertId: secondExpert.id, from: '2025-03-01', to: '2025-03-09' }]);
    const normal = await askedTicket();
    const urgent = await askedTicket({ urgency: 'urgent' });
    const claimedInTime = await askedTicket({ urgency: 'urgent' });
    await act(expert, claimedInTime.id, { kind: 'claim' });

    now = minutesAfter(MONDAY_10, 14);
    expect(await escalateOverdueTickets(deps())).toEqual({ escalated: 0 });
    now = minutesAfter(MONDAY_10, 20);
    expect(await escalateOverdueTickets(deps())).toEqual({ escalated: 1 });
    expect(outbox(EXPERT_ESCALATION_TOPIC).map((m) => [m.payload, m.idempotencyKey])).toEqual([[{ ticketId: urgent.id, backupExpertId: secondExpert.id }, `escalation:${urgent.id}`]]);
    expect(await uow.tickets.get(urgent.id)).toMatchObject({ status: 'open', escalatedAt: now });
    // The thread names the backup called in, and the channel card shows the escalation.
    expect((await uow.tickets.events(urgent.id)).at(-1)).toEqual({ ticketId: urgent.id, at: now, kind: 'escalated', actorId: 'system:sla', text: secondExpert.id });
    expect(outbox(EXPERT_TICKET_CARD_TOPIC).map((m) => m.idempotencyKey)).toContain(`ticket-card:${urgent.id}:2`);

    now = minutesAfter(MONDAY_10, 61);
    expect(await escalateOverdueTickets(deps())).toEqual({ escalated: 1 });
    now = minutesAfter(MONDAY_10, 90);
    expect(await escalateOverdueTickets(deps())).toEqual({ escalated: 0 });
    expect(outbox(EXPERT_ESCALATION_TOPIC).map((m) => (m.payload as { ticketId: string }).ticketId)).toEqual([urgent.id, normal.id]);
    expect((await uow.tickets.get(claimedInTime.id))?.escalatedAt).toBeNull();
  });

  it('does nothing outside office time, and picks the overdue ticket up when the office opens', async () => {
    // Friday 15:50 Helsinki: an hour of office time ends on Monday at 08:50 (office hours from 08:00).
    now = new Date('2025-03-07T13:50:00Z');
    const ticket = await askedTicket();
    expect(ticket.claimDueAt).toEqual(new Date('2025-03-10T06:50:00Z'));
    for (const evening of ['2025-03-07T17:00:00Z', '2025-03-08T10:00:00Z', '2025-03-09T10:00:00Z']) {
      now = new Date(evening);
      expect(await escalateOverdueTickets(deps())).toEqual({ escalated: 0 });
    }
    expect(outbox(EXPERT_ESCALATION_TOPIC)).toEqual([]);
    now = minutesAfter(ticket.claimDueAt, 1);
    expect(await escalateOverdueTickets(deps())).toEqual({ escalated: 1 });
  });

  it('skips an inactive expert on the rota, and escalates to nobody when no active expert is on duty', async () => {
    await uow.expertRota.replace('2025-03-03', '2025-03-03', [
      { expertId: expert.id, from: '2025-03-03', to: '2025-03-03' },
      { expertId: secondExpert.id, from: '2025-03-03', to: '2025-03-03' },
    ]);
    deactivate(expert);
    const first = await askedTicket({ urgency: 'urgent' });
    now = minutesAfter(MONDAY_10, 16);
    await escalateOverdueTickets(deps());
    deactivate(secondExpert);
    const second = await askedTicket({ urgency: 'urgent' });
    now = minutesAfter(now, 16);
    await escalateOverdueTickets(deps());
    expect(outbox(EXPERT_ESCALATION_TOPIC).map((m) => m.payload)).toEqual([
      { ticketId: first.id, backupExpertId: secondExpert.id },
      { ticketId: second.id, backupExpertId: null },
    ]);
  });
});

describe('knowledge base', () => {
  const articleInput = (overrides: Partial<ArticleInput> = {}): ArticleInput => ({
    question: 'Miten oleskelulupaa jatketaan?',
    answer: 'Jatkolupaa haetaan Enter Finland -palvelussa.',
    topic: 'residence_permit',
    language: 'fi',
    reviewBy: '2026-03-03',
    ...overrides,
  });

  it('searches for any active staff member, trims the text and finds nothing for blank text', async () => {
    const article = await anArticle();
    const found = await searchKnowledgeBase(deps(), as(asker), '  oleskeluluvan  ');
    expect(found).toMatchObject({ ok: true, isExpert: false });
    expect(found.ok && found.hits.map((h) => h.article.id)).toEqual([article.id]);
    expect(await searchKnowledgeBase(deps(), as(expert), '   ')).toEqual({ ok: true, hits: [], isExpert: true });
    expect((await searchKnowledgeBase(deps(), as(asker), `oleskeluluvan ${'x'.repeat(500)}`)).ok).toBe(true);
    expect(await searchKnowledgeBase(deps(), stranger, 'oleskelulupa')).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('drafts an article from an answered ticket, due for review in a year, for experts only', async () => {
    const ticket = await askedTicket();
    expect(await articleDraftFromTicket(deps(), as(expert), ticket.id)).toEqual({ ok: false, reason: 'not_answered' });
    await act(expert, ticket.id, { kind: 'answer', text: 'Hae jatkolupaa ajoissa.' });
    expect(await articleDraftFromTicket(deps(), as(expert), ticket.id)).toEqual({
      ok: true,
      draft: { ticketId: ticket.id, question: ticket.question, answer: 'Hae jatkolupaa ajoissa.', topic: 'residence_permit', language: 'fi', reviewBy: '2026-03-03' },
    });
    expect(await articleDraftFromTicket(deps(), as(asker), ticket.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await articleDraftFromTicket(deps(), as(expert), 'no-such-ticket')).toEqual({ ok: false, reason: 'not_found' });
  });

  it('saves a scrubbed article from a ticket', async () => {
    const ticket = await askedTicket();
    const saved = await saveArticle(deps(), as(expert), articleInput({ ticketId: ticket.id, question: `Asiakas ${HETU} kysyy jatkoluvasta`, answer: `Soita Migriin, älä numeroon ${PHONE}.` }));
    if (!saved.ok) throw new Error(saved.reason);
    const stored = await uow.knowledgeBase.get(saved.article.id);
    expect(stored).toMatchObject({ ticketId: ticket.id, topic: 'residence_permit', language: 'fi', reviewBy: '2026-03-03', createdBy: expert.id });
    expect(JSON.stringify(stored)).not.toContain(HETU);
    expect(JSON.stringify(stored)).not.toContain(PHONE);
  });

  it('lists every invalid field, refuses non-experts, and saves nothing', async () => {
    const invalid = await saveArticle(deps(), as(expert), { ticketId: 'no-such-ticket', question: ' ', answer: 'x'.repeat(4001), topic: 'x', language: 'de', reviewBy: '2025-03-03' });
    expect(invalid).toEqual({ ok: false, reason: 'invalid', errors: ['question_empty', 'answer_too_long', 'topic', 'language', 'review_by', 'ticket'] });
    for (const reviewBy of ['2026-02-30', '3.3.2026', '2025-03-02']) {
      expect(await saveArticle(deps(), as(expert), articleInput({ reviewBy }))).toEqual({ ok: false, reason: 'invalid', errors: ['review_by'] });
    }
    expect(await saveArticle(deps(), as(asker), articleInput())).toEqual({ ok: false, reason: 'forbidden' });
    expect(await uow.knowledgeBase.search('oleskelulupaa', 10)).toEqual([]);
  });

  it('flags articles past their review date to experts, and a review moves the date a year on', async () => {
    const stale = await anArticle({ reviewBy: '2025-03-02' });
    await anArticle({ reviewBy: '2025-03-03' });
    expect(await articlesPastReview(deps(), as(expert))).toEqual({ ok: true, articles: [stale] });
    expect(await articlesPastReview(deps(), as(asker))).toEqual({ ok: false, reason: 'forbidden' });
    expect(await markReviewed(deps(), as(asker), stale.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await markReviewed(deps(), as(expert), 'no-such-article')).toEqual({ ok: false, reason: 'not_found' });
    expect(await markReviewed(deps(), as(expert), stale.id)).toMatchObject({ ok: true, article: { id: stale.id, reviewBy: '2026-03-03' } });
    expect(await articlesPastReview(deps(), as(expert))).toEqual({ ok: true, articles: [] });
  });
});

describe('review dates', () => {
  it('are a year on by the Helsinki date, 29 February giving 28 February', () => {
    expect(reviewDateFrom(new Date('2025-03-02T22:30:00Z'))).toBe('2026-03-03'); // 00:30 on 3 March in Helsinki
    expect(reviewDateFrom(new Date('2024-02-29T10:00:00Z'))).toBe('2025-02-28');
    expect(['2025-02-28', '2024-02-29', '2025-02-29', '2025-13-01', '2025-3-1', ''].map(isLocalDate)).toEqual([true, true, false, false, false, false]);
  });
});

describe('trainings and channels', () => {
  const training = (overrides: Partial<TrainingInput> = {}): TrainingInput => ({
    title: 'Oleskelulupien ajankohtaiset muutokset',
    description: 'Migrin uudet käytännöt',
    date: '2025-03-20',
    time: '13:00',
    location: 'Teams',
    capacity: '2',
    ...overrides,
  });
  const channelOf = (tenantId: string) => ({ tenantId, conversationId: '19:staff@thread.tacv2', reference: { conversation: { id: '19:staff@thread.tacv2' } } });

  it('sets a channel for coordinators of the same tenant only', async () => {
    expect(await setChannel(deps(), as(expert), 'staff_announcements', channelOf(expert.tenantId))).toEqual({ ok: false, reason: 'forbidden' });
    expect(await setChannel(deps(), as(coordinator), 'staff_announcements', channelOf('another-tenant'))).toEqual({ ok: false, reason: 'wrong_tenant' });
    expect(await setChannel(deps(), as(coordinator), 'staff_announcements', { ...channelOf(coordinator.tenantId), conversationId: ' ' })).toEqual({ ok: false, reason: 'invalid' });
    expect(await uow.channels.get('staff_announcements')).toBeUndefined();
    expect(await setChannel(deps(), as(coordinator), 'staff_announcements', channelOf(coordinator.tenantId))).toMatchObject({ ok: true });
    expect(await uow.channels.get('staff_announcements')).toMatchObject({ purpose: 'staff_announcements', conversationId: '19:staff@thread.tacv2', setBy: coordinator.id, setAt: MONDAY_10 });
  });

  it('announces a training once a staff channel is set, with its card queued in the same transaction', async () => {
    expect(await announceTraining(deps(), as(coordinator), training())).toEqual({ ok: false, reason: 'no_channel' });
    await setChannel(deps(), as(coordinator), 'staff_announcements', channelOf(coordinator.tenantId));
    expect(await announceTraining(deps(), as(expert), training())).toEqual({ ok: false, reason: 'forbidden' });
    expect(await announceTraining(deps(), as(coordinator), { title: ' ', description: '', date: '2025-02-30', time: '25:00', location: '', capacity: 'many' })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: ['title', 'date', 'time', 'location', 'capacity'],
    });
    expect(await announceTraining(deps(), as(coordinator), training({ date: '2025-03-03', time: '09:00' }))).toEqual({ ok: false, reason: 'invalid', errors: ['in_past'] });
    expect(outbox()).toEqual([]);

    const announced = await announceTraining(deps(), as(coordinator), training());
    if (!announced.ok) throw new Error(announced.reason);
    // 13:00 Helsinki (+02:00) on 20 March.
    expect(await uow.trainings.get(announced.training.id)).toMatchObject({ title: 'Oleskelulupien ajankohtaiset muutokset', startsAt: new Date('2025-03-20T11:00:00Z'), capacity: 2, createdBy: coordinator.id });
    expect(outbox().map((m) => [m.topic, m.payload, m.idempotencyKey])).toEqual([[EXPERT_TRAINING_CARD_TOPIC, { trainingId: announced.training.id }, `training-card:${announced.training.id}`]]);
    const unlimited = await announceTraining(deps(), as(coordinator), training({ capacity: ' ' }));
    expect(unlimited.ok && unlimited.training.capacity).toBeNull();
  });

  it('signs staff up once each until the training is full', async () => {
    await setChannel(deps(), as(coordinator), 'staff_announcements', channelOf(coordinator.tenantId));
    const announced = await announceTraining(deps(), as(coordinator), training());
    if (!announced.ok) throw new Error(announced.reason);
    const id = announced.training.id;
    expect(await signUpForTraining(deps(), as(asker), id)).toMatchObject({ ok: true, already: false, count: 1 });
    expect(await signUpForTraining(deps(), as(asker), id)).toMatchObject({ ok: true, already: true, count: 1 });
    expect(await signUpForTraining(deps(), as(expert), id)).toMatchObject({ ok: true, already: false, count: 2 });
    expect(await signUpForTraining(deps(), as(otherStaff), id)).toEqual({ ok: false, reason: 'full' });
    expect(await signUpForTraining(deps(), as(asker), 'no-such-training')).toEqual({ ok: false, reason: 'not_found' });
    expect(await signUpForTraining(deps(), stranger, id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await uow.trainings.signUpCount(id)).toBe(2);
  });
});

describe('expertFigures', () => {
  it('counts the period\'s questions of the municipalities and gives median minutes to claim and to answer', async () => {
    const claimAfter = [10, 20, 30, 70];
    for (const minutes of claimAfter) {
      now = MONDAY_10;
      const ticket = await askedTicket();
      now = minutesAfter(MONDAY_10, minutes);
      await act(expert, ticket.id, { kind: 'claim' });
      if (minutes === 10) {
        now = minutesAfter(MONDAY_10, 45);
        await act(expert, ticket.id, { kind: 'answer', text: 'Vastaus' });
      }
    }
    now = MONDAY_10;
    await askedTicket(); // never claimed: counted as a question, not in the medians
    await askedTicket({}, otherStaff); // Kontiolahti: not in Liperi's figures
    const day = { from: new Date('2025-03-02T22:00:00Z'), before: new Date('2025-03-03T22:00:00Z') };
    expect(await expertFigures(uow, ['liperi'], day.from, day.before)).toEqual({ questions: 5, medianMinutesToClaim: 25, medianMinutesToAnswer: 45 });
    expect(await expertFigures(uow, ['joensuu'], day.from, day.before)).toEqual({ questions: 0, medianMinutesToClaim: null, medianMinutesToAnswer: null });
    expect(await expertFigures(uow, ['liperi'], day.before, new Date('2025-03-05T00:00:00Z'))).toMatchObject({ questions: 0 });
  });
});
