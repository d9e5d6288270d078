import { MAX_ANSWER_LENGTH, type TicketStatus, type TicketUrgency } from '../../domain/experts/ticket.js';
import type { TopicCode } from '../../domain/intake/topics.js';
import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { withoutEmptyInputValues } from '../adviser/staff-format.js';
import { EXPERT_ANSWER, EXPERT_ARTICLE_FORM, EXPERT_CLAIM, EXPERT_CLOSE, EXPERT_HAND_OVER, EXPERT_REOPEN, EXPERT_TICKET_REFRESH } from '../verbs.js';
import { literalText, textLines, topicLabel } from './expert-card-text.js';
import ticketCardJson from './ticket-card.json' with { type: 'json' };

/** How many thread entries the card shows: the newest; older ones are counted, not shown. */
export const THREAD_SHOWN = 5;

/** One answer or follow-up of the ticket's thread, oldest first. */
export interface TicketThreadEntry {
  readonly kind: 'answered' | 'follow_up';
  /** The expert (answer) or the asker (follow-up). */
  readonly authorName: string;
  /** When, in Helsinki time, formatted by the caller. */
  readonly at: string;
  readonly text: string;
}

/** An expert the question can be handed over to. */
export interface ExpertChoice {
  readonly id: string;
  readonly name: string;
}

/**
 * A line for the person who pressed a button (an Action.Execute answer; refreshes carry none).
 * Field problems show under their box: `answer_*` under the answer, `choose_expert` under the
 * hand-over list (or on the notice line when the box is not on the card).
 */
export type TicketNotice =
  | { readonly code: 'already_claimed'; readonly by: string }
  | { readonly code: 'handed_over'; readonly to: string }
  | { readonly code: 'not_expert' | 'stale' | 'not_now' | 'claimed' | 'answer_sent' | 'closed' | 'reopened' | 'article_saved' }
  | { readonly code: 'answer_required' | 'answer_too_long' | 'choose_expert' };

export interface TicketCardViewModel {
  readonly lang: StaffLanguage;
  readonly ticketId: string;
  readonly number: number;
  readonly topic: TopicCode;
  readonly urgency: TicketUrgency;
  readonly status: TicketStatus;
  readonly municipalityName: string;
  readonly askerName: string;
  /** When it was asked, in Helsinki time, formatted by the caller. */
  readonly askedAt: string;
  /** The question as stored (scrubbed). */
  readonly question: string;
  /** Answers and follow-ups, oldest first; the card shows the last {@link THREAD_SHOWN}. */
  readonly thread: readonly TicketThreadEntry[];
  /** The expert who has it (claimed) or answered it; null when nobody. */
  readonly assigneeName: string | null;
  /** Set once the SLA passed it to the on-duty backup; `at` formatted by the caller. */
  readonly escalation?: { readonly backupName: string; readonly at: string };
  /** Experts it can be handed over to (the caller leaves out the current assignee); none = no hand-over box. */
  readonly experts: readonly ExpertChoice[];
  /** The answer as typed, kept when the card comes back with an answer error. */
  readonly answerDraft?: string;
  readonly notice?: TicketNotice;
}

interface Line {
  readonly text: string;
}

const expand = compileCardTemplate<Record<string, unknown>>('expert-ticket', ticketCardJson);

/** Which actions each status offers (issue 5), in card order after Claim, Answer and Hand over. */
const CAN = {
  claim: ['open'],
  answer: ['open', 'claimed', 'answered'],
  handOver: ['open', 'claimed'],
  close: ['open', 'claimed', 'answered', 'solved'],
  reopen: ['answered', 'solved', 'closed'],
  saveArticle: ['answered', 'solved'],
} as const satisfies Record<string, readonly TicketStatus[]>;

const can = (action: keyof typeof CAN, status: TicketStatus) => (CAN[action] as readonly TicketStatus[]).includes(status);

/**
 * The question as a card in the experts' channel. Its `refresh.action` ({@link EXPERT_TICKET_REFRESH}
 * with the ticket id, no `userIds`) makes every viewer's Teams fetch the current state, so a claim,
 * answer or close shows for all. Actions by status: Assign to me (open); Answer (open, claimed,
 * answered); Hand over (open, claimed); Close (all but closed); Reopen (answered, solved, closed);
 * Save to the knowledge base (answered, solved). Every button carries `data.ticketId` only; who may
 * act is decided on the server. Urgent questions have an `attention` header. Pure.
 */
export function renderTicketCard(vm: TicketCardViewModel): CardAttachment {
  const { lang, status, ticketId } = vm;
  const notice = vm.notice;
  const answerBox = can('answer', status);
  const handOverBox = can('handOver', status) && vm.experts.length > 0;
  const fieldNotice = (codes: readonly TicketNotice['code'][], shown: boolean): Line[] =>
    notice !== undefined && shown && codes.includes(notice.code) ? [{ text: noticeText(lang, notice) }] : [];
  const answerErrors = fieldNotice(['answer_required', 'answer_too_long'], answerBox);
  const handOverErrors = fieldNotice(['choose_expert'], handOverBox);
  const noticeLines = notice !== undefined && answerErrors.length === 0 && handOverErrors.length === 0 ? [{ text: noticeText(lang, notice), color: noticeColor(notice) }] : [];
  const button = (key: Parameters<typeof staffText>[1], verb: string) => ({ title: staffText(lang, key), verb, ticketId });
  const stateButtons = [
    ...(can('close', status) ? [button('experts.ticket.close', EXPERT_CLOSE)] : []),
    ...(can('reopen', status) ? [button('experts.ticket.reopen', EXPERT_REOPEN)] : []),
    ...(can('saveArticle', status) ? [button('experts.ticket.saveArticle', EXPERT_ARTICLE_FORM)] : []),
  ];
  const shown = vm.thread.slice(-THREAD_SHOWN);
  const hidden = vm.thread.length - shown.length;
  const urgent = vm.urgency === 'urgent';
  const title = staffText(lang, 'experts.ticket.title', { number: vm.number });

  return withoutEmptyInputValues(
    expand({
      lang,
      title,
      refreshVerb: EXPERT_TICKET_REFRESH,
      ticketId,
      headerStyle: urgent ? 'attention' : 'emphasis',
      facts: `${staffText(lang, 'experts.ticket.urgency', { urgency: staffText(lang, `experts.urgency.${vm.urgency}`) })} · ${staffText(lang, 'experts.topic', { topic: topicLabel(vm.topic, lang) })}`,
      factsWeight: urgent ? 'Bolder' : 'Default',
      askedBy: literalText(staffText(lang, 'experts.ticket.askedBy', { name: vm.askerName, municipality: vm.municipalityName, time: vm.askedAt })),
      questionLines: textLines(vm.question),
      threads:
        shown.length === 0
          ? []
          : [
              {
                heading: staffText(lang, 'experts.ticket.thread'),
                earlierLines: hidden > 0 ? [{ text: staffText(lang, 'experts.ticket.earlier', { count: hidden }) }] : [],
                entries: shown.map((entry) => ({
                  header: literalText(staffText(lang, `experts.thread.${entry.kind}`, { name: entry.authorName, time: entry.at })),
                  lines: textLines(entry.text),
                })),
              },
            ],
      statusLine: literalText(statusText(lang, status, vm.assigneeName)),
      escalationLines: vm.escalation ? [{ text: literalText(staffText(lang, 'experts.ticket.escalated', { name: vm.escalation.backupName, time: vm.escalation.at })) }] : [],
      noticeLines: noticeLines.map((line) => ({ ...line, text: literalText(line.text) })),
      claimActions: can('claim', status) ? [button('experts.ticket.claim', EXPERT_CLAIM)] : [],
      answerForms: answerBox
        ? [
            {
              label: staffText(lang, 'experts.ticket.answerLabel'),
              max: MAX_ANSWER_LENGTH,
              value: vm.answerDraft ?? '',
              errorLines: answerErrors,
              buttonTitle: staffText(lang, 'experts.ticket.answer'),
              verb: EXPERT_ANSWER,
              ticketId,
            },
          ]
        : [],
      handOverForms: handOverBox
        ? [
            {
              label: staffText(lang, 'experts.ticket.handOverLabel'),
              placeholder: staffText(lang, 'experts.ticket.handOverPlaceholder'),
              choices: vm.experts.map((e) => ({ title: e.name, value: e.id })),
              errorLines: handOverErrors,
              buttonTitle: staffText(lang, 'experts.ticket.handOver'),
              verb: EXPERT_HAND_OVER,
              ticketId,
            },
          ]
        : [],
      stateActionSets: stateButtons.length === 0 ? [] : [{ buttons: stateButtons }],
    }),
  );
}

function statusText(lang: StaffLanguage, status: TicketStatus, assigneeName: string | null): string {
  switch (status) {
    case 'open':
      return staffText(lang, 'experts.status.open');
    case 'claimed':
      return assigneeName === null ? staffText(lang, 'experts.status.open') : staffText(lang, 'experts.status.claimed', { name: assigneeName });
    case 'answered':
      return assigneeName === null ? staffText(lang, 'experts.status.answeredNoName') : staffText(lang, 'experts.status.answered', { name: assigneeName });
    case 'solved':
      return staffText(lang, 'experts.status.solved');
    case 'closed':
      return staffText(lang, 'experts.status.closed');
  }
}

function noticeText(lang: StaffLanguage, notice: TicketNotice): string {
  switch (notice.code) {
    case 'already_claimed':
      return staffText(lang, 'experts.ticket.notice.alreadyClaimed', { name: notice.by });
    case 'handed_over':
      return staffText(lang, 'experts.ticket.notice.handedOver', { name: notice.to });
    case 'not_expert':
      return staffText(lang, 'experts.ticket.notice.notExpert');
    case 'stale':
      return staffText(lang, 'experts.ticket.notice.stale');
    case 'not_now':
      return staffText(lang, 'experts.ticket.notice.notNow');
    case 'claimed':
      return staffText(lang, 'experts.ticket.notice.claimed');
    case 'answer_sent':
      return staffText(lang, 'experts.ticket.notice.answerSent');
    case 'closed':
      return staffText(lang, 'experts.ticket.notice.closed');
    case 'reopened':
      return staffText(lang, 'experts.ticket.notice.reopened');
    case 'article_saved':
      return staffText(lang, 'experts.ticket.notice.articleSaved');
    case 'answer_required':
      return staffText(lang, 'experts.error.answerRequired');
    case 'answer_too_long':
      return staffText(lang, 'experts.error.answerTooLong', { max: MAX_ANSWER_LENGTH });
    case 'choose_expert':
      return staffText(lang, 'experts.error.chooseExpert');
  }
}

/** Theme colours only (dark mode, high contrast): Good for done, Attention for refusals and errors. */
function noticeColor(notice: TicketNotice): 'Good' | 'Attention' {
  return ['claimed', 'answer_sent', 'handed_over', 'closed', 'reopened', 'article_saved'].includes(notice.code) ? 'Good' : 'Attention';
}
