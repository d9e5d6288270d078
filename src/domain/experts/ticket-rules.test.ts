import { describe, expect, it } from 'vitest';
import { decideTicket, type TicketActor, type TicketCommand } from './ticket-rules.js';
import { MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, type Ticket, type TicketStatus } from './ticket.js';

const T0 = new Date('2026-12-01T08:00:00Z');
const NOW = new Date('2026-12-01T08:20:00Z');
const EXPERT: TicketActor = { id: 'expert-1', role: 'expert' };
const OTHER_EXPERT: TicketActor = { id: 'expert-2', role: 'expert' };
const ASKER: TicketActor = { id: 'asker-1', role: 'asker' };
const SYSTEM: TicketActor = { id: 'system:sla', role: 'system' };

const aTicket = (status: TicketStatus, overrides: Partial<Ticket> = {}): Ticket => ({
  id: 't1', number: 1, askerId: 'asker-1', municipalityCode: 'liperi', topic: 'housing', urgency: 'normal', language: 'fi', question: 'Kysymys?',
  status, assigneeId: status === 'open' ? null : 'expert-1', answer: null, createdAt: T0, firstClaimedAt: status === 'open' ? null : T0,
  firstAnsweredAt: null, claimDueAt: T0, escalatedAt: null, updatedAt: T0, revision: 1, ...overrides,
});

const STATUSES: TicketStatus[] = ['open', 'claimed', 'answered', 'solved', 'closed'];
const outcome = (status: TicketStatus, actor: TicketActor, command: TicketCommand): string => {
  const d = decideTicket(aTicket(status), actor, command, NOW);
  return d.ok ? `→ ${d.change.status ?? 'same'}` : d.reason;
};

describe('decideTicket: every status × command', () => {
  const table: [TicketCommand, TicketActor, string[]][] = [
    [{ kind: 'claim' }, OTHER_EXPERT, ['→ claimed', 'already_claimed', 'not_allowed_in_state', 'not_allowed_in_state', 'not_allowed_in_state']],
    [{ kind: 'claim' }, EXPERT, ['→ claimed', 'no_change', 'not_allowed_in_state', 'not_allowed_in_state', 'not_allowed_in_state']],
    [{ kind: 'answer', text: 'Vastaus' }, OTHER_EXPERT, ['→ answered', '→ answered', '→ answered', 'not_allowed_in_state', 'not_allowed_in_state']],
    [{ kind: 'reopen' }, EXPERT, ['not_allowed_in_state', 'not_allowed_in_state', '→ claimed', '→ claimed', '→ claimed']],
    [{ kind: 'close' }, EXPERT, ['→ closed', '→ closed', '→ closed', '→ closed', 'no_change']],
    [{ kind: 'hand_over', toExpertId: 'expert-2' }, EXPERT, ['→ claimed', '→ claimed', 'not_allowed_in_state', 'not_allowed_in_state', 'not_allowed_in_state']],
    [{ kind: 'solve' }, ASKER, ['not_allowed_in_state', 'not_allowed_in_state', '→ solved', 'no_change', 'not_allowed_in_state']],
    [{ kind: 'follow_up', text: 'Vielä yksi asia' }, ASKER, ['→ same', '→ same', '→ claimed', '→ claimed', '→ claimed']],
    [{ kind: 'escalate' }, SYSTEM, ['→ same', 'no_change', 'no_change', 'no_change', 'no_change']],
  ];
  it.each(table)('%j by %j', (command, actor, expected) => {
    expect(STATUSES.map((s) => outcome(s, actor, command))).toEqual(expected);
  });
});

describe('decideTicket: who may, and what is written', () => {
  it('refuses the wrong role, another staff member as asker, and card data claiming the system', () => {
    expect(decideTicket(aTicket('open'), ASKER, { kind: 'claim' }, NOW)).toEqual({ ok: false, reason: 'forbidden' });
    expect(decideTicket(aTicket('answered'), { id: 'someone-else', role: 'asker' }, { kind: 'solve' }, NOW)).toEqual({ ok: false, reason: 'forbidden' });
    expect(decideTicket(aTicket('answered'), EXPERT, { kind: 'solve' }, NOW)).toEqual({ ok: false, reason: 'forbidden' });
    expect(decideTicket(aTicket('open'), EXPERT, { kind: 'escalate' }, NOW)).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('a claim records the assignee and the first claim time; an answer the text, answerer and first answer time', () => {
    expect(decideTicket(aTicket('open'), EXPERT, { kind: 'claim' }, NOW)).toEqual({ ok: true, change: { status: 'claimed', assigneeId: 'expert-1', firstClaimedAt: NOW }, event: { kind: 'claimed', text: null } });
    const answer = decideTicket(aTicket('claimed'), OTHER_EXPERT, { kind: 'answer', text: '  Hae Enter Finlandissa.  ' }, NOW);
    expect(answer).toEqual({ ok: true, change: { status: 'answered', answer: 'Hae Enter Finlandissa.', assigneeId: 'expert-2', firstClaimedAt: T0, firstAnsweredAt: NOW }, event: { kind: 'answered', text: 'Hae Enter Finlandissa.' } });
  });

  it('checks answer and follow-up texts', () => {
    expect(decideTicket(aTicket('claimed'), EXPERT, { kind: 'answer', text: '   ' }, NOW)).toEqual({ ok: false, reason: 'empty_text' });
    expect(decideTicket(aTicket('claimed'), EXPERT, { kind: 'answer', text: 'x'.repeat(MAX_ANSWER_LENGTH + 1) }, NOW)).toEqual({ ok: false, reason: 'text_too_long' });
    expect(decideTicket(aTicket('answered'), ASKER, { kind: 'follow_up', text: 'x'.repeat(MAX_QUESTION_LENGTH + 1) }, NOW)).toEqual({ ok: false, reason: 'text_too_long' });
  });

  it('reopens to open when nobody had it; hands over to someone else only; escalates once', () => {
    expect(decideTicket(aTicket('closed', { assigneeId: null }), EXPERT, { kind: 'reopen' }, NOW)).toMatchObject({ ok: true, change: { status: 'open' } });
    expect(decideTicket(aTicket('claimed'), EXPERT, { kind: 'hand_over', toExpertId: 'expert-1' }, NOW)).toEqual({ ok: false, reason: 'no_change' });
    expect(decideTicket(aTicket('open'), EXPERT, { kind: 'hand_over', toExpertId: 'expert-2' }, NOW)).toMatchObject({ ok: true, change: { assigneeId: 'expert-2', firstClaimedAt: NOW }, event: { kind: 'handed_over', text: 'expert-2' } });
    expect(decideTicket(aTicket('open'), SYSTEM, { kind: 'escalate' }, NOW)).toEqual({ ok: true, change: { escalatedAt: NOW }, event: { kind: 'escalated', text: null } });
    expect(decideTicket(aTicket('open', { escalatedAt: T0 }), SYSTEM, { kind: 'escalate' }, NOW)).toEqual({ ok: false, reason: 'no_change' });
  });
});
