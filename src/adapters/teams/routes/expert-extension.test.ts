import { describe, expect, it } from 'vitest';
import { asSubmitActions, plainText } from './expert-extension.js';

describe("the question taken from a Teams message's HTML", () => {
  it('keeps the words and line breaks and drops the markup', () => {
    expect(plainText('<p>Perheen <strong>asumistuki</strong> &amp; vuokra?</p><p>Äiti&nbsp;sanoi:<br>&quot;ei&quot; &lt;heti&gt;</p>')).toBe('Perheen asumistuki & vuokra?\nÄiti sanoi:\n"ei" <heti>');
  });

  it('decodes numeric entities once, and leaves impossible or unknown ones as written', () => {
    expect(plainText('J&#228;rjestys &#x2013; it&#39;s &#X1F600;')).toBe('Järjestys – it\'s 😀');
    // "&amp;lt;" is the text "&lt;" as the sender typed it, not "<".
    expect(plainText('&amp;lt; &amp;#39;')).toBe('&lt; &#39;');
    expect(plainText('&#0; &#xD800; &#1114112; &constructor; &toString; &hellip;')).toBe('&#0; &#xD800; &#1114112; &constructor; &toString; &hellip;');
  });

  it('collapses runs of blank lines and trims', () => {
    expect(plainText('<div></div><div></div><div>a</div><div></div><div></div><div></div><div>b</div>  ')).toBe('a\n\nb');
  });
});

describe('the bot\'s cards in a dialog', () => {
  it('turns every Action.Execute into an Action.Submit that carries its verb, and drops the refresh', () => {
    const card = {
      type: 'AdaptiveCard',
      refresh: { action: { type: 'Action.Execute', verb: 'x.refresh' } },
      body: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Send', verb: 'experts.escalate', data: { articleId: 'a1' } }] }],
      actions: [{ type: 'Action.Execute', title: 'Continue', verb: 'experts.suggest' }, { type: 'Action.OpenUrl', url: 'https://example.org/' }],
    };
    expect(asSubmitActions(card)).toEqual({
      type: 'AdaptiveCard',
      body: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Send', data: { articleId: 'a1', verb: 'experts.escalate' } }] }],
      actions: [{ type: 'Action.Submit', title: 'Continue', data: { verb: 'experts.suggest' } }, { type: 'Action.OpenUrl', url: 'https://example.org/' }],
    });
  });
});
