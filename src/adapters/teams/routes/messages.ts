import type { Application } from '@microsoft/teams-ai';
import { t } from '../../../i18n/index.js';
import { SET_LANGUAGE, SHOW_HELP } from '../../../cards/verbs.js';
import { chooseLanguage } from '../../../use-cases/choose-language.js';
import type { RouteDeps } from '../route-deps.js';
import { languageForTurn, speakerOf } from '../turn-helpers.js';
import { sendWelcome } from './welcome.js';

/** Commands are matched in the languages people type them in; the reply is in their language. */
const HELP = /^\s*(help|apua|ohje|hjälp)\s*[.!?]?\s*$/i;
const LANGUAGE = /^\s*(language|kieli|språk)\s*[.!?]?\s*$/i;

export function register(app: Application, deps: RouteDeps): void {
  app.message(HELP, async (context) => {
    await context.sendActivity(t(await languageForTurn(deps, context), 'reply.help'));
  });

  app.message(LANGUAGE, async (context) => sendWelcome(deps, context));

  app.adaptiveCards.actionSubmit(SHOW_HELP, async (context) => {
    await context.sendActivity(t(await languageForTurn(deps, context), 'reply.help'));
  });

  app.adaptiveCards.actionSubmit<{ lang?: unknown }>(SET_LANGUAGE, async (context, _state, data) => {
    const current = await languageForTurn(deps, context);
    const speaker = speakerOf(context.activity);
    const result = await chooseLanguage(
      { conversations: deps.repos.conversations, clock: deps.clock },
      { tenantId: speaker.tenantId, userKey: speaker.userKey, language: data?.lang },
    );
    if (!result.ok) {
      deps.logger.info({ event: 'card.invalid', verb: SET_LANGUAGE, reason: result.reason }, 'card submit refused');
      await context.sendActivity(t(current, 'error.invalidInput'));
      return;
    }
    await context.sendActivity(t(result.language, 'language.changed', { language: t(result.language, 'language.name') }));
  });
}

/**
 * Registered after every other route: a plain message gets a short acknowledgement (never an echo
 * of what was written), and a card submit with an unknown verb a clear error.
 */
export function registerFallback(app: Application, deps: RouteDeps): void {
  app.activity('message', async (context) => {
    const lang = await languageForTurn(deps, context);
    const isCardSubmit = !context.activity.text?.trim() && context.activity.value !== undefined;
    if (isCardSubmit) {
      deps.logger.info({ event: 'card.unknown_verb' }, 'card submit with an unknown verb');
      await context.sendActivity(t(lang, 'error.invalidInput'));
      return;
    }
    // Nobody reads free text in real time yet, and a vulnerable person may write something urgent
    // here: the acknowledgement always carries the emergency number.
    await context.sendActivity(`${t(lang, 'reply.received')}\n\n${t(lang, 'reply.emergency')}`);
  });
}
