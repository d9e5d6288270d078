import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { CardAttachment } from '../../../cards/adaptive-card.js';
import { renderMessageCard } from '../../../cards/message-card.js';
import type { LanguageCode } from '../../../domain/staff/staff.js';
import { t } from '../../../i18n/index.js';
import { staffLanguage, staffText, type StaffLanguage } from '../../../i18n/staff/index.js';
import type { StaffIdentity } from '../../../use-cases/adviser/acting-staff.js';
import { identifyAudience } from '../../../use-cases/identify-user.js';
import type { RouteDeps } from '../route-deps.js';
import { languageForTurn, speakerOf } from '../turn-helpers.js';

/**
 * What every staff route does the same way: who is acting (only in the personal chat, role from
 * our database), and the polite answers for "not here", "not your role" and "bad card data".
 */
export type StaffTurn = { readonly lang: StaffLanguage; readonly actor: StaffIdentity };

/** The caller and their staff language, or `undefined` outside a personal chat. */
export async function turnOf(deps: RouteDeps, context: TurnContext): Promise<StaffTurn | undefined> {
  if (context.activity.conversation.conversationType !== 'personal') return undefined;
  const who = speakerOf(context.activity);
  return { lang: staffLanguage(await languageForTurn(deps, context)), actor: { tenantId: who.tenantId, entraObjectId: who.entraObjectId } };
}

/**
 * The polite refusal for someone without the role, in their language: staff hear which role may
 * do it; anyone else (a client pressing a forged verb) the general "you cannot do this here".
 */
export async function refusal(deps: RouteDeps, context: TurnContext, role: 'adviser' | 'coordinator'): Promise<CardAttachment> {
  const lang = await languageForTurn(deps, context);
  const who = speakerOf(context.activity);
  const audience = await identifyAudience({ staff: deps.repos.staff }, { tenantId: who.tenantId, entraObjectId: who.entraObjectId });
  deps.logger.info({ event: 'staff.refused', role, audience }, 'staff action refused');
  if (audience === 'client') return renderMessageCard({ lang, text: t(lang, 'error.notAllowed') });
  const staffLang = staffLanguage(lang);
  return renderMessageCard({ lang: staffLang, text: staffText(staffLang, 'staff.notAllowed', { role: staffText(staffLang, `role.${role}`) }) });
}

export async function notHere(deps: RouteDeps, context: TurnContext): Promise<CardAttachment> {
  deps.logger.info({ event: 'staff.refused', reason: 'not_personal_chat' }, 'staff action outside the personal chat');
  const lang: LanguageCode = await languageForTurn(deps, context);
  return renderMessageCard({ lang, text: t(lang, 'error.notAllowed') });
}

export async function invalid(deps: RouteDeps, context: TurnContext, verb: string): Promise<CardAttachment> {
  deps.logger.info({ event: 'card.invalid', verb }, 'card data refused');
  const lang = await languageForTurn(deps, context);
  return renderMessageCard({ lang, text: t(lang, 'error.invalidInput') });
}

/** teams-ai sends the returned card as the Action.Execute response (it replaces the one clicked). */
export function card(attachment: CardAttachment): AdaptiveCard {
  return attachment.content as unknown as AdaptiveCard;
}
