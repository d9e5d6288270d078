import type { Server } from 'restify';
import { z } from 'zod';
import type { StaffLanguage } from '../../i18n/staff/index.js';
import type { UnitOfWork } from '../../use-cases/ports/repositories.js';
import { correctContact, type CorrectContactOutcome } from '../../use-cases/register/correct-contact.js';
import { getClientPanel } from '../../use-cases/register/get-client-panel.js';
import { logContact } from '../../use-cases/register/log-contact.js';
import type { RegisterRouting } from '../../use-cases/register/register-sync.js';
import { CorrectContactJson, detailsFromJson, LogContactJson } from '../shared/contact-input.js';
import { readJsonBody } from './server.js';
import { tabError, tabErrorBody, tabInvalid, tabNotFound, tabRoute, type TabAnswer, type TabRouteDeps } from './tab-route.js';

/** A contact with the longest notes (1000 characters, each up to 4 bytes in UTF-8) fits easily. */
export const MAX_TAB_BODY_BYTES = 16 * 1024;
export interface TabApiDeps extends TabRouteDeps {
  readonly uow: UnitOfWork;
  readonly registers: RegisterRouting;
}

/** The meeting chat's thread id as teams-js gives it (`chat.id` in a meeting). */
const ChatId = z.string().max(300).regex(/^19:[^\s/]+@thread\.(v2|skype|tacv2)$/);
const ContactId = z.string().min(1).max(100);

/**
 * The meeting side panel's API (issue 4). Callers are identified only by the Teams SSO token
 * (tab-auth.ts); what they may see is decided by the use cases from our database.
 * - `GET /api/tab/meeting-panel?chatId=19:meeting_…@thread.v2`: the panel of the meeting's booking;
 * - `POST /api/tab/contacts`: log a contact (`LogContactJson`) → 201;
 * - `PUT /api/tab/contacts/:id`: correct one (`CorrectContactJson`, with a reason) → 200.
 *
 * Refusals are indistinguishable where it matters: a chat with no booking, a booking of a client
 * the caller may not see and a caller who is not staff all get the same 404, so the API never
 * tells whether a client or booking exists (the use case writes the `denied` audit row). Nothing
 * is written for a refusal before the use case (401, 413, 415, 400, 429).
 */
export function registerTabApi(server: Server, deps: TabApiDeps): void {
  const route = tabRoute(deps, 'side_panel');
  const registerDeps = { uow: deps.uow, clock: deps.clock, registers: deps.registers };

  server.get('/api/tab/meeting-panel', route(async (req, actor, lang) => {
    const chatId = ChatId.safeParse(new URL(req.url ?? '/', 'http://localhost').searchParams.get('chatId'));
    if (!chatId.success) return tabError(400, 'bad_request', lang, 'panel.error.badRequest');
    const bookingId = await deps.uow.meetingSessions.bookingForThread(chatId.data);
    if (!bookingId) return tabNotFound(lang);
    const result = await getClientPanel(deps, actor, bookingId);
    return result.ok ? { status: 200, body: { panel: result.panel } } : tabNotFound(lang);
  }));

  server.post('/api/tab/contacts', route(async (req, actor, lang) => {
    const body = LogContactJson.safeParse(await readJsonBody(req, MAX_TAB_BODY_BYTES));
    if (!body.success) return tabError(400, 'bad_request', lang, 'panel.error.badRequest');
    const subject = 'bookingId' in body.data ? { bookingId: body.data.bookingId } : { clientId: body.data.clientId };
    const result = await logContact(registerDeps, actor, subject, detailsFromJson(body.data.details));
    if (result.ok) return { status: 201, body: { contact: result.contact } };
    switch (result.reason) {
      case 'invalid':
        return tabInvalid(lang, result.errors);
      case 'already_logged':
        return { status: 409, body: { ...tabErrorBody('already_logged', lang, 'panel.error.alreadyLogged'), contact: result.contact } };
      default:
        return tabNotFound(lang);
    }
  }));

  server.put('/api/tab/contacts/:id', route(async (req, actor, lang) => {
    const contactId = ContactId.safeParse(req.params?.id);
    const body = CorrectContactJson.safeParse(await readJsonBody(req, MAX_TAB_BODY_BYTES));
    if (!contactId.success || !body.success) return tabError(400, 'bad_request', lang, 'panel.error.badRequest');
    const { expectedRevision, reason, details } = body.data;
    const result = await correctContact(registerDeps, actor, { contactId: contactId.data, expectedRevision, reason, details: detailsFromJson(details) });
    return correctionAnswer(result, lang);
  }));
}

/** The answer to a correction, from the side panel or the session log: 200, 400, 409 or 404. */
export function correctionAnswer(result: CorrectContactOutcome, lang: StaffLanguage): TabAnswer {
  if (result.ok) return { status: 200, body: { contact: result.contact } };
  switch (result.reason) {
    case 'invalid':
      return tabInvalid(lang, result.errors);
    case 'reason_required':
      return tabError(400, 'reason_required', lang, 'panel.error.reasonRequired');
    case 'stale':
      return { status: 409, body: { ...tabErrorBody('stale', lang, 'panel.error.stale'), contact: result.current } };
    default:
      return tabNotFound(lang);
  }
}
