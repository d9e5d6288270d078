import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CardAttachment } from '../../cards/adaptive-card.js';
import type { LanguageCode } from '../../domain/staff/staff.js';
import { isRightToLeft, SUPPORTED_LOCALES, t, type MessageKey } from '../../i18n/index.js';
import { escapeHtml } from '../../use-cases/booking/send-booking-email.js';

/** One file the page loads, held in memory: the list is fixed when the server starts. */
export interface PublicAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

export interface PublicAssets {
  /** By file name as it appears in `/book/assets/<name>`. */
  readonly files: ReadonlyMap<string, PublicAsset>;
}

/**
 * Reads the page's assets once: our script and style (`public/book/`, beside `src/` and `dist/`
 * alike, so the same relative path works from both) and the official Adaptive Cards renderer from
 * its package. Throws at start-up when one is missing: a page without its renderer is broken.
 */
export function loadPublicAssets(): PublicAssets {
  const folder = fileURLToPath(new URL('../../../public/book/', import.meta.url));
  const require = createRequire(import.meta.url);
  const js = 'text/javascript; charset=utf-8';
  return {
    files: new Map<string, PublicAsset>([
      ['book.js', { contentType: js, body: readFileSync(`${folder}book.js`) }],
      ['book.css', { contentType: 'text/css; charset=utf-8', body: readFileSync(`${folder}book.css`) }],
      ['adaptivecards.min.js', { contentType: js, body: readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js')) }],
    ]),
  };
}

/** Texts the page script needs besides the cards (progress and errors it shows itself). */
const SCRIPT_TEXTS = {
  loading: 'public.loading',
  network: 'public.error.network',
} as const satisfies Record<string, MessageKey>;

/**
 * The booking page: a header with the service's name and a language switch (plain links, so it
 * works before any script runs), a live status line for progress and errors, and the first card.
 * The card and texts travel as JSON in a non-executed `<script type="application/json">`, with `<`
 * escaped so no value can close the element; everything else inserted is HTML-escaped.
 */
export function renderPublicPage(input: { readonly lang: LanguageCode; readonly card: CardAttachment; readonly assets: PublicAssets }): string {
  const { lang } = input;
  const dir = isRightToLeft(lang) ? 'rtl' : 'ltr';
  const text = (key: MessageKey) => escapeHtml(t(lang, key));
  const config = {
    lang,
    texts: Object.fromEntries(Object.entries(SCRIPT_TEXTS).map(([name, key]) => [name, t(lang, key)])),
    card: input.card.content,
  };
  const languageLinks = SUPPORTED_LOCALES.map(
    (locale) =>
      `<li><a href="/book?lang=${locale.lang}" lang="${locale.lang}" dir="${locale.dir}" hreflang="${locale.lang}"${locale.lang === lang ? ' aria-current="page"' : ''}>${escapeHtml(locale.endonym)}</a></li>`,
  ).join('');
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${text('public.title')}</title>`,
    '<link rel="stylesheet" href="/book/assets/book.css">',
    '</head>',
    '<body>',
    '<header>',
    `<h1>${text('public.title')}</h1>`,
    `<p>${text('welcome.subtitle')}</p>`,
    `<nav aria-label="${text('welcome.languagePrompt')}"><ul class="languages">${languageLinks}</ul></nav>`,
    '</header>',
    '<main>',
    '<p id="status" class="status" role="status" aria-live="polite"></p>',
    '<div id="card" class="card"></div>',
    `<noscript><p class="status error">${text('public.noScript')}</p></noscript>`,
    '</main>',
    `<footer><p>${text('reply.emergency')}</p></footer>`,
    `<script id="neuvo-config" type="application/json">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`,
    '<script src="/book/assets/adaptivecards.min.js"></script>',
    '<script src="/book/assets/book.js"></script>',
    '</body>',
    '</html>',
  ].join('\n');
}
