import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../domain/experts/ticket.js';
import { TOPIC_CODES } from '../../domain/intake/topics.js';
import { t } from '../../i18n/index.js';
import { STAFF_LANGUAGES, staffText } from '../../i18n/staff/index.js';
import type { CardAttachment } from '../adaptive-card.js';
import { localDateLabel } from '../adviser/staff-format.js';
import { actionsIn, visibleTexts } from '../testing/card-inspection.js';
import { expectValidCard } from '../testing/expect-valid-card.js';
import { parseWithRenderer } from '../testing/parse-adaptive-card.js';
import {
  EXPERT_ANSWER,
  EXPERT_ARTICLE_FORM,
  EXPERT_ASK_SHOW,
  EXPERT_CLAIM,
  EXPERT_CLOSE,
  EXPERT_ESCALATE,
  EXPERT_FOLLOW_UP,
  EXPERT_HAND_OVER,
  EXPERT_KB_SEARCH,
  EXPERT_REOPEN,
  EXPERT_REVIEWED,
  EXPERT_SAVE_ARTICLE,
  EXPERT_SOLVED,
  EXPERT_SUGGEST,
  EXPERT_TAKE_ARTICLE,
  EXPERT_TICKET_REFRESH,
  TRAINING_ANNOUNCE,
  TRAINING_SIGN_UP,
} from '../verbs.js';
import { renderArticleFormCard, type ArticleFormCardViewModel } from './article-form-card.js';
import { renderArticlesToReviewCard } from './articles-to-review-card.js';
import { renderAskExpertCard } from './ask-expert-card.js';
import { escalationMessage, mentionText } from './escalation-message.js';
import { renderExpertAnswerCard, type ExpertAnswerCardViewModel } from './expert-answer-card.js';
import { excerpt, EXCERPT_MAX } from './expert-card-text.js';
import { renderExpertSuggestionsCard, type ArticleSummary, type ExpertSuggestionsCardViewModel } from './expert-suggestions-card.js';
import { renderArticlePreview, renderArticleTakenCard } from './knowledge-article-card.js';
import { renderKnowledgeSearchCard, type KnowledgeSearchCardViewModel } from './knowledge-search-card.js';
import { renderQuestionSentCard } from './question-sent-card.js';
import { renderTicketCard, THREAD_SHOWN, type TicketCardViewModel, type TicketThreadEntry } from './ticket-card.js';
import { renderTrainingCard, type TrainingCardViewModel } from './training-card.js';
import { renderTrainingFormCard, type TrainingFormCardViewModel } from './training-form-card.js';

type Node = Record<string, unknown>;

/** Every object in the card JSON, depth first. */
function nodes(card: unknown): Node[] {
  if (Array.isArray(card)) return card.flatMap(nodes);
  if (typeof card !== 'object' || card === null) return [];
  return [card as Node, ...Object.values(card).flatMap(nodes)];
}

const input = (card: CardAttachment, id: string): Node | undefined => nodes(card.content).find((n) => n.id === id && typeof n.type === 'string' && n.type.startsWith('Input.'));

/** The actions a person can press (the refresh action is not a button). */
const buttons = (card: CardAttachment) => actionsIn(card.content.body);

const texts = (card: CardAttachment) => visibleTexts(card.content);

/** The containers (any element with `items`) that hold an input, with everything inside them. */
const containerOf = (card: CardAttachment, id: string) => nodes(card.content).find((n) => Array.isArray(n.items) && nodes(n.items).some((c) => c.id === id));

const article = (overrides: Partial<ArticleSummary> = {}): ArticleSummary => ({
  articleId: 'article-1',
  question: 'Voiko perheenjäsen saada Kelan asumistukea?',
  answer: 'Kyllä, jos hänellä on kotikunta Suomessa. Kela ratkaisee asian hakemuksesta.',
  topic: 'kela_benefits',
  ...overrides,
});

describe('the ask card', () => {
  it.each(STAFF_LANGUAGES)('is a valid card in %s: the privacy notice, a required question of at most 2000, the topics, urgency normal by default, and Continue', (lang) => {
    const card = renderAskExpertCard({ lang });
    expectValidCard(card, lang);
    expect(texts(card)).toContain(staffText(lang, 'experts.ask.privacy'));
    expect(texts(card)).toContain(staffText(lang, 'experts.ask.urgentHelp'));
    expect(input(card, 'question')).toMatchObject({ isMultiline: true, maxLength: 2000, isRequired: true });
    expect(input(card, 'question')).not.toHaveProperty('value');
    const topic = input(card, 'topic');
    expect(topic).toMatchObject({ isRequired: true });
    expect(topic).not.toHaveProperty('value');
    expect(topic?.choices).toEqual(TOPIC_CODES.map((code) => ({ title: t(lang, `topic.${code}`), value: code })));
    expect(input(card, 'urgency')).toMatchObject({ value: 'normal', choices: [{ value: 'normal' }, { value: 'urgent' }] });
    expect(buttons(card).map((a) => [a.verb, a.data])).toEqual([[EXPERT_SUGGEST, { verb: EXPERT_SUGGEST }]]);
  });

  it('says it in plain words: no name, identity code or contact details', () => {
    expect(texts(renderAskExpertCard({ lang: 'en' }))).toContain("Do not write the client's name, personal identity code or contact details. Ask about the situation in general terms.");
    expect(texts(renderAskExpertCard({ lang: 'fi' }))).toContain('Älä kirjoita asiakkaan nimeä, henkilötunnusta tai yhteystietoja. Kysy tilanteesta yleisellä tasolla.');
  });

  it('comes back with the typed values and each field error; a forged topic is not selected', () => {
    const card = renderAskExpertCard({ lang: 'sv', values: { question: 'Hur gör man?', topic: 'housing', urgency: 'urgent' }, errors: ['question_too_long'] });
    expectValidCard(card, 'sv');
    expect(input(card, 'question')?.value).toBe('Hur gör man?');
    expect(input(card, 'topic')?.value).toBe('housing');
    expect(input(card, 'urgency')?.value).toBe('urgent');
    expect(texts(card)).toEqual(expect.arrayContaining([staffText('sv', 'experts.ask.error.summary'), staffText('sv', 'experts.ask.error.questionTooLong', { max: 2000 })]));

    const forged = renderAskExpertCard({ lang: 'en', values: { question: 'x', topic: 'nonsense', urgency: 'now!' }, errors: ['topic', 'urgency', 'question_empty'] });
    expect(input(forged, 'topic')).not.toHaveProperty('value');
    expect(input(forged, 'urgency')?.value).toBe('normal');
    expect(texts(forged)).toEqual(expect.arrayContaining(['Choose a topic from the list.', 'Choose the urgency.', 'Write your question.']));
  });
});

describe('the suggestions card', () => {
  const vm = (overrides: Partial<ExpertSuggestionsCardViewModel> = {}): ExpertSuggestionsCardViewModel => ({
    lang: 'fi',
    question: 'Asiakkaan puhelin on [puhelinnumero]. Miten haetaan asumistukea?',
    topic: 'housing',
    urgency: 'urgent',
    removed: [],
    articles: [],
    ...overrides,
  });
  const four = [1, 2, 3, 4].map((n) => article({ articleId: `a-${n}`, question: `Kysymys ${n}` }));

  it.each(STAFF_LANGUAGES)('is a valid card in %s: the question as sent, at most three articles with "That answers it", and "Send to the experts" with the question', (lang) => {
    const card = renderExpertSuggestionsCard(vm({ lang, articles: four, removed: ['phone', 'personal_identity_code'] }));
    expectValidCard(card, lang);
    expect(texts(card)).toEqual(expect.arrayContaining([staffText(lang, 'experts.suggest.asSent'), 'Asiakkaan puhelin on [puhelinnumero]. Miten haetaan asumistukea?', 'Kysymys 1', 'Kysymys 3']));
    expect(texts(card)).not.toContain('Kysymys 4');
    const kinds = `${staffText(lang, 'experts.pii.phone')}, ${staffText(lang, 'experts.pii.personal_identity_code')}`;
    expect(texts(card)).toContain(staffText(lang, 'experts.suggest.removed', { kinds }));
    expect(buttons(card).map((a) => [a.title, a.data])).toEqual([
      [staffText(lang, 'experts.suggest.take'), { verb: EXPERT_TAKE_ARTICLE, articleId: 'a-1' }],
      [staffText(lang, 'experts.suggest.take'), { verb: EXPERT_TAKE_ARTICLE, articleId: 'a-2' }],
      [staffText(lang, 'experts.suggest.take'), { verb: EXPERT_TAKE_ARTICLE, articleId: 'a-3' }],
      [staffText(lang, 'experts.suggest.send'), { verb: EXPERT_ESCALATE, question: 'Asiakkaan puhelin on [puhelinnumero]. Miten haetaan asumistukea?', topic: 'housing', urgency: 'urgent' }],
    ]);
  });

  it('says "No matching answers yet" and offers only sending when nothing matched, and no removal notice when nothing was removed', () => {
    const card = renderExpertSuggestionsCard(vm({ lang: 'en' }));
    expectValidCard(card, 'en');
    expect(texts(card)).toContain('No matching answers yet.');
    expect(texts(card).some((text) => text.startsWith('Removed from the question'))).toBe(false);
    expect(buttons(card).map((a) => a.verb)).toEqual([EXPERT_ESCALATE]);
  });

  it('names the removed kinds in plain words', () => {
    const card = renderExpertSuggestionsCard(vm({ lang: 'en', removed: ['personal_identity_code', 'email', 'email'] }));
    expect(texts(card)).toContain('Removed from the question: personal identity code, e-mail address. Please do not write details that identify a client.');
  });

  it('cuts each answer to an excerpt of at most 300 characters', () => {
    const long = `${'Sana '.repeat(200)}loppu`;
    const card = renderExpertSuggestionsCard(vm({ lang: 'fi', articles: [article({ answer: long })] }));
    const shown = texts(card).find((text) => text.startsWith('Sana '));
    expect(shown).toBeDefined();
    expect(Array.from(shown!).length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(shown!.endsWith('…')).toBe(true);
    expect(JSON.stringify(card.content)).not.toContain('loppu');
  });
});

describe('the sent and "that answers it" cards', () => {
  it.each(STAFF_LANGUAGES)('in %s: "Question #N was sent", and the taken article in full with thanks', (lang) => {
    const sent = renderQuestionSentCard({ lang, number: 42, question: 'Mitä teen?', topic: 'health', urgency: 'normal' });
    expectValidCard(sent, lang);
    expect(texts(sent)).toEqual(expect.arrayContaining([staffText(lang, 'experts.sent.text', { number: 42 }), 'Mitä teen?']));
    expect(buttons(sent)).toEqual([]);

    const answer = `${'Pitkä vastaus. '.repeat(40)}Viimeinen lause.`;
    const taken = renderArticleTakenCard({ lang, article: article({ answer }) });
    expectValidCard(taken, lang);
    expect(texts(taken)).toEqual(expect.arrayContaining([staffText(lang, 'experts.taken.text'), answer.trim(), article().question]));
    expect(buttons(taken)).toEqual([]);
  });

  it('says it in English exactly as agreed', () => {
    expect(texts(renderQuestionSentCard({ lang: 'en', number: 7, question: 'q', topic: 'other', urgency: 'urgent' }))).toContain('Question #7 was sent to the experts. The answer will come to this chat.');
  });
});

describe('the ticket card', () => {
  const entry = (n: number, kind: TicketThreadEntry['kind'] = 'answered'): TicketThreadEntry => ({ kind, authorName: kind === 'answered' ? 'Aino Expert' : 'Kalle Kysyjä', at: `ti 14.4.2026 1${n}.00`, text: `Viesti ${n}` });
  const vm = (overrides: Partial<TicketCardViewModel> = {}): TicketCardViewModel => ({
    lang: 'fi',
    ticketId: 'ticket-1',
    number: 12,
    topic: 'residence_permit',
    urgency: 'normal',
    status: 'open',
    municipalityName: 'Liperi',
    askerName: 'Kalle Kysyjä',
    askedAt: 'ti 14.4.2026 9.05',
    question: 'Miten jatkolupaa haetaan?',
    thread: [],
    assigneeName: null,
    experts: [
      { id: 'expert-2', name: 'Bertta Expert' },
      { id: 'expert-3', name: 'Cecilia Expert' },
    ],
    ...overrides,
  });

  const expected: Record<TicketStatus, string[]> = {
    open: [EXPERT_CLAIM, EXPERT_ANSWER, EXPERT_HAND_OVER, EXPERT_CLOSE],
    claimed: [EXPERT_ANSWER, EXPERT_HAND_OVER, EXPERT_CLOSE],
    answered: [EXPERT_ANSWER, EXPERT_CLOSE, EXPERT_REOPEN, EXPERT_ARTICLE_FORM],
    solved: [EXPERT_CLOSE, EXPERT_REOPEN, EXPERT_ARTICLE_FORM],
    closed: [EXPERT_REOPEN],
  };

  for (const lang of STAFF_LANGUAGES) {
    it.each(Object.entries(expected))(`is a valid card in ${lang} when %s, with exactly its actions, each carrying the ticket id`, (status, verbs) => {
      const card = renderTicketCard(vm({ lang, status: status as TicketStatus, assigneeName: status === 'open' ? null : 'Aino Expert', thread: status === 'open' || status === 'claimed' ? [] : [entry(1)] }));
      expectValidCard(card, lang);
      expect(buttons(card).map((a) => a.verb)).toEqual(verbs);
      expect(buttons(card).map((a) => a.data)).toEqual(verbs.map((verb) => ({ verb, ticketId: 'ticket-1' })));
      expect(input(card, 'answer') !== undefined).toBe(verbs.includes(EXPERT_ANSWER));
      expect(input(card, 'toExpertId') !== undefined).toBe(verbs.includes(EXPERT_HAND_OVER));
    });
  }

  it('refreshes for everyone in the channel: refresh.action is the refresh verb with the ticket id, without userIds', () => {
    const card = renderTicketCard(vm({ status: 'claimed', assigneeName: 'Aino Expert' }));
    expect(card.content.refresh).toEqual({ action: { type: 'Action.Execute', verb: EXPERT_TICKET_REFRESH, data: { verb: EXPERT_TICKET_REFRESH, ticketId: 'ticket-1' } } });
    expect(parseWithRenderer(card.content).card.refresh?.action?.verb).toBe(EXPERT_TICKET_REFRESH);
  });

  it('shows the number, topic, urgency, municipality, asker, time and question, and the answer box (multiline, at most 4000) with the hand-over list', () => {
    const card = renderTicketCard(vm({ lang: 'en' }));
    expect(texts(card)).toEqual(
      expect.arrayContaining(['Question #12', 'Urgency: Normal · Topic: Residence permit', 'Asked by Kalle Kysyjä, Liperi, ti 14.4.2026 9.05', 'Miten jatkolupaa haetaan?', 'Waiting for an expert.']),
    );
    expect(input(card, 'answer')).toMatchObject({ isMultiline: true, maxLength: 4000, label: 'Your answer' });
    expect(input(card, 'toExpertId')?.choices).toEqual([
      { title: 'Bertta Expert', value: 'expert-2' },
      { title: 'Cecilia Expert', value: 'expert-3' },
    ]);
  });

  it('highlights an urgent question with the attention style, a normal one without', () => {
    const header = (card: CardAttachment) => (card.content.body as Node[])[0];
    expect(header(renderTicketCard(vm({ urgency: 'urgent' })))).toMatchObject({ type: 'Container', style: 'attention' });
    expect(header(renderTicketCard(vm({ urgency: 'normal' })))?.style).not.toBe('attention');
    expect(texts(renderTicketCard(vm({ lang: 'en', urgency: 'urgent' })))).toContain('Urgency: Urgent · Topic: Residence permit');
  });

  it.each([
    ['claimed', 'Aino Expert', 'Aino Expert is handling this question.'],
    ['answered', 'Aino Expert', 'Answered by Aino Expert.'],
    ['answered', null, 'Answered.'],
    ['solved', 'Aino Expert', 'Solved: the asker confirmed that the answer helped.'],
    ['closed', null, 'Closed.'],
  ] as const)('says the status: %s (%s)', (status, assigneeName, line) => {
    expect(texts(renderTicketCard(vm({ lang: 'en', status, assigneeName })))).toContain(line);
  });

  it(`shows the last ${THREAD_SHOWN} messages of the thread and counts the earlier ones`, () => {
    const thread = [entry(1, 'answered'), entry(2, 'follow_up'), entry(3), entry(4, 'follow_up'), entry(5), entry(6, 'follow_up'), entry(7)];
    const card = renderTicketCard(vm({ lang: 'en', status: 'answered', assigneeName: 'Aino Expert', thread }));
    expectValidCard(card, 'en');
    const shown = texts(card);
    expect(shown).not.toContain('Viesti 1');
    expect(shown).not.toContain('Viesti 2');
    expect(shown).toEqual(expect.arrayContaining(['Viesti 3', 'Viesti 7', '2 earlier messages are not shown.', 'Answer from Aino Expert, ti 14.4.2026 17.00', 'Follow-up question from Kalle Kysyjä, ti 14.4.2026 16.00']));
  });

  it('shows the escalation to the backup expert', () => {
    const card = renderTicketCard(vm({ lang: 'en', escalation: { backupName: 'Bertta Expert', at: '10.05' } }));
    expect(texts(card)).toContain('Not taken in time: passed to the backup expert Bertta Expert (10.05).');
  });

  it('shows a notice to the one who pressed: who won a claim, a refusal, a success', () => {
    const lost = renderTicketCard(vm({ lang: 'en', status: 'claimed', assigneeName: 'Aino Expert', notice: { code: 'already_claimed', by: 'Aino Expert' } }));
    expectValidCard(lost, 'en');
    expect(texts(lost)).toEqual(expect.arrayContaining(['Already claimed by Aino Expert.', 'Aino Expert is handling this question.']));
    expect(nodes(lost.content).find((n) => n.text === 'Already claimed by Aino Expert.')).toMatchObject({ type: 'TextRun', color: 'Attention' });
    expect(texts(renderTicketCard(vm({ lang: 'fi', notice: { code: 'not_expert' } })))).toContain('Vain asiantuntijat voivat käsitellä kysymyksiä.');
    const saved = renderTicketCard(vm({ lang: 'sv', status: 'answered', notice: { code: 'article_saved' } }));
    expect(nodes(saved.content).find((n) => n.text === staffText('sv', 'experts.ticket.notice.articleSaved'))).toMatchObject({ color: 'Good' });
  });

  it('puts an answer error under the answer box and keeps the draft; a hand-over error under the list', () => {
    const card = renderTicketCard(vm({ lang: 'en', status: 'claimed', assigneeName: 'Aino Expert', answerDraft: 'Luonnos', notice: { code: 'answer_too_long' } }));
    expectValidCard(card, 'en');
    expect(input(card, 'answer')?.value).toBe('Luonnos');
    expect(visibleTexts(containerOf(card, 'answer'))).toContain('The answer is too long (at most 4000 characters).');
    expect(texts(card).filter((text) => text === 'The answer is too long (at most 4000 characters).')).toHaveLength(1);
    const handOver = renderTicketCard(vm({ lang: 'en', notice: { code: 'choose_expert' } }));
    expect(visibleTexts(containerOf(handOver, 'toExpertId'))).toContain('Choose the expert to hand the question over to.');
  });

  it('has no hand-over box when there is nobody to hand over to', () => {
    const card = renderTicketCard(vm({ experts: [] }));
    expectValidCard(card, 'fi');
    expect(input(card, 'toExpertId')).toBeUndefined();
    expect(buttons(card).map((a) => a.verb)).toEqual([EXPERT_CLAIM, EXPERT_ANSWER, EXPERT_CLOSE]);
  });
});

describe("the asker's answer card", () => {
  const vm = (overrides: Partial<ExpertAnswerCardViewModel> = {}): ExpertAnswerCardViewModel => ({
    lang: 'fi',
    ticketId: 'ticket-1',
    number: 12,
    question: 'Miten jatkolupaa haetaan?',
    answer: 'Jatkolupaa haetaan Enter Finland -palvelussa.\nHae ennen kuin nykyinen lupa päättyy.',
    answeredBy: 'Aino Expert',
    ...overrides,
  });

  it.each(STAFF_LANGUAGES)('is a valid card in %s: the question, the answer line by line, who answered, "Solved, thanks" and a follow-up', (lang) => {
    const card = renderExpertAnswerCard(vm({ lang }));
    expectValidCard(card, lang);
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Miten jatkolupaa haetaan?',
        'Jatkolupaa haetaan Enter Finland -palvelussa.',
        'Hae ennen kuin nykyinen lupa päättyy.',
        staffText(lang, 'experts.answer.from', { name: 'Aino Expert' }),
        staffText(lang, 'experts.ask.privacy'),
      ]),
    );
    expect(input(card, 'followUp')).toMatchObject({ isMultiline: true, maxLength: 2000, isRequired: true });
    const actions = buttons(card);
    expect(actions.map((a) => [a.title, a.data])).toEqual([
      [staffText(lang, 'experts.answer.solved'), { verb: EXPERT_SOLVED, ticketId: 'ticket-1' }],
      [staffText(lang, 'experts.answer.followUp'), { verb: EXPERT_FOLLOW_UP, ticketId: 'ticket-1' }],
    ]);
    // "Solved" must not be blocked by the empty (required) follow-up box.
    expect(actions[0]).toMatchObject({ associatedInputs: 'none' });
  });

  it('shows the question as an excerpt of at most 300 characters', () => {
    const card = renderExpertAnswerCard(vm({ lang: 'en', question: 'Kysymys '.repeat(100) }));
    const shown = texts(card).find((text) => text.startsWith('Kysymys'));
    expect(Array.from(shown ?? '').length).toBeLessThanOrEqual(300);
    expect(shown?.endsWith('…')).toBe(true);
  });

  it('after "Solved" and after a follow-up says so, without buttons or inputs', () => {
    const solved = renderExpertAnswerCard(vm({ lang: 'en', state: 'solved' }));
    expectValidCard(solved, 'en');
    expect(texts(solved)).toContain('Thank you! The question is marked as solved.');
    expect(buttons(solved)).toEqual([]);
    expect(input(solved, 'followUp')).toBeUndefined();
    const followed = renderExpertAnswerCard(vm({ lang: 'sv', state: 'follow_up_sent' }));
    expectValidCard(followed, 'sv');
    expect(texts(followed)).toContain(staffText('sv', 'experts.answer.followUpSent'));
    expect(buttons(followed)).toEqual([]);
  });

  it('keeps the follow-up draft and shows its error', () => {
    const card = renderExpertAnswerCard(vm({ lang: 'en', followUpDraft: 'Entä jos…', followUpError: 'too_long' }));
    expect(input(card, 'followUp')?.value).toBe('Entä jos…');
    expect(texts(card)).toContain('The follow-up question is too long (at most 2000 characters).');
  });
});

describe('the knowledge base', () => {
  const vm = (overrides: Partial<KnowledgeSearchCardViewModel> = {}): KnowledgeSearchCardViewModel => ({ lang: 'fi', query: '', forExpert: false, minLength: 2, maxLength: 200, ...overrides });
  const results = [
    { ...article({ articleId: 'a-1' }), reviewBy: '2026-04-13', reviewOverdue: true },
    { ...article({ articleId: 'a-2', question: 'Toinen kysymys' }), reviewBy: '2026-04-14', reviewOverdue: false },
  ];

  it.each(STAFF_LANGUAGES)('is a valid card in %s: the search box, the hits with topic, and "Ask an expert"', (lang) => {
    const empty = renderKnowledgeSearchCard(vm({ lang }));
    expectValidCard(empty, lang);
    expect(input(empty, 'kbQuery')).toMatchObject({ maxLength: 200, label: staffText(lang, 'kb.searchLabel') });
    const card = renderKnowledgeSearchCard(vm({ lang, query: 'asumistuki', results }));
    expectValidCard(card, lang);
    expect(input(card, 'kbQuery')?.value).toBe('asumistuki');
    expect(texts(card)).toEqual(expect.arrayContaining([article().question, 'Toinen kysymys', article().answer, staffText(lang, 'experts.topic', { topic: t(lang, 'topic.kela_benefits') })]));
    expect(buttons(card).map((a) => a.data)).toEqual([{ verb: EXPERT_KB_SEARCH }, { verb: EXPERT_ASK_SHOW }]);
  });

  it('marks answers past their review date for experts only', () => {
    const overdue = staffText('en', 'kb.reviewOverdue', { date: localDateLabel('2026-04-13', 'en') });
    const forExpert = texts(renderKnowledgeSearchCard(vm({ lang: 'en', results, forExpert: true })));
    // Only the overdue article is marked, right after it.
    expect(forExpert.filter((text) => text.startsWith('Review date'))).toEqual([overdue]);
    expect(forExpert.indexOf(overdue)).toBeLessThan(forExpert.indexOf('Toinen kysymys'));
    expect(texts(renderKnowledgeSearchCard(vm({ lang: 'en', results, forExpert: false }))).filter((text) => text.startsWith('Review date'))).toEqual([]);
  });

  it('says when nothing matched, and when the search is too short or too long', () => {
    expect(texts(renderKnowledgeSearchCard(vm({ lang: 'en', query: 'zzz', results: [] })))).toContain('No matching answers. You can ask an expert.');
    expect(texts(renderKnowledgeSearchCard(vm({ lang: 'sv', query: 'a', error: 'too_short' })))).toContain(staffText('sv', 'kb.error.tooShort', { min: 2 }));
    expect(texts(renderKnowledgeSearchCard(vm({ lang: 'fi', error: 'too_long' })))).toContain(staffText('fi', 'kb.error.tooLong', { max: 200 }));
  });

  it.each(STAFF_LANGUAGES)('gives a message-extension result in %s: the full article card and a thumbnail preview with the answer excerpt as safe HTML', (lang) => {
    const answer = `<b>Tärkeää</b> & muuta: ${'selitys '.repeat(60)}`;
    const { card, preview } = renderArticlePreview({ lang, article: article({ answer }) });
    expectValidCard(card, lang);
    expect(texts(card)).toContain(answer.trim());
    expect(preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(preview.content.title).toBe(article().question);
    expect(preview.content.text.startsWith('&lt;b&gt;Tärkeää&lt;/b&gt; &amp; muuta:')).toBe(true);
    expect(preview.content.text.endsWith('…')).toBe(true);
    expect(preview.content.text).not.toContain('<');
  });
});

describe('the article form and the review list', () => {
  const vm = (overrides: Partial<ArticleFormCardViewModel> = {}): ArticleFormCardViewModel => ({
    lang: 'fi',
    ticketId: 'ticket-1',
    number: 12,
    values: { question: 'Miten jatkolupaa haetaan?', answer: 'Enter Finland -palvelussa.', topic: 'residence_permit', language: 'fi', reviewBy: '2027-04-14' },
    ...overrides,
  });

  it.each(STAFF_LANGUAGES)('is a valid card in %s, prefilled and editable, saved with the ticket id; "Back" shows the question again', (lang) => {
    const card = renderArticleFormCard(vm({ lang }));
    expectValidCard(card, lang);
    expect(input(card, 'question')).toMatchObject({ value: 'Miten jatkolupaa haetaan?', isMultiline: true, maxLength: 2000, isRequired: true });
    expect(input(card, 'answer')).toMatchObject({ value: 'Enter Finland -palvelussa.', isMultiline: true, maxLength: 4000, isRequired: true });
    expect(input(card, 'topic')).toMatchObject({ value: 'residence_permit' });
    expect(input(card, 'language')).toMatchObject({ value: 'fi', choices: [{ value: 'fi' }, { value: 'sv' }, { value: 'en' }] });
    expect(input(card, 'reviewBy')).toMatchObject({ type: 'Input.Date', value: '2027-04-14', isRequired: true });
    expect(buttons(card).map((a) => a.data)).toEqual([
      { verb: EXPERT_SAVE_ARTICLE, ticketId: 'ticket-1' },
      { verb: EXPERT_TICKET_REFRESH, ticketId: 'ticket-1' },
    ]);
  });

  it('shows each error, values kept', () => {
    const card = renderArticleFormCard(vm({ lang: 'en', values: { ...vm().values, reviewBy: '2020-01-01' }, errors: ['answer_too_long', 'review_by', 'ticket'] }));
    expectValidCard(card, 'en');
    expect(texts(card)).toEqual(
      expect.arrayContaining(['Some answers need checking. Nothing was saved.', 'The answer is too long (at most 4000 characters).', 'Give a review date after today.', staffText('en', 'kb.form.error.ticket')]),
    );
    expect(input(card, 'reviewBy')?.value).toBe('2020-01-01');
  });

  it.each(STAFF_LANGUAGES)('lists answers past review in %s, each with "Mark as reviewed"', (lang) => {
    const articles = [
      { ...article({ articleId: 'a-1' }), reviewBy: '2026-01-31' },
      { ...article({ articleId: 'a-2' }), reviewBy: '2026-02-28' },
    ];
    const card = renderArticlesToReviewCard({ lang, articles, reviewed: { nextReviewBy: '2027-04-14' } });
    expectValidCard(card, lang);
    expect(buttons(card).map((a) => [a.title, a.data])).toEqual([
      [staffText(lang, 'kb.review.reviewed'), { verb: EXPERT_REVIEWED, articleId: 'a-1' }],
      [staffText(lang, 'kb.review.reviewed'), { verb: EXPERT_REVIEWED, articleId: 'a-2' }],
    ]);
    expect(texts(card)).toEqual(expect.arrayContaining([staffText(lang, 'kb.review.done', { date: localDateLabel('2027-04-14', lang) }), staffText(lang, 'kb.review.date', { date: localDateLabel('2026-01-31', lang) }) + ' · ' + staffText(lang, 'experts.topic', { topic: t(lang, 'topic.kela_benefits') })]));
    expect(texts(renderArticlesToReviewCard({ lang, articles: [] }))).toContain(staffText(lang, 'kb.review.none'));
  });
});

describe('trainings', () => {
  const limits = { title: 200, description: 2000, location: 500, capacity: 10_000 };
  const form = (overrides: Partial<TrainingFormCardViewModel> = {}): TrainingFormCardViewModel => ({ lang: 'fi', limits, ...overrides });
  const training = (overrides: Partial<TrainingCardViewModel> = {}): TrainingCardViewModel => ({
    lang: 'fi',
    trainingId: 'training-1',
    title: 'Uusi kotoutumislaki käytännössä',
    description: 'Käymme läpi muutokset.\nMukaan mahtuu 20.',
    when: 'ti 14.4.2026 klo 13.00',
    location: 'Joensuun kaupungintalo',
    signUpCount: 3,
    capacity: 20,
    ...overrides,
  });

  it.each(STAFF_LANGUAGES)("is a valid coordinator's form in %s with the inputs and Announce", (lang) => {
    const card = renderTrainingFormCard(form({ lang }));
    expectValidCard(card, lang);
    for (const id of ['title', 'description', 'date', 'time', 'location', 'capacity']) expect(input(card, id), id).toBeDefined();
    expect(input(card, 'date')?.type).toBe('Input.Date');
    expect(input(card, 'time')?.type).toBe('Input.Time');
    expect(input(card, 'capacity')).toMatchObject({ type: 'Input.Number', min: 1, max: 10_000 });
    expect(buttons(card).map((a) => a.data)).toEqual([{ verb: TRAINING_ANNOUNCE }]);
  });

  it('comes back with values and errors, says when there is no channel, and closes when announced', () => {
    const card = renderTrainingFormCard(form({ lang: 'en', values: { title: 'T', date: '2026-04-14', time: '08:00', capacity: '12' }, errors: ['in_past', 'location'] }));
    expectValidCard(card, 'en');
    expect(input(card, 'title')?.value).toBe('T');
    expect(input(card, 'capacity')?.value).toBe(12);
    expect(texts(card)).toEqual(expect.arrayContaining([staffText('en', 'training.form.error.inPast'), staffText('en', 'training.form.error.location', { max: 500 })]));
    expect(texts(renderTrainingFormCard(form({ lang: 'sv', noChannel: true })))).toContain(staffText('sv', 'training.form.error.noChannel'));
    const announced = renderTrainingFormCard(form({ lang: 'fi', announced: true }));
    expectValidCard(announced, 'fi');
    expect(texts(announced)).toContain('Koulutuksesta ilmoitettiin henkilöstön kanavalla.');
    expect(buttons(announced)).toEqual([]);
  });

  it.each(STAFF_LANGUAGES)('announces in %s: title, time, place, description, places taken and "Sign up"', (lang) => {
    const card = renderTrainingCard(training({ lang }));
    expectValidCard(card, lang);
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Uusi kotoutumislaki käytännössä',
        staffText(lang, 'training.when', { when: 'ti 14.4.2026 klo 13.00' }),
        staffText(lang, 'training.where', { location: 'Joensuun kaupungintalo' }),
        'Käymme läpi muutokset.',
        'Mukaan mahtuu 20.',
        staffText(lang, 'training.countOf', { count: 3, capacity: 20 }),
      ]),
    );
    expect(buttons(card).map((a) => [a.title, a.data])).toEqual([[staffText(lang, 'training.signUp'), { verb: TRAINING_SIGN_UP, trainingId: 'training-1' }]]);
  });

  it('says "full" without a button when the places are taken, counts without a limit, and confirms a sign-up', () => {
    const full = renderTrainingCard(training({ lang: 'en', signUpCount: 20 }));
    expect(texts(full)).toContain('The training is full.');
    expect(buttons(full)).toEqual([]);
    expect(texts(renderTrainingCard(training({ lang: 'en', capacity: null, signUpCount: 41 })))).toContain('41 signed up');
    const signedUp = renderTrainingCard(training({ lang: 'fi', notice: 'signed_up', signUpCount: 4 }));
    expectValidCard(signedUp, 'fi');
    expect(texts(signedUp)).toEqual(expect.arrayContaining(['Olet ilmoittautunut.', 'Ilmoittautuneita 4, paikkoja 20']));
    expect(buttons(signedUp)).toEqual([]);
  });
});

describe('the escalation message', () => {
  it.each(STAFF_LANGUAGES)('in %s names the question, the minutes and mentions the backup expert', (lang) => {
    const text = escalationMessage(lang, { number: 12, minutesWaiting: 45, backupName: 'Bertta Expert' });
    expect(text).toContain('#12');
    expect(text).toContain('45');
    expect(text).toContain('<at>Bertta Expert</at>');
    expect(text.match(/<at>/g)).toHaveLength(1);
  });

  it('uses the same mention text the adapter puts in the entity', () => {
    expect(mentionText('Bertta Expert')).toBe('<at>Bertta Expert</at>');
    expect(escalationMessage('en', { number: 3, minutesWaiting: 30, backupName: 'Bertta Expert' })).toBe(
      'Question #3 has waited 30 minutes without an expert. <at>Bertta Expert</at>, you are the backup expert on duty: please take it or hand it over.',
    );
  });
});

describe('text people typed is shown literally', () => {
  const NASTY = 'Hinta ${price} ja {{DATE(2026-01-01T00:00:00Z)}} sekä <script>alert(1)</script> **lihava** _kursiivi_ [linkki](https://example.test)';
  const WORD_JOINER = /\u2060/g;

  /** Every card that shows typed text, each with NASTY in its typed fields. */
  const cards: [string, CardAttachment][] = [
    ['suggestions', renderExpertSuggestionsCard({ lang: 'fi', question: NASTY, topic: 'other', urgency: 'normal', removed: [], articles: [article({ question: NASTY, answer: NASTY })] })],
    ['sent', renderQuestionSentCard({ lang: 'fi', number: 1, question: NASTY, topic: 'other', urgency: 'normal' })],
    ['taken', renderArticleTakenCard({ lang: 'fi', article: article({ question: NASTY, answer: NASTY }) })],
    [
      'ticket',
      renderTicketCard({
        lang: 'fi',
        ticketId: 't',
        number: 1,
        topic: 'other',
        urgency: 'normal',
        status: 'answered',
        municipalityName: 'Liperi',
        askerName: NASTY,
        askedAt: '9.00',
        question: NASTY,
        thread: [{ kind: 'answered', authorName: NASTY, at: '9.30', text: NASTY }],
        assigneeName: NASTY,
        experts: [],
      }),
    ],
    ['answer', renderExpertAnswerCard({ lang: 'fi', ticketId: 't', number: 1, question: NASTY, answer: NASTY, answeredBy: NASTY })],
    ['knowledge base', renderKnowledgeSearchCard({ lang: 'fi', query: NASTY, results: [{ ...article({ question: NASTY, answer: NASTY }), reviewBy: '2027-01-01', reviewOverdue: true }], forExpert: true, minLength: 2, maxLength: 500 })],
    ['review list', renderArticlesToReviewCard({ lang: 'fi', articles: [{ ...article({ question: NASTY, answer: NASTY }), reviewBy: '2025-01-01' }] })],
    ['training', renderTrainingCard({ lang: 'fi', trainingId: 'x', title: NASTY, description: NASTY, when: NASTY, location: NASTY, signUpCount: 0, capacity: null })],
  ];

  it.each(cards)('%s: parses cleanly, the text only in plain TextRuns (no markdown), no date function left to expand', (_name, card) => {
    const verdict = parseWithRenderer(card.content);
    expect(verdict.parseErrors).toEqual([]);
    expect(verdict.validationErrors).toEqual([]);
    expect(verdict.droppedProperties).toEqual([]);
    const holders = nodes(card.content).filter((n) => typeof n.text === 'string' && n.text.includes('<script>alert(1)</script>'));
    expect(holders.length).toBeGreaterThan(0);
    for (const holder of holders) {
      expect(holder.type).toBe('TextRun');
      expect((holder.text as string).replace(WORD_JOINER, '')).toContain(NASTY);
    }
    // Teams (like every renderer) turns {{DATE(…)}} into a date in any displayed text (inputs and action data stay verbatim).
    expect(texts(card).filter((text) => /\{\{\s*(DATE|TIME)\s*\(/i.test(text))).toEqual([]);
  });

  it('keeps ${…} as typed: the template engine never re-reads inserted data', () => {
    const [, card] = cards[1]!;
    expect(texts(card).map((text) => text.replace(WORD_JOINER, ''))).toContain(NASTY);
  });

  it('sends the question on exactly as shown, without the invisible joiner, and keeps inputs verbatim', () => {
    const [, suggestions] = cards[0]!;
    expect(buttons(suggestions).find((a) => a.verb === EXPERT_ESCALATE)?.data?.question).toBe(NASTY);
    expect(input(renderAskExpertCard({ lang: 'fi', values: { question: NASTY } }), 'question')?.value).toBe(NASTY);
  });
});

describe('excerpt', () => {
  it('keeps text of at most 300 characters and cuts longer at a word, with the ellipsis counted', () => {
    expect(excerpt('a'.repeat(300))).toBe('a'.repeat(300));
    const cut = excerpt(`${'sana '.repeat(100)}`);
    expect(Array.from(cut).length).toBeLessThanOrEqual(300);
    expect(cut).toMatch(/sana…$/);
    expect(Array.from(excerpt('b'.repeat(1000))).length).toBe(300);
  });

  it('never splits an emoji and makes one paragraph of several lines', () => {
    const cut = excerpt('😀'.repeat(400));
    expect(Array.from(cut)).toHaveLength(300);
    expect(cut.endsWith('😀…')).toBe(true);
    expect(excerpt('rivi 1\n\nrivi 2')).toBe('rivi 1 rivi 2');
  });
});
