import { expect } from 'vitest';
import { ADAPTIVE_CARD_CONTENT_TYPE, type CardAttachment } from '../adaptive-card.js';
import { parseWithRenderer } from './parse-adaptive-card.js';

/**
 * Asserts that a rendered card is what Teams gets: an Adaptive Card 1.5 attachment in `lang` that
 * the official renderer parses without errors or dropped properties, with no template left over.
 */
export function expectValidCard(attachment: CardAttachment, lang: string): void {
  expect(attachment.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
  expect(attachment.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5', lang });
  const verdict = parseWithRenderer(attachment.content);
  expect(verdict.parseErrors).toEqual([]);
  expect(verdict.validationErrors).toEqual([]);
  expect(verdict.droppedProperties).toEqual([]);
  expect(verdict.card.version.toString()).toBe('1.5');
  expect(JSON.stringify(attachment.content)).not.toContain('${');
}
