import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { t } from '../../../i18n/index.js';
import type { RouteDeps } from '../route-deps.js';
import { languageForTurn } from '../turn-helpers.js';

/** Teams' invoke name for Action.Execute (universal actions). */
export const ACTION_INVOKE_NAME = 'adaptiveCard/action';

/**
 * An Action.Execute whose verb no route handles must still get a universal-actions response —
 * an error card response, never a 5xx (DESIGN.md platform limits). Registered last.
 */
export function register(app: Application, deps: RouteDeps): void {
  app.addRoute(
    async (context: TurnContext) => context.activity.type === ActivityTypes.Invoke && context.activity.name === ACTION_INVOKE_NAME,
    async (context) => {
      const lang = await languageForTurn(deps, context);
      deps.logger.info({ event: 'invoke.unknown_verb' }, 'Action.Execute with an unknown verb');
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: t(lang, 'error.invalidInput') } },
        },
      });
    },
    true,
  );
}
