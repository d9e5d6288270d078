import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '../domain/staff/staff.js';
import { t } from '../i18n/index.js';
import { renderMessageCard } from './message-card.js';
import { parseWithRenderer } from './testing/parse-adaptive-card.js';

describe('renderMessageCard', () => {
  it.each(SUPPORTED_LANGUAGES)('%s help text is a valid 1.5 card with one TextBlock per line', (lang) => {
    const text = t(lang, 'reply.help');
    const sut = renderMessageCard({ lang, text });

    const verdict = parseWithRenderer(sut.content);
    expect(verdict.parseErrors).toEqual([]);
    expect(verdict.validationErrors).toEqual([]);
    expect(verdict.droppedProperties).toEqual([]);
    expect(sut.content.body).toEqual(text.split('\n').map((line) => ({ type: 'TextBlock', text: line, wrap: true })));
    expect(sut.content).toMatchObject({ version: '1.5', lang, rtl: lang === 'ar' || lang === 'fa', fallbackText: text });
  });

  it('drops blank lines', () => {
    expect(renderMessageCard({ lang: 'en', text: 'One\n\n  \nTwo' }).content.body).toEqual([
      { type: 'TextBlock', text: 'One', wrap: true },
      { type: 'TextBlock', text: 'Two', wrap: true },
    ]);
  });
});
