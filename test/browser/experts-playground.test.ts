import { describe, expect, it } from 'vitest';
import { SEARCH_KNOWLEDGE_BASE_COMMAND } from '../../src/adapters/teams/routes/expert-extension.js';
import { staffText } from '../../src/i18n/staff/index.js';
import { botMessages, reportFailure, requirePage, requireStack, screenshot, usePlaygroundSession } from './playground-session.js';

/**
 * Issue 5 in the local Teams client: `npm start` as the demo social worker (NEUVO_AS=municipal_staff),
 * driven by headless Chromium. "Ask an expert" → the ask card → Continue → the question scrubbed and
 * the demo knowledge base's matching answer → Send to the experts → "Question #1 was sent".
 * Then the message extension's knowledge-base search from the compose box. Screenshots in
 * test-results/. The Playground sends `locale: en-US`, so the texts are English.
 */
describe('Ask an expert in the Agents Playground', () => {
  const session = usePlaygroundSession('neuvo-experts-browser-', 'municipal_staff');

  it('asks, sees the suggestion, sends the question on', async ({ onTestFailed }) => {
    onTestFailed(() => reportFailure(session, 'experts-ask'));
    const p = requirePage(session.page);
    await p.goto(requireStack(session.stack).playgroundUrl.replace('//localhost:', '//127.0.0.1:'));
    const composer = p.getByRole('textbox').last();
    await composer.waitFor();
    await composer.click();
    await composer.fill('Ask an expert');
    await p.keyboard.press('Enter');

    const ask = botMessages(p).filter({ hasText: staffText('en', 'experts.ask.privacy') }).last();
    await ask.waitFor();
    await ask.getByRole('textbox').first().fill('A client (010190-123A) has a residence permit that ends next month. How is an extended permit applied for?');
    const topic = ask.getByRole('combobox').first();
    await topic.click();
    await p.getByRole('option', { name: 'Residence permit' }).first().click();
    await screenshot(p, 'playground-experts-ask');
    await ask.getByRole('button', { name: staffText('en', 'experts.ask.next') }).click();

    const suggestions = botMessages(p).filter({ hasText: staffText('en', 'experts.suggest.asSent') }).last();
    await suggestions.waitFor();
    expect(await suggestions.innerText()).not.toContain('010190-123A');
    await suggestions.getByText('Enter Finland', { exact: false }).first().waitFor();
    await screenshot(p, 'playground-experts-suggestions');
    await suggestions.getByRole('button', { name: staffText('en', 'experts.suggest.send') }).click();

    await botMessages(p).filter({ hasText: staffText('en', 'experts.sent.text', { number: 1 }) }).first().waitFor();
    await screenshot(p, 'playground-experts-sent');
  }, 120_000);

  it('searches the knowledge base with the message extension (Search Command → searchKnowledgeBase)', async ({ onTestFailed }) => {
    onTestFailed(() => reportFailure(session, 'experts-search'));
    const p = requirePage(session.page);
    await p.getByRole('button', { name: 'Trigger Message Extension App' }).click();
    await p.getByRole('menuitem', { name: 'Search Command' }).click();
    // The Playground does not read the manifest's commands: it asks for the id and parameter name.
    await p.getByRole('button', { name: /Specify Command ID/ }).click();
    await p.getByPlaceholder('Command ID').fill(SEARCH_KNOWLEDGE_BASE_COMMAND);
    await p.getByPlaceholder('Parameter name').fill('query');
    const search = p.getByPlaceholder('Enter a search term');
    await search.fill('asunto');
    await search.press('Enter');
    await p.getByText('Mistä perhe saa apua vuokra-asunnon hakemiseen?', { exact: false }).first().waitFor();
    await screenshot(p, 'playground-experts-kb-search');
  }, 60_000);
});
