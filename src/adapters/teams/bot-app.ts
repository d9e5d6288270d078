import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { t, resolveLocale } from '../../i18n/index.js';
import type { RouteDeps } from './route-deps.js';
import * as adviser from './routes/adviser.js';
import * as booking from './routes/booking.js';
import * as expertExtension from './routes/expert-extension.js';
import * as experts from './routes/experts.js';
import * as invokeFallback from './routes/invoke-fallback.js';
import * as meetings from './routes/meetings.js';
import * as messages from './routes/messages.js';
import * as registerRoutes from './routes/register.js';
import * as welcome from './routes/welcome.js';

/**
 * The teams-ai Application with every route module registered, in order: specific routes first,
 * fallbacks last (teams-ai runs the first route whose selector matches).
 *
 * No `storage`: bot state holds nothing, personal data included (DESIGN.md privacy). Everything a
 * conversation needs lives in our database.
 */
export function createBotApp(adapter: TeamsAdapter, botAppId: string, deps: RouteDeps): Application {
  const app = new Application({
    adapter,
    botAppId,
    // The typing indicator would be an extra outbound call per message for no user benefit here.
    startTypingTimer: false,
    longRunningMessages: false,
    removeRecipientMention: true,
  });
  welcome.register(app, deps);
  messages.register(app, deps);
  booking.register(app, deps);
  adviser.register(app, deps);
  registerRoutes.register(app, deps);
  meetings.register(app, deps);
  experts.register(app, deps);
  expertExtension.register(app, deps);
  messages.registerFallback(app, deps);
  invokeFallback.register(app, deps);

  app.error(async (context, error) => {
    deps.logger.error({ event: 'route.failed', type: context.activity.type, error: error.name }, 'route failed');
    // The person is told in their language that nothing was lost; the stack stays in our logs.
    await context.sendActivity(t(resolveLocale(context.activity.locale), 'error.generic'));
  });
  return app;
}
