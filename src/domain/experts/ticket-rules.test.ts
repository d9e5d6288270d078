import { describe, expect, it } from 'vitest';
import { decideTicket, type TicketActor, type TicketCommand, type TicketDecision, type TicketRefusal } from './ticket-rules.js';
import { MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, TICKET_STATUSES, type Ticket, type TicketChange, type TicketEvent, type TicketStatus } from './ticket.js';

const CREATED = new Date('2026-12-01T08:00:00Z');
const CLAIMED = new Date('2026-12-01T08:10:00Z');
const ANSWERED = new Date('2026-12-01T08:40:00Z');
const NOW = new Date('2026-12-01T09:00:00Z');

const EXPERT: TicketActor = { id: 'expert-1', role: 'expert' }; // has the ticket (except an open one)
const OTHER_EXPERT: TicketActor = { id: 'expert-2', role: 'expert' };
const ASKER: TicketActor = { id: 'asker-1', role: 'asker' };
const OTHER_ASKER: TicketActor = { id: 'asker-2', role: 'asker' };
const SYSTEM: TicketActor = { id: 'system:sla', role: 'system' };

/**
 * A ticket as it looks in each status after the usual path: claimed by expert-1 at CLAIMED,
 * answered at ANSWERED (answered, solved), closed without an answer. Frozen, so a rule that
 * mutated its input would throw.
 */
const aTicket = (status: TicketStatus, overrides: Partial<Ticket> = {}): Ticket => {
  const hasAnswer = status === 'answered' || status === 'solved';
  return Object.freeze({
    id: 't1',
    number: 42,
    askerId: 'asker-1',
    municipalityCode: 'liperi',
    topic: 'housing',
    urgency: 'normal',
    language: 'fi',
    question: 'Miten asunnon voi hakea?',
    status,
    assigneeId: status === 'open' ? null : 'expert-1',
    answer: hasAnswer ? 'Vanha vastaus.' : null,
    createdAt: CREATED,
    firstClaimedAt: status === 'open' ? null : CLAIMED,
    firstAnsweredAt: hasAnswer ? ANSWERED : null,
    claimDueAt: CREATED,
    escalatedAt: null,
    updatedAt: CREATED,
    revision: 3,
    ...overrides,
  } satisfies Ticket);
};

const allowed = (change: TicketChange, kind: TicketEvent['kind'], text: string | null = null): TicketDecision => ({ ok: true, change, event: { kind, text } });
const refused = (reason: TicketRefusal): TicketDecision => ({ ok: false, reason });
const NOT_IN_STATE = refused('not_allowed_in_state');

const ANSWER = 'Hae asumistukea Kelasta.';
const FOLLOW_UP = 'Entä jos perhe muuttaa toiseen kuntaan?';

type Row = readonly [name: string, actor: TicketActor, command: TicketCommand, byStatus: Readonly<Record<TicketStatus, TicketDecision>>];

/** Every status × command, with the whole decision expected. */
const TABLE: readonly Row[] = [
  [
    'claim by another expert',
    OTHER_EXPERT,
    { kind: 'claim' },
    {
      open: allowed({ status: 'claimed', assigneeId: 'expert-2', firstClaimedAt: NOW }, 'claimed'),
      claimed: refused('already_claimed'),
      answered: NOT_IN_STATE,
      solved: NOT_IN_STATE,
      closed: NOT_IN_STATE,
    },
  ],
  [
    'claim by the expert who has it',
    EXPERT,
    { kind: 'claim' },
    {
      open: allowed({ status: 'claimed', assigneeId: 'expert-1', firstClaimedAt: NOW }, 'claimed'),
      claimed: refused('no_change'),
      answered: NOT_IN_STATE,
      solved: NOT_IN_STATE,
      closed: NOT_IN_STATE,
    },
  ],
  [
    'answer by another expert',
    OTHER_EXPERT,
    { kind: 'answer', text: ANSWER },
    {
      open: allowed({ status: 'answered', answer: ANSWER, assigneeId: 'expert-2', firstClaimedAt: NOW, firstAnsweredAt: NOW }, 'answered', ANSWER),
      claimed: allowed({ status: 'answered', answer: ANSWER, assigneeId: 'expert-2', firstClaimedAt: CLAIMED, firstAnsweredAt: NOW }, 'answered', ANSWER),
      answered: allowed({ status: 'answered', answer: ANSWER, assigneeId: 'expert-2', firstClaimedAt: CLAIMED, firstAnsweredAt: ANSWERED }, 'answered', ANSWER),
      solved: NOT_IN_STATE,
      closed: NOT_IN_STATE,
    },
  ],
  [
    'answer by the expert who has it (a corrected answer when answered)',
    EXPERT,
    { kind: 'answer', text: ANSWER },
    {
      open: allowed({ status: 'answered', answer: ANSWER, assigneeId: 'expert-1', firstClaimedAt: NOW, firstAnsweredAt: NOW }, 'answered', ANSWER),
      claimed: allowed({ status: 'answered', answer: ANSWER, assigneeId: 'expert-1', firstClaimedAt: CLAIMED, firstAnsweredAt: NOW }, 'answered', ANSWER),
      answered: allowed({ status: 'answered', answer: ANSWER, assigneeId: 'expert-1', firstClaimedAt: CLAIMED, firstAnsweredAt: ANSWERED }, 'answered', ANSWER),
      solved: NOT_IN_STATE,
      closed: NOT_IN_STATE,
    },
  ],
  [
    'reopen',
    OTHER_EXPERT,
    { kind: 'reopen' },
    {
      open: NOT_IN_STATE,
      claimed: NOT_IN_STATE,
      answered: allowed({ status: 'claimed' }, 'reopened'),
      solved: allowed({ status: 'claimed' }, 'reopened'),
      closed: allowed({ status: 'claimed' }, 'reopened'),
    },
  ],
  [
    'close',
    OTHER_EXPERT,
    { kind: 'close' },
    {
      open: allowed({ status: 'closed' }, 'closed'),
      claimed: allowed({ status: 'closed' }, 'closed'),
      answered: allowed({ status: 'closed' }, 'closed'),
      solved: allowed({ status: 'closed' }, 'closed'),
      closed: refused('no_change'),
    },
  ],
  [
    'hand over to another expert',
    EXPERT,
    { kind: 'hand_over', toExpertId: 'expert-2' },
    {
      open: allowed({ status: 'claimed', assigneeId: 'expert-2', firstClaimedAt: NOW }, 'handed_over', 'expert-2'),
      claimed: allowed({ status: 'claimed', assigneeId: 'expert-2', firstClaimedAt: CLAIMED }, 'handed_over', 'expert-2'),
      answered: NOT_IN_STATE,
      solved: NOT_IN_STATE,
      closed: NOT_IN_STATE,
    },
  ],
  [
    'hand over to the expert who has it',
    OTHER_EXPERT,
    { kind: 'hand_over', toExpertId: 'expert-1' },
    {
      open: allowed({ status: 'claimed', assigneeId: 'expert-1', firstClaimedAt: NOW }, 'handed_over', 'expert-1'),
      claimed: refused('no_change'),
      answered: NOT_IN_STATE,
      solved: NOT_IN_STATE,
      closed: NOT_IN_STATE,
    },
  ],
  [
    'solve by the asker',
    ASKER,
    { kind: 'solve' },
    {
      open: NOT_IN_STATE,
      claimed: NOT_IN_STATE,
      answered: allowed({ status: 'solved' }, 'solved'),
      solved: refused('no_change'),
      closed: NOT_IN_STATE,
    },
  ],
  [
    'follow-up by the asker',
    ASKER,
    { kind: 'follow_up', text: FOLLOW_UP },
    {
      open: allowed({}, 'follow_up', FOLLOW_UP),
      claimed: allowed({}, 'follow_up', FOLLOW_UP),
      answered: allowed({ status: 'claimed' }, 'follow_up', FOLLOW_UP),
      solved: allowed({ status: 'claimed' }, 'follow_up', FOLLOW_UP),
      closed: allowed({ status: 'claimed' }, 'follow_up', FOLLOW_UP),
    },
  ],
  [
    'escalate by the SLA job',
    SYSTEM,
    { kind: 'escalate' },
    {
      open: allowed({ escalatedAt: NOW }, 'escalated'),
      claimed: refused('no_change'),
      answered: refused('no_change'),
      solved: refused('no_change'),
      closed: refused('no_change'),
    },
  ],
];

describe('decideTicket: every status × command', () => {
  const cells = TABLE.flatMap(([name, actor, command, byStatus]) => TICKET_STATUSES.map((status) => [status, name, actor, command, byStatus[status]] as const));

  it.each(cells)('%s ticket, %s', (status, _name, actor, command, expected) => {
    expect(decideTicket(aTicket(status), actor, command, NOW)).toEqual(expected);
  });

  it('covers every command kind', () => {
    const kinds = new Set(TABLE.map(([, , command]) => command.kind));
    expect([...kinds].sort()).toEqual(['answer', 'claim', 'close', 'escalate', 'follow_up', 'hand_over', 'reopen', 'solve']);
  });
});

describe('decideTicket: back to the experts when nobody had it', () => {
  // Closed straight from open: no assignee, so a reopen or a follow-up makes it open to all again.
  const closedUnassigned = aTicket('closed', { assigneeId: null, firstClaimedAt: null });

  it('a reopen makes it open', () => {
    expect(decideTicket(closedUnassigned, EXPERT, { kind: 'reopen' }, NOW)).toEqual(allowed({ status: 'open' }, 'reopened'));
  });

  it('a follow-up makes it open', () => {
    expect(decideTicket(closedUnassigned, ASKER, { kind: 'follow_up', text: FOLLOW_UP }, NOW)).toEqual(allowed({ status: 'open' }, 'follow_up', FOLLOW_UP));
  });
});

describe('decideTicket: forbidden', () => {
  const expertCommands: TicketCommand[] = [{ kind: 'claim' }, { kind: 'answer', text: ANSWER }, { kind: 'reopen' }, { kind: 'close' }, { kind: 'hand_over', toExpertId: 'expert-2' }];
  const askerCommands: TicketCommand[] = [{ kind: 'solve' }, { kind: 'follow_up', text: FOLLOW_UP }];
  const cases: [string, TicketActor, TicketCommand][] = [
    ...expertCommands.flatMap((command): [string, TicketActor, TicketCommand][] => [
      [`${command.kind} by the asker`, ASKER, command],
      [`${command.kind} by the system`, SYSTEM, command],
    ]),
    ...askerCommands.flatMap((command): [string, TicketActor, TicketCommand][] => [
      [`${command.kind} by an expert`, EXPERT, command],
      [`${command.kind} by another asker`, OTHER_ASKER, command],
      [`${command.kind} by the system`, SYSTEM, command],
    ]),
    ['escalate by an expert', EXPERT, { kind: 'escalate' }],
    ['escalate by the asker', ASKER, { kind: 'escalate' }],
  ];

  it.each(cases)('%s, in every status', (_name, actor, command) => {
    expect(TICKET_STATUSES.map((status) => decideTicket(aTicket(status), actor, command, NOW))).toEqual(TICKET_STATUSES.map(() => refused('forbidden')));
  });

  it('an expert who asked the question still answers it as an expert, and solves it only as its asker', () => {
    const ownQuestion = aTicket('claimed', { askerId: 'expert-1' });
    expect(decideTicket(ownQuestion, EXPERT, { kind: 'answer', text: ANSWER }, NOW)).toMatchObject({ ok: true });
    expect(decideTicket(aTicket('answered', { askerId: 'expert-1' }), { id: 'expert-1', role: 'asker' }, { kind: 'solve' }, NOW)).toEqual(allowed({ status: 'solved' }, 'solved'));
  });
});

describe('decideTicket: texts', () => {
  it.each<[string, TicketActor, (text: string) => TicketCommand, number, TicketStatus[]]>([
    ['answer', EXPERT, (text) => ({ kind: 'answer', text }), MAX_ANSWER_LENGTH, ['open', 'claimed', 'answered']],
    ['follow-up', ASKER, (text) => ({ kind: 'follow_up', text }), MAX_QUESTION_LENGTH, ['open', 'claimed', 'answered', 'solved', 'closed']],
  ])('%s: trimmed, not empty, at most its maximum', (_name, actor, command, max, statuses) => {
    for (const status of statuses) {
      const ticket = aTicket(status);
      expect(decideTicket(ticket, actor, command(''), NOW)).toEqual(refused('empty_text'));
      expect(decideTicket(ticket, actor, command(' \n\t\u00A0 '), NOW)).toEqual(refused('empty_text'));
      expect(decideTicket(ticket, actor, command('x'.repeat(max + 1)), NOW)).toEqual(refused('text_too_long'));
      // Exactly the maximum is fine, and surrounding whitespace does not count.
      const longest = decideTicket(ticket, actor, command(`\n  ${'x'.repeat(max)}  \n`), NOW);
      expect(longest.ok && longest.event.text).toBe('x'.repeat(max));
      // Line breaks inside are kept.
      const lines = decideTicket(ticket, actor, command('  Rivi 1\n\nRivi 2  '), NOW);
      expect(lines.ok && lines.event.text).toBe('Rivi 1\n\nRivi 2');
    }
  });

  it('the trimmed answer is what is stored', () => {
    expect(decideTicket(aTicket('claimed'), EXPERT, { kind: 'answer', text: `  ${ANSWER}\n` }, NOW)).toMatchObject({ ok: true, change: { answer: ANSWER }, event: { text: ANSWER } });
  });

  it('the status is checked before the text: an empty answer to a solved or closed ticket is not_allowed_in_state', () => {
    expect(decideTicket(aTicket('solved'), EXPERT, { kind: 'answer', text: '' }, NOW)).toEqual(NOT_IN_STATE);
    expect(decideTicket(aTicket('closed'), EXPERT, { kind: 'answer', text: 'x'.repeat(MAX_ANSWER_LENGTH + 1) }, NOW)).toEqual(NOT_IN_STATE);
  });
});

describe('decideTicket: escalation happens once', () => {
  it('an open ticket already escalated is not escalated again', () => {
    expect(decideTicket(aTicket('open', { escalatedAt: CLAIMED }), SYSTEM, { kind: 'escalate' }, NOW)).toEqual(refused('no_change'));
  });

  it('a claim after the escalation keeps the escalation time (the change does not touch it)', () => {
    const decision = decideTicket(aTicket('open', { escalatedAt: CLAIMED }), OTHER_EXPERT, { kind: 'claim' }, NOW);
    expect(decision.ok && 'escalatedAt' in decision.change).toBe(false);
  });
});

describe('decideTicket: first times are kept', () => {
  it('a ticket handed back and claimed again keeps its first claim time', () => {
    const reopened = aTicket('open', { firstClaimedAt: CLAIMED, assigneeId: null });
    expect(decideTicket(reopened, OTHER_EXPERT, { kind: 'claim' }, NOW)).toEqual(allowed({ status: 'claimed', assigneeId: 'expert-2', firstClaimedAt: CLAIMED }, 'claimed'));
  });

  it('a reopened ticket answered again keeps its first answer time and takes the new answer', () => {
    const reopened = aTicket('claimed', { answer: 'Vanha vastaus.', firstAnsweredAt: ANSWERED });
    expect(decideTicket(reopened, EXPERT, { kind: 'answer', text: ANSWER }, NOW)).toEqual(
      allowed({ status: 'answered', answer: ANSWER, assigneeId: 'expert-1', firstClaimedAt: CLAIMED, firstAnsweredAt: ANSWERED }, 'answered', ANSWER),
    );
  });
});
