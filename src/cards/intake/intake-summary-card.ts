import type { TopicCode } from '../../domain/intake/topics.js';
import { TOPIC_CODES } from '../../domain/intake/topics.js';
import type { Municipality } from '../../domain/municipality.js';
import type { LanguageCode } from '../../domain/staff/staff.js';
import { isRightToLeft, municipalityName, t } from '../../i18n/index.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { SHOW_SLOTS } from '../verbs.js';
import intakeSummaryCardJson from './intake-summary-card.json' with { type: 'json' };

/**
 * What the summary may show. Deliberately only codes: no name, description, e-mail or phone can
 * be passed in, so none can reach the card, which replaces the intake form in the chat history
 * (DESIGN.md privacy: "Intake cards are replaced by a redacted summary after submit").
 */
export interface IntakeSummaryCardViewModel {
  readonly lang: LanguageCode;
  readonly topics: readonly TopicCode[];
  /** The chosen municipality, to confirm which service will help; omitted = not shown. */
  readonly municipality?: Municipality;
}

interface TextLine {
  readonly text: string;
}

interface IntakeSummaryTemplateData {
  readonly lang: LanguageCode;
  readonly rtl: boolean;
  readonly title: string;
  readonly municipalityLines: readonly TextLine[];
  readonly topicsHeading: string;
  readonly topicLines: readonly TextLine[];
  readonly nextStep: string;
  readonly bookLabel: string;
  readonly bookVerb: typeof SHOW_SLOTS;
}

const expandIntakeSummaryCard = compileCardTemplate<IntakeSummaryTemplateData>('intake-summary', intakeSummaryCardJson);

/**
 * The short confirmation that replaces the intake card after a valid submit: thanks, the chosen
 * topics (as labels, in glossary order, each once) and the next step, with an `Action.Execute`
 * {@link SHOW_SLOTS} button to choose an appointment time. Right-to-left for Arabic and
 * Dari/Farsi. Pure.
 */
export function renderIntakeSummaryCard(vm: IntakeSummaryCardViewModel): CardAttachment {
  const { lang } = vm;
  const chosen = new Set(vm.topics);
  return expandIntakeSummaryCard({
    lang,
    rtl: isRightToLeft(lang),
    title: t(lang, 'intake.summary.title'),
    municipalityLines:
      vm.municipality === undefined
        ? []
        : [
            {
              text: t(lang, 'intake.summary.municipality', {
                municipality: municipalityName(vm.municipality.code, lang, vm.municipality.name),
              }),
            },
          ],
    topicsHeading: t(lang, 'intake.summary.topics'),
    topicLines: TOPIC_CODES.filter((code) => chosen.has(code)).map((code) => ({ text: `• ${t(lang, `topic.${code}`)}` })),
    nextStep: t(lang, 'intake.summary.nextStep'),
    bookLabel: t(lang, 'intake.summary.book'),
    bookVerb: SHOW_SLOTS,
  });
}
