import type { LanguageCode } from '../domain/staff/staff.js';
import { isRightToLeft } from '../i18n/index.js';
import { compileCardTemplate, type CardAttachment } from './adaptive-card.js';
import messageCardJson from './message-card.json' with { type: 'json' };

/** A short reply: one catalog text (from `t()`), in the language it was written in. */
export interface MessageCardViewModel {
  readonly lang: LanguageCode;
  readonly text: string;
}

interface MessageTemplateData {
  readonly lang: LanguageCode;
  readonly rtl: boolean;
  readonly fallbackText: string;
  readonly lines: readonly { readonly text: string }[];
}

const expandMessageCard = compileCardTemplate<MessageTemplateData>('message', messageCardJson);

/**
 * A short text reply as a card, for when plain text is not enough:
 * - right-to-left texts (Arabic, Dari/Farsi) get `rtl: true`, which a plain message cannot set;
 * - each `\n`-separated line becomes its own TextBlock, because Teams card markdown drops single
 *   line breaks (the help text is a list of lines).
 * Only pass catalog text: whatever goes in is shown and kept in the chat history.
 */
export function renderMessageCard(vm: MessageCardViewModel): CardAttachment {
  const lines = vm.text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((text) => ({ text }));
  return expandMessageCard({ lang: vm.lang, rtl: isRightToLeft(vm.lang), fallbackText: vm.text, lines });
}
