import { SUPPORTED_LANGUAGES, type LanguageCode } from '../domain/staff/staff.js';
import type { ConversationReferenceRepository } from './ports/repositories.js';

export interface ChooseLanguageDeps {
  readonly conversations: ConversationReferenceRepository;
  readonly clock: () => Date;
}

export type ChooseLanguageResult =
  | { readonly ok: true; readonly language: LanguageCode }
  | { readonly ok: false; readonly reason: 'unsupported_language' | 'unknown_conversation' };

/**
 * Stores the language a user picked on a card. Card data is forgeable, so the code is checked
 * against the supported list here, not trusted from the card.
 */
export async function chooseLanguage(
  deps: ChooseLanguageDeps,
  input: { readonly tenantId: string; readonly userKey: string; readonly language: unknown },
): Promise<ChooseLanguageResult> {
  const language = SUPPORTED_LANGUAGES.find((l) => l === input.language);
  if (!language) return { ok: false, reason: 'unsupported_language' };
  const existing = await deps.conversations.find(input.tenantId, input.userKey);
  if (!existing) return { ok: false, reason: 'unknown_conversation' };
  // Choosing the language already stored changes nothing: no write (an fsync on SQLite).
  if (existing.locale !== language) await deps.conversations.save({ ...existing, locale: language, updatedAt: deps.clock() });
  return { ok: true, language };
}
