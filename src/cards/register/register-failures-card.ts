import { staffText, type StaffLanguage } from '../../i18n/staff/index.js';
import type { RegisterFailure } from '../../use-cases/register/register-failures.js';
import { compileCardTemplate, type CardAttachment } from '../adaptive-card.js';
import { helsinkiClock, helsinkiDate } from '../adviser/staff-format.js';
import { REPLAY_REGISTER_FAILURES } from '../verbs.js';
import registerFailuresCardJson from './register-failures-card.json' with { type: 'json' };

export interface RegisterFailuresCardViewModel {
  readonly lang: StaffLanguage;
  readonly failures: readonly RegisterFailure[];
  /** After "send again": how many went back to the queue. */
  readonly requeued?: number;
}

const expand = compileCardTemplate<Record<string, unknown>>('register-failures', registerFailuresCardJson);

/**
 * The coordinator's list of register deliveries that gave up, each with "Send again", and "Send
 * all again". Shows ids, registers and errors only: no client data. Pure.
 */
export function renderRegisterFailuresCard(vm: RegisterFailuresCardViewModel): CardAttachment {
  const { lang } = vm;
  const none = vm.failures.length === 0;
  return expand({
    lang,
    title: staffText(lang, 'registerFailures.title'),
    intro: staffText(lang, none ? 'registerFailures.none' : 'registerFailures.intro'),
    goodLines: vm.requeued === undefined ? [] : [{ text: staffText(lang, 'registerFailures.replayed', { count: vm.requeued }) }],
    entries: vm.failures.map((f) => ({
      text: staffText(lang, 'registerFailures.entry', {
        when: `${helsinkiDate(f.queuedAt, lang)} ${helsinkiClock(f.queuedAt, lang)}`,
        sink: f.sinkId,
        municipality: f.municipalityCode,
        attempts: f.attempts,
        error: f.lastError.slice(0, 200),
      }),
      replayLabel: staffText(lang, 'registerFailures.replay'),
      replayVerb: REPLAY_REGISTER_FAILURES,
      outboxId: f.outboxId,
    })),
    allActions: vm.failures.length > 1 ? [{ label: staffText(lang, 'registerFailures.replayAll'), verb: REPLAY_REGISTER_FAILURES }] : [],
  });
}
