import type { Application } from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { renderWelcomeCard } from '../../../cards/welcome-card.js';
import { identifyAudience } from '../../../use-cases/identify-user.js';
import type { RouteDeps } from '../route-deps.js';
import { languageForTurn, speakerOf } from '../turn-helpers.js';

/**
 * Greets a person in their Teams locale when the bot is added to a conversation (Teams sends
 * conversationUpdate/membersAdded with the bot itself as the member on install). Staff and clients
 * get different texts; roles come from our database only.
 */
export function register(app: Application, deps: RouteDeps): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    const botWasAdded = added.some((m) => m.id === botId);
    const userJoinedPersonalChat = context.activity.conversation.conversationType === 'personal' && added.some((m) => m.id !== botId);
    if (!botWasAdded && !userJoinedPersonalChat) return;
    await sendWelcome(deps, context);
  });

  // installationUpdate arrives beside the conversationUpdate above; we only keep the reference
  // fresh here so the person is not greeted twice.
  app.activity('installationUpdate', async (context) => {
    if (context.activity.action?.startsWith('add')) await languageForTurn(deps, context);
  });
}

export async function sendWelcome(deps: RouteDeps, context: TurnContext): Promise<void> {
  const lang = await languageForTurn(deps, context);
  const speaker = speakerOf(context.activity);
  const audience = await identifyAudience({ staff: deps.repos.staff }, { tenantId: speaker.tenantId, entraObjectId: speaker.entraObjectId });
  await context.sendActivity(MessageFactory.attachment(renderWelcomeCard({ lang, audience })));
}
