import type { TopicCode } from '../../domain/intake/topics.js';
import { t } from '../../i18n/index.js';
import type { StaffLanguage } from '../../i18n/staff/index.js';

/**
 * Text helpers shared by the expert-channel cards (issue 5). Questions, answers, article texts,
 * training details and people's names are typed by people: these helpers keep them literal.
 *
 * How a card shows such text: always as a `TextRun` of a `RichTextBlock` (never a TextBlock,
 * whose text Teams reads as markdown, so `**x**` would turn bold), one block per line (a single
 * `\n` is not a line break everywhere), after {@link literalText}. `${…}` in a value is safe as it
 * is: adaptivecards-templating expands the template once and never re-reads the data it inserts.
 */

/** Longest excerpt of an answer or question in a list (suggestions, search results, the asker's card). */
export const EXCERPT_MAX = 300;

/**
 * The text with the renderer's date/time functions defused. Every Adaptive Card renderer, Teams
 * included, replaces `{{DATE(2026-01-01T00:00:00Z)}}` and `{{TIME(…)}}` in TextBlock AND TextRun
 * text by a formatted date; a WORD JOINER (U+2060, invisible, not a space) between the braces
 * breaks the pattern and shows exactly what was typed.
 */
export function literalText(text: string): string {
  return text.replace(/\{\{(?=\s*(?:DATE|TIME)\s*\()/gi, '{\u2060{');
}

/** One line of user text, as the templates' `RichTextBlock` `$data` rows expect. */
export interface TextLine {
  readonly text: string;
}

/** The text as lines for one `RichTextBlock` each: trimmed at the end, blank lines dropped, made literal. */
export function textLines(text: string): TextLine[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .map((line) => ({ text: literalText(line) }));
}

/**
 * At most `max` characters (code points, so an emoji is never split) of the text, cut at a word
 * boundary when one is near the end and marked with `…`, which counts in the `max`. Line breaks
 * become spaces: an excerpt is one paragraph.
 */
export function excerpt(text: string, max: number = EXCERPT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  // Back to the last word boundary only when it costs at most a sixth of the excerpt.
  const kept = space >= cut.length - Math.floor(max / 6) ? cut.slice(0, space) : cut;
  return `${kept.trimEnd()}…`;
}

/** A topic's label in the staff language: the intake's labels (GLOSSARY §2a), the same everywhere. */
export function topicLabel(topic: TopicCode, lang: StaffLanguage): string {
  return t(lang, `topic.${topic}`);
}
