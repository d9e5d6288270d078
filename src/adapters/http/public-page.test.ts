import { describe, expect, it } from 'vitest';
import { renderIntakeCard } from '../../cards/intake/intake-card.js';
import { PARTNER_MUNICIPALITIES } from '../../domain/municipality.js';
import { SUPPORTED_LANGUAGES } from '../../domain/staff/staff.js';
import { t } from '../../i18n/index.js';
import { loadPublicAssets, renderPublicPage } from './public-page.js';

const assets = loadPublicAssets();

describe('renderPublicPage', () => {
  it.each(SUPPORTED_LANGUAGES)('%s: page language, direction, title and a link to every language', (lang) => {
    const html = renderPublicPage({ lang, card: renderIntakeCard({ lang, municipalities: PARTNER_MUNICIPALITIES, channel: 'web' }), assets });
    expect(html).toContain(`<html lang="${lang}" dir="${lang === 'ar' || lang === 'fa' ? 'rtl' : 'ltr'}">`);
    expect(html).toContain(`<title>${t(lang, 'public.title')}</title>`);
    for (const other of SUPPORTED_LANGUAGES) expect(html).toContain(`href="/book?lang=${other}"`);
    expect(html.match(/aria-current="page"/g)).toHaveLength(1);
  });

  it('cannot be broken out of by a value in the card: the JSON never closes its script element', () => {
    const hostile = '</script><script>alert(1)</script><!--';
    const card = renderIntakeCard({ lang: 'en', municipalities: PARTNER_MUNICIPALITIES, channel: 'web', values: { name: hostile, description: hostile } });
    const html = renderPublicPage({ lang: 'en', card, assets });
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    const json = /<script id="neuvo-config" type="application\/json">(.*)<\/script>/.exec(html)![1]!;
    // The value survives intact for the renderer, which shows it as text.
    expect(JSON.stringify(JSON.parse(json))).toContain(JSON.stringify(hostile).slice(1, -1));
  });
});

describe('loadPublicAssets', () => {
  it('holds exactly the page script, its style and the official renderer', () => {
    expect([...assets.files.keys()].sort()).toEqual(['adaptivecards.min.js', 'book.css', 'book.js']);
    expect(assets.files.get('adaptivecards.min.js')?.body.toString('utf8')).toContain('AdaptiveCards');
  });
});
